#!/usr/bin/env bash
# Peak memory of the streamed pipeline against libvips, in one run: the 1-gigapixel job (an 8192^2 RGB
# PNG -> 32768^2, bilinear k4 s4), the same width at a quarter of the height (memory must follow the
# width), and a 2000x1300 photo --scale 2 to JPEG. Each output is verified first: a crop of tconv's
# output against PyTorch's conv_transpose2d on the same crop of the input (k = stride: no overlap, so
# the crop is exact). Then peak RSS and time, tconv against vips (and against BASE_TCONV when given,
# a build of an earlier tconv), as ratios. Not a test: minutes, and numbers that depend on the machine.
# Usage: bench/memory.sh   (BUILD_DIR, WORK_DIR, BASE_TCONV in the environment; TCONV, a built binary,
# skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build-bench}
work=${WORK_DIR:-/tmp/tconv-bench}
py=/usr/bin/python3  # Debian's python, which has torch, numpy and PIL
tconv=${TCONV:-}
if [ -z "$tconv" ]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTCONV_BUILD_TESTS=OFF >/dev/null
    cmake --build "$build" --target tconv >/dev/null
    tconv=$PWD/$build/tconv
fi
mkdir -p "$work"
[[ -f $work/in2048.png ]] || "$py" bench/make_inputs.py "$work" >/dev/null
"$py" - "$work" <<'PY'
import os, sys
from PIL import Image
w = sys.argv[1]
a = Image.open(f"{w}/in2048.png").convert("RGB")
if not os.path.exists(f"{w}/in8192.png"):
    big = Image.new("RGB", (8192, 8192))
    for x in range(0, 8192, 2048):
        for y in range(0, 8192, 2048):
            big.paste(a, (x, y))
    big.save(f"{w}/in8192.png", compress_level=1)
    big.crop((0, 0, 8192, 2048)).save(f"{w}/in8192x2048.png", compress_level=1)
if not os.path.exists(f"{w}/photo2000.jpg"):
    a.resize((2000, 1300), Image.BICUBIC).save(f"{w}/photo2000.jpg", quality=90)
PY
echo "\$ bench/memory.sh   # $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u '+%F %H:%M UTC')"
"$py" - "$tconv" "$work" "${BASE_TCONV:-}" <<'PY'
import os, subprocess, sys
import numpy as np, torch
from PIL import Image
Image.MAX_IMAGE_PIXELS = None
tconv, work, base = sys.argv[1], sys.argv[2], sys.argv[3]

def run(cmd):
    """Wall time and peak RSS (MiB) of one process, as GNU time measures them (a fork of this Python
    would count the interpreter's own pages)."""
    p = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}: {p.stderr.strip()}")
    seconds, kib = p.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024

def verify_crop(src, out, y0, x0, n=64):
    """tconv's output rows/columns of input crop [y0, y0+n) x [x0, x0+n), against torch (k = s = 4, bilinear)."""
    w = np.array([0.25, 0.75, 0.75, 0.25])
    k = torch.tensor(np.outer(w, w)).reshape(1, 1, 4, 4)
    got = np.asarray(Image.open(out).crop((4 * x0, 4 * y0, 4 * (x0 + n), 4 * (y0 + n))))
    inp = np.asarray(Image.open(src).crop((x0, y0, x0 + n, y0 + n))).astype(np.float64)
    exp = torch.nn.functional.conv_transpose2d(torch.tensor(inp).permute(2, 0, 1).unsqueeze(1), k, stride=4)
    exp = np.clip(np.floor(exp.squeeze(1).permute(1, 2, 0).numpy() + 0.5), 0, 255)
    bad = int((np.abs(got.astype(np.int64) - exp) > 0).sum())
    if bad:
        sys.exit(f"verification failed: {out}: {bad} samples differ from torch")

def table(title, rows):
    print(f"\n{title}\n| command | time s | peak RSS MiB |\n|---|---:|---:|")
    for name, (t, m) in rows:
        print(f"| {name} | {t:.2f} | {m:.0f} |")

jobs = [("in8192.png", "1 Gpx: 8192^2 RGB PNG -> 32768^2 PNG, bilinear k4 s4"),
        ("in8192x2048.png", "8192x2048 RGB PNG -> 8192x32768 PNG, bilinear k4 s4")]
for src, title in jobs:
    rows, out = [], f"{work}/mem-out.png"
    t, m = run([tconv, f"{work}/{src}", "-f", "4", "-s", "4", "-q", "-k", "bilinear", "--max-pixels", "4294967296", "-o", out])
    verify_crop(f"{work}/{src}", out, 1000, 3000)
    rows.append(("tconv", (t, m)))
    if base:
        rows.append(("tconv before", run([base, f"{work}/{src}", "-f", "4", "-s", "4", "-q", "-k", "bilinear", "--max-pixels", "4294967296", "-o", out])))
    rows.append(("vips zoom 4 4", run(["vips", "zoom", f"{work}/{src}", out, "4", "4"])))
    os.remove(out)
    table(title, rows)
    print(f"tconv / vips: time {rows[0][1][0] / rows[-1][1][0]:.2f}x, memory {rows[0][1][1] / rows[-1][1][1]:.2f}x")

rows, out = [], f"{work}/mem-out.jpg"
rows.append(("tconv --scale 2", run([tconv, f"{work}/photo2000.jpg", "-q", "--scale", "2", "-o", out])))
if base:
    rows.append(("tconv before", run([base, f"{work}/photo2000.jpg", "-q", "--scale", "2", "-o", out])))
rows.append(("vips resize 2", run(["vips", "resize", f"{work}/photo2000.jpg", out, "2"])))
os.remove(out)
table("2000x1300 JPEG photo --scale 2 -> JPEG", rows)
print(f"tconv / vips: time {rows[0][1][0] / rows[-1][1][0]:.2f}x, memory {rows[0][1][1] / rows[-1][1][1]:.2f}x")
PY
