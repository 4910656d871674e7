# Runs the main job's --layer on every case of tests/reference/goldens/conv_layer.txt (PyTorch's
# conv_transpose2d in float64): the input and the layer written as .npy files here, the output read back
# as float32 .npy and compared with PyTorch's values, and (C_out 1 to 4) as PNG compared with PyTorch's
# quantised samples; inputs of whole samples with 1 to 4 channels also go in as PNG images. Prints one
# table row per case: the largest |tconv - PyTorch| in the .npy, relative to the largest |value|, and the
# PNG samples that differ. Uses Debian's python3-numpy and python3-pil.
# usage: /usr/bin/python3 check_layer_outputs.py TCONV GOLDENS_DIR WORK_DIR
import os
import subprocess
import sys

import numpy as np
from PIL import Image

from golden_cases import read_cases  # this script's directory is on sys.path

tconv, goldens, work = sys.argv[1:4]
failures = []


def floats(text):
    return np.array([float(v) for v in text.split()], dtype=np.float64)


def run(args):
    return subprocess.run([tconv, *args], capture_output=True, text=True)


for c in read_cases(os.path.join(goldens, "conv_layer.txt")):
    name = c["name"]
    cin, cout, groups, kh, kw = (int(v) for v in c["layer"].split()[:5])
    h, w = (int(v) for v in c["input"].split())
    oh, ow = (int(v) for v in c["output"].split())
    x = floats(c["x"]).reshape(cin, h, w)
    weight = floats(c["weight"]).reshape(cin, cout // groups, kh, kw)
    expected = floats(c["expected"]).reshape(cout, oh, ow).transpose(1, 2, 0)
    quantised = np.array([int(v) for v in c["quantised"].split()]).reshape(cout, oh, ow).transpose(1, 2, 0)
    near = {int(i) for i in c["near_half"].split()}
    base = os.path.join(work, name)
    np.save(base + "_w.npy", weight)
    np.save(base + "_x.npy", x.transpose(1, 2, 0))
    args = ["--layer", base + "_w.npy", "--groups", str(groups), "-s", c["stride"], "--dilation", c["dilation"],
            "-p", c["padding"], "--edge", c["edge"], "-q"]
    if c["output_padding"] != "-":
        args += ["--output-padding", c["output_padding"]]
    if c["bias"] != "-":
        np.save(base + "_b.npy", floats(c["bias"]))
        args += ["--bias", base + "_b.npy"]
    p = run([base + "_x.npy", *args, "-o", base + ".npy"])
    if p.returncode != 0:
        failures.append(f"{name}: exit {p.returncode}: {p.stderr.strip()}")
        continue
    got = np.load(base + ".npy")
    if got.shape != expected.shape or got.dtype != np.float32:
        failures.append(f"{name}: .npy is {got.shape} {got.dtype}, want {expected.shape} float32")
        continue
    scale = max(1.0, float(np.abs(expected).max()))
    diff = float(np.abs(got.astype(np.float64) - expected).max())
    if diff > 1e-6 * scale:  # float32 output: half an ulp of the largest value, with room
        failures.append(f"{name}: .npy differs from PyTorch by {diff} (scale {scale})")
    if "layer_file" in c:
        # The same layer from its .onnx file: the node's attributes give the geometry.
        fixtures = os.path.join(goldens, "..", "..", "fixtures", "layers")
        p = run([base + "_x.npy", "--layer", os.path.join(fixtures, c["layer_file"]), "-q", "-o", base + "_onnx.npy"])
        if p.returncode != 0:
            failures.append(f"{name} (.onnx): exit {p.returncode}: {p.stderr.strip()}")
        else:
            onnx_out = np.load(base + "_onnx.npy")
            if onnx_out.shape != expected.shape or (onnx_out != got).any():
                failures.append(f"{name}: the .onnx file gives other values than its weights as .npy")
    mismatches = "-"
    if cout <= 4:
        sources = [base + "_x.npy"]
        whole = (x == np.round(x)).all() and x.min() >= 0 and x.max() <= 255 and cin <= 4
        if whole:
            mode = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}[cin]
            pixels = x.transpose(1, 2, 0).astype(np.uint8)
            Image.fromarray(pixels[:, :, 0] if cin == 1 else pixels, mode).save(base + "_x.png")
            sources.append(base + "_x.png")
        counts = []
        for source in sources:
            p = run([source, *args, "-o", base + "_out.png"])
            if p.returncode != 0:
                failures.append(f"{name} ({source}): exit {p.returncode}: {p.stderr.strip()}")
                continue
            png = np.asarray(Image.open(base + "_out.png")).astype(np.int64).reshape(oh, ow, cout)
            bad = [(y, x_, k) for y, x_, k in zip(*np.nonzero(png != quantised))
                   if k * oh * ow + y * ow + x_ not in near]
            counts.append(len(bad))
            if bad:
                failures.append(f"{name} ({source}): {len(bad)} pixels differ from PyTorch, first (y, x, c) {bad[0]}")
        mismatches = "/".join(str(n) for n in counts)
    print(f"| {name} | {diff / scale:.2e} | {mismatches} |")

if failures:
    print("\n".join(failures))
    sys.exit(1)
