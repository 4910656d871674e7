#!/usr/bin/python3
"""Layer files for `--layer` (tests/io/layer_file_test.cpp): .npy weights and biases written by NumPy,
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
import torch
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


def main():
    os.makedirs(OUT, exist_ok=True)
    write_npy()
    write_safetensors_files()
    with open(os.path.join(OUT, "expected.json"), "w", encoding="ascii") as f:
        json.dump({"made_by": f"tests/reference/make_layer_files.py (torch {torch.__version__}); do not edit by hand",
                   "files": expected}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(expected)} layer cases to {OUT}")


if __name__ == "__main__":
    main()
