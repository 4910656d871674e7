# `tconv fit` failures: a target of the wrong size (with the fix named) or channel count, unreadable
# images, bad --pairs lines and a diverging fit exit 1 naming every bad pair; bad options exit 2; in
# every case one line per problem on stderr, nothing on stdout, and no kernel file written (an
# existing one is left untouched).
# usage: bash fit_errors.sh TCONV SOURCE_DIR
set -u
tconv=$(realpath "$1")
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"
cd "$tmp" || exit 1

python3 - <<'PY'
import random
random.seed(7)
def write(name, magic, h, w, c):
    with open(name, "wb") as f:
        f.write(b"%s %d %d 255\n" % (magic, w, h) + bytes(random.randint(0, 255) for _ in range(h * w * c)))
write("in.ppm", b"P6", 6, 5, 3)
write("big.ppm", b"P6", 12, 10, 3)    # the size k4 s2 p1 gives for in.ppm
write("wrong.ppm", b"P6", 12, 11, 3)  # one column too many
write("grey.pgm", b"P5", 12, 10, 1)   # right size, wrong channel count
PY
echo "not an image" >broken.png
printf 'keep me\n' >existing.txt

# expect_failure CODE STDERR_REGEX ARGS...: exit CODE, empty stdout, stderr matching the extended
# regex (anchored, all lines), no new file in the directory and existing.txt untouched.
expect_failure() {
    local code=$1 regex=$2
    shift 2
    local before
    before=$(ls -A | sort)
    "$tconv" fit "$@" </dev/null >../out.$$ 2>../err.$$
    local rc=$?
    local what="fit $*"
    [ "$rc" = "$code" ] || fail "$what: exit $rc, expected $code; stderr: $(cat ../err.$$)"
    [ -s ../out.$$ ] && fail "$what: stdout is not empty: $(cat ../out.$$)"
    [ "$(tr '\n' '|' <../err.$$)" != "" ] && tr '\n' '|' <../err.$$ | grep -qE "^($regex)\$" ||
        fail "$what: stderr '$(tr '\n' '|' <../err.$$)' does not match '$regex'"
    [ "$(ls -A | sort)" = "$before" ] || fail "$what: files changed: $(ls -A | tr '\n' ' ')"
    [ "$(cat existing.txt)" = "keep me" ] || fail "$what: existing.txt was overwritten"
    rm -f ../out.$$ ../err.$$
}

geo=(-f 4 -s 2 -p 1)
# Sanity: the good pair fits (so the failures below are about what they change).
"$tconv" fit in.ppm big.ppm "${geo[@]}" --steps 5 -o good.txt </dev/null >/dev/null 2>&1 || fail "the good pair does not fit"
rm -f good.txt

# Exit 1: inputs that cannot be used. Both sizes are named, and the output is not written.
# The size error names the fix: the output size (and so output padding) that reaches the target, or
# else the padding, or says that neither does.
wrong_size='tconv: error: wrong\.ppm: target is 12x11 \(HxW\) but -f 4x4 -s 2x2 -p 1 --dilation 1x1 gives 12x10 for the 6x5 input in\.ppm; --output-size 12x11 \(output padding 0x1\) would fit\|'
expect_failure 1 "$wrong_size" in.ppm wrong.ppm "${geo[@]}" -o existing.txt
expect_failure 1 "$wrong_size" in.ppm wrong.ppm "${geo[@]}" -o new.txt
expect_failure 1 'tconv: error: wrong\.ppm: target is 12x11 \(HxW\) but --output-size is 12x10 for the 6x5 input in\.ppm; --output-size 12x11 \(output padding 0x1\) would fit\|' \
    in.ppm wrong.ppm "${geo[@]}" --output-size 12x10 -o new.txt
# k3 s2 p1 gives 11x9 for 6x5, reaching 11..12 x 9..10; p0 gives 13x11 and p2 9x7, so they need -p 1.
expect_failure 1 'tconv: error: big\.ppm: target is 12x10 \(HxW\) but -f 3x3 -s 2x2 -p 1 --dilation 1x1 gives 11x9 for the 6x5 input in\.ppm; --output-size 12x10 \(output padding 1\) would fit\|' \
    in.ppm big.ppm -f 3 -s 2 -p 1 -o new.txt
expect_failure 1 'tconv: error: big\.ppm: target is 12x10 \(HxW\) but -f 3x3 -s 2x2 -p 0 --dilation 1x1 gives 13x11 for the 6x5 input in\.ppm; no output padding reaches it \(rows 13 to 14, columns 11 to 12\); -p 1 --output-size 12x10 \(output padding 1\) would fit\|' \
    in.ppm big.ppm -f 3 -s 2 -p 0 -o new.txt
expect_failure 1 'tconv: error: big\.ppm: target is 12x10 \(HxW\) but -f 3x3 -s 2x2 -p 2 --dilation 1x1 gives 9x7 for the 6x5 input in\.ppm; no output padding reaches it \(rows 9 to 10, columns 7 to 8\); -p 1 --output-size 12x10 \(output padding 1\) would fit\|' \
    in.ppm big.ppm -f 3 -s 2 -p 2 -o new.txt
