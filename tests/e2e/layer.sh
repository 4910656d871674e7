# Trained layers through the main job: every PyTorch golden layer as .npy and PNG, and the .onnx
# fixtures through their nodes' geometry (check_layer_outputs.py); a layer that -k can express giving
# the same pixels; --channels, --range, --feature-maps, --verbose and --max-work; the .npy and
# .safetensors fixtures against their values as .npy; an .onnx node's geometry against the options;
# the usage and per-input errors.
# usage: bash layer.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3

case_ "every golden layer through -o X.npy and -o X.png, inputs as .npy and as PNG"
mkdir cases
out=$("$py" "$e2e_dir/check_layer_outputs.py" "$tconv" "$src/tests/reference/goldens" cases 2>&1) || fail "$out"

# An RGB image and layers made here: depthwise bilinear (what -k bilinear does), 3 -> 3 mixing, 3 -> 8.
"$py" - <<'PY'
import numpy as np
from PIL import Image
rng = np.random.default_rng(11)
Image.fromarray(rng.integers(0, 256, (5, 7, 3), dtype=np.uint8), "RGB").save("in.png")
Image.fromarray(rng.integers(0, 256, (5, 7, 4), dtype=np.uint8), "RGBA").save("rgba.png")
t = np.array([0.25, 0.75, 0.75, 0.25], np.float32)
np.save("bilinear_g3.npy", np.tile(np.outer(t, t), (3, 1, 1, 1)).reshape(3, 1, 4, 4))
np.save("mix.npy", np.full((3, 3, 2, 2), 0.25, np.float32))
np.save("grey_to_rgb.npy", np.ones((1, 3, 1, 1), np.float32))
np.save("unit.npy", np.full((1, 1, 1, 1), 0.5, np.float32))
np.save("eight.npy", rng.uniform(-1, 1, (3, 8, 3, 3)).astype(np.float32))
np.save("bias3.npy", np.array([10, -20, 0.5], np.float32))
PY

case_ "a grouped layer without --groups: the bias's length names the groups"
# PyTorch's ConvTranspose2d(3, 6, 2, groups=3): weight (3, 2, 2, 2), bias (6,). Read as groups 1 the
# weight has 2 output channels, so the bias does not fit; the error names --groups 3.
"$py" -c "
import numpy as np, torch
torch.manual_seed(3)
layer = torch.nn.ConvTranspose2d(3, 6, 2, stride=2, groups=3).double()
np.save('g3_weight.npy', layer.weight.detach().numpy().astype(np.float32))
np.save('g3_bias.npy', layer.bias.detach().numpy().astype(np.float32))
assert layer.weight.shape == (3, 2, 2, 2) and layer.bias.shape == (6,)" || fail "making the grouped layer"
run in.png --layer g3_weight.npy --bias g3_bias.npy -s 2 -o g3.npy
expect_rc 2
expect_one_error "--layer g3_bias.npy" "the bias has shape \(6,\), not \(2,\) for the weight's 2 output channels; with groups 3 the weight \(3, 2, 2, 2\) has 6 output channels: give --groups 3"
expect_no_file g3.npy
run in.png --layer g3_weight.npy --bias g3_bias.npy --groups 3 -s 2 -o g3.npy
expect_rc 0
"$py" -c "
import numpy as np
assert np.load('g3.npy').shape == (10, 14, 6), np.load('g3.npy').shape" || fail "--groups 3 does not give PyTorch's 6 channels"

