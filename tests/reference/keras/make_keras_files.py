#!/usr/bin/python3
"""Keras model files and PyTorch goldens for tconv's Keras layers (not made by tconv).

Run with Debian's python3 (python3-h5py, python3-numpy, python3-torch), after make_keras_goldens.js:
    /usr/bin/python3 tests/reference/keras/make_keras_files.py

1. For some of the TensorFlow.js cases in tests/reference/goldens/keras_layer.txt it writes the same
   weights as a Keras 3 archive (NAME.keras) and a tf.keras 2 HDF5 model (NAME.h5) in
   tests/fixtures/layers/keras/, following Keras' saving code: keras/src/saving/saving_lib.py (a zip of
   metadata.json, config.json and model.weights.h5, the n-th layer of a class in `layers/<snake_case
   class>[_n]/vars/0, 1`; bfloat16 as 2-byte opaque data with the attribute dtype="bfloat16") and
   tf.keras' legacy hdf5_format.py (root attributes model_config, keras_version, backend; group
   model_weights with layer_names, each layer's weight_names and its datasets under those names).
   So those files must give TensorFlow.js' outputs.
2. The configurations TensorFlow.js' Conv2DTranspose lacks (output_padding, dilation_rate) are
   computed by torch.nn.functional.conv_transpose2d with the kernel transposed to PyTorch's layout
   (the relation the TF.js cases check), the window of Keras' deconv_output_length (window.py), the
   bias and the activation by torch; written to tests/reference/goldens/keras_layer_torch.txt with
   their .keras and .h5 files.
"""
import io
import json
import os
import sys
import zipfile

import h5py
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from window import axis_window  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "e2e"))
from golden_cases import read_cases  # noqa: E402

FIXTURES = os.path.join(HERE, "..", "..", "fixtures", "layers", "keras")
GOLDENS = os.path.join(HERE, "..", "goldens")
KERAS3_VERSION = "3.6.0"
KERAS2_VERSION = "2.15.0"
DATE = (2026, 12, 7, 12, 0, 0)

# The TF.js cases also written as .keras and .h5 (each file kind, dtype and a two-layer model).
FILE_CASES = ["valid_s2_k4_linear", "same_s2_k3_relu", "same_s3_k4_sigmoid_nobias", "same_k3x2_s2x1_selu",
              "same_s2_k4_channels_first", "same_s2_k3_float16", "valid_s2_k4_bfloat16", "two_layers"]


def store(values, dtype):
    """The weights as the file holds them: numpy float32/float16, or bfloat16's upper 16 bits."""
    a = np.asarray(values, dtype=np.float32)
    if dtype == "float16":
        return a.astype(np.float16)
    if dtype == "bfloat16":
        bits = (a.view(np.uint32) >> 16).astype(np.uint16)
        assert np.array_equal((bits.astype(np.uint32) << 16).view(np.float32), a), "not bfloat16 values"
        return bits.view(np.dtype("V2"))
    return a


def keras3_layer(layer, dtype, input_shape):
    initializer = {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": None},
                   "registered_name": None}
    return {
        "module": "keras.layers", "class_name": "Conv2DTranspose", "registered_name": None,
        "config": {
            "name": layer["name"], "trainable": True,
            "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": dtype}, "registered_name": None},
            "filters": layer["filters"], "kernel_size": list(layer["kernel_size"]), "strides": list(layer["strides"]),
            "padding": layer["padding"], "data_format": layer["data_format"],
            "dilation_rate": list(layer["dilation_rate"]), "activation": layer["activation"],
            "use_bias": layer["bias"] is not None, "kernel_initializer": initializer,
            "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": None},
            "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None,
            "bias_constraint": None,
            "output_padding": None if layer["output_padding"] is None else list(layer["output_padding"]),
        },
        "build_config": {"input_shape": input_shape},
    }


