#!/usr/bin/python3
"""Benchmark of `tconv fit` against the same loop in PyTorch: fit steps per second on a 256x256 RGB pair.

    /usr/bin/python3 bench/fit_bench.py [--tconv build/tconv] [--steps 200] [--jobs 1,2] [--layer]

Needs Debian's python3 with python3-torch, -numpy and -pil. The pair is a 256x256 RGB image (smooth
gradients plus noise) and its bilinear x2 upsampling made by `tconv -f 4 -s 2 -p 1 -k bilinear` (512x512).
Both sides fit from zeros with Adam (lr 0.05, PyTorch's betas and eps) on the full batch, the mean squared
error over all 3 channels, and tconv's rule for saturated targets. Without --layer: the 4x4 kernel shared
by the channels, both sides in float32. With --layer: a whole 3 -> 3 layer, weight (3, 3, 4, 4) and bias
(Adam sees bias / 255, tconv's unit for it); tconv works in double, torch is timed in float64 (the same
arithmetic) and float32 (a framework's usual type). tconv runs at each `-j` of --jobs; torch on one
thread (torch.set_num_threads(1)).

1. Verify: 20 steps on both sides must give the same loss history (relative 1e-3 in float32, 1e-9 in
   float64), and every -j the same history and result as -j 1, bit for bit.
2. Time: tconv's steps per second are (steps - 0 steps) over the difference of two runs' wall times,
   so that process start, image decoding and the file write cancel out; PyTorch's loop is timed alone.
   CPU seconds (user + system) are printed beside them: on one thread they equal an idle machine's
   wall time and stay meaningful on a busy one.
3. Print steps/s for each and the tconv/torch ratios (> 1: tconv is faster).
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

LR = 0.05
BIAS_UNIT = 255.0


def make_pair(tconv, directory):
    h = w = 256
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    rng = np.random.default_rng(1)
    rgb = np.stack([127 + 100 * np.sin(x / 23.0 + c) * np.cos(y / 31.0 - c) for c in range(3)], axis=-1)
    rgb = np.clip(rgb + rng.normal(0, 12, rgb.shape), 0, 255).astype(np.uint8)
    src = os.path.join(directory, "in.png")
    dst = os.path.join(directory, "target.png")
    Image.fromarray(rgb).save(src)
    subprocess.run([tconv, src, "-f", "4", "-s", "2", "-p", "1", "-k", "bilinear", "-o", dst], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return src, dst


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_tconv(tconv, src, dst, steps, directory, jobs, layer):
    """(CPU seconds, wall seconds, the --json report) of one `tconv fit -j JOBS` run."""
    out = os.path.join(directory, "layer.safetensors" if layer else "k.txt")
    cpu, start = children_cpu(), time.perf_counter()
    p = subprocess.run([tconv, "fit", src, dst, *(["--layer"] if layer else []), "-f", "4", "-s", "2", "-p", "1", "--init",
                        "zeros", "--steps", str(steps), "--lr", str(LR), "-j", str(jobs), "--no-fsync", "--json", "-o", out],
                       check=True, capture_output=True, text=True)
    return children_cpu() - cpu, time.perf_counter() - start, json.loads(p.stdout)


def learned(report, layer):
    return (report["weight"], report["bias"]) if layer else report["kernel"]


def torch_loop(src, dst, steps, layer, dtype):
    """(CPU seconds, wall seconds, loss history) of the same fit in PyTorch."""
    x = torch.tensor(np.asarray(Image.open(src).convert("RGB")), dtype=dtype).permute(2, 0, 1)
    t = torch.tensor(np.asarray(Image.open(dst).convert("RGB")), dtype=dtype).permute(2, 0, 1)
    if layer:  # one image of 3 channels through a 3 -> 3 layer
        x, t = x[None], t[None]
        w = torch.zeros((3, 3, 4, 4), dtype=dtype, requires_grad=True)
        beta = torch.zeros(3, dtype=dtype, requires_grad=True)
        params, forward = [w, beta], lambda: F.conv_transpose2d(x, w, BIAS_UNIT * beta, stride=2, padding=1)
    else:  # three one-channel images through one kernel
        x, t = x[:, None], t[:, None]
        w = torch.zeros((1, 1, 4, 4), dtype=dtype, requires_grad=True)
        params, forward = [w], lambda: F.conv_transpose2d(x, w, stride=2, padding=1)
    opt = torch.optim.Adam(params, lr=LR)
    zero = torch.zeros_like(t)
    saturated_low, saturated_high = t <= 0, t >= 255
    losses = []
    cpu, start = time.process_time(), time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        y = forward()
        e = y - t
        e = torch.where((saturated_low & (y < 0)) | (saturated_high & (y > 255)), zero, e)
        loss = (e * e).mean()
        loss.backward()
        opt.step()
        losses.append(float(loss))
    return time.process_time() - cpu, time.perf_counter() - start, losses


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tconv", default=os.path.join(os.path.dirname(__file__), "..", "build", "tconv"))
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--jobs", default="1,2", help="tconv thread counts to time, comma-separated")
    parser.add_argument("--layer", action="store_true", help="fit a whole 3 -> 3 layer (fit --layer)")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    # The verified precision first: tconv's own (float32 for a kernel, double for a layer).
    dtypes = [("float64", torch.float64), ("float32", torch.float32)] if args.layer else [("float32", torch.float32)]
    tolerance = 1e-9 if args.layer else 1e-3
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as d:
        src, dst = make_pair(args.tconv, d)

        _, _, report = run_tconv(args.tconv, src, dst, 20, d, 1, args.layer)
        _, _, torch_losses = torch_loop(src, dst, 20, args.layer, dtypes[0][1])
        ours = report["loss"][:20]
        worst = max(abs(a - b) / max(abs(b), 1e-12) for a, b in zip(ours, torch_losses))
        print(f"verify: 20 steps, loss {ours[0]:.6g} -> {ours[-1]:.6g} (tconv) vs {torch_losses[0]:.6g} -> "
              f"{torch_losses[-1]:.6g} (torch {dtypes[0][0]}), worst relative difference {worst:.2e}")
        if worst > tolerance:
            sys.exit("verify failed: the loss histories differ; not timing")
        for j in jobs:
            other = run_tconv(args.tconv, src, dst, 20, d, j, args.layer)[2]
            if (other["loss"], learned(other, args.layer)) != (report["loss"], learned(report, args.layer)):
                sys.exit(f"verify failed: -j {j} gives another loss history or result than -j 1; not timing")
        print(f"verify: -j {args.jobs} give the same loss history and result, bit for bit")

        rates = {}
        for name, dtype in dtypes:
            torch_cpu, torch_wall, torch_losses = torch_loop(src, dst, args.steps, args.layer, dtype)
            rates[name] = args.steps / torch_wall
            print(f"torch {torch.__version__} {name} autograd + Adam, 1 thread: {rates[name]:.1f} steps/s (wall "
                  f"{torch_wall:.2f} s; CPU {torch_cpu:.2f} s), final loss {torch_losses[-1]:.6g}")
        for j in jobs:
            base_cpu, base_wall, _ = run_tconv(args.tconv, src, dst, 0, d, j, args.layer)
            full_cpu, full_wall, report = run_tconv(args.tconv, src, dst, args.steps, d, j, args.layer)
            rate = args.steps / (full_wall - base_wall)
            ratios = ", ".join(f"tconv/torch {name} {rate / r:.2f}" for name, r in rates.items())
            print(f"tconv fit{' --layer' if args.layer else ''} -j {j}: {rate:.1f} steps/s (wall {full_wall:.2f} s for "
                  f"{args.steps} steps, {base_wall:.2f} s for 0; CPU {full_cpu:.2f} s and {base_cpu:.2f} s), final loss "
                  f"{report['loss'][args.steps - 1]:.6g}; {ratios}")


if __name__ == "__main__":
    main()