case_ "a layer that -k can express gives the same pixels both ways"
run in.png -k bilinear -f 4 -s 2 -p 1 -o k.png -q
expect_rc 0
run in.png --layer bilinear_g3.npy --groups 3 -s 2 -p 1 -o layer.png -q
expect_rc 0
out=$("$py" -c "
import numpy as np, sys
from PIL import Image
a, b = (np.asarray(Image.open(p)) for p in ('k.png', 'layer.png'))
assert a.shape == b.shape == (10, 14, 3), (a.shape, b.shape)
assert (a == b).all(), f'{(a != b).sum()} samples differ'" 2>&1) || fail "$out"

case_ "--verbose names the layer and its work; the report says the output size"
run in.png --layer mix.npy --bias bias3.npy -s 2 -o mix.png -v
expect_rc 0
expect_stdout "in.png -> mix.png: 5x7 -> 10x14 (HxW, 3 channels); rows: out = (5 - 1) * 2 - 2 * 0 + 1 * (2 - 1) + 0 + 1 = 10; cols: out = (7 - 1) * 2 - 2 * 0 + 1 * (2 - 1) + 0 + 1 = 14"
grep -q "^tconv: in.png: strategy layer (mix.npy with bias bias3.npy: 3 -> 3, 2x2, groups 1, bias; layer 2x2, stride 2x2: 1260 multiply-adds, 3 -> 3 channels, range 0,255, output RGB)$" .cap/stderr ||
    { fail "no layer line on stderr"; show_streams; }
out=$("$py" -c "
import numpy as np
from PIL import Image
x = np.asarray(Image.open('in.png')).astype(np.float64)
y = np.asarray(Image.open('mix.png')).astype(np.int64)
# stride 2 = kernel 2: each output pixel is 0.25 * (R + G + B) of one input pixel, plus the bias.
want = np.clip(np.floor(np.repeat(np.repeat(x.sum(axis=2), 2, 0), 2, 1)[:, :, None] * 0.25 + [10, -20, 0.5] + 0.5), 0, 255)
assert (y == want).all(), f'{(y != want).sum()} samples differ'" 2>&1) || fail "$out"

case_ "--channels gray converts first: 0.299 R + 0.587 G + 0.114 B; rgb repeats grey"
"$py" -c "
from PIL import Image
Image.new('RGB', (2, 1)).save('two.png')
im = Image.new('RGB', (2, 1)); im.putpixel((0, 0), (10, 0, 5)); im.putpixel((1, 0), (200, 100, 50)); im.save('two.png')
Image.new('L', (1, 1), 77).save('g.png')"
run two.png --layer unit.npy --channels gray -o grey.png -q
expect_rc 0
out=$("$py" -c "
import numpy as np
from PIL import Image
y = np.asarray(Image.open('grey.png')).astype(np.int64)
# grey 4 (3.56) and 124 (124.2), times 0.5: 2 and 62
assert y.tolist() == [[2, 62]], y.tolist()" 2>&1) || fail "$out"
run g.png --layer grey_to_rgb.npy -o rgb.png -q
expect_rc 0
run g.png --layer mix.npy -o nope.png
expect_rc 1
expect_one_error "g.png" "the input has 1 channel, the layer takes 3 \(its C_in\)"
expect_no_file nope.png
run g.png --layer mix.npy --channels rgb -s 2 -o rgb3.png -q
expect_rc 0
run rgba.png --layer mix.npy --channels rgb -s 2 -o dropped.png
expect_rc 0
grep -q "^tconv: warning: rgba.png: --channels rgb: the alpha channel is dropped$" .cap/stderr || { fail "no alpha warning"; show_streams; }

case_ "--range 0,1 and -1,1 map before the layer and unmap after"
run g.png --layer unit.npy --range 0,1 -o r01.png -q
expect_rc 0
run g.png --layer unit.npy --range=-1,1 -o r11.png -q
expect_rc 0
out=$("$py" -c "
from PIL import Image
a = Image.open('r01.png').getpixel((0, 0)); b = Image.open('r11.png').getpixel((0, 0))
# 0,1: 77/255*0.5*255 = 38.5 -> 39; -1,1: ((2*77/255 - 1)*0.5 + 1)*255/2 = 0.25*255 + 38.5/2... = 83
assert a == 39, a
want = int(((2 * 77 / 255 - 1) * 0.5 + 1) * 255 / 2 + 0.5)
assert b == want, (b, want)" 2>&1) || fail "$out"

case_ "eight output channels: .npy or --feature-maps, never an image"
run in.png --layer eight.npy -s 2 -o eight.png
expect_rc 2
expect_one_error "--layer eight.npy" "the layer has 8 output channels, more than an image holds: write .npy or give --feature-maps"
expect_no_file eight.png
run in.png --layer eight.npy -s 2 -o eight.npy.out.npy -q
expect_rc 0
out=$("$py" -c "
import numpy as np
a = np.load('eight.npy.out.npy'); assert a.shape == (11, 15, 8) and a.dtype == np.float32, (a.shape, a.dtype)" 2>&1) || fail "$out"
run in.png --layer eight.npy -s 2 --feature-maps -o sheet.png -q
expect_rc 0
out=$("$py" -c "
import numpy as np
from PIL import Image
s = np.asarray(Image.open('sheet.png')); assert s.ndim == 3 and s.shape[2] == 3 and s.shape[1] > 8 * 15, s.shape
assert (s == 0).any() and (s == 255).any()" 2>&1) || fail "$out"
run in.png --layer eight.npy --feature-maps -o sheet.npy
expect_rc 2
expect_one_error "--feature-maps" "draws an image of the channels, which .npy does not hold: give an image format"

case_ "usage errors: -f, -k, --scale with --layer; layer options without it; bad values"
run in.png --layer mix.npy -f 3 -o x.png
expect_rc 2
expect_one_error "--filter-size" "not with --layer: the kernel size is the layer's"
run in.png --layer mix.npy -k ones -o x.png
expect_rc 2
expect_one_error "--kernel" "not with --layer: the layer holds the kernel"
run in.png --layer mix.npy --scale 2 -o x.png
expect_rc 2
expect_one_error "--scale" "not with --layer: give -s and -p for the layer"
run in.png --groups 3 -o x.png
expect_rc 2
expect_one_error "--groups" "goes with --layer"
run in.png --layer mix.npy --channels grey -o x.png
expect_rc 2
expect_one_error "--channels" "'grey' is not gray, rgb or rgba"
run in.png --layer mix.npy --range 0,2 -o x.png
expect_rc 2
expect_one_error "--range" "'0,2' is not 0,255, 0,1 or -1,1"
run in.png --layer mix.npy --groups 2 -o x.png
expect_rc 2
expect_no_file x.png
run in.png --layer missing.npy -o x.png
expect_rc 2
expect_no_file x.png
run in.png --layer mix.npy -o mix.npy
expect_rc 2
expect_no_file x.png

case_ "every .npy and .safetensors layer of tests/fixtures/layers gives the sums of its values as .npy"
out=$("$py" - "$tconv" "$src/tests/fixtures/layers" <<'PY' 2>&1
import json, subprocess, sys
import numpy as np
tconv, fixtures = sys.argv[1:3]
rng = np.random.default_rng(5)
for spec, v in json.load(open(f"{fixtures}/expected.json"))["files"].items():
    if ".onnx" in spec:
        continue  # their geometry is the node's: check_layer_outputs.py runs them against PyTorch
    cin, cout, g = v["in_channels"], v["out_channels"], v["groups"]
    kh, kw = v["kernel"]
    np.save("fx.npy", rng.uniform(-3, 3, (4, 5, cin)))
    np.save("fw.npy", np.array(v["weight"]).reshape(cin, cout // g, kh, kw))
    args = ["-s", "2", "-p", "1", "--groups", str(g), "-q"]
    bias = v.get("bias")
    if bias is not None:
        np.save("fb.npy", np.array(bias))
    spec_args = ["--layer", f"{fixtures}/{spec}"] + (["--bias", f"{fixtures}/{v['bias_file']}"] if "bias_file" in v else [])
    npy_args = ["--layer", "fw.npy"] + (["--bias", "fb.npy"] if bias is not None else [])
    for name, layer_args in (("file", spec_args), ("npy", npy_args)):
        p = subprocess.run([tconv, "fx.npy", *layer_args, *args, "-o", f"out_{name}.npy"], capture_output=True, text=True)
        assert p.returncode == 0, (spec, name, p.stderr)
    a, b = np.load("out_file.npy"), np.load("out_npy.npy")
    assert a.shape == b.shape and a.shape[2] == cout, (spec, a.shape, b.shape)
    assert (a == b).all(), f"{spec}: {(a != b).sum()} values differ from the same layer as .npy"
PY
) || fail "$out"

case_ "an .onnx node's geometry: options may repeat it, not contradict it"
fixtures=$src/tests/fixtures/layers
"$py" -c "import numpy as np; np.save('f56.npy', np.ones((4, 5, 56)))"
run f56.npy --layer "$fixtures/fsrcnn_x3.onnx" -s 3 -p 4 --output-padding 2 -o sr.png
expect_rc 0
expect_stdout "f56.npy -> sr.png: 4x5 -> 12x15 (HxW, 56 channels); rows: out = (4 - 1) * 3 - 2 * 4 + 1 * (9 - 1) + 2 + 1 = 12; cols: out = (5 - 1) * 3 - 2 * 4 + 1 * (9 - 1) + 2 + 1 = 15"
run f56.npy --layer "$fixtures/fsrcnn_x3.onnx" -s 2 -o x.png
expect_rc 2
expect_one_error "--stride" "the ONNX node has strides 3x3, --stride says 2"
expect_no_file x.png
run f56.npy --layer "$fixtures/fsrcnn_x3.onnx" -p 3 -o x.png
expect_rc 2
expect_one_error "--padding" "the ONNX node has pads 4,4,4,4, --padding says 3"
run f56.npy --layer "$fixtures/fsrcnn_x3.onnx" --groups 2 -o x.png
expect_rc 2
expect_one_error "--groups" "the ONNX node has group 1, --groups says 2"
run f56.npy --layer "$fixtures/auto_pad_same_upper.onnx" -p 1 -o x.png
expect_rc 2
expect_one_error "--padding" "the ONNX node sets its padding by auto_pad, --padding says 1"

case_ "--max-work counts the layer's multiply-adds"
run in.png --layer mix.npy -s 2 --max-work 1259 -o over.png
expect_rc 1
expect_one_error "in.png" "would take 1260 multiply-adds, over the limit of 1259 \(--max-work\)"
expect_no_file over.png

finish
