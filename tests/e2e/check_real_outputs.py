# Runs the main job on every case of tests/reference/goldens/transposed_conv.txt with `-o X.npy` and
# checks the float32 sums against PyTorch's float64 ones, and on every case of premultiplied_alpha.txt
# with `--alpha premultiplied` (PNG and .npy) against the rule computed over PyTorch's conv_transpose2d.
# Reads the .npy files with NumPy and writes and decodes PNGs with PIL (Debian's python3-numpy and
# python3-pil). usage: /usr/bin/python3 check_real_outputs.py TCONV GOLDENS_DIR WORK_DIR
import subprocess
import sys

import numpy as np
from PIL import Image

from golden_cases import read_cases  # this script's directory is on sys.path

tconv, goldens, work = sys.argv[1:4]
failures = []


def run_case(case, output, extra=()):
    """Writes the case's input as PNG, runs tconv with its geometry, returns (exit code, stderr)."""
    h, w, c = (int(v) for v in case["input"].split())
    pixels = np.array([int(v) for v in case["pixels"].split()], dtype=np.uint8).reshape(h, w, c)
    path = f"{work}/{case['name']}.png"
    Image.fromarray(pixels if c > 1 else pixels[:, :, 0], {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}[c]).save(path)
    args = [tconv, path, "-s", case["stride"], "--dilation", case["dilation"], "-p", case["padding"], "-k",
            case["kernel"], "--edge", case.get("edge", "zero"), "-o", output, "-q", *extra]
    if case["output_padding"] != "-":
        args += ["--output-padding", case["output_padding"]]
    run = subprocess.run(args, capture_output=True, text=True)
    return run.returncode, run.stderr


def check_npy(case, path):
    """The .npy holds float32 (H, W, C) equal to the golden sums rounded to float32."""
    h, w, c = (int(v) for v in case["input"].split())
    out_h, out_w = (int(v) for v in case["output"].split())
    got = np.load(path)
    if got.dtype != np.float32 or got.shape != (out_h, out_w, c):
        failures.append(f"{case['name']}: .npy is {got.dtype} {got.shape}, expected float32 {(out_h, out_w, c)}")
        return
    want = np.array([float(v) for v in case["sums"].split()]).reshape(out_h, out_w, c)
    worst = np.max(np.abs(got.astype(np.float64) - want) / np.maximum(1.0, np.abs(want)))
    if worst > 1e-6:
        failures.append(f"{case['name']}: .npy differs from PyTorch by {worst:.3g} (relative)")


checked = 0
for case in read_cases(f"{goldens}/transposed_conv.txt"):
    rc, err = run_case(case, f"{work}/{case['name']}.npy")
    if rc != 0 or err:
        failures.append(f"{case['name']}: exit {rc}, stderr {err!r}")
        continue
    check_npy(case, f"{work}/{case['name']}.npy")
    checked += 1

for case in read_cases(f"{goldens}/premultiplied_alpha.txt"):
    name = case["name"]
    out_h, out_w = (int(v) for v in case["output"].split())
    c = int(case["input"].split()[2])
    rc, err = run_case(case, f"{work}/{name}-out.png", ["--alpha", "premultiplied"])
    rc2, err2 = run_case(case, f"{work}/{name}-out.npy", ["--alpha", "premultiplied"])
    if rc != 0 or err or rc2 != 0 or err2:
        failures.append(f"{name}: exit {rc}/{rc2}, stderr {err!r} {err2!r}")
        continue
    check_npy(case, f"{work}/{name}-out.npy")
    got = np.asarray(Image.open(f"{work}/{name}-out.png")).astype(np.int64).reshape(-1)
    want = np.array([int(v) for v in case["expected"].split()], dtype=np.int64)
    near = set(int(v) for v in case["near_half"].split())
    bad = [i for i in np.flatnonzero(got != want) if not (i in near and abs(got[i] - want[i]) <= 1)]
    if got.size != want.size or bad:
        failures.append(f"{name}: {len(bad)} samples differ from the premultiplied rule, first at {bad[:3]}")
    checked += 1

if checked < 36:
    failures.append(f"only {checked} cases checked")
for f in failures:
    print(f)
sys.exit(1 if failures else 0)
