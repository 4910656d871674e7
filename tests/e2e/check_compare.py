# Runs `tconv compare` on every case of tests/reference/goldens/resize_conv.txt that holds PyTorch's
# transposed convolution too, and checks the sheet's five panels cell by cell: the input, the
# transposed convolution and the resize-convolution against PyTorch, the gain maps against the
# phase-gain rule computed here. Decodes with PIL (Debian's python3-pil), writes the inputs with it.
# usage: /usr/bin/python3 check_compare.py TCONV GOLDENS WORK_DIR
import json
import subprocess
import sys

import numpy as np
from PIL import Image

from golden_cases import read_cases  # this script's directory is on sys.path

tconv, goldens, work = sys.argv[1:4]
failures = []


def ints(text):
    return np.array([int(v) for v in text.split()], dtype=np.int64)


def cells(sheet, panel, out_h, out_w):
    """The panel's cells: the centre pixel of each enlarged cell (or the pixels, at factor 1)."""
    f, top, left = panel["factor"], panel["top"], panel["left"]
    if f == 1:
        return sheet[top:top + out_h, left:left + out_w]
    ys = top + 1 + np.arange(out_h) * (f + 1) + f // 2
    xs = left + 1 + np.arange(out_w) * (f + 1) + f // 2
    return sheet[np.ix_(ys, xs)]


def as_rgb(values, h, w, c):
    img = values.reshape(h, w, c)
    return np.repeat(img[:, :, :1], 3, axis=2) if c < 3 else img[:, :, :3]


def gain_map(gains, out_h, out_w, begin):
    g = np.array(gains, dtype=np.float64)
    top = g.max()
    ph = (np.arange(out_h)[:, None] + begin[0]) % g.shape[0]
    pw = (np.arange(out_w)[None, :] + begin[1]) % g.shape[1]
    grey = np.floor(255.0 * np.maximum(g[ph, pw], 0) / top + 0.5).astype(np.int64)
    return np.repeat(grey[:, :, None], 3, axis=2)


checked = 0
for case in read_cases(goldens):
    if "transposed" not in case:
        continue
    name = case["name"]
    h, w, c = (int(v) for v in case["input"].split())
    out_h, out_w = (int(v) for v in case["output"].split())
    pixels = ints(case["pixels"]).astype(np.uint8)
    mode = {1: "L", 2: "LA", 3: "RGB", 4: "RGBA"}[c]
    path = f"{work}/{name}.png"
    Image.fromarray(pixels.reshape(h, w, c) if c > 1 else pixels.reshape(h, w), mode).save(path)
    args = [tconv, "compare", path, "-s", case["stride"], "--dilation", case["dilation"], "-p", case["padding"],
            "-k", case["kernel"], "-o", f"{work}/{name}-sheet.png", "--json"]
    if case["output_padding"] != "-":
        args += ["--output-padding", case["output_padding"]]
    run = subprocess.run(args, capture_output=True, text=True)
    if run.returncode != 0 or run.stderr:
        failures.append(f"{name}: exit {run.returncode}, stderr {run.stderr!r}")
        continue
    report = json.loads(run.stdout)
    sheet = np.asarray(Image.open(f"{work}/{name}-sheet.png").convert("RGB")).astype(np.int64)
    if sheet.shape[:2] != (report["sheet_height"], report["sheet_width"]):
        failures.append(f"{name}: sheet {sheet.shape}, json says {report['sheet_height']}x{report['sheet_width']}")
    panels = {p["name"]: p for p in report["panels"]}
    if list(panels) != ["input", "transposed", "resize", "tconv_gains", "resize_gains"]:
        failures.append(f"{name}: panels {list(panels)}")
        continue
    if (report["out_height"], report["out_width"]) != (out_h, out_w):
        failures.append(f"{name}: output {report['out_height']}x{report['out_width']}, PyTorch {out_h}x{out_w}")
        continue
    # The phase gains by their definition: w[a][b] summed over a*dilation_h mod stride_h, b*dilation_w mod stride_w.
    kernel = np.array([[float(v) for v in row.split(",")] for row in case["kernel"].split(";")])
    sh, sw = (int(v) for v in (case["stride"].split("x") * 2)[:2])
    dh, dw = (int(v) for v in (case["dilation"].split("x") * 2)[:2])
    gains = np.zeros((sh, sw))
    for a in range(kernel.shape[0]):
        for b in range(kernel.shape[1]):
            gains[a * dh % sh, b * dw % sw] += kernel[a, b]
    if not np.allclose(report["gains"], gains, rtol=1e-6):
        failures.append(f"{name}: gains {report['gains']}, expected {gains.tolist()}")
    positive = gains.min() > 0
    score = gains.max() / gains.min() if positive else None
    if (report["tconv_score"] is None) != (score is None) or (score and abs(report["tconv_score"] - score) > 1e-6 * score):
        failures.append(f"{name}: tconv_score {report['tconv_score']}, expected {score}")
    if report["resize_score"] != 1 or report["resize_gains"] != [[1] * sw] * sh:
        failures.append(f"{name}: resize_score {report['resize_score']}, resize_gains {report['resize_gains']}")

    # The transposed convolution's crop at the start: its padding's top/left (numeric cases only here).
    p = (case["padding"].split("x") * 2)[:2]
    begin = (int(p[0]), int(p[1]))

    def tolerance(key):
        """1 at the listed near-half samples of an output golden, 0 elsewhere, as the panel shows it."""
        allowed = np.zeros((out_h * out_w * c,), dtype=np.int64)
        allowed[[int(v) for v in case.get(key, "").split()]] = 1
        return as_rgb(allowed, out_h, out_w, c)

    zero = np.zeros((out_h, out_w, 3), dtype=np.int64)
    expected = {
        "input": (as_rgb(pixels.astype(np.int64), h, w, c), (h, w), np.zeros((h, w, 3), dtype=np.int64)),
        "transposed": (as_rgb(ints(case["transposed"]), out_h, out_w, c), (out_h, out_w), tolerance("transposed_near_half")),
        "resize": (as_rgb(ints(case["expected"]), out_h, out_w, c), (out_h, out_w), tolerance("near_half")),
        "tconv_gains": (gain_map(gains, out_h, out_w, begin), (out_h, out_w), zero),
        "resize_gains": (np.full((out_h, out_w, 3), 255), (out_h, out_w), zero),
    }
    for panel, (want, (ph_, pw_), allowed) in expected.items():
        got = cells(sheet, panels[panel], ph_, pw_)
        bad = np.argwhere(np.any(np.abs(got - want) > allowed, axis=2))
        if len(bad):
            y, x = bad[0]
            failures.append(f"{name}: panel {panel}: {len(bad)} cells differ, first (y={y}, x={x}): "
                            f"{got[y, x].tolist()} != {want[y, x].tolist()}")
    checked += 1

if checked < 6:
    failures.append(f"only {checked} golden cases checked")
for f in failures[:20]:
    print("FAIL:", f)
if failures:
    sys.exit(1)
print(f"compare: {checked} sheets match PyTorch and the phase-gain rule")