def write_keras3(path, layers, dtype, batch_shape):
    """A Sequential of `layers` (dicts with name, kernel (kH, kW, C_out, C_in), bias, geometry)."""
    configs, shape = [], batch_shape
    for layer in layers:
        configs.append(keras3_layer(layer, dtype, shape))
        shape = [None, None, None, layer["filters"]] if layer["data_format"] == "channels_last" else [None, layer["filters"],
                                                                                                       None, None]
    config = {
        "module": "keras", "class_name": "Sequential", "registered_name": None,
        "config": {"name": "sequential", "trainable": True,
                   "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": dtype}, "registered_name": None},
                   "layers": [{"module": "keras.layers", "class_name": "InputLayer", "registered_name": None,
                               "config": {"batch_shape": batch_shape, "dtype": dtype, "sparse": False,
                                          "name": "input_layer"}}] + configs},
        "build_config": {"input_shape": batch_shape}, "compile_config": None,
    }
    weights = io.BytesIO()
    with h5py.File(weights, "w") as f:
        f.create_group("vars")  # the model's own (none)
        for n, layer in enumerate(layers):
            group = f.create_group("layers/conv2d_transpose" + (f"_{n}" if n else "")).create_group("vars")
            for i, values in enumerate([layer["kernel"]] + ([layer["bias"]] if layer["bias"] is not None else [])):
                ds = group.create_dataset(str(i), data=store(values, dtype))
                if dtype == "bfloat16":
                    ds.attrs["dtype"] = "bfloat16"
    with zipfile.ZipFile(path, "w") as zf:
        # Entries dated once, so that the files only change when their contents do.
        zf.writestr(zipfile.ZipInfo("metadata.json", DATE), json.dumps({"keras_version": KERAS3_VERSION, "date_saved": "2026-12-07@12:00:00"}))
        zf.writestr(zipfile.ZipInfo("config.json", DATE), json.dumps(config))
        zf.writestr(zipfile.ZipInfo("model.weights.h5", DATE), weights.getvalue())


def write_keras2_h5(path, layers, dtype, batch_shape):
    configs = [{"class_name": "InputLayer", "config": {"batch_input_shape": batch_shape, "dtype": dtype, "sparse": False,
                                                       "ragged": False, "name": layers[0]["name"] + "_input"}}]
    for layer in layers:
        c = keras3_layer(layer, dtype, None)["config"]
        c["dtype"] = dtype
        c["groups"] = 1
        c["kernel_initializer"] = {"class_name": "GlorotUniform", "config": {"seed": None}}
        c["bias_initializer"] = {"class_name": "Zeros", "config": {}}
        configs.append({"class_name": "Conv2DTranspose", "config": c})
    model_config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": configs}}
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = KERAS2_VERSION
        f.attrs["model_config"] = json.dumps(model_config).encode("utf8")
        g = f.create_group("model_weights")
        g.attrs["layer_names"] = np.array([layer["name"].encode("utf8") for layer in layers])
        g.attrs["backend"] = b"tensorflow"
        g.attrs["keras_version"] = KERAS2_VERSION.encode("utf8")
        for layer in sorted(layers, key=lambda x: x["name"]):
            lg = g.create_group(layer["name"])
            values = [("kernel", layer["kernel"])] + ([("bias", layer["bias"])] if layer["bias"] is not None else [])
            names = [f"{layer['name']}/{w}:0".encode("utf8") for w, _ in values]
            lg.attrs["weight_names"] = np.array(names)
            for name, (_, v) in zip(names, values):
                # tf.keras 2 keeps bfloat16 policies' variables in float32 (only the compute is bfloat16).
                data = store(v, "float32" if dtype == "bfloat16" else dtype)
                ds = lg.create_dataset(name.decode(), data.shape, dtype=data.dtype)
                ds[:] = data


def pair(text):
    a, b = (int(v) for v in text.split())
    return (a, b)


def case_layer(case, name="up"):
    cin, cout, kh, kw, bias = case["layer"].split()
    cin, cout, kh, kw = int(cin), int(cout), int(kh), int(kw)
    kernel = np.array([float(v) for v in case["kernel"].split()]).reshape(kh, kw, cout, cin)
    return {"name": name, "filters": cout, "kernel_size": (kh, kw), "strides": pair(case["strides"]),
            "padding": case["padding"], "data_format": case["data_format"],
            "dilation_rate": pair(case.get("dilation", "1 1")), "activation": case["activation"],
            "output_padding": None if case.get("output_padding", "-") == "-" else pair(case["output_padding"]),
            "kernel": kernel, "bias": np.array([float(v) for v in case["bias"].split()]) if bias == "bias" else None}


