#!/usr/bin/python3
"""Every Keras golden (tests/reference/goldens/keras_layer*.txt) through the CLI, for each file that
holds its layer (TF.js' model.json, the .keras and .h5 of the same weights): the input as .npy,
the output as .npy (values) and, with --range 0,1, as PNG (pixels), compared with what TF.js or
PyTorch computed. Prints one table row per file; exits 1 when a value differs by more than 2e-6
(relative, at least 1) or a pixel by more than 1.

usage: check_keras_layer.py TCONV SOURCE_DIR WORK_DIR [--table]
"""
import os
import subprocess
import sys

import numpy as np
from PIL import Image

tconv, src, work = sys.argv[1:4]
goldens = os.path.join(src, "tests", "reference", "goldens")
models = os.path.join(src, "tests", "fixtures", "layers", "keras")


def read_cases(path):
    cases, case = [], {}
    for line in open(path, encoding="ascii"):
        if line.startswith("#"):
            continue
        key, _, rest = line.rstrip("\n").partition(" ")
        if key == "end":
            cases.append(case)
            case = {}
        else:
            case[key] = rest
    return cases


def run(args):
    p = subprocess.run([tconv] + args, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"tconv {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")


rows, bad = [], []
for source, reference in (("keras_layer.txt", "TF.js"), ("keras_layer_torch.txt", "PyTorch")):
    for c in read_cases(os.path.join(goldens, source)):
        h, w = (int(v) for v in c["input"].split())
        cin, cout, kh, kw, _ = c["layer"].split()
        oh, ow = (int(v) for v in c["output"].split())
        x = np.array([float(v) for v in c["x"].split()]).reshape(h, w, int(cin))
        want = np.array([float(v) for v in c["expected"].split()]).reshape(oh, ow, int(cout))
        np.save(os.path.join(work, "x.npy"), x)
        np.save(os.path.join(work, "x255.npy"), x * 255)
        for ext in (".json", ".keras", ".h5"):
            path = os.path.join(models, c["model"] + ext)
            if not os.path.exists(path):
                continue
            spec = path if c["select"] == "-" else f"{path}:{c['select']}"
            y_npy, y_png = os.path.join(work, "y.npy"), os.path.join(work, "y.png")
            run([os.path.join(work, "x.npy"), "--layer", spec, "-o", y_npy, "-q"])
            y = np.load(y_npy).astype(np.float64).reshape(want.shape)
            value = float(np.max(np.abs(y - want) / np.maximum(1.0, np.abs(want))))
            run([os.path.join(work, "x255.npy"), "--layer", spec, "--range", "0,1", "-o", y_png, "-q"])
            got = np.asarray(Image.open(y_png)).astype(np.int64).reshape(want.shape)
            pixels = np.clip(np.floor(want * 255 + 0.5), 0, 255).astype(np.int64)
            pixel = int(np.max(np.abs(got - pixels)))
            kind = {".json": "TF.js model.json", ".keras": ".keras", ".h5": ".h5"}[ext]
            geometry = f"{c['padding']} s{c['strides'].replace(' ', 'x')} k{kh}x{kw}"
            if "dilation" in c:
                geometry += f" d{c['dilation'].replace(' ', 'x')} op{c['output_padding'].replace(' ', 'x')}"
            rows.append(f"| {c['model']} | {geometry} | {cin}->{cout} | {c['activation']} | {c['dtype']} | "
                        f"{c['data_format']} | {kind} | {reference} | {value:.2e} | {pixel} ({int((got != pixels).sum())}) |")
            if value > 2e-6 or pixel > 1:
                bad.append(f"{spec}: value difference {value:.3g}, pixel difference {pixel}")

if "--table" in sys.argv:
    print("| case | geometry | channels | activation | dtype | data_format | file | reference | max value diff | max pixel diff (count) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
