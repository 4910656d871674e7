# `tconv demo`: exit 0, nothing on stderr, the lines it prints, every picture of the article's demos
# checked pixel by pixel against the article's arithmetic (check_demo.py, a stdlib PNG reader), the
# checked-in copies in samples/demo/ too (the animation, the compare sheet and the page have
# animate.sh, compare.sh and demo_page.sh), a missing -d directory created, and an unwritable one reported with exit 1.
# usage: bash demo.sh TCONV SOURCE_DIR
set -u
tconv=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

"$tconv" demo -d "$tmp/new/demo" >"$tmp/stdout" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "demo: exit $rc: $(cat "$tmp/err")"
[ -s "$tmp/err" ] && fail "demo: stderr: $(cat "$tmp/err")"
expected_files="article-x64.png article.png blocks-counts-x16.png blocks-x16.png blocks.png checkerboard-compare.png contact-sheet.png index.html overlap-counts-x15.png overlap-x15.png overlap.png stripes-anim.png stripes-counts-x16.png stripes-x16.png stripes.png"
[ "$(LC_ALL=C ls "$tmp/new/demo" | tr '\n' ' ')" = "$expected_files " ] || fail "demo wrote: $(ls -a "$tmp/new/demo" | tr '\n' ' ')"
d=$tmp/new/demo
while IFS= read -r want; do
    grep -qxF -- "$want" "$tmp/stdout" || fail "demo stdout lacks: $want"
done <<EOF2
$d/article.png: 4x4 (HxW, 3 channels), the article's input: red green blue white / black yellow cyan magenta / orange gray purple white / blue black red green
$d/stripes.png: tconv article.png -f 3 -s 4 -p 0 --output-padding 1 -o stripes.png (kernel 3 / stride 4 = 0.75): 4x4 -> 16x16; out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16
$d/blocks.png: tconv article.png -f 4 -s 4 -o blocks.png (kernel 4 / stride 4 = 1): 4x4 -> 16x16; out = (4 - 1) * 4 - 2 * 0 + 1 * (4 - 1) + 0 + 1 = 16
$d/overlap.png: tconv article.png -f 5 -s 4 -o overlap.png (kernel 5 / stride 4 = 1.25): 4x4 -> 17x17; out = (4 - 1) * 4 - 2 * 0 + 1 * (5 - 1) + 0 + 1 = 17
$d/stripes-x16.png: stripes.png enlarged x16 (nearest, grid lines between cells), 273x273
$d/article-x64.png: article.png enlarged x64 (nearest, grid lines between cells), 261x261
$d/stripes-counts-x16.png: how many input pixels reach each pixel of stripes.png (tconv overlap: white = the most, black = none), enlarged x16, 273x273
$d/stripes-anim.png: tconv animate article.png -f 3 -s 4 -p 0 --output-padding 1 --zoom 16 --delay 500 -o stripes-anim.png: 17 frames of 273x273
$d/checkerboard-compare.png: tconv compare article.png -f 3 -s 2 -k '0.5,0.5,0.5;0.5,0.5,0.5;0.5,0.5,0.5' -o checkerboard-compare.png: checkerboard score 4 beside the resize-convolution's 1, 360x1437
$d/index.html: one page walking through the article, with every file above
EOF2
[ "$(wc -l <"$tmp/stdout")" = 15 ] || fail "demo printed $(wc -l <"$tmp/stdout") lines, expected 15 (one per file)"
python3 "$here/check_demo.py" "$d" "$src/samples/article.png" || fail "fresh demo images"
python3 "$here/check_demo.py" "$src/samples/demo" "$src/samples/article.png" || fail "samples/demo/ images"

# The page's animation and compare sheet are the subcommands' own files for the arguments it shows.
(cd "$tmp" && cp "$d/article.png" . &&
    "$tconv" animate article.png -f 3 -s 4 -p 0 --output-padding 1 --zoom 16 --delay 500 -o stripes-anim.png >/dev/null &&
    "$tconv" compare article.png -f 3 -s 2 -k '0.5,0.5,0.5;0.5,0.5,0.5;0.5,0.5,0.5' -o checkerboard-compare.png >/dev/null) ||
    fail "the page's animate and compare commands"
cmp -s "$tmp/stripes-anim.png" "$d/stripes-anim.png" || fail "demo's stripes-anim.png is not what its command writes"
cmp -s "$tmp/checkerboard-compare.png" "$d/checkerboard-compare.png" || fail "demo's checkerboard-compare.png is not what its command writes"

# The main job gives the same pixels as the demo (same options, same input): decoded and compared.
"$tconv" "$src/samples/article.png" -f 3 -s 4 -p 0 --output-padding 1 -o "$tmp/stripes.png" -q 2>"$tmp/err" ||
    fail "main job stripes: $(cat "$tmp/err")"
python3 - "$here" "$tmp/stripes.png" "$d/stripes.png" <<'EOF2' || fail "main job and demo stripes differ"
import sys
sys.path.insert(0, sys.argv[1])
from png_reader import read_png
sys.exit(0 if read_png(sys.argv[2]) == read_png(sys.argv[3]) else 1)
EOF2

# A -d that cannot be a directory: exit 1, one error line naming it, nothing on stdout.
: >"$tmp/file"
"$tconv" demo -d "$tmp/file/sub" >"$tmp/stdout" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "demo -d under a file: exit $rc, expected 1"
[ -s "$tmp/stdout" ] && fail "demo -d under a file: stdout: $(cat "$tmp/stdout")"
[ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "^tconv: error: $tmp/file/sub: " "$tmp/err" ||
    fail "demo -d under a file: stderr: $(cat "$tmp/err")"

[ "$failures" = 0 ] || exit 1
echo "demo: all checks passed"
