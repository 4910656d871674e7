# --scale on an image with alpha: premultiplied by default, as ImageMagick's -resize, so a white disc
# stays white at its soft edge (tests/reference/make_alpha_resize_goldens.py made the disc and
# ImageMagick's result); --alpha straight gives F.interpolate's greyed edge; -v says which rule and why;
# a forced --strategy on such an image fails it with the reason.
# usage: bash scale_alpha.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
disc=$src/tests/fixtures/alpha/white_disc.png
magick=$src/tests/reference/goldens/white_disc_x4_imagemagick.png

# compare_disc OUT.png WHAT: OUT against ImageMagick's, printing the soft edge's mean RGB; WHAT is
# "same" (every sample within 1 of ImageMagick's, the rounding of its 16-bit sums) or "greyed".
compare_disc() {
    local out
    out=$(python3 - "$work/$1" "$magick" "$e2e_dir" "$2" 2>&1 <<'EOF_PY'
import sys
sys.path.insert(0, sys.argv[3])
from png_reader import read_png
(h, w, c, got), (mh, mw, mc, want) = read_png(sys.argv[1]), read_png(sys.argv[2])
assert (h, w, c) == (mh, mw, mc) == (48, 48, 4), ((h, w, c), (mh, mw, mc))
edge = [(y, x) for y in range(h) for x in range(w) if 0 < want[y][x][3] < 255]
mean = sum(sum(got[y][x][:3]) for y, x in edge) / (3 * len(edge))
magick_mean = sum(sum(want[y][x][:3]) for y, x in edge) / (3 * len(edge))
print(f"soft edge ({len(edge)} pixels): mean RGB {mean:.1f}, ImageMagick {magick_mean:.1f}")
worst = max(abs(got[y][x][k] - want[y][x][k]) for y in range(h) for x in range(w) for k in range(4)
            if want[y][x][3] > 0 or k == 3)
if sys.argv[4] == "same":
    assert worst <= 1, f"a sample differs from ImageMagick's by {worst}"
    assert mean == 255, mean
else:
    assert mean < 200, f"straight alpha should grey the edge, mean {mean}"
EOF_PY
    ) || fail "$1: $out"
    echo "  $1: $out"
}

case_ "--scale 4 on a white disc with a soft edge: premultiplied, as ImageMagick -filter Triangle -resize 400%"
run "$disc" --scale 4 -o default.png -v
expect_rc 0
compare_disc default.png same
grep -q "^tconv: .*white_disc.png: strategy real (bilinear 8x8, stride 4x4, edge replicate: premultiplied alpha (--scale's default): colours times alpha, divided by the convolved alpha); read: PNG rows (libspng, streamed); written: PNG segments (streamed)$" "$work/.cap/stderr" ||
    { fail "-v does not say premultiplied alpha, --scale's default"; show_streams; }

case_ "--alpha premultiplied given gives the same pixels"
run "$disc" --scale 4 --alpha premultiplied -o given.png
expect_rc 0
expect_same_pixels default.png given.png

case_ "--alpha straight: alpha is one more channel, and the edge greys"
run "$disc" --scale 4 --alpha straight -o straight.png
expect_rc 0
compare_disc straight.png greyed

case_ "the plain job keeps straight alpha: -f 8 -s 4 -p 2 -k bilinear --edge replicate is --scale 4 --alpha straight"
run "$disc" -f 8 -s 4 -p 2 -k bilinear --edge replicate -o plain.png
expect_rc 0
expect_same_pixels plain.png straight.png

case_ "--scale with --strategy: an input with alpha fails with the reason, one without is convolved"
run "$disc" --scale 4 --strategy dense -o forced.png
expect_rc 1
expect_one_error "$disc" "--strategy: the image has alpha, which --scale's default premultiplies in real-valued sums; --alpha straight convolves it with the strategy"
expect_no_file forced.png
run "$src/tests/fixtures/rgb.png" --scale 2 --strategy dense -o forced_rgb.png
expect_rc 0
run "$disc" --scale 4 --strategy dense --alpha straight -o forced_straight.png
expect_rc 0
expect_same_pixels forced_straight.png straight.png

finish
