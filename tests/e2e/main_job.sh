# The main job end to end: the article's demos and other geometries on real files, with
# exit status, the exact human line on stdout, stderr, and the written pixels checked against values
# worked out by hand from the article image; every input format; 16-bit PNGs kept; --help, --version.
# usage: bash main_job.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
article=$src/samples/article.png
cd "$work" || exit 1

# The article image (samples/README.md), rows top to bottom, as Python literals for check_pixels.
ARTICLE='A = [[(255,0,0),(0,255,0),(0,0,255),(255,255,255)],
     [(0,0,0),(255,255,0),(0,255,255),(255,0,255)],
     [(255,128,0),(128,128,128),(128,0,128),(255,255,255)],
     [(0,0,255),(0,0,0),(255,0,0),(0,255,0)]]'
# The fixtures' formulas (tests/fixtures/make_fixtures.py), 3 rows x 5 columns.
FIXTURE='grey = lambda y, x: 20 * x + 80 * y + 5
rgb = lambda y, x: (50 * x, 100 * y, 255 - 30 * x - 40 * y)
alpha = lambda y, x: 255 - 50 * x - 10 * y'

case_ "article stripes: k3 s4 p0 op1"
run "$article" -f 3 -s 4 -p 0 --output-padding 1 -o stripes.png
expect_rc 0
expect_stdout "$article -> stripes.png: 4x4 -> 16x16 (HxW, 3 channels); out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16"
expect_stderr_warning_only
check_pixels stripes.png "$ARTICLE
assert (height, width, channels) == (16, 16, 3), img[:3]
for y in range(16):
    for x in range(16):
        # each input pixel becomes a 3x3 block at 4-pixel steps; rows/cols 3, 7, 11, 15 get nothing
        px(y, x, (0, 0, 0) if y % 4 == 3 or x % 4 == 3 else A[y // 4][x // 4])"

case_ "article blocks: k4 s4"
run "$article" -f 4 -s 4 -o blocks.png
expect_rc 0
expect_stdout "$article -> blocks.png: 4x4 -> 16x16 (HxW, 3 channels); out = (4 - 1) * 4 - 2 * 0 + 1 * (4 - 1) + 0 + 1 = 16"
expect_stderr_empty
check_pixels blocks.png "$ARTICLE
assert (height, width, channels) == (16, 16, 3), img[:3]
for y in range(16):
    for x in range(16):
        px(y, x, A[y // 4][x // 4])"

case_ "overlaps add, sums saturate: k3 s2"
run "$article" -f 3 -s 2 -o overlap.png
expect_rc 0
expect_stdout "$article -> overlap.png: 4x4 -> 9x9 (HxW, 3 channels); out = (4 - 1) * 2 - 2 * 0 + 1 * (3 - 1) + 0 + 1 = 9"
expect_stderr_warning_only
check_pixels overlap.png "
assert (height, width, channels) == (9, 9, 3), img[:3]
px(0, 0, (255, 0, 0))      # red alone
px(1, 1, (255, 0, 0))
px(0, 2, (255, 255, 0))    # red + green = yellow
px(1, 2, (255, 255, 0))
px(2, 2, (255, 255, 0))    # red + green + black + yellow = (510, 510, 0), clamped
px(4, 2, (255, 255, 128))  # black + yellow + orange + gray = (638, 511, 128), clamped
px(2, 6, (255, 255, 255))  # blue + white + cyan + magenta saturate on every channel
px(8, 8, (0, 255, 0))      # green alone, bottom right"

case_ "bilinear x2: k4 s2 p1"
run "$article" -f 4 -s 2 -p 1 -k bilinear -o bilinear.png
expect_rc 0
expect_stdout "$article -> bilinear.png: 4x4 -> 8x8 (HxW, 3 channels); out = (4 - 1) * 2 - 2 * 1 + 1 * (4 - 1) + 0 + 1 = 8"
expect_stderr_empty
# 1-D taps 0.25 0.75 0.75 0.25; output 0 takes 0.75 * in[0]; output 1 takes 0.75 * in[0] + 0.25 * in[1].
check_pixels bilinear.png "
assert (height, width, channels) == (8, 8, 3), img[:3]
px(0, 0, (143, 0, 0))    # 0.75 * 0.75 * 255 = 143.44
px(1, 1, (159, 64, 0))   # R .5625*255 + .0625*255 = 159.38; G .1875*255 + .0625*255 = 63.75
px(7, 7, (0, 143, 0))    # 0.75 * 0.75 * green"

# -k bilinear without -f takes k = 2s - s%2 per axis (it then interpolates exactly); -f still wins.
case_ "-k bilinear without -f: k 4 at stride 2, 5 at stride 3, 4x5 at 2x3"
run "$article" -s 2 -k bilinear -o b2.png
expect_rc 0
expect_stdout "$article -> b2.png: 4x4 -> 10x10 (HxW, 3 channels); out = (4 - 1) * 2 - 2 * 0 + 1 * (4 - 1) + 0 + 1 = 10"
expect_stderr_empty
run "$article" -s 3 -k bilinear -o b3.png
expect_rc 0
expect_stdout "$article -> b3.png: 4x4 -> 14x14 (HxW, 3 channels); out = (4 - 1) * 3 - 2 * 0 + 1 * (5 - 1) + 0 + 1 = 14"
expect_stderr_empty
run "$article" -s 2x3 -k bilinear -o b23.png
expect_rc 0
expect_stdout "$article -> b23.png: 4x4 -> 10x14 (HxW, 3 channels); rows: out = (4 - 1) * 2 - 2 * 0 + 1 * (4 - 1) + 0 + 1 = 10; cols: out = (4 - 1) * 3 - 2 * 0 + 1 * (5 - 1) + 0 + 1 = 14"
expect_stderr_empty
run "$article" -s 2 -f 3 -k bilinear -o b2f3.png
expect_rc 0
expect_stdout "$article -> b2f3.png: 4x4 -> 9x9 (HxW, 3 channels); out = (4 - 1) * 2 - 2 * 0 + 1 * (3 - 1) + 0 + 1 = 9"
expect_stderr_empty

case_ "non-square image, kernel 2x3, stride 2x3"
run "$fixtures/rgb.png" -f 2x3 -s 2x3 -o nonsquare.png
expect_rc 0
expect_stdout "$fixtures/rgb.png -> nonsquare.png: 3x5 -> 6x15 (HxW, 3 channels); rows: out = (3 - 1) * 2 - 2 * 0 + 1 * (2 - 1) + 0 + 1 = 6; cols: out = (5 - 1) * 3 - 2 * 0 + 1 * (3 - 1) + 0 + 1 = 15"
expect_stderr_empty
check_pixels nonsquare.png "$FIXTURE
assert (height, width, channels) == (6, 15, 3), img[:3]
for y in range(6):
    for x in range(15):
        px(y, x, rgb(y // 2, x // 3))"

for kind in grey grey_alpha rgba; do
    case_ "channels kept: $kind.png, k2 s2"
    run "$fixtures/$kind.png" -f 2 -s 2 -o "$kind-x2.png"
    expect_rc 0
    expect_stderr_empty
    check_pixels "$kind-x2.png" "$FIXTURE
value = {'grey': lambda y, x: (grey(y, x),), 'grey_alpha': lambda y, x: (grey(y, x), alpha(y, x)),
         'rgba': lambda y, x: rgb(y, x) + (alpha(y, x),)}['$kind']
assert (height, width, channels) == (6, 10, len(value(0, 0))), img[:3]
for y in range(6):
    for x in range(10):
        px(y, x, value(y // 2, x // 2))  # alpha is convolved like any channel"
done

case_ "inline kernel: weights, rounding half away from zero, clamping"
run "$fixtures/grey.png" -k "0,1;2,0.5" -s 2 -o inline.png
expect_rc 0
expect_stdout "$fixtures/grey.png -> inline.png: 3x5 -> 6x10 (HxW, 1 channel); rows: out = (3 - 1) * 2 - 2 * 0 + 1 * (2 - 1) + 0 + 1 = 6; cols: out = (5 - 1) * 2 - 2 * 0 + 1 * (2 - 1) + 0 + 1 = 10"
check_pixels inline.png "$FIXTURE
assert (height, width, channels) == (6, 10, 1), img[:3]
px(0, 0, (0,)); px(0, 1, (5,)); px(1, 0, (10,))
px(1, 1, (3,))     # 0.5 * 5 = 2.5 rounds to 3
px(1, 3, (13,))    # 0.5 * 25 = 12.5 rounds to 13
px(5, 8, (255,))   # 2 * 245 = 490 clamps
px(5, 9, (123,))   # 0.5 * 245 = 122.5 rounds to 123"

case_ "@FILE kernel gives the same bytes as the inline matrix"
printf '# the inline matrix above, in a file\n0 1\n2, 0.5   # commas or spaces\n' >kernel.txt
run "$fixtures/grey.png" -k @kernel.txt -s 2 -o from-file.png
expect_rc 0
expect_same_pixels inline.png from-file.png

case_ "negative weights clamp at 0"
run "$fixtures/grey.png" -k "1,-1" -o diff.png
expect_rc 0
check_pixels diff.png "$FIXTURE
assert (height, width, channels) == (3, 6, 1), img[:3]
for y in range(3):
    px(y, 0, (grey(y, 0),))
    for x in range(1, 5):
        px(y, x, (20,))      # grey(y, x) - grey(y, x - 1)
    px(y, 5, (0,))           # -grey(y, 4), clamped"

case_ "padding P crops each side"
run "$article" -f 4 -s 4 -p 1 -o pad1.png
expect_rc 0
expect_stdout "$article -> pad1.png: 4x4 -> 14x14 (HxW, 3 channels); out = (4 - 1) * 4 - 2 * 1 + 1 * (4 - 1) + 0 + 1 = 14"
check_pixels pad1.png "$ARTICLE
assert (height, width) == (14, 14), img[:3]
for y in range(14):
    for x in range(14):
        px(y, x, A[(y + 1) // 4][(x + 1) // 4])"

case_ "padding T,L,B,R crops top, left, bottom, right"
run "$article" -f 4 -s 4 -p 1,2,0,3 -o pad4.png
expect_rc 0
expect_stdout "$article -> pad4.png: 4x4 -> 15x11 (HxW, 3 channels); rows: out = (4 - 1) * 4 - (1 + 0) + 1 * (4 - 1) + 0 + 1 = 15; cols: out = (4 - 1) * 4 - (2 + 3) + 1 * (4 - 1) + 0 + 1 = 11"
check_pixels pad4.png "$ARTICLE
assert (height, width) == (15, 11), img[:3]
for y in range(15):
    for x in range(11):
        px(y, x, A[(y + 1) // 4][(x + 2) // 4])"

case_ "padding valid: Keras' default output padding gives the stripes"
run "$article" -f 3 -s 4 -p valid -o valid.png
expect_rc 0
expect_stderr_warning_only
expect_same_pixels valid.png stripes.png  # -p valid -f 3 -s 4 is -p 0 --output-padding 1

case_ "padding same: out = in * stride"
run "$article" -f 4 -s 4 -p same -o same.png
expect_rc 0
expect_same_pixels same.png blocks.png

case_ "dilation: taps 3 apart"
run "$article" -f 2 --dilation 3 -s 4 -o dilated.png
expect_rc 0
expect_stdout "$article -> dilated.png: 4x4 -> 16x16 (HxW, 3 channels); out = (4 - 1) * 4 - 2 * 0 + 3 * (2 - 1) + 0 + 1 = 16"
check_pixels dilated.png "$ARTICLE
for y in range(16):
    for x in range(16):
        px(y, x, A[y // 4][x // 4] if y % 4 in (0, 3) and x % 4 in (0, 3) else (0, 0, 0))"

case_ "16-bit PNG: kept at 16 bits, both bytes of every sample"
run "$fixtures/grey16.png" -f 1 -o grey16.png
expect_rc 0
expect_stdout "$fixtures/grey16.png -> grey16.png: 3x5 -> 3x5 (HxW, 1 channel, 16-bit); rows: out = (3 - 1) * 1 - 2 * 0 + 1 * (1 - 1) + 0 + 1 = 3; cols: out = (5 - 1) * 1 - 2 * 0 + 1 * (1 - 1) + 0 + 1 = 5"
expect_stderr_empty
check_pixels grey16.png "$FIXTURE
for y in range(3):
    for x in range(5):
        px(y, x, (grey(y, x) * 256 + 0x80 + 3 * x + y,))"
run "$fixtures/rgb16.png" -f 1 -o rgb16.png
expect_rc 0
expect_stderr_empty
check_pixels rgb16.png "$FIXTURE
for y in range(3):
    for x in range(5):
        px(y, x, tuple(v * 256 + 0x7F for v in rgb(y, x)))"
run "$fixtures/grey16.png" -f 1 -q -o quiet16.png
expect_rc 0
expect_stdout_empty
expect_stderr_empty

case_ "other formats: BMP, TGA, PPM, PGM, GIF first frame, palette PNG, JPEG"
for f in rgb.bmp rgb.tga rgb.ppm; do
    run "$fixtures/$f" -f 1 -o "from-$f.png"
    expect_rc 0
    expect_stderr_empty
    check_pixels "from-$f.png" "$FIXTURE
assert channels == 3, img[:3]
for y in range(3):
    for x in range(5):
        px(y, x, rgb(y, x))"
done
run "$fixtures/grey.pgm" -f 1 -o from-pgm.png
expect_rc 0
check_pixels from-pgm.png "$FIXTURE
assert channels == 1, img[:3]
px(2, 4, (grey(2, 4),))"
run "$fixtures/two_frames.gif" -f 1 -o from-gif.png
expect_rc 0
check_pixels from-gif.png "$FIXTURE
assert channels == 4, img[:3]   # stb reads GIFs as RGBA
for y in range(3):
    for x in range(5):
        px(y, x, rgb(y, x) + (255,))  # the first frame, not the white second one"
run "$fixtures/palette.png" -f 1 -o from-palette.png
expect_rc 0
check_pixels from-palette.png "
assert channels == 3, img[:3]
for y in range(3):
    for x in range(5):
        i = x + 5 * y
        px(y, x, (10 * i, 200 - 10 * i, 7 * i))"
run "$fixtures/flat.jpg" -f 1 -o from-jpg.png
expect_rc 0
check_pixels from-jpg.png "
assert channels == 3, img[:3]
for y in range(3):
    for x in range(5):
        if any(abs(g - e) > 3 for g, e in zip(rows[y][x], (200, 100, 50))):
            bad.append(f'pixel (y={y}, x={x}): {rows[y][x]} not within 3 of (200, 100, 50)')"

case_ "standard input and output: - and -o -"
run_in "$fixtures/rgb.png" - -f 1 -o stdin.png
expect_rc 0
expect_stdout "- -> stdin.png: 3x5 -> 3x5 (HxW, 3 channels); rows: out = (3 - 1) * 1 - 2 * 0 + 1 * (1 - 1) + 0 + 1 = 3; cols: out = (5 - 1) * 1 - 2 * 0 + 1 * (1 - 1) + 0 + 1 = 5"
run "$fixtures/rgb.png" -f 1 -o -
expect_rc 0
cp "$work/.cap/stdout" stdout.png
expect_same_pixels stdout.png stdin.png
grep -qxF -- "$fixtures/rgb.png -> -: 3x5 -> 3x5 (HxW, 3 channels); rows: out = (3 - 1) * 1 - 2 * 0 + 1 * (1 - 1) + 0 + 1 = 3; cols: out = (5 - 1) * 1 - 2 * 0 + 1 * (1 - 1) + 0 + 1 = 5" "$work/.cap/stderr" ||
    { fail "with -o -, the report goes to stderr"; show_streams; }

case_ "--help: usage, an example, defaults; exit 0"
run --help
expect_rc 0
expect_stderr_empty
for want in 'Usage: tconv' 'Examples:' 'tconv photo.png -f 3 -s 4 -p 0 --output-padding 1 -o big.png' \
    '[default: 1]' '[default: ones]' 'HxW' 'gaussian:SIGMA' '--files-from' 'Exit status'; do
    grep -qF -- "$want" "$work/.cap/stdout" || fail "--help lacks '$want'"
done

case_ "--version: exit 0"
run --version
expect_rc 0
expect_stderr_empty
grep -qE '^tconv [0-9]+\.[0-9]+\.[0-9]+' "$work/.cap/stdout" || { fail "--version output"; show_streams; }

expect_no_temp "$work"
finish
