#!/usr/bin/env bash
# tconv's benchmark in one command: builds tconv and bench/core_bench (Release, portable -O3), makes
# the deterministic inputs, verifies tconv against PyTorch, times it against torch, a PIL + torch script,
# ImageMagick and vips, then the trained-layer cases (bench/layer_bench.py), and prints the tables.
# Needs Debian's python3-torch, python3-numpy, python3-pil, imagemagick, libvips-tools and netpbm
# (pngtopnm reads the 16-bit case's PNGs). Not a test: it takes several minutes and its numbers depend
# on the machine.
# Usage: bench/run.sh [ROUNDS]   (BUILD_DIR, WORK_DIR and BENCH_CONFIGS=C1,C2 in the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
build=${BUILD_DIR:-build-bench}
work=${WORK_DIR:-/tmp/tconv-bench}
py=/usr/bin/python3  # Debian's python, which has torch, numpy and PIL

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTCONV_BUILD_BENCH=ON -DTCONV_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target tconv core_bench >/dev/null

mkdir -p "$work"
[[ -f $work/in2048.png && -f $work/in1024_16.png ]] || "$py" bench/make_inputs.py "$work" >/dev/null
# The 1/4 and 4x scales of C4 and C5: a crop of the 512 image and a 2x2 tiling of the 2048 one.
[[ -f $work/in256.png && -f $work/in4096.png ]] || "$py" - "$work" <<'PY'
import sys
from PIL import Image
w = sys.argv[1]
Image.open(f"{w}/in512.png").crop((0, 0, 256, 256)).save(f"{w}/in256.png")
a = Image.open(f"{w}/in2048.png")
big = Image.new("RGB", (4096, 4096))
for x in (0, 2048):
    for y in (0, 2048):
        big.paste(a, (x, y))
big.save(f"{w}/in4096.png")
PY
echo "\$ bench/run.sh $rounds   # $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(date -u '+%F %H:%M UTC')"
"$py" bench/bench.py "$build" "$work" "$rounds"
"$py" bench/jpeg_output.py "$build" "$work" "$rounds"
"$py" bench/layer_bench.py "$build" "$work" "$rounds"
