#!/usr/bin/python3
# The script the performance targets were measured against: keep its work unchanged, or the figures move.
"""What a user would write instead of tconv: PIL open PNG -> numpy -> torch conv_transpose2d
(groups=C) -> clamp/round -> uint8 -> PIL save PNG. Timed from outside as a whole process.

Usage: /usr/bin/python3 user_pipeline.py IN.png OUT.png k s p op [KERNEL] [THREADS]
  KERNEL: ones | bilinear | gauss121 (default ones); THREADS: torch.set_num_threads (default: torch's own)
  PERF_STAGES=1 in the environment prints per-stage times on stderr (import, load, conv, save).
"""
import os
import sys
import time

t0 = time.perf_counter()
import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402
from PIL import Image  # noqa: E402

t_import = time.perf_counter()


def kernel(name, k):
    if name == "ones":
        return np.ones((k, k), np.float32)
    if name == "bilinear":
        f = (k + 1) // 2
        c = f - 1 if k % 2 == 1 else f - 0.5
        t = 1 - np.abs(np.arange(k) - c) / f
        return np.outer(t, t).astype(np.float32)
    if name == "gauss121":
        t = np.array([1, 2, 1], np.float32)
        return np.outer(t, t) / 16
    raise SystemExit(f"unknown kernel {name}")


def main():
    src, dst = sys.argv[1], sys.argv[2]
    k, s, p, op = (int(a) for a in sys.argv[3:7])
    kname = sys.argv[7] if len(sys.argv) > 7 else "ones"
    if len(sys.argv) > 8:
        torch.set_num_threads(int(sys.argv[8]))
    ta = time.perf_counter()
    img = np.asarray(Image.open(src))  # HWC uint8 (RGB or RGBA)
    C = img.shape[2]
    x = torch.from_numpy(img.copy()).permute(2, 0, 1).unsqueeze(0).float()
    w = torch.from_numpy(kernel(kname, k)).expand(C, 1, k, k).contiguous()
    tb = time.perf_counter()
    y = F.conv_transpose2d(x, w, None, s, p, op, C, 1)
    out = y.clamp_(0, 255).round_().to(torch.uint8)[0].permute(1, 2, 0).contiguous().numpy()
    tc = time.perf_counter()
    Image.fromarray(out).save(dst)
    td = time.perf_counter()
    if os.environ.get("PERF_STAGES"):
        print(f"stages_ms import {1e3 * (t_import - t0):.0f} load {1e3 * (tb - ta):.0f} "
              f"conv+post {1e3 * (tc - tb):.0f} save {1e3 * (td - tc):.0f} threads {torch.get_num_threads()} "
              f"out {out.shape[1]}x{out.shape[0]}", file=sys.stderr)


main()
