# Keras Conv2DTranspose layers through the main job: every TF.js and PyTorch golden from TF.js'
# model.json and the .keras and .h5 files of the same weights (check_keras_layer.py: values as .npy,
# pixels as PNG); the layer named in --verbose; geometry options that repeat the config or contradict
# it; the one-line errors of files that are no model, missing layers, other layers, several layers,
# unknown activations and shapes that contradict the config; `fit --layer -o X.keras` read back.
# usage: bash keras_layer.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
py=/usr/bin/python3
models=$src/tests/fixtures/layers/keras

case_ "every Keras golden through each file kind, as values and as pixels"
out=$("$py" "$e2e_dir/check_keras_layer.py" "$tconv" "$src" "$work" 2>&1) || fail "$out"

"$py" - <<'PY'
import json
import numpy as np
from PIL import Image
rng = np.random.default_rng(3)
Image.fromarray(rng.integers(0, 256, (5, 6, 3), dtype=np.uint8), "RGB").save("in.png")
conv = {"class_name": "Conv2DTranspose", "config": {"name": "up", "filters": 3, "kernel_size": [2, 2], "strides": [2, 2],
        "padding": "same", "activation": "relu", "use_bias": False}}
dense = {"class_name": "Dense", "config": {"name": "dense", "units": 2}}
def model(name, act="relu", shape=(2, 2, 3, 3)):
    c = json.loads(json.dumps(conv))
    c["config"]["activation"] = act
    json.dump({"modelTopology": {"class_name": "Sequential", "config": {"layers": [c, dense]}},
               "weightsManifest": [{"paths": ["./w.bin"], "weights": [{"name": "up/kernel", "shape": list(shape),
                                                                       "dtype": "float32"}]}]}, open(name, "w"))
model("ok.json")
model("act.json", "hard_tanh")
model("shape.json", shape=(2, 2, 4, 3))
np.full(48, 0.25, "<f4").tofile("w.bin")
PY

case_ "--verbose names the Keras layer, its activation and dtype; the config gives the geometry"
run in.png --layer "$models/two_layers.keras:up1" -v -o v.npy
expect_rc 0
expect_stdout "in.png -> v.npy: 5x6 -> 10x12 (HxW, 3 channels); rows: out = (5 - 1) * 2 - (0 + 1) + 1 * (3 - 1) + 0 + 1 = 10; cols: out = (6 - 1) * 2 - (0 + 1) + 1 * (3 - 1) + 0 + 1 = 12"
grep -qF "strategy layer (layer 'up1' in $models/two_layers.keras: 3 -> 4, 3x3, groups 1, bias, relu, float32; layer 3x3, stride 2x2: 3240 multiply-adds" .cap/stderr ||
    { fail "no layer line on stderr"; show_streams; }
run in.png --layer "$models/two_layers.h5:up1" -s 2 -p same -o h5.npy -q
expect_rc 0
run in.png --layer "$models/op_valid_s2_k3_op1.keras" --output-padding 1 -o op.npy -q
expect_rc 0
cmp -s v.npy h5.npy || fail "the .keras and .h5 files of one layer give different values"

case_ "geometry options may repeat the Keras config, not contradict it"
spec=$models/valid_s2_k4_linear.keras
run in.png --layer "$spec" -s 3 -o x.png
expect_rc 2
expect_one_error "--stride" "the Keras layer has strides 2x2, --stride says 3"
run in.png --layer "$spec" -p same -o x.png
expect_rc 2
expect_one_error "--padding" "the Keras layer has padding 'valid', --padding says same"
run in.png --layer "$spec" --output-padding 1 -o x.png
expect_rc 2
expect_one_error "--output-padding" "the Keras layer has output_padding None \(Keras' default\), --output-padding says 1"
run in.png --layer "$models/dil_same_k3_d2.keras" --dilation 1 -o x.png
expect_rc 2
expect_one_error "--dilation" "the Keras layer has dilation_rate 2x2, --dilation says 1"
run in.png --layer "$spec" --groups 3 -o x.png
expect_rc 2
expect_one_error "--layer $spec" "a Keras Conv2DTranspose has no groups: --groups 3 cannot apply"
expect_no_file x.png

case_ "files that are no model, layers that are not there or not a Conv2DTranspose: one line each, exit 2"
cp in.png photo.keras
cp in.png photo.h5
run in.png --layer photo.keras -o x.png
expect_rc 2
expect_one_error "--layer photo.keras" "not a zip archive \(.*\)"
run in.png --layer photo.h5 -o x.png
expect_rc 2
expect_one_error "--layer photo.h5" "not an HDF5 file \(no HDF5 signature at its start\)"
run in.png --layer "$models/two_layers.h5" -o x.png
expect_rc 2
expect_one_error "--layer $models/two_layers.h5" "the model holds 2 Conv2DTranspose layers \('up1', 'up2'\): select one as $models/two_layers.h5:up1"
run in.png --layer "$models/two_layers.json:down" -o x.png
expect_rc 2
expect_one_error "--layer $models/two_layers.json" "no layer named 'down' \(Conv2DTranspose layers: 'up1', 'up2'\)"
run in.png --layer ok.json:dense -o x.png
expect_rc 2
expect_one_error "--layer ok.json" "the layer 'dense' is a Dense, not a Conv2DTranspose"
run in.png --layer act.json -o x.png
expect_rc 2
expect_one_error "--layer act.json" "the layer's activation 'hard_tanh' is not one tconv knows"
run in.png --layer shape.json -o x.png
expect_rc 2
expect_one_error "--layer shape.json" "the kernel 'up/kernel' has shape \(2, 2, 4, 3\) but the config says \(2, 2, 3, C_in\)"
run in.png --layer ok.json -o ok.png -q
expect_rc 0
expect_no_file x.png

case_ "fit --layer -o X.keras: the layer read back gives what the same fit's .safetensors gives"
run in.png --layer ok.json -o target.png -q
run fit in.png target.png --layer -f 2 -s 2 -p same --steps 50 -o learned.keras
expect_rc 0
run fit in.png target.png --layer -f 2 -s 2 -p same --steps 50 -o learned.safetensors
expect_rc 0
run in.png --layer learned.keras -o a.npy -q
expect_rc 0
run in.png --layer learned.safetensors -s 2 -p same -o b.npy -q
expect_rc 0
cmp -s a.npy b.npy || fail "learned.keras and learned.safetensors give different values"
out=$("$py" -c "
import zipfile, json
z = zipfile.ZipFile('learned.keras')
assert z.namelist() == ['metadata.json', 'config.json', 'model.weights.h5'], z.namelist()
c = json.loads(z.read('config.json'))['config']['layers'][1]
assert c['class_name'] == 'Conv2DTranspose' and c['config']['padding'] == 'same' and c['config']['strides'] == [2, 2], c
assert z.read('model.weights.h5')[:8] == b'\x89HDF\r\n\x1a\n'" 2>&1) || fail "$out"
run fit in.png target.png --layer -f 2 -s 2 -p 1 -o bad.keras
expect_rc 2
expect_one_error "--padding" "a .keras layer pads 'valid' or 'same': give -p valid or -p same"
expect_no_file bad.keras

finish
