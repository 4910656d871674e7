#!/usr/bin/python3
"""Layer files for `--layer` (tests/io/layers/layer_file_test.cpp): .npy weights and biases written by NumPy,
.safetensors written here by hand (struct + json, as the format's specification lays it out, since
the safetensors package is not in Debian), with PyTorch state_dicts as their tensors, and .onnx models
exported by torch.onnx.export or built with onnx.helper. Beside them, expected.json records for each
file what a reader must find: C_in, C_out, groups, kernel, the weight and bias as float64 (read back
here by NumPy, torch or onnx.numpy_helper, never by tconv) and, for ONNX, the node's attributes.

Run with Debian's /usr/bin/python3 (python3-torch, python3-numpy, python3-onnx); the outputs are
checked in under tests/fixtures/layers/. Deterministic: rerunning leaves them unchanged.
"""
import json
import os
import struct

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "layers")
expected = {}


def record(file, weight, bias, groups, selector="", **extra):
    """What tconv must read from FILE[:SELECTOR]: weight (C_in, C_out/groups, kH, kW), bias or None."""
    weight = np.asarray(weight, dtype=np.float64)
    key = file + (":" + selector if selector else "")
    expected[key] = dict(file=file, selector=selector, in_channels=int(weight.shape[0]),
                         out_channels=int(weight.shape[1] * groups), groups=groups,
                         kernel=[int(weight.shape[2]), int(weight.shape[3])],
                         weight=[float(v) for v in weight.ravel()],
                         bias=None if bias is None else [float(v) for v in np.asarray(bias, dtype=np.float64).ravel()], **extra)


def torch_layer(seed, *args, **kwargs):
    torch.manual_seed(seed)
    return nn.ConvTranspose2d(*args, **kwargs)


# --- .npy -----------------------------------------------------------------------------------------
def write_npy():
    layer = torch_layer(1, 3, 2, (2, 3), stride=2, bias=True)  # non-square kernel, C_in != C_out
    w = layer.weight.detach().numpy().astype(np.float32)
    b = layer.bias.detach().numpy().astype(np.float32)
    np.save(os.path.join(OUT, "w_3to2_k2x3.npy"), w)
    np.save(os.path.join(OUT, "b_2.npy"), b)
    record("w_3to2_k2x3.npy", np.load(os.path.join(OUT, "w_3to2_k2x3.npy")), np.load(os.path.join(OUT, "b_2.npy")), 1,
           bias_file="b_2.npy")

    grouped = torch_layer(2, 4, 6, 3, groups=2, bias=False)  # weight (4, 3, 3, 3)
    np.save(os.path.join(OUT, "w_4to6_g2_f16.npy"), grouped.weight.detach().numpy().astype(np.float16))
    record("w_4to6_g2_f16.npy", np.load(os.path.join(OUT, "w_4to6_g2_f16.npy")), None, 2)

    depthwise = torch_layer(3, 2, 2, (3, 2), groups=2, bias=False).weight.detach().numpy().astype(np.float64)
    np.save(os.path.join(OUT, "w_2to2_g2_f64_fortran.npy"), np.asfortranarray(depthwise))
    record("w_2to2_g2_f64_fortran.npy", np.load(os.path.join(OUT, "w_2to2_g2_f64_fortran.npy")), None, 2)

    big_endian = torch_layer(4, 1, 3, 2, bias=False).weight.detach().numpy().astype(">f4")
    np.save(os.path.join(OUT, "w_1to3_be.npy"), big_endian)
    record("w_1to3_be.npy", np.load(os.path.join(OUT, "w_1to3_be.npy")), None, 1)


# --- .safetensors ---------------------------------------------------------------------------------
DTYPES = {torch.float32: ("F32", np.float32), torch.float16: ("F16", np.float16), torch.float64: ("F64", np.float64),
          torch.int64: ("I64", np.int64)}


