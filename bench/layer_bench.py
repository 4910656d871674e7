#!/usr/bin/python3
"""The trained-layer benchmark (run by bench/run.sh after bench.py): verify against PyTorch, then time.

L1: a 3 -> 3 ConvTranspose2d (k4, s2, p1, bias) on the 1024x1024 RGB image; L2: a 4 -> 4 one in two
groups (k4, s2, p1, bias) on the same image with an alpha; L3: FSRCNN's last layer (56 -> 1, k9, s3,
p4, output padding 2, bias) on a 128x128x56 .npy feature map. Random layers, seeded.
(1) tconv's output file (the main job, --layer) must equal torch's float64 conv_transpose2d clamped and
rounded half away from zero, pixel for pixel (within 1 only where torch's sum is within 1e-9 of .5),
and the core's double sums (core_bench) must lie within 1e-9 of torch's, relative to the largest; (2)
the core (convolve + clamp + round into uint8, no I/O) against torch's conv_transpose2d + clamp +
round + to(uint8) in float32 (what a user runs) and float64, at 1 and 2 threads, in alternating rounds.
Usage: /usr/bin/python3 layer_bench.py BUILD_DIR WORK_DIR [ROUNDS]
"""
import json
import os
import statistics as st
import subprocess
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

REPS = 5  # calls per round, each side

# name: C_in, C_out, groups, kernel, stride, padding, output padding
CONFIGS = {
    "L1": (3, 3, 1, 4, 2, 1, 0),
    "L2": (4, 4, 2, 4, 2, 1, 0),
    "L3": (56, 1, 1, 9, 3, 4, 2),
}


