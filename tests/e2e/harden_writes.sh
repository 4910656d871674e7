# Outputs that cannot be completed: a file-size limit (SIGXFSZ ignored, so write() fails with EFBIG),
# `-o -` into /dev/full, a path under a regular file, a missing directory, an output that is a
# directory. Each: one "tconv: error:" line naming the output, exit 1 (2 when -o is refused before
# any work), no file and no temp file left, and in a batch the other inputs still land. Nothing here
# relies on permissions (CI runs as root).
# usage: bash harden_writes.sh TCONV SOURCE_DIR
set -u
tconv=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some runs change directory
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

# check NAME RC_EXPECTED STDERR_REGEX: the last run's exit status and its stderr, line by line.
check() {
    local name=$1 want=$2 regex=$3
    printf '%-24s exit %s, stderr: %s\n' "$name" "$rc" "$(tr '\n' '|' <"$tmp/err")"
    [ "$rc" = "$want" ] || fail "$name: exit $rc, expected $want"
    [ "$(wc -l <"$tmp/err")" = 1 ] || fail "$name: expected exactly one stderr line"
    grep -qE "^tconv: error: $regex\$" "$tmp/err" || fail "$name: stderr does not match '$regex'"
}
no_temp_files() {
    local left
    left=$(find "$tmp" -name '*.tconv-*')
    [ -z "$left" ] || fail "$1: temp files left: $left"
}

mkdir -p "$tmp/in" "$tmp/out"
# big.png: 96x96 RGB noise (no PNG encoder shrinks it to under 20 kB); small*.png: 2x2 grey.
/usr/bin/python3 - "$tmp/in" <<'EOF'
import random, struct, sys, zlib
d = sys.argv[1]
def png(name, w, h, ctype, channels, pixel):
    chunk = lambda k, v: struct.pack(">I", len(v)) + k + v + struct.pack(">I", zlib.crc32(k + v))
    rows = b"".join(b"\0" + bytes(pixel(x, y) for x in range(w * channels)) for y in range(h))
    open(f"{d}/{name}", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ctype, 0, 0, 0))
                                    + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
rng = random.Random(7)
png("big.png", 96, 96, 2, 3, lambda x, y: rng.randrange(256))
for i in (1, 2):
    png(f"small{i}.png", 2, 2, 0, 1, lambda x, y: 60 * i + x + y)
EOF
in=$tmp/in
out=$tmp/out

# 1. File-size limit of 4 KiB with SIGXFSZ ignored: the big output fails, the small ones land.
(trap '' XFSZ; exec prlimit --fsize=4096 -- "$tconv" "$in/small1.png" "$in/big.png" "$in/small2.png" -f 1 -d "$out" -q) \
    >"$tmp/stdout" 2>"$tmp/err"
rc=$?
check fsize_batch 1 "$out/big.png: .*(File too large|too large).*"
[ -e "$out/big.png" ] && fail "fsize_batch: big.png left behind ($(stat -c %s "$out/big.png") bytes)"
for s in small1 small2; do
    /usr/bin/python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); sys.exit(d[:8] != b"\x89PNG\r\n\x1a\n" or not d.endswith(b"IEND\xaeB`\x82"))' \
        "$out/$s.png" 2>/dev/null || fail "fsize_batch: $s.png did not land as a complete PNG"
done
[ -s "$tmp/stdout" ] && fail "fsize_batch: -q printed on stdout"
no_temp_files fsize_batch
rm -f "$out"/*

# 2. -o - into /dev/full: the PNG cannot be written to stdout.
"$tconv" "$in/big.png" -f 1 -o - >/dev/full 2>"$tmp/err"
rc=$?
check stdout_dev_full 1 "-: .*No space left on device.*"
# The same for the JSON report of an output that did land: the report is lost, so exit 1.
"$tconv" "$in/small1.png" -o "$out/r.png" --json >/dev/full 2>"$tmp/err"
rc=$?
check report_dev_full 1 "stdout: .*"
rm -f "$out"/*

# 3. A path under a regular file, 4. a missing directory: -o checks its directory before reading
# anything, so these are usage errors (exit 2) naming --output; 5. an output path that is a
# directory, found only at the rename: exit 1, and the batch's other input still lands.
echo "not a directory" >"$tmp/regular"
"$tconv" "$in/small1.png" -o "$tmp/regular/x.png" >"$tmp/stdout" 2>"$tmp/err"
rc=$?
check under_regular_file 2 "--output $tmp/regular/x.png: .*"
[ "$(cat "$tmp/regular")" = "not a directory" ] || fail "under_regular_file: the regular file changed"
"$tconv" "$in/small1.png" -o "$tmp/missing/x.png" >"$tmp/stdout" 2>"$tmp/err"
rc=$?
check missing_directory 2 "--output $tmp/missing/x.png: .*does not exist.*"
[ -e "$tmp/missing" ] && fail "missing_directory: the directory was created"
no_temp_files missing_directory
mkdir "$out/small2.png"
"$tconv" "$in/small1.png" "$in/small2.png" -d "$out" -q >"$tmp/stdout" 2>"$tmp/err"
rc=$?
check output_is_directory 1 "$out/small2.png: .*(is a directory|Is a directory).*"
[ -f "$out/small1.png" ] || fail "output_is_directory: the other input of the batch did not land"
[ -z "$(ls -A "$out/small2.png")" ] || fail "output_is_directory: something was written into the directory"
no_temp_files output_is_directory
[ -s "$tmp/stdout" ] && fail "stdout not empty: $(cat "$tmp/stdout")"

[ $failures = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "every failed write left nothing behind"