def two_layer_model(case):
    """two_layers.json's two layers, read back from TF.js' own file (the golden lists the selected one)."""
    spec = json.load(open(os.path.join(FIXTURES, "two_layers.json")))
    blob = open(os.path.join(FIXTURES, "two_layers.weights.bin"), "rb").read()
    offset, values = 0, {}
    for w in spec["weightsManifest"][0]["weights"]:
        n = int(np.prod(w["shape"]))
        values[w["name"]] = np.frombuffer(blob, dtype="<f4", count=n, offset=offset).reshape(w["shape"]).astype(np.float64)
        offset += 4 * n
    layers = []
    for l in spec["modelTopology"]["config"]["layers"]:
        c = l["config"]
        layers.append({"name": c["name"], "filters": c["filters"], "kernel_size": tuple(c["kernel_size"]),
                       "strides": tuple(c["strides"]), "padding": c["padding"], "data_format": c["data_format"],
                       "dilation_rate": (1, 1), "activation": c["activation"], "output_padding": None,
                       "kernel": values[c["name"] + "/kernel"], "bias": values[c["name"] + "/bias"]})
    assert np.allclose(layers[1]["kernel"].reshape(-1), [float(v) for v in case["kernel"].split()])
    return layers


ACTIVATIONS = {"linear": lambda y: y, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh,
               "elu": F.elu, "selu": torch.selu, "softplus": F.softplus, "gelu": F.gelu, "silu": F.silu,
               "leaky_relu": lambda y: F.leaky_relu(y, 0.2), "relu6": F.relu6, "exponential": torch.exp,
               "hard_silu": F.hardswish, "log_sigmoid": F.logsigmoid, "mish": F.mish,
               # Keras 3's hard_sigmoid, relu6(x + 3) / 6 (tf.keras 2 and TF.js: 0.2 x + 0.5).
               "hard_sigmoid": F.hardsigmoid}


def torch_case(name, x, layer):
    """x: float64 (H, W, C_in); the output (H', W', C_out) as Keras defines it, computed by torch."""
    h, w, cin = x.shape
    kh, kw = layer["kernel_size"]
    s, d = layer["strides"], layer["dilation_rate"]
    op = layer["output_padding"] or (None, None)
    weight = torch.from_numpy(np.ascontiguousarray(layer["kernel"].transpose(3, 2, 0, 1)))
    full = F.conv_transpose2d(torch.from_numpy(x.transpose(2, 0, 1)).unsqueeze(0), weight, stride=s, dilation=d)[0]
    (rb, rn) = axis_window(h, kh, s[0], d[0], layer["padding"], 0, op[0])
    (cb, cn) = axis_window(w, kw, s[1], d[1], layer["padding"], 1, op[1])
    y = torch.zeros((layer["filters"], rn, cn), dtype=torch.float64)
    src = full[:, rb:rb + rn, cb:cb + cn]
    y[:, :src.shape[1], :src.shape[2]] = src
    if layer["bias"] is not None:
        y += torch.from_numpy(layer["bias"]).reshape(-1, 1, 1)
    y = ACTIVATIONS[layer["activation"]](y).numpy().transpose(1, 2, 0)
    numbers = lambda a: " ".join(repr(float(v)) for v in np.asarray(a).reshape(-1))
    lines = [f"case {name}", f"model {name}", "select -",
             f"layer {cin} {layer['filters']} {kh} {kw} {'bias' if layer['bias'] is not None else 'nobias'}",
             f"strides {s[0]} {s[1]}", f"padding {layer['padding']}", f"activation {layer['activation']}",
             f"data_format {layer['data_format']}", "dtype float32", f"input {h} {w}", f"output {rn} {cn}",
             f"dilation {d[0]} {d[1]}",
             f"output_padding {'-' if layer['output_padding'] is None else '%d %d' % layer['output_padding']}",
             f"kernel {numbers(layer['kernel'])}"]
    if layer["bias"] is not None:
        lines.append(f"bias {numbers(layer['bias'])}")
    lines += [f"x {numbers(x)}", f"expected {numbers(y)}", "end"]
    return "\n".join(lines)