def tensor_bytes(t):
    if t.dtype == torch.bfloat16:  # NumPy has no bfloat16: the top halves of the float32 bits
        bits = t.detach().to(torch.float32).contiguous().numpy().view(np.uint32) >> 16
        return "BF16", bits.astype("<u2").tobytes()
    name, np_type = DTYPES[t.dtype]
    return name, t.detach().contiguous().numpy().astype(np.dtype(np_type).newbyteorder("<")).tobytes()


def write_safetensors(path, tensors, metadata=None):
    """The format: u64 little-endian header length, the JSON header (padded with spaces to 8 bytes),
    the tensors' bytes back to back in header order."""
    header, data = {}, b""
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        dtype, raw = tensor_bytes(t)
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":"))
    text += " " * (-len(text) % 8)
    with open(os.path.join(OUT, path), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text.encode() + data)


class Decoder(nn.Module):
    """A small decoder whose state_dict has the nested names of real models (decoder.up.0.weight),
    a BatchNorm with its int64 num_batches_tracked, and two transposed convolutions."""

    def __init__(self):
        super().__init__()
        self.decoder = nn.Module()
        self.decoder.up = nn.Sequential(nn.ConvTranspose2d(4, 3, 4, 2, 1), nn.BatchNorm2d(3), nn.ReLU(),
                                        nn.ConvTranspose2d(3, 3, 3, 1, 1, bias=False))
        self.head = nn.Conv2d(3, 3, 1)


def write_safetensors_files():
    layer = torch_layer(10, 3, 3, 4, stride=2, padding=1)
    write_safetensors("plain_3to3_k4.safetensors", {"weight": layer.weight, "bias": layer.bias}, {"format": "pt"})
    record("plain_3to3_k4.safetensors", layer.weight.detach().numpy(), layer.bias.detach().numpy(), 1)

    torch.manual_seed(11)
    model = Decoder()
    state = model.state_dict()
    write_safetensors("model.safetensors", state, {"format": "pt"})
    up0 = model.decoder.up[0]
    record("model.safetensors", up0.weight.detach().numpy(), up0.bias.detach().numpy(), 1, selector="decoder.up.0")
    up3 = model.decoder.up[3]
    record("model.safetensors", up3.weight.detach().numpy(), None, 1, selector="decoder.up.3")

    half = torch_layer(12, 2, 4, (3, 2), bias=False).half()
    write_safetensors("f16_2to4.safetensors", {"weight": half.weight})
    record("f16_2to4.safetensors", half.weight.detach().to(torch.float64).numpy(), None, 1)

    brain = torch_layer(13, 2, 2, 2, groups=2).to(torch.bfloat16)
    write_safetensors("bf16_g2.safetensors", {"bias": brain.bias, "weight": brain.weight}, {"groups": "2"})
    record("bf16_g2.safetensors", brain.weight.detach().to(torch.float64).numpy(),
           brain.bias.detach().to(torch.float64).numpy(), 2)

    double = torch_layer(14, 1, 1, 3).double()
    write_safetensors("f64_1to1.safetensors", {"weight": double.weight, "bias": double.bias})
    record("f64_1to1.safetensors", double.weight.detach().numpy(), double.bias.detach().numpy(), 1)

    lone = torch_layer(15, 2, 1, 2)
    write_safetensors("one_prefixed.safetensors", {"up.weight": lone.weight, "up.bias": lone.bias})
    record("one_prefixed.safetensors", lone.weight.detach().numpy(), lone.bias.detach().numpy(), 1, selector="up")


# --- .onnx ---------------------------------------------------------------------------------------
ATTRIBUTES = ("kernel_shape", "strides", "pads", "dilations", "output_padding", "group", "auto_pad", "output_shape")


def onnx_tensors(model):
    """Initializers and Constant outputs by name, as float64 arrays read by onnx.numpy_helper."""
    found = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    for n in model.graph.node:
        if n.op_type == "Constant":
            found[n.output[0]] = numpy_helper.to_array(n.attribute[0].t)
        if n.op_type == "Identity" and n.input[0] in found:
            found[n.output[0]] = found[n.input[0]]
    return {k: np.asarray(v, dtype=np.float64) for k, v in found.items()}


