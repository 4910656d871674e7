# -o templates end to end: same-stem inputs from two folders to two names, a single
# input through a template, {name} and {ext}, and every refusal before any work: two inputs to
# one file (both named), an output that is an input, a missing directory (none is created), an
# unknown field, an unbalanced brace, standard input, and -o FILE with several inputs.
# usage: bash batch_naming.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
# expect_no_outputs: no file anywhere under out/ (its directories may stay).
expect_no_outputs() { [ -z "$(find out -type f)" ] || fail "files written: $(find out -type f | tr '\n' ' ')"; }

mkdir -p a b out/a out/b
cp "$fixtures/rgb.png" a/x.png
cp "$fixtures/grey.png" b/x.png

case_ "same stem from two folders: {dir} keeps them apart"
run a/x.png b/x.png -f 2 -s 2 -o 'out/{dir}/{stem}_x2.png' --json
expect_rc 0
expect_stderr_empty
python3 - "$work/.cap/stdout" <<'EOF_PY' || { fail "JSON lines"; show_streams; }
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
assert [(o["input"], o["output"], o["channels"]) for o in objs] == [
    ("a/x.png", "out/a/x_x2.png", 3), ("b/x.png", "out/b/x_x2.png", 1)], objs
EOF_PY
# Each output is its own input's: the fixture formulas at pixel (y=5, x=9), input pixel (2, 4).
check_pixels out/a/x_x2.png "
assert (height, width, channels) == (6, 10, 3), img[:3]
px(5, 9, (200, 200, 55))"
check_pixels out/b/x_x2.png "
assert (height, width, channels) == (6, 10, 1), img[:3]
px(5, 9, (245,))"
[ "$(find out -type f | sort | tr '\n' ' ')" = "out/a/x_x2.png out/b/x_x2.png " ] || fail "outputs: $(find out -type f)"

case_ "one input through a template; {name} and {ext}"
run a/x.png -f 2 -s 2 -o 'out/{stem}-{ext}-from-{name}.png' -q
expect_rc 0
expect_file out/x-png-from-x.png.png
cmp -s out/x-png-from-x.png.png out/a/x_x2.png || fail "a template gave other bytes than the same run to a plain name"

case_ "two inputs that would write one file: refused before any work, both named"
rm -rf out && mkdir -p out/a out/b
run a/x.png b/x.png -f 2 -s 2 -o 'out/{stem}_x2.png'
expect_rc 2
expect_stdout_empty
expect_one_error b/x.png 'would be written to out/x_x2\.png, as a/x\.png would \(the -o template must tell them apart, e\.g\. with \{dir\}\)'
expect_no_outputs
# The same file spelt two ways is one output too.
run a/x.png ./a/x.png -o 'out/{dir}/{stem}.png'
expect_rc 2
expect_one_error ./a/x.png 'would be written to out/./a/x\.png, as a/x\.png would .*'

case_ "no output may be an input"
before=$(cksum <a/x.png)
run a/x.png b/x.png -o '{dir}/{name}'
expect_rc 2
expect_one_error a/x.png 'would overwrite the input a/x\.png'
[ "$(cksum <a/x.png)" = "$before" ] || fail "a/x.png changed"

case_ "a missing directory: a usage error, and none is created"
run a/x.png b/x.png -o 'missing/{dir}/{stem}.png'
expect_rc 2
expect_one_error '--output missing/{dir}/{stem}.png' "directory 'missing/a' does not exist \(the output of a/x\.png; tconv creates no directories\)"
expect_no_file missing
rm -rf out/b
run a/x.png b/x.png -o 'out/{dir}/{stem}.png'
expect_rc 2
expect_one_error '--output out/{dir}/{stem}.png' "directory 'out/b' does not exist .*"
expect_no_outputs

case_ "malformed templates"
run a/x.png b/x.png -o 'out/{stm}.png'
expect_rc 2
expect_one_error '--output out/{stm}.png' 'unknown field \{stm\} \(the fields are \{stem\}, \{name\}, \{dir\} and \{ext\}\)'
run a/x.png -o 'out/{stem.png'
expect_rc 2
expect_one_error '--output out/{stem.png' "'\{' at character 5 is not closed by '\}'"
run a/x.png -o 'out/stem}.png'
expect_rc 2
expect_one_error '--output out/stem}.png' "'\}' at character 9 closes no '\{'"
expect_no_outputs

case_ "standard input has no name for a template; -o FILE still takes one input"
run_in a/x.png - -o 'out/{stem}.png'
expect_rc 2
expect_one_error 'INPUT -' 'standard input has no name for an -o template; give -o FILE'
run a/x.png b/x.png -o out/x.png
expect_rc 2
expect_one_error --output "-o FILE takes one input, got 2; use -d OUT_DIR or a template such as -o 'out/\{stem\}_x2\.png'"
run a/x.png -o 'out/{stem}.png' -d out
expect_rc 2
expect_one_error --output 'give exactly one of .*'
expect_no_outputs

case_ "-d keeps its naming, and a brace in DIR is just a name"
mkdir 'd{x}'
run a/x.png -d 'd{x}' -q
expect_rc 0
expect_file 'd{x}/x.png'

finish
