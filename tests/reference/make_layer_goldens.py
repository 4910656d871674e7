#!/usr/bin/python3
"""Golden outputs for tconv's trained layers, computed by PyTorch (not by tconv).

Run with Debian's python3 (python3-torch, python3-numpy):  /usr/bin/python3 tests/reference/make_layer_goldens.py
It rewrites tests/reference/goldens/conv_layer.txt; tests/core/layer/layer_conv_test.cpp reads it.

Every case is a random ConvTranspose2d layer: torch.nn.functional.conv_transpose2d(x, weight, bias, stride,
padding, output_padding, groups, dilation) in float64, the weight of shape (C_in, C_out/groups, KH, KW).
Torch has no asymmetric padding and no Keras 'valid'/'same', so, as in make_goldens.py, the full output
(padding 0, no bias) is computed and tconv's output window (window.py) cut out of it (zeros past its
end), then the bias is added to every sample. For the PyTorch forms (P, PHxPW) torch's own padding,
output_padding and bias are used, and the script checks that the window rule gives the same result.
Edge modes extend the input by numpy.pad first, as make_goldens.py does.

Each case lists the input (C, H, W), weight and bias values and the expected output, all as Python's
repr of the float64 (exact round trip), plus the output quantised as tconv does (clamp to [0, 255],
round half away from zero) and the indices of samples within NEAR_HALF of a .5 boundary.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

from golden_file import write_cases
from window import axis_window, extent

NEAR_HALF = 1e-6
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "conv_layer.txt")


def numbers(a):
    return " ".join(repr(float(v)) for v in np.asarray(a, dtype=np.float64).reshape(-1))


def run_case(name, x, weight, bias, groups, stride="1", dilation="1", padding="0", output_padding=None, edge="zero",
             layer_file=None):
    """x: float64 [C_in, H, W]; weight: float64 [C_in, C_out/groups, KH, KW]; bias: float64 [C_out] or None."""
    cin, h, w = x.shape
    kh, kw = weight.shape[2:]
    cout = weight.shape[1] * groups
    assert weight.shape[0] == cin and cin % groups == 0
    s, d = extent(stride), extent(dilation)
    op = extent(output_padding) if output_padding is not None else (None, None)
    rows = axis_window(h, kh, s[0], d[0], padding, 0, op[0])
    cols = axis_window(w, kw, s[1], d[1], padding, 1, op[1])
    reach = [0, 0] if edge == "zero" else [(d[a] * (k - 1) + 1 + (op[a] or 0)) // s[a] + 2 for a, k in ((0, kh), (1, kw))]
    extended = x if edge == "zero" else np.pad(x, ((0, 0), (reach[0],) * 2, (reach[1],) * 2),
                                               mode={"replicate": "edge", "reflect": "reflect"}[edge])
    xt = torch.from_numpy(extended).unsqueeze(0)
    wt = torch.from_numpy(weight)
    bt = torch.from_numpy(bias) if bias is not None else None
    full = F.conv_transpose2d(xt, wt, None, stride=s, dilation=d, groups=groups)[0]
    (rb, rn), (cb, cn) = (rows[0] + reach[0] * s[0], rows[1]), (cols[0] + reach[1] * s[1], cols[1])
    y = torch.zeros((cout, rn, cn), dtype=torch.float64)
    src = full[:, rb:rb + rn, cb:cb + cn]
    y[:, :src.shape[1], :src.shape[2]] = src
    if bt is not None:
        y += bt.reshape(-1, 1, 1)
    if edge == "zero" and padding not in ("valid", "same") and "," not in padding:
        direct = F.conv_transpose2d(xt, wt, bt, stride=s, padding=extent(padding),
                                    output_padding=(op[0] or 0, op[1] or 0), groups=groups, dilation=d)[0]
        assert direct.shape == y.shape and torch.allclose(direct, y, rtol=0, atol=1e-9), name
        y = direct
    y = y.numpy()
    v = np.clip(y, 0.0, 255.0)
    quantised = np.floor(v + 0.5).astype(np.int64)
    frac = y - np.floor(y)
    near = np.flatnonzero(((np.abs(frac - 0.5) < NEAR_HALF) & (y > 0) & (y < 255)).reshape(-1))
    return "\n".join([
        f"case {name}",
        f"layer {cin} {cout} {groups} {kh} {kw} {'bias' if bias is not None else 'nobias'}",
        f"input {h} {w}",
        f"stride {stride}",
        f"dilation {dilation}",
        f"padding {padding}",
        f"output_padding {output_padding if output_padding is not None else '-'}",
        f"edge {edge}",
        *([f"layer_file {layer_file}"] if layer_file else []),
        f"output {y.shape[1]} {y.shape[2]}",
        "x " + numbers(x),
        "weight " + numbers(weight),
        "bias " + (numbers(bias) if bias is not None else "-"),
        "expected " + numbers(y),
        "quantised " + " ".join(str(int(q)) for q in quantised.reshape(-1)),
        "near_half " + " ".join(str(int(i)) for i in near),
        "end",
    ])


def onnx_window(attrs, kernel, size):
    """(stride, dilation, "t,l,b,r", "HxW" output padding) of an ONNX ConvTranspose node on an input of
    `size`, by the operator's specification: explicit pads, VALID (no pads), or with auto_pad SAME_* or
    output_shape total = stride*(in-1) + output_padding + dilation*(k-1) + 1 - target, SAME_UPPER putting
    floor(total/2) at the start, the others floor(total/2) at the end; a negative end pad (ONNX's
    reference implementation) extends the output, which is output padding."""
    s, d = attrs.get("strides", [1, 1]), attrs.get("dilations", [1, 1])
    op = list(attrs.get("output_padding", [0, 0]))
    auto = attrs.get("auto_pad", "NOTSET")
    begin, end = [0, 0], [0, 0]
    if "output_shape" in attrs or auto in ("SAME_UPPER", "SAME_LOWER"):
        target = attrs.get("output_shape", [size[0] * s[0], size[1] * s[1]])
        for a in range(2):
            total = s[a] * (size[a] - 1) + op[a] + d[a] * (kernel[a] - 1) + 1 - target[a]
            if auto == "SAME_UPPER":
                begin[a], end[a] = total // 2, total - total // 2
            else:
                begin[a], end[a] = total - total // 2, total // 2
            if end[a] < 0:
                op[a] -= end[a]
                end[a] = 0
    elif auto != "VALID":
        p = attrs.get("pads", [0, 0, 0, 0])
        begin, end = [p[0], p[1]], [p[2], p[3]]
    return (f"{s[0]}x{s[1]}", f"{d[0]}x{d[1]}", f"{begin[0]},{begin[1]},{end[0]},{end[1]}", f"{op[0]}x{op[1]}")


def onnx_cases(rng):
    """The ConvTranspose nodes of tests/fixtures/layers/*.onnx (torch.onnx.export of DCGAN's generator,
    FSRCNN x3 and a grouped dilated layer; onnx.helper models for auto_pad, output_shape, asymmetric
    pads), with the weights and attributes expected.json records, on random feature maps."""
    fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "layers")
    files = json.load(open(os.path.join(fixtures, "expected.json")))["files"]
    cases = []
    for spec, v in files.items():
        if ".onnx" not in spec:
            continue
        cin, cout, g = v["in_channels"], v["out_channels"], v["groups"]
        kh, kw = v["kernel"]
        x = rng.normal(0.0, 1.5, size=(cin, 4, 5))
        weight = np.array(v["weight"], dtype=np.float64).reshape(cin, cout // g, kh, kw)
        bias = np.array(v["bias"], dtype=np.float64) if v.get("bias") is not None else None
        stride, dilation, pads, op = onnx_window(v["onnx"], (kh, kw), (4, 5))
        name = "onnx_" + spec.replace(".onnx", "").replace(":", "_").replace("/", "_")
        cases.append(run_case(name, x, weight, bias, g, stride, dilation, pads, op, layer_file=spec))
    return cases


def main():
    rng = np.random.default_rng(20261201)

    def image(c, h, w):  # samples 0..255 as an image gives them
        return rng.integers(0, 256, size=(c, h, w)).astype(np.float64)

    def features(c, h, w):  # a framework's feature map: any real values
        return rng.normal(0.0, 1.5, size=(c, h, w))

    def weight(cin, cout, groups, kh, kw, scale=None):
        scale = scale if scale is not None else 1.0 / (cin // groups * kh * kw) ** 0.5
        return rng.uniform(-scale, 2 * scale, size=(cin, cout // groups, kh, kw))

    def bias(cout):
        return rng.uniform(-20.0, 40.0, size=cout)

    cases = [
        # The bench's layers, small: 3 -> 3 k4 s2 p1 with bias, and 4 -> 4 in two groups.
        run_case("rgb_3to3_k4_s2_p1_bias", image(3, 5, 3), weight(3, 3, 1, 4, 4), bias(3), 1, "2", "1", "1"),
        run_case("rgba_4to4_g2_k4_s2_p1_bias", image(4, 4, 5), weight(4, 4, 2, 4, 4), bias(4), 2, "2", "1", "1"),
        # groups = C_in (depthwise, different kernels per channel) and between.
        run_case("depthwise_4to4_g4_k3_s2_bias", image(4, 3, 4), weight(4, 4, 4, 3, 3), bias(4), 4, "2"),
        run_case("depthwise_3to6_g3_k2x3_s2x3", image(3, 4, 3), weight(3, 6, 3, 2, 3), None, 3, "2x3"),
        run_case("grouped_4to6_g2_k3x2_s2x3_p1x0_op1x2", image(4, 5, 3), weight(4, 6, 2, 3, 2), bias(6), 2, "2x3", "1",
                 "1x0", "1x2"),
        run_case("grouped_6to4_g2_k3_s1_d2", image(6, 3, 4), weight(6, 4, 2, 3, 3), bias(4), 2, "1", "2"),
        # C_out 1 .. 8.
        run_case("cout1_2to1_k3_s2_p1_op1", image(2, 4, 3), weight(2, 1, 1, 3, 3), bias(1), 1, "2", "1", "1", "1"),
        run_case("cout2_3to2_k2_s2", image(3, 3, 5), weight(3, 2, 1, 2, 2), bias(2), 1, "2"),
        run_case("cout3_1to3_k3_s3_colourise", image(1, 4, 3), weight(1, 3, 1, 3, 3, 0.4), bias(3), 1, "3"),
        run_case("cout4_3to4_k3x4_s2x3_same", image(3, 5, 3), weight(3, 4, 1, 3, 4), bias(4), 1, "2x3", "1", "same"),
        run_case("cout5_2to5_k3_s2_valid", image(2, 3, 4), weight(2, 5, 1, 3, 3), bias(5), 1, "2", "1", "valid"),
        run_case("cout6_3to6_k4_s2_pads_1_0_2_3", image(3, 4, 3), weight(3, 6, 1, 4, 4), bias(6), 1, "2", "1", "1,0,2,3"),
        run_case("cout7_1to7_k3_s2_same_op1", image(1, 3, 4), weight(1, 7, 1, 3, 3, 0.4), bias(7), 1, "2", "1", "same", "1"),
        run_case("cout8_4to8_g2_k2x3_s1x2_valid_op0x1", image(4, 3, 3), weight(4, 8, 2, 2, 3), bias(8), 2, "1x2", "1",
                 "valid", "0x1"),
        # Padding forms and dilation: numeric, per axis, four numbers, valid, same; dilation 2 with
        # output padding 1 (onnxruntime #14208) and dilation with stride (#2518).
        run_case("pad_hxw_3to2_k5x3_s3x2_p2x1_op2x1", image(3, 4, 5), weight(3, 2, 1, 5, 3), bias(2), 1, "3x2", "1", "2x1",
                 "2x1"),
        run_case("pads_4_0_0_3_2to3_k3_s2", image(2, 4, 4), weight(2, 3, 1, 3, 3), None, 1, "2", "1", "4,0,0,3"),
        run_case("dilation2_op1_2to2_k3_s1_p1", image(2, 4, 5), weight(2, 2, 1, 3, 3), bias(2), 1, "1", "2", "1", "1"),
        run_case("dilation_stride_3to3_k3x2_s2x3_d2x3_p1", image(3, 3, 4), weight(3, 3, 1, 3, 2), bias(3), 1, "2x3", "2x3",
                 "1"),
        run_case("same_dilation_2to4_k3_s2_d2", image(2, 3, 3), weight(2, 4, 2, 3, 3), bias(4), 2, "2", "2", "same"),
        run_case("valid_stride_over_kernel_1to2_k2_s3", image(1, 3, 2), weight(1, 2, 1, 2, 2, 0.6), bias(2), 1, "3", "1",
                 "valid"),
        # FSRCNN's last layer (56 -> 1, 9x9, stride 3, padding 4, output padding 2) on a small feature map.
        run_case("fsrcnn_56to1_k9_s3_p4_op2", features(56, 4, 5), weight(56, 1, 1, 9, 9, 0.15), np.array([0.25]), 1, "3",
                 "1", "4", "2"),
        # Float feature maps in, values far outside 0..255 out; a 1x1 input; edge modes.
        run_case("features_5to3_g1_k3_s2_p1", features(5, 3, 4), weight(5, 3, 1, 3, 3, 30.0), bias(3), 1, "2", "1", "1"),
        run_case("single_pixel_3to2_k3x2_s5", image(3, 1, 1), weight(3, 2, 1, 3, 2), bias(2), 1, "5"),
        run_case("replicate_3to3_k3_s2_p1", image(3, 4, 3), weight(3, 3, 1, 3, 3), bias(3), 1, "2", "1", "1",
                 edge="replicate"),
        run_case("reflect_2to4_g2_k4_s2_p1", image(2, 3, 4), weight(2, 4, 2, 4, 4), bias(4), 2, "2", "1", "1",
                 edge="reflect"),
    ]
    cases += onnx_cases(rng)
    write_cases(OUT, "tests/reference/make_layer_goldens.py", "torch.nn.functional.conv_transpose2d", cases)


if __name__ == "__main__":
    main()
