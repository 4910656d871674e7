# The installed man page renders without a single warning from man, has the sections a user looks
# for, documents every long option of `tconv --help` and of each subcommand's --help where that
# command is described, and every command in its EXAMPLES runs.
# usage: bash man.sh TCONV SOURCE_DIR
set -u
tconv=$1 src=$2
build=$(dirname "$tconv")
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

source "$(dirname "${BASH_SOURCE[0]}")/install_prefix.bash"
page=$prefix/share/man/man1/tconv.1.gz
if [[ ! -f $page ]]; then
    echo "FAIL: no man page installed (the build makes it only where help2man is installed)" >&2
    exit 1
fi
installed=$prefix/bin/tconv
gzip -dc "$page" >"$tmp/tconv.1"

MANWIDTH=80 man --warnings -l "$tmp/tconv.1" >"$tmp/rendered" 2>"$tmp/warnings"
status=$?
[[ $status == 0 ]] || fail "man -l exited $status"
[[ -s $tmp/warnings ]] && fail "man --warnings: $(cat "$tmp/warnings")"
for heading in NAME SYNOPSIS DESCRIPTION OPTIONS SUBCOMMANDS 'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
    grep -qx "$heading" "$tmp/rendered" || fail "no $heading section"
done
grep -q "^tconv $("$installed" --version | sed 's/^tconv //')  " "$tmp/rendered" ||
    fail "the footer does not give the version $("$installed" --version)"

# The long options of a command's --help: the spellings before the description column.
long_options() {
    "$installed" "$@" --help | sed -nE 's/^  (-.*)$/\1/p' | sed -E 's/  .*//' | grep -oE -- '--[a-z0-9][a-z0-9-]*'
}
# Section $1 of the rendered page: from its heading to the next heading of the same or a higher level.
section() {
    awk -v heading="$1" '
        index($0, heading) == 1 { on = 1; next }
        on && (/^[A-Z]/ || (heading ~ /^   / && /^   [^ ]/)) { exit }
        on' "$tmp/rendered"
}
documents() { # $1: section text, $2: option
    grep -qE -- "(^|[ ,])$2([ ,=]|$)" <<<"$1"
}
source "$src/cmake/tconv-help.sh"
mapfile -t subcommands < <(tconv_subcommands "$installed")
checked=0
options_section=$(section OPTIONS)
for option in $(long_options); do
    documents "$options_section" "$option" || fail "OPTIONS does not document $option"
    checked=$((checked + 1))
done
for sub in "${subcommands[@]}"; do
    text=$(section "   tconv $sub ")
    [[ -n $text ]] || fail "no subsection for the subcommand $sub"
    for option in $(long_options "$sub"); do
        documents "$text" "$option" || fail "the $sub subsection does not document $option"
        checked=$((checked + 1))
    done
done
((checked >= 10)) || fail "only $checked long options found in --help"

# Every command in EXAMPLES (the .EX blocks of the page's source), in a directory holding the files
# they name: article.png, small.png, a big.png of the size that fit's geometry gives, photos/,
# photo.jpg (a PIL-made JPEG with a profile and EXIF), the layer files of the --layer examples and the
# grey and colour images of the fit --layer one.
work=$tmp/examples
mkdir -p "$work/photos" "$work/out"
cp "$src/samples/article.png" "$work/article.png"
cp "$src/samples/article.png" "$work/small.png"
cp "$src/tests/fixtures/metadata/icc_exif.jpg" "$work/photo.jpg"
cp "$src/samples/article.png" "$work/photos/a.png"
"$installed" "$work/article.png" -f 4 -s 2 -p 1 -k bilinear -o "$work/big.png" -q || fail "making big.png"
cp "$work/big.png" "$work/photos/b.png"
# The fit --layer example's grey inputs and colour target (the 4x4 article and its x2).
/usr/bin/python3 -c "
from PIL import Image
Image.open('$work/article.png').convert('L').save('$work/grey.png')
Image.open('$work/article.png').convert('L').save('$work/grey2.png')" || fail "making the grey inputs"
cp "$work/big.png" "$work/colour.png"
# The trained-layer examples' files: a 3 -> 3 weight and bias, a 56-channel feature map and its layer.
/usr/bin/python3 -c "
import numpy as np
np.save('$work/weight.npy', np.full((3, 3, 4, 4), 0.1, np.float32))
np.save('$work/bias.npy', np.zeros(3, np.float32))
np.save('$work/features.npy', np.ones((8, 8, 56), np.float32))
np.save('$work/fsrcnn_last.npy', np.full((56, 1, 9, 9), 0.01, np.float32))" || fail "making the layer files"
examples=$(awk '/^\.EE/ { on = 0 } on { print } /^\.EX/ { on = 1 }' "$tmp/tconv.1" |
    sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" | awk '{ line = line $0 } !/\|$/ { print line; line = "" }')
ran=0
while IFS= read -r example; do
    [[ $example == *tconv* ]] || continue
    if [[ $example == *learned.txt* && " ${subcommands[*]} " != *" fit "* ]]; then
        echo "note: not run, no fit subcommand in this build: $example"
        continue
    fi
    if [[ $example == *parallel* ]] && ! command -v parallel >/dev/null; then
        echo "note: not run, GNU parallel is not installed: $example"
        continue
    fi
    if ! (cd "$work" && PATH=$prefix/bin:$PATH timeout 120 bash -c "set -o pipefail; $example" \
        </dev/null >"$tmp/ex.out" 2>"$tmp/ex.err"); then
        fail "example failed: $example: $(cat "$tmp/ex.err")"
    fi
    ran=$((ran + 1))
done <<<"$examples"
((ran >= 6)) || fail "only $ran examples ran"

# Each subcommand's own examples and exit status under its subsection, every example on a line of
# its own (help2man would join adjacent lines into one paragraph), and never the main job's.
mapfile -t man_subcommands < <("$installed" --help | awk '/^Subcommands:$/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [^ ]/ { print $1 }')
# Wide, so that no example wraps.
MANWIDTH=250 man -l "$tmp/tconv.1" >"$tmp/rendered-wide" 2>/dev/null
for sub in "${man_subcommands[@]}"; do
    text=$(awk -v heading="   tconv $sub " 'index($0, heading) == 1 { on = 1; next } on && /^ {0,3}[^ ]/ { exit } on' "$tmp/rendered-wide")
    grep -q '^ *Exit status: ' <<<"$text" || fail "man: tconv $sub has no exit status"
    grep -q 'all inputs done' <<<"$text" && fail "man: tconv $sub gives the main job's exit status"
    while IFS= read -r example; do
        example=$(tr -s ' ' <<<"${example#  }")
        grep -qxF -- "$example" <<<"$(sed -E 's/^ +//; s/ +/ /g' <<<"$text")" ||
            fail "man: the example '$example' of tconv $sub is not a line of its own"
    done < <("$installed" "$sub" --help | awk '/^Examples:$/ { on = 1; next } /^Exit status:/ { on = 0 } on')
done

if ((failures)); then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "man: ok ($checked long options documented, $ran examples run)"