def torch_cases(rng):
    specs = [  # name, (H, W, C_in), C_out, kernel, strides, padding, dilation, output_padding, activation
        ("op_valid_s2_k3_op1", (5, 6, 3), 3, (3, 3), (2, 2), "valid", (1, 1), (1, 1), "relu"),
        ("op_same_s3_k4_op2x0", (5, 6, 3), 2, (4, 4), (3, 3), "same", (1, 1), (2, 0), "linear"),
        ("dil_same_k3_d2", (5, 6, 3), 3, (3, 3), (1, 1), "same", (2, 2), None, "tanh"),
        ("dil_valid_k3_s2_d2x3", (5, 6, 2), 2, (3, 3), (2, 2), "valid", (2, 3), None, "leaky_relu"),
        ("dil_same_k2_s2_d3_op1", (4, 5, 3), 3, (2, 2), (2, 2), "same", (3, 3), (1, 2), "gelu"),
        ("act_silu", (4, 5, 3), 2, (3, 3), (2, 2), "same", (1, 1), None, "silu"),
        ("act_exponential", (4, 5, 3), 2, (3, 3), (2, 2), "same", (1, 1), None, "exponential"),
        ("act_hard_silu", (4, 5, 3), 2, (3, 3), (2, 2), "same", (1, 1), None, "hard_silu"),
        ("act_log_sigmoid", (4, 5, 3), 2, (3, 3), (2, 2), "same", (1, 1), None, "log_sigmoid"),
        ("act_hard_sigmoid_keras3", (4, 5, 3), 2, (3, 3), (2, 2), "same", (1, 1), None, "hard_sigmoid"),
    ]
    out, layers = [], {}
    for name, (h, w, cin), cout, k, s, pad, d, op, act in specs:
        layer = {"name": "up", "filters": cout, "kernel_size": k, "strides": s, "padding": pad, "data_format": "channels_last",
                 "dilation_rate": d, "activation": act, "output_padding": op,
                 "kernel": rng.uniform(-0.5, 0.5, (k[0], k[1], cout, cin)).astype(np.float32).astype(np.float64),
                 "bias": rng.uniform(-0.3, 0.3, cout).astype(np.float32).astype(np.float64)}
        x = rng.uniform(0, 1, (h, w, cin)).astype(np.float32).astype(np.float64)
        out.append(torch_case(name, x, layer))
        layers[name] = (layer, [None, h, w, cin])
    return out, layers


def main():
    for case in read_cases(os.path.join(GOLDENS, "keras_layer.txt")):
        if case["name"] not in FILE_CASES:
            continue
        layers = two_layer_model(case) if case["name"] == "two_layers" else [case_layer(case)]
        h, w = (int(v) for v in case["input"].split())
        cin = int(case["layer"].split()[0]) if case["name"] != "two_layers" else 3
        batch = [None, h, w, cin] if case["data_format"] == "channels_last" else [None, cin, h, w]
        base = os.path.join(FIXTURES, case["name"])
        write_keras3(base + ".keras", layers, case["dtype"], batch)
        write_keras2_h5(base + ".h5", layers, case["dtype"], batch)
    texts, layers = torch_cases(np.random.default_rng(20261207))
    for name, (layer, batch) in layers.items():
        base = os.path.join(FIXTURES, name)
        write_keras3(base + ".keras", [layer], "float32", batch)
        if name.startswith(("op_", "dil_")):
            write_keras2_h5(base + ".h5", [layer], "float32", batch)
    with open(os.path.join(GOLDENS, "keras_layer_torch.txt"), "w", encoding="ascii") as f:
        f.write(f"# Made by tests/reference/keras/make_keras_files.py from torch.nn.functional.conv_transpose2d "
                f"(torch {torch.__version__}); do not edit by hand.\n")
        f.write("\n".join(texts) + "\n")
    print(f"wrote {len(FILE_CASES)} TF.js cases as .keras and .h5, {len(texts)} torch cases")


if __name__ == "__main__":
    main()
