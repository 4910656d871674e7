# Hostile images through the built tconv: headers at and past stb's limits, zero sizes, a small PNG
# that really holds 30000x30000 pixels, outputs whose size overflows 32 and 64 bits. Each must end in
# exit 1, one "tconv: error:" line, no output file, and a bounded peak memory (measured; outside
# sanitizer builds also run under `prlimit --as`, where running out of memory must be an error too).
# usage: bash harden_hostile.sh TCONV SOURCE_DIR
set -u
tconv=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: some runs change directory
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

# Sanitizer builds reserve terabytes of address space, so address-space limits and RSS bounds only
# apply to plain builds; huge requests must come back as null there too, as from glibc.
asan=0
grep -qa __asan_init "$tconv" && asan=1
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}allocator_may_return_null=1

# run NAME AS_MB CMD...: runs CMD (under prlimit --as=AS_MB MiB when AS_MB > 0 and not ASan), in
# $tmp/out; leaves stdout, stderr, exit status (128+N for signal N) and peak RSS in KiB in files.
run() {
    local name=$1 as_mb=$2
    shift 2
    local prefix=()
    [ "$as_mb" -gt 0 ] && [ $asan = 0 ] && prefix=(prlimit --as=$((as_mb * 1024 * 1024)) --)
    (cd "$tmp/out" && /usr/bin/python3 -c '
import resource, subprocess, sys
name = sys.argv[1]
with open(name + ".stdout", "wb") as out, open(name + ".stderr", "wb") as err:
    code = subprocess.run(sys.argv[2:], stdout=out, stderr=err).returncode
print(code if code >= 0 else 128 - code, file=open(name + ".rc", "w"))
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=open(name + ".rss", "w"))
' "$tmp/res/$name" "${prefix[@]}" "$@")
}

# expect_error NAME FILE REASON_REGEX MAX_RSS_MB [EXIT=1]: that exit status, nothing on stdout, one
# stderr line "tconv: error: FILE: ..." matching REASON_REGEX, no file left in out/, peak RSS bounded.
expect_error() {
    local name=$1 file=$2 reason=$3 max_mb=$4 want=${5:-1} r=$tmp/res/$1
    local rc rss lines
    rc=$(cat "$r.rc")
    rss=$(cat "$r.rss")
    lines=$(wc -l <"$r.stderr")
    printf '%-28s exit %s, peak RSS %6d KiB, stderr: %s\n' "$name" "$rc" "$rss" "$(head -c 160 "$r.stderr")"
    [ "$rc" = "$want" ] || fail "$name: exit $rc, expected $want"
    [ -s "$r.stdout" ] && fail "$name: stdout not empty: $(cat "$r.stdout")"
    [ "$lines" = 1 ] || fail "$name: $lines stderr lines, expected 1"
    grep -qE "^tconv: error: $file: $reason\$" "$r.stderr" || fail "$name: stderr does not match '$file: $reason'"
    [ -z "$(ls -A "$tmp/out")" ] || fail "$name: left files: $(ls -A "$tmp/out")"
    [ $asan = 0 ] && [ "$rss" -gt $((max_mb * 1024)) ] && fail "$name: peak RSS $rss KiB over $max_mb MiB"
    rm -f "$tmp/out/"*
}