def record_onnx(file, node_name, selector, torch_weight=None, torch_bias=None):
    """Records node NODE_NAME of FILE from the model as onnx reads it (weights via numpy_helper,
    attributes via helper.get_attribute_value); where torch made the model, its parameters must
    be what the file holds."""
    model = onnx.load(os.path.join(OUT, file))
    onnx.checker.check_model(model)
    node = next(n for n in model.graph.node if n.name == node_name)
    tensors = onnx_tensors(model)
    weight = tensors[node.input[1]]
    bias = tensors[node.input[2]] if len(node.input) > 2 and node.input[2] else None
    if torch_weight is not None:
        assert np.array_equal(weight, torch_weight.detach().numpy().astype(np.float64)), file
    if torch_bias is not None:
        assert np.array_equal(bias, torch_bias.detach().numpy().astype(np.float64)), file
    attrs = {}
    for a in node.attribute:
        if a.name in ATTRIBUTES:
            value = helper.get_attribute_value(a)
            attrs[a.name] = value.decode() if isinstance(value, bytes) else [int(v) for v in value] if isinstance(value, list) else int(value)
    group = attrs.get("group", 1)
    record(file, weight, bias, group, selector=selector, node=node_name, onnx=attrs)


def export(module, example, file):
    module.eval()
    torch.onnx.export(module, example, os.path.join(OUT, file), opset_version=13, do_constant_folding=True)


def dcgan_generator(nz=4, ngf=2, nc=3):
    """The generator of PyTorch's DCGAN example (dcgan/main.py in the pytorch/examples repository), with
    small widths."""
    return nn.Sequential(
        nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
        nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False), nn.Tanh())


class FSRCNN(nn.Module):
    """FSRCNN (Dong, Loy, Tang 2016) for x3 upscaling with the paper's d=56, s=12, m=4: feature
    extraction, shrinking, mapping, expanding, then the 9x9 stride-3 deconvolution 56 -> 1."""

    def __init__(self, d=56, s=12, m=4, scale=3):
        super().__init__()
        layers = [nn.Conv2d(1, d, 5, padding=2), nn.PReLU(d), nn.Conv2d(d, s, 1), nn.PReLU(s)]
        for _ in range(m):
            layers += [nn.Conv2d(s, s, 3, padding=1), nn.PReLU(s)]
        layers += [nn.Conv2d(s, d, 1), nn.PReLU(d)]
        self.body = nn.Sequential(*layers)
        self.deconv = nn.ConvTranspose2d(d, 1, 9, stride=scale, padding=4, output_padding=scale - 1)

    def forward(self, x):
        return self.deconv(self.body(x))


