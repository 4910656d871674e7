# `tconv fit` failures: a target of the wrong size or channel count, unreadable images and bad --pairs
# lines exit 1 naming every bad pair; bad options exit 2; in every case one line per problem on
# stderr, nothing on stdout, and no kernel file written (an existing one is left untouched).
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
expect_failure 1 'tconv: error: wrong\.ppm: target is 12x11 \(HxW\) but input in\.ppm is 6x5 and the geometry gives 12x10\|' \
    in.ppm wrong.ppm "${geo[@]}" -o existing.txt
expect_failure 1 'tconv: error: wrong\.ppm: target is 12x11 \(HxW\) but input in\.ppm is 6x5 and the geometry gives 12x10\|' \
    in.ppm wrong.ppm "${geo[@]}" -o new.txt
expect_failure 1 'tconv: error: grey\.pgm: target has 1 channels but input in\.ppm has 3\|' \
    in.ppm grey.pgm "${geo[@]}" -o new.txt
expect_failure 1 'tconv: error: missing\.png: [^|]+\|' in.ppm missing.png "${geo[@]}" -o new.txt
expect_failure 1 'tconv: error: broken\.png: [^|]*\([^|]+\)\|' broken.png big.ppm "${geo[@]}" -o new.txt
printf 'in.ppm big.ppm\nin.ppm wrong.ppm\nbroken.png big.ppm\n' >../pairs.$$
expect_failure 1 'tconv: error: wrong\.ppm: target is 12x11 [^|]*\|tconv: error: broken\.png: [^|]+\|' \
    --pairs ../pairs.$$ "${geo[@]}" -o new.txt
# A geometry whose output for this input would be empty is the input's failure.
expect_failure 1 'tconv: error: in\.ppm: rows: output size would be -2 \(must be >= 1\)\|' \
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