# Stride 1 grows by kernel - 1 = 1 at most: 7x6 can only shrink, never become 12x10.
expect_failure 1 'tconv: error: big\.ppm: target is 12x10 \(HxW\) but -f 2x2 -s 1x1 -p 0 --dilation 1x1 gives 7x6 for the 6x5 input in\.ppm; no output padding reaches it \(rows 7 to 7, columns 6 to 6\); no padding does either with this kernel, stride and dilation\|' \
    in.ppm big.ppm -f 2 -o new.txt
# --output-size that this input cannot reach is the input's failure, with the reachable range.
expect_failure 1 'tconv: error: in\.ppm: rows: output size 14 cannot be reached from 6: the sizes reachable by output padding are 12 to 13 \(min to min \+ stride - 1\)\|' \
    in.ppm big.ppm "${geo[@]}" --output-size 14x10 -o new.txt
# Divergence: a far too large --lr is exit 1 at the step where the loss passes 10 x its start, the
# loss and a smaller --lr named, and nothing written.
expect_failure 1 'tconv: error: --lr 50: the fit diverged at step 1: loss [0-9.e+]+ is above [0-9.e+]+ \(10 x max\(first loss, mean squared target\)\); try a smaller --lr, e\.g\. 5\|' \
    in.ppm big.ppm "${geo[@]}" --lr 50 -o existing.txt
expect_failure 1 'tconv: error: --lr 50: the fit diverged at step 1: [^|]+\|' in.ppm big.ppm "${geo[@]}" --lr 50 -j 2 -o new.txt
expect_failure 1 'tconv: error: grey\.pgm: target has 1 channels but input in\.ppm has 3\|' \
    in.ppm grey.pgm "${geo[@]}" -o new.txt
expect_failure 1 'tconv: error: missing\.png: [^|]+\|' in.ppm missing.png "${geo[@]}" -o new.txt
expect_failure 1 'tconv: error: broken\.png: [^|]*\([^|]+\)\|' broken.png big.ppm "${geo[@]}" -o new.txt
printf 'in.ppm big.ppm\nin.ppm wrong.ppm\nbroken.png big.ppm\n' >../pairs.$$
expect_failure 1 'tconv: error: wrong\.ppm: target is 12x11 [^|]*\|tconv: error: broken\.png: [^|]+\|' \
    --pairs ../pairs.$$ "${geo[@]}" -o new.txt
# A geometry whose output for this input would be empty is the input's failure.
expect_failure 1 'tconv: error: in\.ppm: rows: output size would be -2 \(must be >= 1\): padding 4 \+ 4 is more than [^|]*\|' \
    in.ppm big.ppm -f 1 -p 4 -o new.txt

# Exit 2: usage errors, before any image is read (broken.png would otherwise fail first).
expect_failure 2 'tconv: error: --lr: must be > 0 and finite, got 0\|' broken.png big.ppm "${geo[@]}" --lr 0 -o new.txt
expect_failure 2 'tconv: error: --lr: must be > 0 and finite, got nan\|' broken.png big.ppm "${geo[@]}" --lr nan -o new.txt
expect_failure 2 'tconv: error: [^|]*--steps[^|]*\|' broken.png big.ppm "${geo[@]}" --steps -1 -o new.txt
expect_failure 2 'tconv: error: --init: [^|]+\|' broken.png big.ppm "${geo[@]}" --init nonsense -o new.txt
expect_failure 2 'tconv: error: --init missing\.txt: [^|]+\|' broken.png big.ppm "${geo[@]}" --init @missing.txt -o new.txt
expect_failure 2 'tconv: error: --init: [^|]*3x3[^|]*\|' broken.png big.ppm -f 4 --init "1,2,1;2,4,2;1,2,1" -o new.txt
expect_failure 2 'tconv: error: --seed: only applies to --init random\|' broken.png big.ppm "${geo[@]}" --seed 3 -o new.txt
expect_failure 2 'tconv: error: --output: required: the kernel file to write\|' broken.png big.ppm "${geo[@]}"
expect_failure 2 'tconv: error: TARGET: an INPUT needs its TARGET\|' broken.png "${geo[@]}" -o new.txt
expect_failure 2 'tconv: error: INPUT: no pairs to fit[^|]*\|' "${geo[@]}" -o new.txt
expect_failure 2 'tconv: error: --stride: [^|]+\|' broken.png big.ppm -s 0 -o new.txt
expect_failure 2 'tconv: error: -j 0: [^|]+\|' broken.png big.ppm "${geo[@]}" -j 0 -o new.txt
expect_failure 2 'tconv: error: --output-size: give either --output-size or --output-padding, not both\|' \
    broken.png big.ppm "${geo[@]}" --output-size 12x10 --output-padding 1 -o new.txt
expect_failure 2 'tconv: error: --output-size: [^|]+\|' broken.png big.ppm "${geo[@]}" --output-size 12x -o new.txt
printf '# comment\nin.ppm big.ppm\nonly-one-path\n' >../pairs.$$
expect_failure 2 'tconv: error: --pairs \.\./pairs\.[0-9]+: line 3: expected two paths, INPUT and TARGET \(tab- or space-separated\)\|' \
    --pairs ../pairs.$$ "${geo[@]}" -o new.txt
expect_failure 2 'tconv: error: --pairs missing-list\.txt: [^|]+\|' --pairs missing-list.txt "${geo[@]}" -o new.txt
rm -f ../pairs.$$

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "all passed"
