# `tconv fit --layer`: every PyTorch golden fit through the CLI (check_layer_fit.py: loss history,
# weight and bias, the .safetensors written, applied back with the report's options); a random layer
# recovered from its own quantised output; the report line; the usage and per-pair errors, with
# nothing written.
# usage: bash fit_layer.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3

case_ "every golden layer fit matches torch.optim.Adam through the CLI"
mkdir goldens
out=$("$py" "$e2e_dir/check_layer_fit.py" "$tconv" "$src/tests/reference/goldens" goldens 2>&1) || fail "$out"

# A random RGB input (0..63) and a random 3 -> 3 layer whose output stays inside 0..255; a grey and
# a 4-channel image for the channel errors.
"$py" - <<'PY'
import numpy as np
from PIL import Image
rng = np.random.default_rng(5)
Image.fromarray(rng.integers(0, 64, (12, 10, 3), dtype=np.uint8), "RGB").save("in.png")
Image.fromarray(rng.integers(0, 64, (9, 14, 3), dtype=np.uint8), "RGB").save("in2.png")
Image.fromarray(rng.integers(0, 256, (12, 10), dtype=np.uint8), "L").save("grey.png")
Image.fromarray(rng.integers(0, 256, (24, 20, 4), dtype=np.uint8), "RGBA").save("rgba_target.png")
np.save("truth.npy", rng.uniform(-0.25, 0.25, (3, 3, 4, 4)).astype(np.float32))
np.save("truth_bias.npy", rng.uniform(60, 100, 3).astype(np.float32))
PY

case_ "a random layer is recovered from its own output"
run in.png --layer truth.npy --bias truth_bias.npy -s 2 -p 1 -o target.png -q
expect_rc 0
run in2.png --layer truth.npy --bias truth_bias.npy -s 2 -p 1 -o target2.png -q
expect_rc 0
printf 'in.png\ttarget.png\nin2.png\ttarget2.png\n' >pairs.txt
run fit --layer --pairs pairs.txt -f 4 -s 2 -p 1 -o learned.safetensors
expect_rc 0
grep -qE '^2 pairs -> learned\.safetensors: 3 -> 3 layer, 4x4 kernel, groups 1, bias; 500 steps; loss [0-9.e+-]+ -> [0-9.e+-]+ at step [0-9]+ \(RMSE [0-9.e+-]+ -> [0-9.e+-]+\)(, kept: step 500 ended at [0-9.e+-]+)?; [0-9]+ of 2952 target samples saturated; apply with --layer learned\.safetensors -s 2 -p 1$' \
    "$work/.cap/stdout" || { fail "report line"; show_streams; }
run in.png --layer learned.safetensors -s 2 -p 1 -o back.png -q
expect_rc 0
out=$("$py" - <<'PY' 2>&1
import json, struct
import numpy as np
from PIL import Image
data = open("learned.safetensors", "rb").read()
n = struct.unpack("<Q", data[:8])[0]
h = json.loads(data[8:8 + n])
tensor = lambda k: np.frombuffer(data[8 + n + h[k]["data_offsets"][0]:8 + n + h[k]["data_offsets"][1]], "<f4").reshape(h[k]["shape"])
w_err = np.abs(tensor("weight") - np.load("truth.npy")).max()
b_err = np.abs(tensor("bias") - np.load("truth_bias.npy")).max()
px = np.abs(np.asarray(Image.open("back.png"), int) - np.asarray(Image.open("target.png"), int))
assert w_err < 0.01 and b_err < 0.5 and px.max() <= 1 and (px != 0).mean() < 0.05, (w_err, b_err, px.max(), (px != 0).mean())
PY
) || fail "recovery: $out"

case_ "--layer writes .safetensors or .keras only, and its own options need it (usage errors, nothing read)"
run fit in.png target.png --layer -f 4 -s 2 -p 1 -o learned.txt
expect_rc 2
expect_one_error "--output learned.txt" "with --layer the layer is written as \.safetensors or \.keras: name it LAYER\.safetensors or LAYER\.keras"
run fit in.png target.png -f 4 -s 2 -p 1 --groups 3 -o k.txt
expect_rc 2
expect_one_error "--groups" "only applies with --layer"
run fit in.png target.png -f 4 -s 2 -p 1 --no-bias -o k.txt
expect_rc 2
expect_one_error "--no-bias" "only applies with --layer"
run fit in.png target.png --layer -f 4 -s 2 -p 1 --output-size 24x20 -o l.safetensors
expect_rc 2
expect_one_error "--output-size" "not with --layer: give -s, -p and --output-padding"
run fit in.png target.png --layer -f 4 -s 2 -p 1 --init bilinear -o l.safetensors
expect_rc 2
expect_one_error "--init bilinear" "with --layer, the start is 'zeros', 'random' or a layer file \(\.npy, \.safetensors, \.onnx, \.keras, \.h5, \.json\)"
run fit in.png target.png --layer -f 3 -s 2 -p 1 --init learned.safetensors -o l.safetensors
expect_rc 2
expect_one_error "--init learned.safetensors" "its kernel is 4x4 but -f says 3x3"
run fit in.png target.png --layer -s 2 -p 1 --init learned.safetensors -o learned.safetensors
expect_rc 2
expect_no_file l.safetensors
expect_no_file k.txt
expect_no_file learned.txt

case_ "pairs that one layer cannot fit: exit 1, every bad pair named, nothing written"
printf 'in.png\ttarget.png\ngrey.png\ttarget.png\nin2.png\trgba_target.png\n' >mixed.txt
run fit --layer --pairs mixed.txt -f 4 -s 2 -p 1 -o mixed.safetensors
expect_rc 1
grep -qF "tconv: error: grey.png: has 1 channels but in.png has 3: one layer takes one channel count" "$work/.cap/stderr" ||
    { fail "grey input not named"; show_streams; }
grep -qF "tconv: error: rgba_target.png: target is 24x20 (HxW)" "$work/.cap/stderr" || { fail "target size not named"; show_streams; }
expect_no_file mixed.safetensors
run fit --layer in.png target.png -f 4 -s 2 -p 1 --groups 2 -o g.safetensors
expect_rc 1
expect_one_error "--groups 2" "must divide both channel counts, the inputs' 3 and the targets' 3"
expect_no_file g.safetensors
run fit --layer grey.png target.png -s 2 -p 1 --init learned.safetensors -o c.safetensors
expect_rc 1
expect_one_error "--init learned.safetensors" "the layer is 3 -> 3 but the pairs are 1 -> 3 channels"
expect_no_file c.safetensors

case_ "grey -> RGB: a colourising layer, written and applied"
run grey.png -f 2 -s 2 -o grey_up.png -q
expect_rc 0
run fit --layer grey.png target.png -f 4 -s 2 -p 1 --steps 50 --json -o colour.safetensors
expect_rc 0
"$py" -c "
import json, sys
r = json.load(open('$work/.cap/stdout'))
assert (r['in_channels'], r['out_channels'], r['weight_shape'], len(r['bias']), len(r['loss'])) == (1, 3, [1, 3, 4, 4], 3, 51), r
assert r['pairs'][0]['channels'] == 1 and r['pairs'][0]['target_channels'] == 3, r['pairs']
" || fail "colourise --json"
run grey.png --layer colour.safetensors -s 2 -p 1 -o colour.png
expect_rc 0
[ "$("$py" -c "from PIL import Image; print(Image.open('colour.png').mode)")" = RGB ] || fail "colour.png is not RGB"

finish
