#!/usr/bin/python3
"""Fit goldens for `tconv fit --layer`: torch.optim.Adam on a ConvTranspose2d's weight and bias, computed by
PyTorch autograd (not by tconv).

Run with Debian's python3 (python3-torch, python3-numpy):  /usr/bin/python3 tests/reference/make_layer_fit_goldens.py
It rewrites tests/reference/goldens/layer_fit.txt; tests/core/fit/layer_fit_test.cpp and
tests/e2e/check_layer_fit.py read it.

Every case: 8-bit inputs (C_in, H, W) and targets (C_out, OH, OW) made by a true layer, quantised as tconv
quantises (so some saturate at 0 and 255) plus +-3 of noise, clipped to 0..255. The loss is the mean over
every target sample of e^2, e = y - t, except that a target of 0 only penalises y > 0 and one of 255 only
y < 255 (tconv's rule for saturated targets); y = F.conv_transpose2d(x, weight, bias, stride, dilation,
groups) in float64 cut to tconv's output window (window.py; zeros past its end, then the bias),
as make_layer_goldens.py computes it. Adam (torch.optim.Adam, one learning rate) updates the weight and
bias / 255: the bias in units of the sample maximum, as tconv counts it (core::layer_fit_bias_unit). The
loss before every step, the loss after the last, the first step of the lowest loss and the weight and bias
there (what a fit keeps: Adam may end above a loss it had reached) are recorded.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

from adam_fit import adam_history, saturated_mse
from golden_file import write_cases
from window import axis_window, extent

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "layer_fit.txt")
BIAS_UNIT = 255.0


def numbers(a):
    return " ".join(repr(float(v)) for v in np.asarray(a.detach() if torch.is_tensor(a) else a,
                                                         dtype=np.float64).reshape(-1))


def forward(x, weight, bias, groups, stride, dilation, padding, output_padding):
    """x [C_in, H, W] -> y [C_out, OH, OW] in the output window, differentiable in weight and bias."""
    s, d = extent(stride), extent(dilation)
    op = extent(output_padding) if output_padding else (None, None)
    kh, kw = weight.shape[2:]
    full = F.conv_transpose2d(x[None], weight, None, stride=s, dilation=d, groups=groups)[0]
    (rb, rn), (cb, cn) = (axis_window(x.shape[1 + a], (kh, kw)[a], s[a], d[a], padding, a, op[a]) for a in (0, 1))
    src = full[:, rb:rb + rn, cb:cb + cn]
    y = F.pad(src, (0, cn - src.shape[2], 0, rn - src.shape[1]))
    return y if bias is None else y + bias.reshape(-1, 1, 1)


def fit_case(rng, name, in_sizes, cin, cout, groups, kernel, lr, steps, init="zeros", bias=True, stride="1",
             dilation="1", padding="0", output_padding=None):
    kh, kw = kernel
    true_w = torch.tensor(rng.uniform(-0.4, 0.9, (cin, cout // groups, kh, kw)))
    true_b = torch.tensor(rng.uniform(-30.0, 30.0, cout)) if bias else None
    examples = []
    for h, w in in_sizes:
        x = torch.tensor(rng.integers(0, 256, (cin, h, w)).astype(np.float64))
        y = forward(x, true_w, true_b, groups, stride, dilation, padding, output_padding)
        t = torch.clamp(torch.floor(torch.clamp(y, 0, 255) + 0.5) + torch.tensor(rng.integers(-3, 4, tuple(y.shape))),
                        0, 255)
        examples.append((x, t))
    if init == "zeros":
        w0 = np.zeros((cin, cout // groups, kh, kw))
    else:  # a given start, as `--init FILE.npy` gives it (the bias starts at 0)
        w0 = rng.uniform(-0.3, 0.3, (cin, cout // groups, kh, kw))
    weight = torch.tensor(w0).requires_grad_()
    # Adam sees the bias in units of 255 (tconv's layer_fit_bias_unit): bias = 255 * beta.
    beta = torch.zeros(cout).requires_grad_() if bias else None
    losses, best_step = adam_history([weight] + ([beta] if bias else []), lambda: saturated_mse(
        (forward(x, weight, BIAS_UNIT * beta if bias else None, groups, stride, dilation, padding, output_padding), t)
        for x, t in examples), lr, steps)
    lines = [
        f"case {name}",
        f"layer {cin} {cout} {groups} {kh} {kw} {'bias' if bias else 'nobias'}",
        f"stride {stride}",
        f"dilation {dilation}",
        f"padding {padding}",
        f"output_padding {output_padding or '-'}",
        f"lr {lr!r}",
        f"steps {steps}",
        "init_weight " + numbers(w0),
    ]
    for x, t in examples:
        lines.append(f"example {x.shape[1]} {x.shape[2]} {t.shape[1]} {t.shape[2]}")
        lines.append("x " + " ".join(str(int(v)) for v in x.flatten().tolist()))
        lines.append("target " + " ".join(str(int(v)) for v in t.flatten().tolist()))
    lines.append("loss " + " ".join(repr(v) for v in losses))
    lines.append(f"best_step {best_step}")
    lines.append("weight " + numbers(weight))
    lines.append("bias " + (numbers(BIAS_UNIT * beta) if bias else "-"))
    lines.append("end")
    return "\n".join(lines)


def main():
    rng = np.random.default_rng(20261201)
    cases = [
        # The bench's layer: RGB -> RGB, k4 s2 p1, bias, from zeros, two examples of other sizes.
        fit_case(rng, "rgb_3to3_k4_s2_p1_two_examples", [(5, 4), (3, 6)], 3, 3, 1, (4, 4), 0.05, 40, stride="2",
                 padding="1"),
        # Colourising: grey -> RGB, k3 s3, from a given start.
        fit_case(rng, "grey_to_rgb_1to3_k3_s3_given_start", [(4, 3)], 1, 3, 1, (3, 3), 0.02, 30, init="given",
                 stride="3"),
        # Groups, dilation, ONNX pads and output padding together.
        fit_case(rng, "grouped_4to4_g2_k3_s2_d2_pads_1_0_2_1_op1", [(4, 4)], 4, 4, 2, (3, 3), 0.05, 25, stride="2",
                 dilation="2", padding="1,0,2,1", output_padding="1"),
        # RGBA -> grey + alpha, Keras 'same', non-square kernel and stride.
        fit_case(rng, "rgba_4to2_k2x3_s2x3_same", [(3, 4), (2, 2)], 4, 2, 1, (2, 3), 0.1, 30, stride="2x3",
                 padding="same"),
        # No bias: the weight alone, 'valid' padding, depthwise (groups = C_in).
        fit_case(rng, "depthwise_3to3_g3_k3_s2_valid_nobias", [(4, 5)], 3, 3, 3, (3, 3), 0.05, 30, bias=False,
                 stride="2", padding="valid"),
    ]
    write_cases(OUT, "tests/reference/make_layer_fit_goldens.py", "torch.optim.Adam over F.conv_transpose2d", cases)


if __name__ == "__main__":
    main()