mkdir -p "$tmp/in" "$tmp/out" "$tmp/res"
/usr/bin/python3 - "$tmp/in" <<'EOF'
import struct, sys, zlib
d = sys.argv[1]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
def png(name, w, h, idat=b""):
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    with open(f"{d}/{name}", "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + (chunk(b"IDAT", idat) if idat else b"") + chunk(b"IEND", b""))
png("stb_max.png", 1 << 24, 1 << 24)          # stb's largest axis, both axes
png("stb_over.png", (1 << 24) + 1, 1)         # one past stb's limit
png("int_over.png", 1 << 31, 1 << 31)         # negative as a 32-bit int
png("cap_over.png", 20000, 15000)             # passes stb, 300M pixels > the 2^28 cap
png("zero_w.png", 0, 5)
png("zero_h.png", 5, 0)
open(f"{d}/gif_max.gif", "wb").write(b"GIF89a" + struct.pack("<HHBBB", 65535, 65535, 0, 0, 0) + b",\0\0\0\0\xff\xff\xff\xff\0\x02\x02\x44\x01\0;")
open(f"{d}/gif_zero.gif", "wb").write(b"GIF89a" + struct.pack("<HHBBB", 0, 0, 0, 0, 0) + b",\0\0\0\0\0\0\0\0\0\x02\x02\x44\x01\0;")
open(f"{d}/pnm_max.pgm", "wb").write(b"P5\n16777216 16777216\n255\n\0")
open(f"{d}/pnm_zero.pgm", "wb").write(b"P5\n0 7\n255\n")
open(f"{d}/hdr_max.hdr", "wb").write(b"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 16777216 +X 16777216\n\0\0\0\0")
bmp = b"BM" + struct.pack("<IHHI", 0, 0, 0, 54) + struct.pack("<IiiHHIIiiII", 40, 1 << 24, -(1 << 24), 1, 24, 0, 0, 0, 0, 0, 0)
open(f"{d}/bmp_max.bmp", "wb").write(bmp)
# The bomb: 30000x30000 grey, all zero (filter bytes too), really there: deflate blocks of 1 MiB of
# zeros, each ended by a full flush so the same bytes repeat, then the real remainder and Adler-32.
w = h = 30000
raw = h * (w + 1)
block = 1 << 20
c = zlib.compressobj(9)
head = c.compress(b"\0" * block) + c.flush(zlib.Z_FULL_FLUSH)
again = c.compress(b"\0" * block) + c.flush(zlib.Z_FULL_FLUSH)
tail = c.compress(b"\0" * (raw % block)) + c.flush()
full_blocks = raw // block
idat = head + again * (full_blocks - 1) + tail
assert zlib.decompressobj().decompress(idat[: len(head) + 2 * len(again)]) == b"\0" * (3 * block)
png("bomb.png", w, h, idat)
png("small.png", 5, 5, zlib.compress(b"\0\x10\x20\x30\x40\x50" * 5))
EOF
bomb_kb=$(( $(stat -c %s "$tmp/in/bomb.png") / 1024 ))
echo "bomb.png: 30000x30000 in $bomb_kb KiB"
[ "$bomb_kb" -lt 2048 ] || fail "bomb.png is $bomb_kb KiB, not small"

# Headers: refused from the header alone, within a few MiB, under a 512 MiB address space.
in=$tmp/in
for f in stb_over.png int_over.png zero_w.png zero_h.png gif_zero.gif pnm_zero.pgm bmp_max.bmp; do
    run "$f" 512 "$tconv" "$in/$f" -o "$tmp/out/x.png"
    expect_error "$f" "$in/$f" "(not a readable image|image has no pixels).*" 64
done
for f in stb_max.png cap_over.png gif_max.gif pnm_max.pgm hdr_max.hdr; do
    run "$f" 512 "$tconv" "$in/$f" -o "$tmp/out/x.png"
    expect_error "$f" "$in/$f" "image is [0-9]+x[0-9]+ = [0-9]+ pixels, over the limit of 268435456 \(--max-pixels\)" 64
done
run cap_lowered 512 "$tconv" "$in/small.png" --max-pixels 24 -o "$tmp/out/x.png"
expect_error cap_lowered "$in/small.png" "image is 5x5 = 25 pixels, over the limit of 24 \(--max-pixels\)" 64

# The bomb: refused from its header under the default cap; with the cap raised past it, the
# 900 MB image fits a 1 GiB address space, and the stream's Adler-32 (which covers only the bytes
# compressed once, not the repeated blocks) is refused once inflated (a plain build only: ASan has
# no such limit).
run bomb_default 512 "$tconv" "$in/bomb.png" -o "$tmp/out/x.png"
expect_error bomb_default "$in/bomb.png" "image is 30000x30000 = 900000000 pixels, over the limit of 268435456 \(--max-pixels\)" 64
if [ $asan = 0 ]; then
    run bomb_raised 1024 "$tconv" "$in/bomb.png" --max-pixels 1000000000 -o "$tmp/out/x.png"
    expect_error bomb_raised "$in/bomb.png" "(cannot decode image \(IDAT stream error\)|out of memory)" 1024
fi

# Output sizes: past 2^32 pixels (refused by the output cap before any allocation), past 2^64
# (overflow is an error, not a wrap-around), and a raised cap that meets the address-space limit.
run out_32bit 512 "$tconv" "$in/small.png" -s 70000 -o "$tmp/out/x.png"
expect_error out_32bit "$in/small.png" "output would be 280003x280003 = 78401680009 pixels, over the limit of 268435456 \(--max-pixels\)" 64
run out_64bit 512 "$tconv" "$in/small.png" -s 2147483647 -o "$tmp/out/x.png"
expect_error out_64bit "$in/small.png" ".*(overflow|over the limit).*" 64
run out_64bit_dilation 512 "$tconv" "$in/small.png" -f 3 --dilation 2147483647 -s 2147483647 -o "$tmp/out/x.png"
expect_error out_64bit_dilation "$in/small.png" ".*(overflow|over the limit).*" 64
if [ $asan = 0 ]; then
    # A PNG or PPM streams in bounded memory (to a file of that size); a WebP is made whole, 78 GB here.
    run out_raised 512 "$tconv" "$in/small.png" -s 70000 --max-pixels 1099511627776 -o "$tmp/out/x.webp"
    expect_error out_raised "$in/small.png" "out of memory" 512
fi

# A filter size whose kernel could not be held in memory is a usage error, before any input is read.
run huge_filter 512 "$tconv" "$in/small.png" -f 1x2147483647 -o "$tmp/out/x.png"
expect_error huge_filter "--kernel" "filter size 1x2147483647 has more than 16777216 weights" 64 2

# Threads that cannot be started (64 asked for, in 48 MiB of address space: each would reserve
# more) leave the work to the threads that did start: the job still succeeds.
if [ $asan = 0 ]; then
    run few_threads 48 "$tconv" "$in/small.png" -s 40 -j 64 -o "$tmp/out/x.png" -q
    [ "$(cat "$tmp/res/few_threads.rc")" = 0 ] && [ -s "$tmp/out/x.png" ] && [ ! -s "$tmp/res/few_threads.stderr" ] ||
        fail "64 threads in 48 MiB: exit $(cat "$tmp/res/few_threads.rc"): $(cat "$tmp/res/few_threads.stderr")"
    rm -f "$tmp/out/"*
fi

# The same limit leaves room for ordinary work: the cases above failed for their size, not the limit.
run small_ok 512 "$tconv" "$in/small.png" -s 2 -o "$tmp/out/x.png"
[ "$(cat "$tmp/res/small_ok.rc")" = 0 ] || fail "small.png under the 512 MiB limit: exit $(cat "$tmp/res/small_ok.rc"): $(cat "$tmp/res/small_ok.stderr")"
[ -s "$tmp/out/x.png" ] || fail "small.png under the 512 MiB limit: no output"

[ $failures = 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
echo "all hostile images refused cleanly"
