#!/usr/bin/python3
"""Benchmark of `tconv fit --layer` against the same loop in PyTorch: fit steps per second of a whole
3 -> 3 layer (weight (3, 3, 4, 4) and bias, k4 s2 p1) on fit_bench.py's 256x256 RGB pair.

    /usr/bin/python3 bench/fit_layer_bench.py [--tconv build/tconv] [--steps 100] [--jobs 1,2]

Needs Debian's python3 with python3-torch, -numpy and -pil. Both sides fit from zeros with Adam (lr 0.05,
PyTorch's betas and eps) over the weight and bias / 255 (tconv's unit for the bias), the mean squared
error over all channels and tconv's rule for saturated targets. tconv works in double; torch is timed in
float64 (the same arithmetic) and float32 (a framework's usual type), on one thread.

1. Verify: 20 steps of tconv must give torch float64's loss history (relative 1e-9), and every -j the
   same history and layer as -j 1, bit for bit.
2. Time: tconv's steps per second from the difference of a STEPS run and a 0-step run (process start,
   decoding and writing cancel out); torch's loop alone.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from fit_bench import children_cpu, make_pair  # this script's directory is on sys.path

LR = 0.05
BIAS_UNIT = 255.0


def run_tconv(tconv, src, dst, steps, directory, jobs):
    """(CPU seconds, wall seconds, the --json report) of one `tconv fit --layer -j JOBS` run."""
    out = os.path.join(directory, "layer.safetensors")
    cpu, start = children_cpu(), time.perf_counter()
    p = subprocess.run([tconv, "fit", src, dst, "--layer", "-f", "4", "-s", "2", "-p", "1", "--steps", str(steps), "--lr",
                        str(LR), "-j", str(jobs), "--no-fsync", "--json", "-o", out], check=True, capture_output=True, text=True)
    return children_cpu() - cpu, time.perf_counter() - start, json.loads(p.stdout)


def torch_loop(src, dst, steps, dtype):
    x = torch.tensor(np.asarray(Image.open(src).convert("RGB")), dtype=dtype).permute(2, 0, 1)[None]
    t = torch.tensor(np.asarray(Image.open(dst).convert("RGB")), dtype=dtype).permute(2, 0, 1)[None]
    w = torch.zeros((3, 3, 4, 4), dtype=dtype, requires_grad=True)
    beta = torch.zeros(3, dtype=dtype, requires_grad=True)
    opt = torch.optim.Adam([w, beta], lr=LR)
    zero = torch.zeros_like(t)
    saturated_low, saturated_high = t <= 0, t >= 255
    losses = []
    cpu, start = time.process_time(), time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        y = F.conv_transpose2d(x, w, BIAS_UNIT * beta, stride=2, padding=1)
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
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--jobs", default="1,2", help="tconv thread counts to time, comma-separated")
    args = parser.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as d:
        src, dst = make_pair(args.tconv, d)

        _, _, report = run_tconv(args.tconv, src, dst, 20, d, 1)
        _, _, reference = torch_loop(src, dst, 20, torch.float64)
        ours = report["loss"][:20]
        worst = max(abs(a - b) / max(abs(b), 1e-12) for a, b in zip(ours, reference))
        print(f"verify: 20 steps, loss {ours[0]:.6g} -> {ours[-1]:.6g} (tconv) vs {reference[0]:.6g} -> "
              f"{reference[-1]:.6g} (torch float64), worst relative difference {worst:.2e}")
        if worst > 1e-9:
            sys.exit("verify failed: the loss histories differ; not timing")
        for j in jobs:
            other = run_tconv(args.tconv, src, dst, 20, d, j)[2]
            if (other["loss"], other["weight"], other["bias"]) != (report["loss"], report["weight"], report["bias"]):
                sys.exit(f"verify failed: -j {j} gives another loss history or layer than -j 1; not timing")
        print(f"verify: -j {args.jobs} give the same loss history and layer, bit for bit")

        rates = {}
        for name, dtype in (("float64", torch.float64), ("float32", torch.float32)):
            cpu, wall, losses = torch_loop(src, dst, args.steps, dtype)
            rates[name] = args.steps / wall
            print(f"torch {torch.__version__} {name} autograd + Adam, 1 thread: {rates[name]:.1f} steps/s (wall {wall:.2f} s; "
                  f"CPU {cpu:.2f} s), final loss {losses[-1]:.6g}")
        for j in jobs:
            base_cpu, base_wall, _ = run_tconv(args.tconv, src, dst, 0, d, j)
            full_cpu, full_wall, report = run_tconv(args.tconv, src, dst, args.steps, d, j)
            rate = args.steps / (full_wall - base_wall)
            print(f"tconv fit --layer -j {j}: {rate:.1f} steps/s (wall {full_wall:.2f} s for {args.steps} steps, {base_wall:.2f} s "
                  f"for 0; CPU {full_cpu:.2f} s and {base_cpu:.2f} s), final loss {report['loss'][args.steps - 1]:.6g}; "
                  f"tconv/torch float64 {rate / rates['float64']:.2f}, float32 {rate / rates['float32']:.2f}")


if __name__ == "__main__":
    main()
