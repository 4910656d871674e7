#!/usr/bin/env bash
# Batch benchmark (not a test): 1000 small PNGs (64x64 RGB), k4 s2 p1 bilinear, done as
# (a) one tconv call with -d, (b) one tconv process per file, (c) a Python loop over PIL + torch's
# conv_transpose2d in one process. Verifies first that (a)'s outputs match (c)'s within 1 level,
# then prints files per second and the ratios.
# usage: bench/batch.sh [PATH_TO_TCONV]   (default: build/tconv; needs Debian's /usr/bin/python3
#        with python3-torch, python3-numpy and python3-pil)
set -euo pipefail
tconv=$(realpath "${1:-build/tconv}")
py=/usr/bin/python3
count=1000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/in" "$work/a" "$work/b" "$work/c"

# Smooth random images (noise would only time the PNG codecs), one seed per file.
"$py" - "$work/in" "$count" <<'EOF'
import sys
import numpy as np
from PIL import Image
out, count = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(2024)
y, x = np.mgrid[0:64, 0:64] / 63.0
for i in range(count):
    a, b, c = rng.uniform(0, 255, 3), rng.uniform(-120, 120, 3), rng.uniform(-120, 120, 3)
    img = np.clip(a + b * x[..., None] + c * y[..., None] + rng.normal(0, 8, (64, 64, 3)), 0, 255)
    Image.fromarray(img.astype(np.uint8), "RGB").save(f"{out}/img{i:04d}.png")
EOF
find "$work/in" -name '*.png' | sort >"$work/list.txt"

seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# (a) one call
t0=$(seconds)
"$tconv" --files-from "$work/list.txt" -d "$work/a" -f 4 -s 2 -p 1 -k bilinear -q
t1=$(seconds)
time_a=$(elapsed "$t0" "$t1")

# (b) one process per file
t0=$(seconds)
while read -r f; do
    name=${f##*/}
    "$tconv" "$f" -o "$work/b/$name" -f 4 -s 2 -p 1 -k bilinear -q
done <"$work/list.txt"
t1=$(seconds)
time_b=$(elapsed "$t0" "$t1")

# (c) Python + PIL + torch in one process (the loop is timed inside, after the imports), and the
# check of (a) against (c).
time_c=$("$py" - "$work/list.txt" "$work/c" "$work/a" <<'EOF'
import sys, time
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

paths = open(sys.argv[1]).read().split("\n")[:-1]
out_dir, tconv_dir = sys.argv[2], sys.argv[3]

def tent(k):  # FCN's upsample_filt, one axis
    f = (k + 1) // 2
    c = f - 1 if k % 2 == 1 else f - 0.5
    return np.array([1 - abs(i - c) / f for i in range(k)])

kernel = torch.tensor(np.outer(tent(4), tent(4)), dtype=torch.float32)
torch.set_num_threads(1)  # faster than torch's thread pool on 64x64 images: the peer at its best
start = time.perf_counter()
for p in paths:
    img = torch.from_numpy(np.asarray(Image.open(p).convert("RGB"), dtype=np.float32)).permute(2, 0, 1)[None]
    weight = kernel.expand(3, 1, 4, 4)
    y = F.conv_transpose2d(img, weight, stride=2, padding=1, groups=3)
    y = torch.floor(y.clamp(0, 255) + 0.5)  # round half away from zero (values are >= 0)
    Image.fromarray(y[0].permute(1, 2, 0).to(torch.uint8).numpy(), "RGB").save(out_dir + "/" + p.rsplit("/", 1)[1])
elapsed = time.perf_counter() - start

worst = 0
for p in paths:
    name = p.rsplit("/", 1)[1]
    a = np.asarray(Image.open(tconv_dir + "/" + name), dtype=np.int16)
    c = np.asarray(Image.open(out_dir + "/" + name), dtype=np.int16)
    if a.shape != c.shape:
        sys.exit(f"verify: {name}: tconv {a.shape} vs torch {c.shape}")
    worst = max(worst, int(np.abs(a - c).max()))
if worst > 1:
    sys.exit(f"verify: tconv and torch differ by {worst} levels")
print(f"verify: {len(paths)} outputs of one tconv call match torch's within {worst} level(s)", file=sys.stderr)
print(elapsed)
EOF
)

rate() { awk -v n="$count" -v t="$1" 'BEGIN { printf "%.1f", n / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b / a }'; }
echo "files: $count x 64x64 RGB PNG, k4 s2 p1 bilinear -> 128x128; $(nproc) cores"
printf '(a) one tconv call (-d):         %8.2f s  %8s files/s\n' "$time_a" "$(rate "$time_a")"
printf '(b) one tconv process per file:  %8.2f s  %8s files/s\n' "$time_b" "$(rate "$time_b")"
printf '(c) python loop, PIL + torch:    %8.2f s  %8s files/s\n' "$time_c" "$(rate "$time_c")"
echo "tconv one call / per-file processes: $(ratio "$time_a" "$time_b")x"
echo "tconv one call / python + torch:     $(ratio "$time_a" "$time_c")x"
