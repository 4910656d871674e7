# Load: a batch of 10,000 tiny images with -j 2. While it runs, the process's open descriptors and
# resident memory are sampled from /proc: descriptors must stay at a handful (one leaked per file
# would reach thousands) and memory must stay flat (the second half of the run no higher than the
# first, give or take allocator noise). Every output must land, and every input be reported.
# usage: bash harden_load.sh TCONV SOURCE_DIR
set -u
tconv=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some runs change directory
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"
count=10000

# One tiny 3x2 RGB PNG, written under 10,000 names, listed in a file (one name is a broken image,
# so the error path runs under load too).
/usr/bin/python3 - "$tmp/in" "$count" <<'EOF'
import os, struct, sys, zlib
d, n = sys.argv[1], int(sys.argv[2])
os.mkdir(d)
chunk = lambda k, v: struct.pack(">I", len(v)) + k + v + struct.pack(">I", zlib.crc32(k + v))
rows = b"".join(b"\0" + bytes(range(y * 18, y * 18 + 9)) for y in range(2))
data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
with open(f"{d}/../list", "w") as names:
    for i in range(n):
        path = f"{d}/img{i:05d}.png"
        open(path, "wb").write(data if i != n // 2 else b"\x89PNG broken")
        names.write(path + "\n")
EOF
mkdir "$tmp/out"

"$tconv" --files-from "$tmp/list" -d "$tmp/out" -j 2 -s 2 --json >"$tmp/stdout" 2>"$tmp/err" &
pid=$!
: >"$tmp/samples"
while kill -0 $pid 2>/dev/null; do
    fds=$(ls /proc/$pid/fd 2>/dev/null | wc -l)
    rss=$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status 2>/dev/null)
    [ -n "$rss" ] && [ "$fds" -gt 0 ] && echo "$fds $rss" >>"$tmp/samples"
    sleep 0.05
done
wait $pid
rc=$?

samples=$(wc -l <"$tmp/samples")
max_fds=$(sort -n "$tmp/samples" | tail -1 | cut -d' ' -f1)
echo "exit $rc; $samples samples; most descriptors open at once: $max_fds"
[ "$rc" = 1 ] || fail "exit $rc, expected 1 (one broken input)"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "expected one error line, got: $(head -3 "$tmp/err")"
grep -q "img$(printf %05d $((count / 2))).png: " "$tmp/err" || fail "the broken input is not the one reported"
[ "$(grep -c '"ok":true' "$tmp/stdout")" = $((count - 1)) ] || fail "not $((count - 1)) successes reported"
[ "$(grep -c '"ok":false' "$tmp/stdout")" = 1 ] || fail "not one failure reported"
[ "$(ls "$tmp/out" | wc -l)" = $((count - 1)) ] || fail "$(ls "$tmp/out" | wc -l) outputs, expected $((count - 1))"
[ "$samples" -ge 4 ] || fail "only $samples samples: the run was too short to judge"
# stdin, stdout, stderr and at most one input and one temp file per worker, plus slack for the
# sanitizer runtimes' own descriptors.
[ "${max_fds:-999}" -le 16 ] || fail "$max_fds descriptors open at once"

# Flat memory: the highest RSS of the last half of the samples vs the first half. Sanitizer builds
# keep freed memory in quarantine on purpose, so only plain builds are held to it.
if ! grep -qa __asan_init "$tconv" && [ "$samples" -ge 4 ]; then
    half=$((samples / 2))
    early=$(head -n "$half" "$tmp/samples" | cut -d' ' -f2 | sort -n | tail -1)
    late=$(tail -n +"$((half + 1))" "$tmp/samples" | cut -d' ' -f2 | sort -n | tail -1)
    echo "peak RSS: first half $early KiB, second half $late KiB"
    [ "$late" -le $((early + early / 4 + 4096)) ] || fail "memory grew: $early KiB -> $late KiB"
fi

[ $failures = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
