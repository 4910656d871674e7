# 16 bits end to end: a 16-bit RGB input made by NumPy and ImageMagick (PNG, PPM, TIFF in
# tests/fixtures/depth) upsampled with C3's geometry must equal
# PyTorch's float64 result at 16 bits (tests/reference/make_depth_goldens.py), as netpbm's pngtopnm
# and tifftopnm decode the outputs; --depth 8 rounds v * 255 / 65535, --depth 16 widens by 257;
# a format that holds 8 bits says so in one warning; --depth 16 for one is a usage error.
# usage: bash depth.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
fixtures=$src/tests/fixtures/depth
golden=$fixtures/rgb16_bilinear_x2.ppm
c3=(-f 4 -s 2 -p 1 -k bilinear --strip)  # --strip: the ImageMagick PNG's gAMA/cHRM are not what is tested here
cd "$work" || exit 1

# same_samples KIND A B: the netpbm samples of A (a PPM file, or a PNG or TIFF decoded by netpbm)
# equal B's, at B's maxval; KIND "reduced" compares with round(B * 255 / 65535) at maxval 255.
same_samples() {
    local kind=$1 file=$2 want=$3 pnm=$work/decoded.ppm
    case $file in
    *.png) pngtopnm "$file" >"$pnm" ;;
    *.tif) tifftopnm -byrow "$file" >"$pnm" 2>/dev/null ;;  # -byrow: all 16 bits, not 8
    *) cp "$file" "$pnm" ;;
    esac
    /usr/bin/python3 - "$kind" "$pnm" "$want" <<'PY' || fail "$file: samples differ from $want ($kind)"
import sys
import numpy as np
def read(path):
    magic, w, h, maxval, data = open(path, "rb").read().split(maxsplit=4)
    return magic, int(maxval), np.frombuffer(data, ">u2" if int(maxval) > 255 else "u1").reshape(int(h), int(w), -1).astype(np.int64)
kind, got, want = sys.argv[1], read(sys.argv[2]), read(sys.argv[3])
if kind == "reduced":
    want = (want[0], 255, np.floor(want[2] * 255 / 65535 + 0.5).astype(np.int64))
if got[:2] != want[:2] or got[2].shape != want[2].shape or not np.array_equal(got[2], want[2]):
    print(f"{got[:2]} {got[2].shape} vs {want[:2]} {want[2].shape}, {np.sum(got[2] != want[2]) if got[2].shape == want[2].shape else '-'} samples differ")
    sys.exit(1)
PY
}

for input in rgb16.png rgb16.ppm rgb16.tif; do
    for output in out.png out.tif out.ppm; do
        case_ "16-bit ${input#rgb16.} in, ${output#out.} out: PyTorch's 16-bit samples"
        run "$fixtures/$input" "${c3[@]}" -o "$output"
        expect_rc 0
        expect_stdout "$fixtures/$input -> $output: 9x7 -> 18x14 (HxW, 3 channels, 16-bit); rows: out = (9 - 1) * 2 - 2 * 1 + 1 * (4 - 1) + 0 + 1 = 18; cols: out = (7 - 1) * 2 - 2 * 1 + 1 * (4 - 1) + 0 + 1 = 14"
        expect_stderr_empty
        same_samples exact "$output" "$golden"
        rm -f "$output"
    done
done

case_ "16-bit PAM: MAXVAL 65535 and PyTorch's samples"
run "$fixtures/rgb16.png" "${c3[@]}" -o out.pam
expect_rc 0
head -c 64 out.pam | grep -q "^MAXVAL 65535$" || fail "out.pam has no MAXVAL 65535"
{ printf 'P6\n14 18\n65535\n'; tail -c $((18 * 14 * 3 * 2)) out.pam; } >pam_as.ppm
same_samples exact pam_as.ppm "$golden"

case_ "--depth 8: an 8-bit PNG of round(v * 255 / 65535), no warning"
run "$fixtures/rgb16.png" "${c3[@]}" --depth 8 -o d8.png
expect_rc 0
expect_stderr_empty
same_samples reduced d8.png "$golden"

case_ "JPEG output of a 16-bit input: one warning saying the samples are reduced"
run "$fixtures/rgb16.png" "${c3[@]}" -o out.jpg
expect_rc 0
[ "$(cat "$work/.cap/stderr")" = "tconv: warning: out.jpg: JPEG holds 8 bits per sample: the 16-bit result is reduced to 8 bits (round(v * 255 / 65535))" ] ||
    { fail "JPEG warning"; show_streams; }
head -c 2 out.jpg | od -An -tx1 | grep -q "ff d8" || fail "out.jpg is not a JPEG"

case_ "--depth 16 with an 8-bit input: the 8-bit result times 257"
run "$src/samples/article.png" "${c3[@]}" -o a8.ppm
expect_rc 0
run "$src/samples/article.png" "${c3[@]}" --depth 16 -o a16.png
expect_rc 0
/usr/bin/python3 - a8.ppm <(pngtopnm a16.png) <<'PY' || fail "--depth 16 is not 257 times the 8-bit result"
import sys
import numpy as np
def read(path):
    magic, w, h, maxval, data = open(path, "rb").read().split(maxsplit=4)
    return int(maxval), np.frombuffer(data, ">u2" if int(maxval) > 255 else "u1").astype(np.int64)
(m8, a), (m16, b) = read(sys.argv[1]), read(sys.argv[2])
sys.exit(0 if (m8, m16) == (255, 65535) and np.array_equal(a * 257, b) else 1)
PY

case_ "--depth 16 for a format that holds 8 bits: usage error, nothing read or written"
run "$fixtures/rgb16.png" "${c3[@]}" --depth 16 -o never.jpg
expect_rc 2
expect_stdout_empty
expect_one_error "--depth 16" "JPEG holds 8 bits per sample \(16 needs PNG, TIFF, PNM or PAM\)"
expect_no_file never.jpg
run "$fixtures/rgb16.png" "${c3[@]}" --depth 12 -o never.png
expect_rc 2
expect_no_file never.png

case_ "--verbose names the double strategy at 16 bits"
run "$fixtures/rgb16.png" "${c3[@]}" -o v.png -v
expect_rc 0
grep -q "strategy double-separable (bilinear 4x4, stride 2x2: 16-bit samples, rank 1 -> double-separable)" "$work/.cap/stderr" ||
    { fail "no double-separable strategy line"; show_streams; }

case_ "animate works at 8 bits and says so"
run animate "$fixtures/rgb16.png" -f 2 -s 2 -o anim.png --max-frames 2
grep -q "rgb16.png: 16-bit image reduced to 8 bits per channel (round(v \* 255 / 65535)): this subcommand works at 8 bits" "$work/.cap/stderr" ||
    { fail "animate does not say it reduces"; show_streams; }

finish
