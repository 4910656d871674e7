# Bounded work, and one number syntax: --max-work refuses a convolution too large to finish before it
# starts (main job and fit), planning costs what the kernel has, not kernel x stride, and every
# integer option takes decimal digits only.
# usage: bash harden_bounds.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
art=$src/samples/article.png

# expect_number_error OPTION VALUE: exactly one stderr line, "OPTION VALUE: must be MIN to MAX (decimal digits only)".
expect_number_error() {
    local line
    line=$(cat "$work/.cap/stderr")
    [[ $line == "tconv: error: $1 $2: must be "[0-9]*" to "[0-9]*" (decimal digits only)" ]] || { fail "not a number error"; show_streams; }
}
# expect_one_error REGEX: exactly one stderr line, matching.
expect_one_error() {
    [ "$(wc -l <"$work/.cap/stderr")" = 1 ] || { fail "expected one stderr line"; show_streams; }
    grep -qE "$1" "$work/.cap/stderr" || { fail "stderr does not match $1"; show_streams; }
}

case_ "a 512x512 input with a dense 512x512 kernel: over the default --max-work, refused before it starts"
run "$art" -f 128 -s 128 -o in512.png -q
expect_rc 0
python3 -c "
import random
r = random.Random(2)
print('\n'.join(' '.join(str(r.randint(-3, 3)) for _ in range(512)) for _ in range(512)))" >dense512.txt
run in512.png -k @dense512.txt -o big.png
expect_rc 1
expect_one_error '^tconv: error: in512.png: would take 206158430208 multiply-adds, over the limit of 100000000000 \(--max-work\)$'
[ -e big.png ] && fail "big.png was written"

case_ "--max-work is checked from the header, before any pixel is decoded (a PNG with no image data)"
python3 -c "
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
sys.stdout.buffer.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 2000, 2000, 8, 2, 0, 0, 0))
                        + chunk(b'IEND', b''))" >header_only.png
# A rank-2 kernel: dense, 2000 x 2000 x 9 = 36000000 for one channel.
run header_only.png -k '1,2,3;4,5,6;7,8,10' -s 1 --max-work 1000000 -o hdr.png
expect_rc 1
expect_one_error '^tconv: error: header_only.png: would take at least 36000000 multiply-adds, over the limit of 1000000 \(--max-work\)$'
[ -e hdr.png ] && fail "hdr.png was written"

case_ "the same size of ones kernel is separable: its rows plus its columns, well within the default"
run in512.png -f 512 -o ones.png -q
expect_rc 0
expect_file ones.png

case_ "--max-work raised or lowered (-f 3 on 4x4x3, separable: 3 x 4 x (4 x 3 + 6 x 3) = 360)"
run "$art" -f 3 -o small.png --max-work 360 -q
expect_rc 0
run "$art" -f 3 -o small2.png --max-work 359
expect_rc 1
expect_one_error 'would take 360 multiply-adds, over the limit of 359 \(--max-work\)'
[ -e small2.png ] && fail "small2.png was written"

case_ "fit: steps x pairs x 2 convolutions over --max-work"
run fit "$art" "$art" -f 1 --steps 1000 --max-work 95999 -o k.txt
expect_rc 1
expect_one_error '^tconv: error: --steps 1000: would take 96000 multiply-adds, over the limit of 95999 \(--max-work\)$'
[ -e k.txt ] && fail "k.txt was written"

case_ "a 1x4194304 kernel at stride 1x4096: the plan costs the taps (hang guard: 300 s, 600 s in a sanitizer build)"
# An unplanned O(k x width) loop would take hours; a sanitizer build's unoptimised loops take minutes.
guard=300
grep -qa __asan_init "$tconv" && guard=600
timeout $guard "$tconv" "$art" -f 1x4194304 -s 1x4096 -o wide.png -q -j 2
rc=$?
expect_rc 0

case_ "one number syntax: decimal digits only"
for args in "-j 0x10" "-j +4" "-j 4.0" "-j 1e1" "--max-pixels 1e6" "--max-work -5" "--compression 0b1"; do
    read -r option value <<<"$args"
    run "$art" -f 2 -o n.png "$option" "$value"
    expect_rc 2
    expect_number_error "$option" "$value"
done
run "$art" -f 2 -o n.png -j " 4"
expect_rc 2
for args in "--seed -1" "--steps 1e3" "--steps 1000001" "-j 0x2"; do
    read -r option value <<<"$args"
    run fit "$art" "$art" -f 1 --init random -o k.txt "$option" "$value"
    expect_rc 2
    expect_number_error "$option" "$value"
done
[ -e n.png ] || [ -e k.txt ] && fail "a file was written after a usage error"
run "$art" -f 2 -o ten.png -j 010 -q  # ten threads, never octal eight
expect_rc 0

finish
