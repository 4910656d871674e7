# PngSuite (Willem van Schaik's conformance images, read from ../shared/pngsuite or $TCONV_PNGSUITE)
# through the identity: every valid image must come back with the channels, depth (16-bit files at
# 16 bits) and samples libpng decodes (tests/reference/goldens/pngsuite.txt, from tests/reference/make_pngsuite_goldens.py), and
# every corrupt one (x*.png) must fail alone: exit 1, one error line, no file. Skipped (exit 77) when
# the suite is not on this machine.
# usage: bash pngsuite.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
suite=${TCONV_PNGSUITE:-$src/../shared/pngsuite}
[ -f "$suite/basn0g01.png" ] || { echo "SKIP: no PngSuite at $suite"; exit 77; }
cd "$work" || exit 1
golden=$src/tests/reference/goldens/pngsuite.txt

case_ "every valid image through the identity comes back as libpng decodes it"
mapfile -t valid < <(cut -d' ' -f1 "$golden")
[ "${#valid[@]}" -ge 150 ] || fail "only ${#valid[@]} valid images in the golden file"
mkdir out
run "${valid[@]/#/$suite/}" -d out -f 1 -s 1 -k ones -q
expect_rc 0
/usr/bin/python3 - "$golden" out "$src/tests/e2e" <<'PY' || fail "decoded samples differ"
import hashlib, sys
sys.path.insert(0, sys.argv[3])
from png_reader import read_png_depth
bad = deep = 0
for line in open(sys.argv[1]):
    name, h, w, c, d, digest = line.split()
    height, width, channels, rows, depth = read_png_depth(f"{sys.argv[2]}/{name}")
    # 16-bit samples big-endian, as the golden hashes them.
    samples = b"".join(v.to_bytes(depth // 8, "big") for row in rows for px in row for v in px)
    deep += depth == 16
    if (height, width, channels, depth) != (int(h), int(w), int(c), int(d)) or hashlib.sha256(samples).hexdigest() != digest:
        print(f"{name}: {height}x{width}x{channels} at {depth} bits, expected {h}x{w}x{c} at {d} bits with sha256 {digest}")
        bad += 1
if deep < 30:
    print(f"only {deep} images at 16 bits")
    bad += 1
print(f"{sum(1 for _ in open(sys.argv[1])) - bad} of {sum(1 for _ in open(sys.argv[1]))} valid images as libpng decodes them")
sys.exit(1 if bad else 0)
PY

case_ "every corrupt image fails alone: exit 1, one line, no file"
corrupt=0
for f in "$suite"/x*.png; do
    name=$(basename "$f")
    mkdir -p "bad/$name"
    run "$f" -o "bad/$name/out.png" -f 1 -s 1 -k ones
    expect_rc 1
    expect_one_error "$f" "(not a readable image|cannot decode image) \(.+\)"
    expect_dir_empty "bad/$name"
    corrupt=$((corrupt + 1))
done
[ "$corrupt" -ge 14 ] || fail "only $corrupt corrupt images"
echo "$corrupt corrupt images refused"

finish
