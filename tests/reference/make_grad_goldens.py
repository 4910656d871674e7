#!/usr/bin/python3
"""Gradient and fit goldens for tconv's kernel fit, computed by PyTorch autograd (not by tconv).

Run with Debian's python3 (python3-torch):  /usr/bin/python3 tests/reference/make_grad_goldens.py
It rewrites tests/reference/goldens/transposed_conv_grad.txt; tests/core/fit/transposed_conv_grad_golden_test.cpp
reads it.

"grad" cases: y = conv_transpose2d(x, w) of one channel in float64, cut to tconv's output window
(docs/semantics.md: drop crop_begin at the start, keep `out` entries, zeros past the end), and L = sum(y * g) for a
given g, so autograd's x.grad and w.grad are dL/dx and dL/dw for dL/dy = g. For PyTorch-style padding the
script checks that torch's own padding/output_padding gives the same y, and that dL/dx equals F.conv2d(g, w)
with the same stride, padding and dilation: the adjoint is the ordinary convolution. x, w and g are rounded
to float32 values so that the C++ test feeds the very same numbers.

"fit" cases: torch.optim.Adam on the mean squared error over several examples, with tconv's rule for
saturated targets (a target of 0 only penalises y > 0, one of 255 only y < 255), from a given kernel; the
loss before every step, the loss after the last, the first step of the lowest loss and the kernel there
(the one a fit keeps: Adam may end above a loss it had reached) are recorded.
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

from adam_fit import adam_history, saturated_mse
from window import axis_window, extent

torch.set_default_dtype(torch.float64)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "goldens", "transposed_conv_grad.txt")


def forward(x, w, stride, dilation, padding, output_padding):
    """x [H, W], w [KH, KW] -> the windowed transposed convolution [OH, OW], differentiable."""
    s, d = extent(stride), extent(dilation)
    op = extent(output_padding) if output_padding else (None, None)
    full = F.conv_transpose2d(x[None, None], w[None, None], stride=s, dilation=d)[0, 0]
    (rb, rn), (cb, cn) = (axis_window(x.shape[a], w.shape[a], s[a], d[a], padding, a, op[a]) for a in (0, 1))
    src = full[rb:rb + rn, cb:cb + cn]
    return F.pad(src, (0, cn - src.shape[1], 0, rn - src.shape[0]))


def f32(a):
    """Values a float32 can hold exactly, as float64."""
    return torch.tensor(np.asarray(a, dtype=np.float32).astype(np.float64))


def numbers(t):
    return " ".join(repr(float(v)) for v in t.detach().flatten().tolist())


def grad_case(out, rng, name, in_size, k_size, stride="1", dilation="1", padding="0", output_padding=None):
    x = f32(rng.normal(0, 1, in_size)).requires_grad_()
    w = f32(rng.normal(0, 1, k_size)).requires_grad_()
    y = forward(x, w, stride, dilation, padding, output_padding)
    g = f32(rng.normal(0, 1, tuple(y.shape)))
    (y * g).sum().backward()
    if "," not in padding and padding not in ("valid", "same"):
        s, d, p = extent(stride), extent(dilation), extent(padding)
        op = extent(output_padding) if output_padding else (0, 0)
        y_torch = F.conv_transpose2d(x[None, None], w[None, None], stride=s, padding=p, output_padding=op,
                                     dilation=d)[0, 0]
        assert torch.allclose(y, y_torch), name
        if all(op[a] < s[a] for a in (0, 1)):  # else conv2d's output size is not the input's
            adj = F.conv2d(g[None, None], w[None, None], stride=s, padding=p, dilation=d)[0, 0]
            assert torch.allclose(x.grad, adj), name
    out.append(f"grad {name}")
    out.append(f"input {in_size[0]} {in_size[1]}")
    out.append(f"kernel {k_size[0]} {k_size[1]}")
    out.append(f"stride {stride}\ndilation {dilation}\npadding {padding}\noutput_padding {output_padding or '-'}")
    out.append(f"output {y.shape[0]} {y.shape[1]}")
    out.append("x " + numbers(x))
    out.append("w " + numbers(w))
    out.append("out_grad " + numbers(g))
    out.append("forward " + numbers(y))
    out.append("kernel_grad " + numbers(w.grad))
    out.append("input_grad " + numbers(x.grad))
    out.append("end")


def fit_case(out, rng, name, in_sizes, k_size, true_w, init_w, lr, steps, stride="1", dilation="1", padding="0",
             output_padding=None):
    """Targets are the quantised output of true_w (so some saturate), plus +-3 of noise, clipped to 0..255."""
    examples = []
    for size in in_sizes:
        x = torch.tensor(rng.integers(0, 256, size).astype(np.float64))
        y = forward(x, torch.tensor(true_w), stride, dilation, padding, output_padding)
        t = torch.clamp(torch.floor(y + 0.5) + torch.tensor(rng.integers(-3, 4, tuple(y.shape))), 0, 255)
        examples.append((x, t))
    w = f32(init_w).requires_grad_()
    losses, best_step = adam_history([w], lambda: saturated_mse(
        (forward(x, w, stride, dilation, padding, output_padding), t) for x, t in examples), lr, steps)
    out.append(f"fit {name}")
    out.append(f"kernel {k_size[0]} {k_size[1]}")
    out.append(f"stride {stride}\ndilation {dilation}\npadding {padding}\noutput_padding {output_padding or '-'}")
    out.append(f"lr {lr!r}\nsteps {steps}")
    out.append("init " + numbers(f32(init_w)))
    for x, t in examples:
        out.append(f"example {x.shape[0]} {x.shape[1]} {t.shape[0]} {t.shape[1]}")
        out.append("x " + numbers(x))
        out.append("target " + numbers(t))
    out.append("loss " + " ".join(repr(v) for v in losses))
    out.append(f"best_step {best_step}")
    out.append("kept " + numbers(w))
    out.append("end")


def main():
    rng = np.random.default_rng(20261125)
    out = [f"# Made by tests/reference/make_grad_goldens.py from PyTorch autograd (torch {torch.__version__}); "
           "do not edit by hand."]
    grad_case(out, rng, "row_1x5_k1x3_s2", (1, 5), (1, 3), stride="1x2")
    grad_case(out, rng, "col_4x1_k2x1_s3_p1", (4, 1), (2, 1), stride="3x1", padding="1x0")
    grad_case(out, rng, "k4_s2_p1", (4, 5), (4, 4), stride="2", padding="1")
    grad_case(out, rng, "k2x3_s2x3", (5, 3), (2, 3), stride="2x3")
    grad_case(out, rng, "k3x2_s3x2_d2x1_op1", (3, 4), (3, 2), stride="3x2", dilation="2x1", output_padding="1")
    grad_case(out, rng, "k3_s1_d2_op1x0", (4, 3), (3, 3), dilation="2", output_padding="1x0")
    grad_case(out, rng, "k3x4_s2_onnx_1_0_2_3", (3, 4), (3, 4), stride="2", padding="1,0,2,3")
    grad_case(out, rng, "k3_s2_valid", (3, 5), (3, 3), stride="2", padding="valid")
    grad_case(out, rng, "k2x5_s3x1_same", (4, 3), (2, 5), stride="3x1", padding="same")
    grad_case(out, rng, "k3_s2_same_op1", (3, 3), (3, 3), stride="2", padding="same", output_padding="1")
    grad_case(out, rng, "k1_s4_valid_pads_zeros", (2, 3), (1, 1), stride="4", padding="valid")
    grad_case(out, rng, "k5x3_s1_p2x1", (6, 5), (5, 3), padding="2x1")
    bilinear = np.outer([0.25, 0.75, 0.75, 0.25], [0.25, 0.75, 0.75, 0.25])
    fit_case(out, rng, "bilinear_k4_s2_p1_from_ones_two_examples", [(5, 4), (3, 6)], (4, 4), bilinear,
             np.ones((4, 4)), 0.05, 40, stride="2", padding="1")
    asym = np.array([[1.5, 0.25], [-0.5, 0.75], [0.125, 2.0]])
    fit_case(out, rng, "asym_k3x2_s2x1_onnx_saturating", [(4, 5)], (3, 2), asym,
             np.zeros((3, 2)), 0.1, 30, stride="2x1", padding="0,1,1,0")
    fit_case(out, rng, "k2_s2_same_d2_random_init", [(3, 3), (2, 4)], (2, 2), np.array([[0.5, 1.0], [1.0, 0.5]]),
             rng.uniform(-0.5, 0.5, (2, 2)), 0.02, 25, stride="2", dilation="2", padding="same")
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
