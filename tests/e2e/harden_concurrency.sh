# Two tconv processes writing the same output path at the same time, many rounds: both succeed, and
# the path always holds one complete PNG, byte for byte the one or the other process's output
# (never a mix, never truncated), with no temp file left beside it.
# usage: bash harden_concurrency.sh TCONV SOURCE_DIR
set -u
tconv=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some runs change directory
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

# in.png: 160x120 RGB noise, so each output is a few hundred kB and the two writes overlap in time.
/usr/bin/python3 - "$tmp/in.png" <<'EOF'
import random, struct, sys, zlib
w, h = 160, 120
rng = random.Random(3)
rows = b"".join(b"\0" + bytes(rng.randrange(256) for _ in range(w * 3)) for _ in range(h))
chunk = lambda k, v: struct.pack(">I", len(v)) + k + v + struct.pack(">I", zlib.crc32(k + v))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                              + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
EOF
# The two jobs differ only in their kernel, so their outputs differ and take about as long.
job_a=(-f 4 -s 4 -k bilinear)
job_b=(-f 4 -s 4 -k gaussian)
"$tconv" "$tmp/in.png" "${job_a[@]}" -o "$tmp/ref_a.png" -q || fail "reference a"
"$tconv" "$tmp/in.png" "${job_b[@]}" -o "$tmp/ref_b.png" -q || fail "reference b"
cmp -s "$tmp/ref_a.png" "$tmp/ref_b.png" && fail "the two references are the same"

mkdir "$tmp/out"
rounds=12
seen_a=0
seen_b=0
for ((i = 0; i < rounds; i++)); do
    # Alternate which one starts first, so that each is the last to finish now and then.
    if ((i % 2)); then
        "$tconv" "$tmp/in.png" "${job_a[@]}" -o "$tmp/out/same.png" -q -j 1 2>"$tmp/err_a" &
        pid_a=$!
        "$tconv" "$tmp/in.png" "${job_b[@]}" -o "$tmp/out/same.png" -q -j 1 2>"$tmp/err_b" &
        pid_b=$!
    else
        "$tconv" "$tmp/in.png" "${job_b[@]}" -o "$tmp/out/same.png" -q -j 1 2>"$tmp/err_b" &
        pid_b=$!
        "$tconv" "$tmp/in.png" "${job_a[@]}" -o "$tmp/out/same.png" -q -j 1 2>"$tmp/err_a" &
        pid_a=$!
    fi
    wait $pid_a || fail "round $i: process a exited $?: $(cat "$tmp/err_a")"
    wait $pid_b || fail "round $i: process b exited $?: $(cat "$tmp/err_b")"
    [ -s "$tmp/err_a" ] || [ -s "$tmp/err_b" ] && fail "round $i: stderr: $(cat "$tmp/err_a" "$tmp/err_b")"
    if cmp -s "$tmp/out/same.png" "$tmp/ref_a.png"; then
        seen_a=$((seen_a + 1))
    elif cmp -s "$tmp/out/same.png" "$tmp/ref_b.png"; then
        seen_b=$((seen_b + 1))
    else
        fail "round $i: same.png ($(stat -c %s "$tmp/out/same.png") bytes) is neither output"
    fi
    left=$(ls -A "$tmp/out")
    [ "$left" = same.png ] || fail "round $i: the directory holds: $left"
done
echo "$rounds rounds: a's output won $seen_a times, b's $seen_b times; never a mix, never a temp file"

[ $failures = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
