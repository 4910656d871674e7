# Work and memory that multiply past the caps: every image is counted against --max-pixels
# as it is really made (channels, bytes per sample, frames, the feature-map sheet) before it is made,
# a kernel too big for --max-work is refused before it is built, and kernel building, planning and
# overlap counting cost what the sizes hold, not their square. Each hostile command must end in the
# expected exit status with one error line naming the cap and nothing written; `timeout 20` turns a
# hang into a failure (exit 124) rather than a wait.
# usage: bash harden_caps.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
mkdir out

# run_bounded ARGS...: as run, in out/, ended after 20 s.
run_bounded() {
    (cd out && timeout 20 "$tconv" "$@" </dev/null >"$work/.cap/stdout" 2>"$work/.cap/stderr")
    rc=$?
}
# expect_nothing_written: out/ holds no file at all (no output, temp or partial file); emptied for the next case.
expect_nothing_written() {
    expect_dir_empty out
    rm -rf out && mkdir out
}

/usr/bin/python3 - <<'PY'
import struct, zlib
import numpy as np
from PIL import Image
Image.fromarray(np.full((1024, 1024), 100, np.uint8)).save("flat1024.png", optimize=True)
Image.fromarray(np.full((1, 1), 7, np.uint8)).save("one.png")
Image.fromarray(np.full((100, 100), 50, np.uint8)).save("grey100.png")
np.save("c256.npy", np.ones((1, 256, 1, 1), np.float32))      # 1 -> 256 channels, 1 KiB
np.save("c65536.npy", np.ones((1, 65536, 1, 1), np.float32))  # 1 -> 65536 channels
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
# A 16-bit RGBA 16384x16384 PNG's header alone: 2^31 bytes of samples, refused before any IDAT is read.
open("rgba16.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16384, 16384, 16, 6, 0, 0, 0))
                               + chunk(b"IEND", b""))
PY

case_ "--layer with 256 output channels to .npy: 1024x1024x256 float32 values counted against --max-pixels"
run_bounded ../flat1024.png --layer ../c256.npy -o c256.npy --max-pixels 100000000
expect_rc 1
expect_one_error ../flat1024.png "output would be 1024x1024x256 float32 samples = 1073741824 bytes, over the limit of 100000000 pixels of 4 bytes \(--max-pixels\)"
expect_nothing_written

case_ "--feature-maps of 65536 channels: the sheet counted before it is drawn"
run_bounded ../one.png --layer ../c65536.npy --feature-maps -o sheet.png
expect_rc 1
expect_one_error ../one.png "feature-map sheet would be [0-9]+x[0-9]+ = [0-9]+ pixels, over the limit of 268435456 \(--max-pixels\)"
expect_nothing_written

case_ "animate --max-frames 10000: every frame counted, before the first is drawn"
run_bounded animate ../grey100.png -f 40 -s 40 --max-frames 10000 -o anim.png
expect_rc 1
expect_one_error ../grey100.png "animation would be 10001 frames of 4000x4000 = 160016000000 pixels, over the limit of 268435456 \(--max-pixels\)"
expect_nothing_written
run_bounded animate ../grey100.png -f 4 -s 4 --max-frames 10000 --max-pixels 1600159999 -o anim.png
expect_rc 1
expect_one_error ../grey100.png "animation would be 10001 frames of 400x400 = 1600160000 pixels, over the limit of 1600159999 \(--max-pixels\)"
expect_nothing_written

case_ "a 16-bit RGBA 16384x16384 PNG: its 8 bytes a pixel counted from the header"
run_bounded ../rgba16.png -f 3 -p 1 -o big.tif
expect_rc 1
expect_one_error ../rgba16.png "image is 16384x16384x4 16-bit samples = 2147483648 bytes, over the limit of 268435456 pixels of 4 bytes \(--max-pixels\)"
expect_nothing_written

case_ "a gaussian kernel of 2^24 taps is built in time linear in its size"
run_bounded size --input 4 -f 1x16777216 -k gaussian
expect_rc 0
# out = (4 - 1) * 1 + 1 * (16777216 - 1) + 1 = 16777219 columns.
head -1 "$work/.cap/stdout" | grep -q '^4x4 -> 4x16777219 (HxW); ' || { fail "no 4x16777219 size line"; show_streams; }

case_ "a 1x1000000 gaussian is planned in time linear in its taps (most of them underflow to zero)"
# At stride 1000 each output column sums a thousandth of the taps, so the convolution itself is small.
run_bounded ../one.png -f 1x1000000 -s 1x1000 -k gaussian -o g.png -q
expect_rc 0
expect_stderr_empty
expect_file out/g.png
rm -f out/g.png

case_ "--max-work 1: a 1x16777216 kernel is refused before it is built (a usage error)"
run_bounded ../one.png -f 1x16777216 -k gaussian --max-work 1 -o g.png
expect_rc 2
expect_one_error "--max-work 1" "a 1x16777216 kernel takes at least 16777216 multiply-adds even on a 1x1 input"
expect_nothing_written

case_ "overlap of a 2^31-pixel axis and a 2^24-tap kernel cropped to 862 columns: counted in closed form"
run_bounded overlap --input 1x2147483647 -f 1x16777216 -p 0,1082130000,0,1082130000
expect_rc 0
grep -q '^1x2147483647 -> 1x862 (HxW)' "$work/.cap/stdout" || { fail "no 1x862 size line"; show_streams; }
grep -q '^map: 16777216 to 16777216 input pixels per output pixel' "$work/.cap/stdout" || { fail "no map line"; show_streams; }

finish
