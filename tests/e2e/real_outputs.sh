# The results before pixels: `.npy` output (float32 sums, unclamped) and `--alpha premultiplied`,
# against PyTorch's goldens through the command line (check_real_outputs.py), an icon whose hidden
# colours must not bleed, and the usage errors of the options that go with them.
# usage: bash real_outputs.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3

case_ "every golden case through -o X.npy and --alpha premultiplied"
mkdir cases
out=$("$py" "$e2e_dir/check_real_outputs.py" "$tconv" "$src/tests/reference/goldens" cases 2>&1) || fail "$out"

case_ "the .npy of the article's stripes holds the sums, and rounds to the PNG's pixels"
"$py" -c "
import numpy as np
from PIL import Image
Image.fromarray(np.arange(48, dtype=np.uint8).reshape(4, 4, 3) * 5, 'RGB').save('in.png')"
run in.png -f 3 -s 4 --output-padding 1 -k '0.9,0.5,0.9;0.5,1.5,0.5;0.9,0.5,0.9' -o stripes.npy
expect_rc 0
expect_stdout "in.png -> stripes.npy: 4x4 -> 16x16 (HxW, 3 channels); out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16"
run in.png -f 3 -s 4 --output-padding 1 -k '0.9,0.5,0.9;0.5,1.5,0.5;0.9,0.5,0.9' -o stripes.png -q
expect_rc 0
out=$("$py" - stripes.npy stripes.png <<'PY' 2>&1
import sys
import numpy as np
from PIL import Image
sums = np.load(sys.argv[1])
png = np.asarray(Image.open(sys.argv[2])).astype(np.int64)
assert sums.shape == (16, 16, 3) and sums.dtype == np.float32, (sums.shape, sums.dtype)
assert sums.max() > 255, "the kernel sums past 255: the .npy must not clamp"
assert (sums[3::4, :, :] == 0).all() and (sums[:, 3::4, :] == 0).all(), "stripes are not zero"
rounded = np.floor(np.clip(sums.astype(np.float64), 0, 255) + 0.5).astype(np.int64)
assert (rounded == png).all(), f"{(rounded != png).sum()} samples round differently from the PNG"
PY
) || fail "$out"

case_ "premultiplied alpha: no fringe from colours hidden under transparent pixels"
"$py" - <<'PY'
import numpy as np
from PIL import Image
icon = np.zeros((8, 8, 4), np.uint8)
icon[:, :, 0] = 255                      # red everywhere, hidden where alpha is 0
icon[2:6, 2:6] = (0, 200, 0, 255)        # an opaque green square
Image.fromarray(icon, "RGBA").save("icon.png")
PY
run icon.png --scale 2 --alpha premultiplied -o clean.png -q
expect_rc 0
run icon.png --scale 2 --alpha straight -o fringed.png -q
expect_rc 0
out=$("$py" - clean.png fringed.png <<'PY' 2>&1
import sys
import numpy as np
from PIL import Image
clean, fringed = (np.asarray(Image.open(p)).astype(np.int64) for p in sys.argv[1:3])
visible = clean[:, :, 3] > 0
assert visible.any()
assert (clean[visible][:, 0] == 0).all(), "red shows through in premultiplied mode"
assert (fringed[fringed[:, :, 3] > 0][:, 0] > 0).any(), "straight alpha should show the red fringe"
PY
) || fail "$out"

case_ "--alpha premultiplied on an image without alpha is straight"
run in.png -f 4 -s 2 -p 1 -k bilinear -o rgb_pre.png --alpha premultiplied -q
expect_rc 0
run in.png -f 4 -s 2 -p 1 -k bilinear -o rgb_straight.png -q
expect_same_pixels rgb_pre.png rgb_straight.png

case_ "--verbose names the real-valued strategy"
run in.png -f 2 -s 2 -o v.npy -v
expect_rc 0
grep -q "strategy real (ones 2x2, stride 2x2: .npy output: float32 sums, unclamped and unrounded)" "$work/.cap/stderr" ||
    { fail "no strategy line"; show_streams; }

case_ "usage errors: an unknown --alpha, --strategy with a real-valued result"
run in.png -f 2 -s 2 -o x.png --alpha pre
expect_rc 2
expect_one_error "--alpha pre" "unknown mode \(straight, premultiplied\)"
expect_no_file x.png
run in.png -f 2 -s 2 -o x.npy --strategy dense
expect_rc 2
expect_one_error "--strategy" "chooses how pixels are computed; .npy output and --alpha premultiplied take real-valued sums in double"
expect_no_file x.npy

finish
