# `tconv fit` recovers known kernels end to end: targets are made by the main job with a known kernel
# (bilinear k4 s2 p1 on RGB, an asymmetric 3x2 kernel with ONNX padding that saturates on grey), the
# fit starts from a different kernel, and the learned file must hold the truth within 0.01 per weight
# and reproduce the target through `-k @FILE` within 1 level per pixel. Also --pairs, --json and the
# progress line on a terminal, --output-size on an odd-sized target, and -j giving the same bits.
# usage: bash fit.sh TCONV SOURCE_DIR
set -u
tconv=$(realpath "$1") src=$(realpath "$2")
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"
cd "$tmp" || exit 1

# run ARGS...: tconv with stdin from /dev/null; sets rc and fills out/err.
run() {
    "$tconv" "$@" </dev/null >out 2>err
    rc=$?
}
# expect_success WHAT: exit 0 and nothing on stderr.
expect_success() {
    [ "$rc" = 0 ] || fail "$1: exit $rc, stderr: $(cat err)"
    [ -s err ] && fail "$1: stderr is not empty: $(cat err)"
}
# expect_made WHAT: the main job's exit 0; stderr may hold its warnings (overlap, brightness), nothing else.
expect_made() {
    [ "$rc" = 0 ] || fail "$1: exit $rc, stderr: $(cat err)"
    grep -qv '^tconv: warning: ' err && fail "$1: stderr: $(cat err)"
}
# check_kernel FILE TRUTH_PYTHON_EXPR TOLERANCE: every weight of the kernel file within TOLERANCE.
check_kernel() {
    local msg
    msg=$(python3 - "$1" "$2" "$3" 2>&1 <<'PY'
import sys
rows = [[float(v) for v in l.split()] for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
truth = eval(sys.argv[2])
tol = float(sys.argv[3])
if [len(r) for r in rows] != [len(r) for r in truth]:
    sys.exit(f"kernel shape {[len(r) for r in rows]} != {[len(r) for r in truth]}")
bad = [f"w[{y}][{x}] = {rows[y][x]} (truth {truth[y][x]})" for y in range(len(truth)) for x in range(len(truth[0]))
       if abs(rows[y][x] - truth[y][x]) > tol]
if bad:
    sys.exit("; ".join(bad))
PY
    ) || fail "$1: $msg"
}
# same_pixels A.png B.png TOLERANCE: equal sizes, every sample within TOLERANCE.
same_pixels() {
    local msg
    msg=$(python3 - "$1" "$2" "$3" "$src/tests/e2e" 2>&1 <<'PY'
import sys
sys.path.insert(0, sys.argv[4])
from png_reader import read_png
a, b, tol = read_png(sys.argv[1]), read_png(sys.argv[2]), int(sys.argv[3])
if a[:3] != b[:3]:
    sys.exit(f"sizes differ: {a[:3]} vs {b[:3]}")
bad = [(y, x, a[3][y][x], b[3][y][x]) for y in range(a[0]) for x in range(a[1])
       if any(abs(p - q) > tol for p, q in zip(a[3][y][x], b[3][y][x]))]
if bad:
    sys.exit(f"{len(bad)} pixels differ, first (y, x, got, want): {bad[:3]}")
PY
    ) || fail "$1 vs $2: $msg"
}

# Inputs: seeded random pixels (uncorrelated neighbours keep every tap identifiable), written as PNM
# (stb reads it) with the standard library only.
python3 - <<'PY'
import random
random.seed(20261125)
def write(name, magic, h, w, c, top):
    with open(name, "wb") as f:
        f.write(b"%s %d %d 255\n" % (magic, w, h) + bytes(random.randint(0, top) for _ in range(h * w * c)))
write("rgb.ppm", b"P6", 20, 24, 3, 255)
write("rgb2.ppm", b"P6", 13, 9, 3, 255)
write("grey.pgm", b"P5", 18, 22, 1, 100)
PY

bilinear="[[a * b for b in (0.25, 0.75, 0.75, 0.25)] for a in (0.25, 0.75, 0.75, 0.25)]"

# 1. Bilinear k4 s2 p1 from the all-ones kernel.
run rgb.ppm -f 4 -s 2 -p 1 -k bilinear -o target.png
expect_made "making the bilinear target"
run fit rgb.ppm target.png -f 4 -s 2 -p 1 --init ones --steps 300 -o learned.txt
expect_success "fit bilinear"
grep -qE '^rgb\.ppm \+ target\.png -> learned\.txt: 4x4 kernel, 300 steps; loss [0-9.e+]+ -> 0\.[0-9]+ at step [0-9]+ \(RMSE [0-9.]+ -> 0\.[0-9]+\)(, kept: step 300 ended at [0-9.e+-]+)?; 0 of 5760 target samples saturated$' out ||
    fail "fit bilinear: report line: $(cat out)"
check_kernel learned.txt "$bilinear" 0.01
run rgb.ppm -f 4 -s 2 -p 1 -k @learned.txt -o up.png
expect_made "applying the learned kernel"
same_pixels up.png target.png 1

# 2. An asymmetric 3x2 kernel, stride 2x1, ONNX pads 0,1,1,0, on grey: even output rows sum to 3.875
# times the input, so targets saturate at 255 and odd rows (tap -0.5) at 0. From --init random.
asym="1.5,0.25;-0.5,0.75;0.125,2"
run grey.pgm -f 3x2 -s 2x1 -p 0,1,1,0 -k "$asym" -o target_asym.png
expect_made "making the asymmetric target"
run fit grey.pgm target_asym.png -f 3x2 -s 2x1 -p 0,1,1,0 --init random --seed 7 --steps 400 --json -o asym.txt
expect_success "fit asymmetric"
check_kernel asym.txt "[[1.5, 0.25], [-0.5, 0.75], [0.125, 2.0]]" 0.01
msg=$(python3 - <<'PY'
import json
r = json.load(open("out"))
kernel = [[float(v) for v in l.split()] for l in open("asym.txt") if not l.startswith("#")]
problems = []
if r["ok"] is not True or r["output"] != "asym.txt" or r["init"] != "random" or r["steps"] != 400:
    problems.append("ok/output/init/steps")
if len(r["loss"]) != 401 or r["final_loss"] != r["loss"][-1] or not r["loss"][-1] < 0.2 * 1e-3 * r["loss"][0] + 0.2:
    problems.append(f"loss history: {len(r['loss'])} values, first {r['loss'][0]}, last {r['loss'][-1]}")
if r["best_loss"] != min(r["loss"]) or r["loss"].index(r["best_loss"]) != r["best_step"]:
    problems.append(f"best step {r['best_step']}, loss {r['best_loss']}: not the first lowest of the history")
if not 0 < r["saturated_samples"] < r["samples"] or r["samples"] != 36 * 22:
    problems.append(f"samples {r['samples']}, saturated {r['saturated_samples']}")
if (r["kernel_height"], r["kernel_width"]) != (3, 2) or any(abs(a - b) > 1e-6 for ra, rb in zip(r["kernel"], kernel) for a, b in zip(ra, rb)):
    problems.append(f"JSON kernel {r['kernel']} differs from the file's {kernel}")
if r["pairs"] != [{"input": "grey.pgm", "target": "target_asym.png", "in_width": 22, "in_height": 18, "channels": 1, "target_channels": 1, "out_width": 22, "out_height": 36}]:
    problems.append(f"pairs {r['pairs']}")
print("; ".join(problems))
PY
2>&1)
[ -z "$msg" ] || fail "fit asymmetric --json: $msg"
run grey.pgm -f 3x2 -s 2x1 -p 0,1,1,0 -k @asym.txt -o up_asym.png
expect_made "applying the asymmetric kernel"
same_pixels up_asym.png target_asym.png 1

# 3. --pairs: a tab-separated and a space-separated line, a comment, a blank line; -f comes from the
# size of an inline --init matrix.
run rgb2.ppm -f 4 -s 2 -p 1 -k bilinear -o target2.png
expect_made "making the second target"
printf '# two pairs\nrgb.ppm\ttarget.png\n\nrgb2.ppm target2.png\n' >pairs.txt
run fit --pairs pairs.txt -s 2 -p 1 --init "0,0,0,0;0,1,1,0;0,1,1,0;0,0,0,0" --steps 300 -o pairs_learned.txt
expect_success "fit --pairs"
grep -qE '^2 pairs -> pairs_learned\.txt: 4x4 kernel, 300 steps; ' out || fail "fit --pairs: report line: $(cat out)"
check_kernel pairs_learned.txt "$bilinear" 0.01

# 3b. --output-size on an odd-sized target: 13x9 -> 25x17 (2 * in - 1) with k5 s2 p2, whose sizes
# are 2 * in - 1 + output padding, solved per pair; the 4x4 bilinear kernel sits in the 5x5 one
# shifted by one tap (k5 p2 tap a + 1 = k4 p1 tap a), with a zero first row and column.
run rgb2.ppm -f 4 -s 2 -p 1 -k bilinear -o even2.png
expect_made "making the even target"
python3 - "$src/tests/e2e" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from png_reader import read_png
h, w, c, px = read_png("even2.png")
with open("odd2.ppm", "wb") as f:  # the 26x18 target without its last row and column
    f.write(b"P6 %d %d 255\n" % (w - 1, h - 1) + bytes(v for row in px[:h - 1] for p in row[:w - 1] for v in p))
PY
run fit rgb2.ppm odd2.ppm -f 5 -s 2 -p 2 --output-size 25x17 --steps 400 -o odd.txt
expect_success "fit --output-size 25x17"
check_kernel odd.txt "[[0.0] * 5] + [[0.0] + r for r in $bilinear]" 0.01
run rgb2.ppm -f 5 -s 2 -p 2 --output-size 25x17 -k @odd.txt -o up_odd.png
expect_made "applying with --output-size"
run odd2.ppm -f 1 -o odd2.png  # the identity, to compare as PNG
expect_made "odd2.ppm as PNG"
same_pixels up_odd.png odd2.png 1

# 3c. -j 1, 2 and 3 give the same kernel file and the same loss history, bit for bit.
for j in 1 2 3; do
    run fit --pairs pairs.txt -f 4 -s 2 -p 1 --steps 60 -j $j --json -o jobs$j.txt
    expect_success "fit -j $j"
    sed 's/"output":"jobs[0-9]\.txt",//' out >jobs$j.json
done
for j in 2 3; do
    cmp -s jobs1.txt jobs$j.txt || fail "-j $j: the kernel file differs from -j 1's"
    cmp -s jobs1.json jobs$j.json || fail "-j $j: the --json report (loss history) differs from -j 1's"
done

# 4. Zero steps write the initial kernel back and measure its loss; -o - puts the kernel on stdout and
# the report on stderr.
"$tconv" fit rgb.ppm target.png -f 4 -s 2 -p 1 --init bilinear --steps 0 -o - </dev/null >out 2>err
rc=$?
[ "$rc" = 0 ] || fail "steps 0: exit $rc: $(cat err)"
grep -v '^#' out >stdout_kernel.txt
check_kernel stdout_kernel.txt "$bilinear" 1e-7
grep -qE '^rgb\.ppm \+ target\.png -> -: 4x4 kernel, 0 steps; loss 0\.[0-9]+ -> 0\.[0-9]+ ' err || fail "steps 0: report on stderr: $(cat err)"

# 5. Progress (step, loss) appears on a terminal (script(1) gives tconv one) and not otherwise (above).
if command -v script >/dev/null; then
    script -qec "'$tconv' fit rgb.ppm target.png -f 4 -s 2 -p 1 --steps 50 -o tty.txt" /dev/null </dev/null >tty.log 2>&1
    grep -q 'step 50/50, loss ' tty.log || fail "no progress line on a terminal: $(head -c 300 tty.log)"
    [ -s tty.txt ] || fail "fit on a terminal wrote no kernel"
fi

# 6. Adam overshoots with --lr 2.5 and ends above a loss it had reached: the kernel written is the one
# of the lowest loss, named with its step in both reports, and it reproduces the target within 1 level
# (the last step's, at a loss over 1, would not).
run fit rgb.ppm target.png -f 4 -s 2 -p 1 --init ones --lr 2.5 --steps 100 --json -o spiked.txt
expect_success "fit --lr 2.5"
msg=$(python3 - <<'PY'
import json
r = json.load(open("out"))
kernel = [float(v) for l in open("spiked.txt") if not l.startswith("#") for v in l.split()]
loss, best = r["loss"], r["best_step"]
problems = []
if not r["final_loss"] > 1 > r["best_loss"]:
    problems.append(f"no overshoot to test: best {r['best_loss']}, final {r['final_loss']}")
if best >= 100 or r["best_loss"] != min(loss) or loss.index(min(loss)) != best:
    problems.append(f"best step {best} (loss {r['best_loss']}) is not the first lowest of the history")
if any(abs(a - b) > 1e-6 for a, b in zip(kernel, [v for row in r["kernel"] for v in row])):
    problems.append("the file's kernel is not the report's")
print("; ".join(problems))
PY
)
[ -z "$msg" ] || fail "fit --lr 2.5: $msg"
run fit rgb.ppm target.png -f 4 -s 2 -p 1 --init ones --lr 2.5 --steps 100 -o spiked.txt
grep -qE '^rgb\.ppm \+ target\.png -> spiked\.txt: 4x4 kernel, 100 steps; loss [0-9.e+]+ -> 0\.[0-9]+ at step [0-9]+ \(RMSE [0-9.]+ -> 0\.[0-9]+\), kept: step 100 ended at [0-9.]+; 0 of 5760 target samples saturated$' out ||
    fail "fit --lr 2.5: report line: $(cat out)"
run rgb.ppm -f 4 -s 2 -p 1 -k @spiked.txt -o spiked.png
expect_made "applying the kept kernel"
same_pixels spiked.png target.png 1

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "all passed"