def conv_transpose_model(file, weight, bias, attributes, weight_as="initializer", bias_as="initializer", raw=True):
    """A one-node model built with onnx.helper: X -> ConvTranspose 'up' -> Y, W and B stored as
    initializers (raw bytes or typed fields) or as Constant nodes."""
    nodes, inits = [], []

    def store(name, array, as_):
        dtype = {np.float32: TensorProto.FLOAT, np.float16: TensorProto.FLOAT16, np.float64: TensorProto.DOUBLE}.get(array.dtype.type)
        if raw:
            tensor = numpy_helper.from_array(array, name)
        else:
            tensor = helper.make_tensor(name, dtype, array.shape, array.ravel().tolist())
        if as_ == "constant":
            nodes.append(helper.make_node("Constant", [], [name], value=tensor, name=name + "_const"))
        else:
            inits.append(tensor)

    store("W", weight, weight_as)
    inputs = ["X", "W"]
    if bias is not None:
        store("B", bias, bias_as)
        inputs.append("B")
    nodes.append(helper.make_node("ConvTranspose", inputs, ["Y"], name="up", **attributes))
    elem = {np.float32: TensorProto.FLOAT, np.float16: TensorProto.FLOAT16, np.float64: TensorProto.DOUBLE}[weight.dtype.type]
    graph = helper.make_graph(nodes, "layer", [helper.make_tensor_value_info("X", elem, [1, weight.shape[0], 3, 4])],
                              [helper.make_tensor_value_info("Y", elem, ["N", "C", "H", "W"])], initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_layer_files.py")
    model.ir_version = 8
    onnx.save(model, os.path.join(OUT, file))


def random_array(seed, shape, dtype):
    return np.random.default_rng(seed).uniform(-1, 1, shape).astype(dtype)


def write_onnx_files():
    torch.manual_seed(20)
    generator = dcgan_generator()
    export(generator, torch.randn(1, 4, 1, 1), "dcgan_generator.onnx")
    for index, node in ((0, "/0/ConvTranspose"), (3, "/3/ConvTranspose"), (6, "/6/ConvTranspose")):
        record_onnx("dcgan_generator.onnx", node, node, generator[index].weight)

    torch.manual_seed(21)
    fsrcnn = FSRCNN()
    export(fsrcnn, torch.randn(1, 1, 8, 8), "fsrcnn_x3.onnx")
    deconv = next(n.name for n in onnx.load(os.path.join(OUT, "fsrcnn_x3.onnx")).graph.node if n.op_type == "ConvTranspose")
    record_onnx("fsrcnn_x3.onnx", deconv, "", fsrcnn.deconv.weight, fsrcnn.deconv.bias)

    grouped = torch_layer(22, 4, 6, (3, 2), stride=(2, 3), padding=(1, 0), output_padding=(1, 2), groups=2, dilation=(2, 1))
    export(grouped, torch.randn(1, 4, 3, 5), "grouped_dilated.onnx")
    node = next(n.name for n in onnx.load(os.path.join(OUT, "grouped_dilated.onnx")).graph.node if n.op_type == "ConvTranspose")
    record_onnx("grouped_dilated.onnx", node, "", grouped.weight, grouped.bias)

    # Forms torch.onnx.export never writes: asymmetric pads, auto_pad, output_shape, float16, float64
    # in typed fields, bfloat16 and float in Constant nodes.
    conv_transpose_model("pads_f16.onnx", random_array(30, (2, 3, 3, 2), np.float16), random_array(31, (3,), np.float16),
                         dict(kernel_shape=[3, 2], strides=[2, 2], pads=[1, 0, 2, 1], output_padding=[1, 0]))
    record_onnx("pads_f16.onnx", "up", "")
    for mode, seed in (("SAME_UPPER", 32), ("SAME_LOWER", 33), ("VALID", 34)):
        file = "auto_pad_" + mode.lower() + ".onnx"
        conv_transpose_model(file, random_array(seed, (1, 2, 3, 3), np.float32), None, dict(strides=[2, 3], auto_pad=mode))
        record_onnx(file, "up", "")
    conv_transpose_model("output_shape.onnx", random_array(35, (3, 1, 4, 4), np.float32), random_array(36, (1,), np.float32),
                         dict(strides=[2, 2], output_shape=[7, 9], group=1, dilations=[1, 1]))
    record_onnx("output_shape.onnx", "up", "")
    conv_transpose_model("typed_f64.onnx", random_array(37, (2, 2, 2, 2), np.float64), random_array(38, (2,), np.float64),
                         dict(strides=[1, 1]), bias_as="constant", raw=False)
    record_onnx("typed_f64.onnx", "up", "")
    conv_transpose_model("constant_f32.onnx", random_array(39, (3, 1, 2, 2), np.float32), random_array(40, (3,), np.float32),
                         dict(group=3, strides=[2, 2]), weight_as="constant", raw=False)
    record_onnx("constant_f32.onnx", "up", "")


def main():
    os.makedirs(OUT, exist_ok=True)
    write_npy()
    write_safetensors_files()
    write_onnx_files()
    with open(os.path.join(OUT, "expected.json"), "w", encoding="ascii") as f:
        json.dump({"made_by": f"tests/reference/make_layer_files.py (torch {torch.__version__}); do not edit by hand",
                   "files": expected}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(expected)} layer cases to {OUT}")


if __name__ == "__main__":
    main()