def make_case(name, cfg, work, rng):
    """The input (H, W, C) as the CLI reads it and as doubles, the weight and bias; files in WORK."""
    cin, cout, groups, k, s, p, op = cfg
    d = f"{work}/{name}"
    os.makedirs(d, exist_ok=True)
    if name == "L3":
        x = rng.normal(0.0, 1.0, (128, 128, 56)).astype(np.float32)
        np.save(f"{d}/in.npy", x)
        src = f"{d}/in.npy"
        w = rng.normal(0.0, 2.0, (cin, cout // groups, k, k)).astype(np.float32)
        b = np.array([128.0], np.float32)
    else:
        rgb = np.asarray(Image.open(f"{work}/in1024.png"))
        if cin == 4:
            alpha = (np.add.outer(np.arange(1024), np.arange(1024)) % 256).astype(np.uint8)
            x = np.dstack([rgb, alpha])
            Image.fromarray(x, "RGBA").save(f"{d}/in.png")
        else:
            x = rgb
            Image.fromarray(x, "RGB").save(f"{d}/in.png")
        src = f"{d}/in.png"
        w = rng.uniform(-0.1, 0.3, (cin, cout // groups, k, k)).astype(np.float32)
        b = rng.uniform(-8, 8, cout).astype(np.float32)
    np.save(f"{d}/w.npy", w)
    np.save(f"{d}/b.npy", b)
    x64 = np.ascontiguousarray(x.astype(np.float64).transpose(2, 0, 1))  # (C, H, W)
    x64.tofile(f"{d}/x.f64")
    w.astype(np.float64).tofile(f"{d}/w.f64")
    b.astype(np.float64).tofile(f"{d}/b.f64")
    return d, src, x64, w, b


def torch_ref(x64, w, b, cfg):
    cin, cout, groups, k, s, p, op = cfg
    return F.conv_transpose2d(torch.from_numpy(x64)[None], torch.from_numpy(w.astype(np.float64)),
                              torch.from_numpy(b.astype(np.float64)), s, p, op, groups)[0].numpy()  # (C, H, W)


def verify(name, build, d, src, x64, w, b, cfg):
    cin, cout, groups, k, s, p, op = cfg
    ref = torch_ref(x64, w, b, cfg)
    out = f"{d}/out.png"
    subprocess.run([f"{build}/tconv", src, "--layer", f"{d}/w.npy", "--bias", f"{d}/b.npy", "--groups", str(groups), "-s", str(s),
                    "-p", str(p), "--output-padding", str(op), "-q", "-o", out], check=True)
    ours = np.asarray(Image.open(out)).astype(np.int64).reshape(ref.shape[1], ref.shape[2], cout).transpose(2, 0, 1)
    want = np.floor(np.clip(ref, 0, 255) + 0.5).astype(np.int64)
    near_half = np.abs(ref - np.floor(ref) - 0.5) < 1e-9
    bad = (ours != want) & ~(near_half & (np.abs(ours - want) == 1))
    if bad.any():
        raise SystemExit(f"{name}: {int(bad.sum())} pixels differ from torch")
    core = run_core(build, d, cfg, 1, 1)
    y = np.fromfile(f"{d}/y.f64").reshape(ref.shape[1], ref.shape[2], cout).transpose(2, 0, 1)
    rel = float(np.abs(y - ref).max() / max(1.0, np.abs(ref).max()))
    if rel > 1e-9:
        raise SystemExit(f"{name}: the core's sums differ from torch's by {rel} (relative)")
    print(f"{name}: verified against torch float64: {ref.shape[0]}x{ref.shape[1]}x{ref.shape[2]} output, 0 pixels differ, "
          f"max |tconv - torch| / max |torch| = {rel:.1e}; {core['multiply_adds']} multiply-adds", flush=True)


def run_core(build, d, cfg, threads, reps):
    """core_bench's JSON for the square input in d/x.f64."""
    cin, cout, groups, k, s, p, op = cfg
    n = int(round((os.path.getsize(f"{d}/x.f64") / 8 / cin) ** 0.5))
    argv = [f"{build}/core_bench", "layer", d, str(cin), str(cout), str(groups), str(n), str(n), str(k), str(s), str(p), str(op),
            str(threads), str(reps)]
    return json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)


def time_torch(x64, w, b, cfg, dtype, threads):
    cin, cout, groups, k, s, p, op = cfg
    torch.set_num_threads(threads)
    x = torch.from_numpy(x64)[None].to(dtype)
    wt, bt = torch.from_numpy(w).to(dtype), torch.from_numpy(b).to(dtype)
    times = []
    for _ in range(REPS):
        t0 = time.perf_counter()
        y = F.conv_transpose2d(x, wt, bt, s, p, op, groups)
        y.clamp_(0, 255).round_().to(torch.uint8)
        times.append((time.perf_counter() - t0) * 1e3)
    return st.median(times)


def main():
    build, work = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    rng = np.random.default_rng(20261201)
    rows = []
    for name, cfg in CONFIGS.items():
        d, src, x64, w, b = make_case(name, cfg, work, rng)
        verify(name, build, d, src, x64, w, b, cfg)
        for threads in (1, 2):
            ours, t32, t64 = [], [], []
            for _ in range(rounds):  # alternating, so that a busy spell of the machine hits both sides
                ours.append(run_core(build, d, cfg, threads, REPS)["median_ms"])
                t32.append(time_torch(x64, w, b, cfg, torch.float32, threads))
                t64.append(time_torch(x64, w, b, cfg, torch.float64, threads))
            rows.append((name, threads, st.median(ours), min(ours), max(ours), st.median(t32), st.median(t64)))
        print(f"{name}: timed", flush=True)
    print(f"\n### Trained layers: convolve + clamp + round into uint8, no I/O (median of {rounds} rounds of {REPS} calls each; "
          f"torch {torch.__version__})")
    print("| config | threads | tconv ms | min-max | torch float32 ms | torch/tconv | torch float64 ms | torch64/tconv |")
    print("|---|---|---|---|---|---|---|---|")
    for name, t, ms, lo, hi, q32, q64 in rows:
        print(f"| {name} | {t} | {ms:.1f} | {lo:.1f}-{hi:.1f} | {q32:.1f} | {q32 / ms:.1f}x | {q64:.1f} | {q64 / ms:.1f}x |")


if __name__ == "__main__":
    main()
