# The help a person reads: -h is one line per option and subcommand, --help the whole text with each
# default printed from the value the code uses (checked by running without the option and with the
# printed value), the opening lines say what depth is written (PIL reads it back), and every command
# that reads an image lists, and reads, the same formats (files made by PIL and numpy).
# usage: bash help.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
source "$src/cmake/tconv-help.sh"
mapfile -t subcommands < <(tconv_subcommands "$tconv")
[ "${#subcommands[@]}" -ge 6 ] || fail "only ${#subcommands[@]} subcommands in --help"

# option_lines TEXT: the lines of the Positionals: and Options: blocks that name one ("  -x ...").
option_lines() { awk '/^(Positionals|Options):$/ { on = 1; next } /^$/ { on = 0 } on && /^  [^ ]/' <<<"$1"; }

for command in '' "${subcommands[@]}"; do
    name=${command:-tconv}
    case_ "$name -h: one line per option"
    short=$("$tconv" ${command:+"$command"} -h) || fail "-h failed"
    whole=$("$tconv" ${command:+"$command"} --help) || fail "--help failed"
    long_lines=$(awk 'length($0) > 100' <<<"$short")
    [ -z "$long_lines" ] || fail "lines over 100 columns: $long_lines"
    # Every line of an entry starts in the first column or with the two-space indent: none continues one.
    grep -qE '^   ' <<<"$short" && fail "a continued line: $(grep -E '^   ' <<<"$short" | head -1)"
    short_names=$(option_lines "$short" | sed -E 's/^  ([^ ]+).*/\1/')
    whole_names=$(option_lines "$whole" | sed -E 's/^  ([^ ]+).*/\1/')
    [ "$short_names" = "$whole_names" ] || fail "-h and --help name different options"
    [ "$(wc -l <<<"$short_names")" -ge 2 ] || fail "only $(wc -l <<<"$short_names") options"
    (($(wc -l <<<"$short") < $(wc -l <<<"$whole"))) || fail "-h is not shorter than --help"
    grep -qF "tconv${command:+ $command} --help gives" <<<"$short" || fail "-h does not point to --help"
    grep -q '^Examples:$' <<<"$whole" || fail "--help has no examples"
    grep -q '\[default: [^]]*\]' <<<"$short" && fail "-h prints defaults"
done

case_ "tconv -h: a page, the subcommands one line each"
(($("$tconv" -h | wc -l) * 4 < $("$tconv" --help | wc -l))) || fail "tconv -h is not under a quarter of --help"
short=$("$tconv" -h)
for sub in "${subcommands[@]}"; do
    [ "$(grep -cE "^  $sub  " <<<"$short")" = 1 ] || fail "$sub is not one line of -h"
done

# default_of COMMAND OPTION: the [default: X] that COMMAND's --help prints at the end of OPTION's text.
default_of() {
    "$tconv" ${1:+"$1"} --help | /usr/bin/python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
for i, line in enumerate(lines):
    if re.match(r"  (-\w,)?" + re.escape(sys.argv[1]) + r"( |$)", line):
        text = line
        for more in lines[i + 1:]:
            if not more.startswith(" " * 20):
                break
            text += " " + more.strip()
        found = re.search(r"\[default: ([^]]*)\]$", text)
        print(found.group(1) if found else "")
        break' "$2"
}
py=/usr/bin/python3
"$py" - <<'PY' || fail "making the inputs"
import numpy as np
from PIL import Image
rng = np.random.default_rng(5)
rgb = rng.integers(0, 256, (9, 11, 3), dtype=np.uint8)
Image.fromarray(rgb).save("in.png")
Image.fromarray(rgb).save("in.webp", lossless=True)
Image.fromarray(rgb).save("in.tif")
np.save("in.npy", rgb)
Image.fromarray((rng.integers(0, 65536, (9, 11), dtype=np.uint16)), "I;16").save("in16.png")
PY

case_ "--help's defaults are the values used"
quality=$(default_of '' --quality)
[ "$quality" = 90 ] || fail "--quality's default is '$quality'"
"$tconv" in.png -s 2 -o q_default.jpg -q && "$tconv" in.png -s 2 -o q_given.jpg -q --quality "$quality" &&
    cmp -s q_default.jpg q_given.jpg || fail "a JPEG without --quality is not --quality $quality"
compression=$(default_of '' --compression)
"$tconv" in.png -s 2 -o c_default.png -q && "$tconv" in.png -s 2 -o c_given.png -q --compression "$compression" &&
    cmp -s c_default.png c_given.png || fail "a PNG without --compression is not --compression $compression"
max_pixels=$(default_of '' --max-pixels)
run in.png -s 20000 -o big.png
expect_one_error in.png "output would be .* pixels, over the limit of $max_pixels \(--max-pixels\)"
steps=$(default_of fit --steps)
"$tconv" in.png -f 1 -o target.png -q
run fit in.png target.png -f 1 -o k.txt --json
expect_rc 0
"$py" -c "import json; assert json.load(open('$work/.cap/stdout'))['steps'] == $steps" || fail "fit's steps are not $steps"
frames=$(default_of animate --max-frames)
run animate in.png -f 1 -o anim.png
expect_rc 0
"$py" -c "
from PIL import Image
n = Image.open('anim.png').n_frames
assert n == $frames + 1, n" || fail "animate's frames are not $frames + 1"
[ "$(default_of overlap --input)" = 4x4 ] || fail "overlap's --input default"
run overlap
grep -q '^4x4 -> ' "$work/.cap/stdout" || { fail "overlap's default input is not 4x4"; show_streams; }

case_ "--help opens with what depth is written: a 16-bit PNG gives a 16-bit PNG (PIL)"
"$tconv" --help | head -6 | grep -q "0..65535 for a 16-bit input" || fail "--help does not say 16-bit"
"$tconv" --help | grep -q "the output is 8-bit" && fail "--help says the output is 8-bit"
"$tconv" in16.png -s 2 -o out16.png -q || fail "16-bit input"
"$py" -c "
import numpy as np
from PIL import Image
a = np.asarray(Image.open('out16.png'))
assert a.dtype.itemsize >= 2 and a.max() > 255, (a.dtype, a.max())" || fail "PIL does not read a 16-bit output"

case_ "compare, animate and fit list the formats the main job reads, and read them"
# --help wraps its lines: joined again before reading.
formats=$("$tconv" --help | tr -s ' \n' ' ' | grep -oE 'Formats, from the first bytes: [^,]+(, [^,]+)* or \.npy' | head -1)
[ -n "$formats" ] || fail "the main job's INPUT lists no formats"
for sub in compare animate fit; do
    "$tconv" "$sub" --help | tr -s ' \n' ' ' | grep -qF "$formats" || fail "$sub --help does not list: $formats"
done
for f in in.webp in.tif in.npy; do
    run compare "$f" -s 2 -o "sheet_${f#in.}.png"
    expect_rc 0
    run animate "$f" -s 2 -o "anim_${f#in.}.png"
    expect_rc 0
done

finish
