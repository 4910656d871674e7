# --json stays valid UTF-8 whatever the file names hold: a name that is not UTF-8 is written as
# {"bytes": BASE64}, a name with control characters as an escaped string, and the human lines (errors,
# the report, --verbose's) quote such names, and the names read from inside a layer file, so that each
# stays one line and no escape sequence reaches the terminal.
# usage: bash json_names.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
mkdir in out
cp "$src/samples/article.png" "in/caf$(printf '\xe9').png"   # Latin-1 e-acute: not UTF-8
cp "$src/samples/article.png" $'in/new\nline.png'
printf 'not an image' >"in/bad$(printf '\xff').png"

case_ "names that are not UTF-8, in --json and in errors"
run in/* -f 2 -d out --json
expect_rc 1
python3 - "$work/.cap/stdout" <<'PY' || fail "the JSON lines are not what they should be"
import base64, json, sys
raw = open(sys.argv[1], "rb").read()
lines = raw.decode("utf-8").splitlines()  # strict: fails on any byte that is not UTF-8
objs = [json.loads(line) for line in lines]
assert len(objs) == 3, objs
names = {}
for o in objs:
    name = base64.b64decode(o["input"]["bytes"]) if isinstance(o["input"], dict) else o["input"].encode()
    names[name] = o
assert names[b"in/caf\xe9.png"]["ok"] is True
assert base64.b64decode(names[b"in/caf\xe9.png"]["output"]["bytes"]) == b"out/caf\xe9.png"
assert names[b"in/new\nline.png"]["ok"] is True
assert names[b"in/bad\xff.png"]["ok"] is False and names[b"in/bad\xff.png"]["error"]
PY
[ "$(wc -l <"$work/.cap/stderr")" = 1 ] || { fail "expected one stderr line"; show_streams; }
grep -qF "tconv: error: \$'in/bad\\xFF.png': " "$work/.cap/stderr" || { fail "the bad name is not quoted"; show_streams; }
[ -e "out/caf$(printf '\xe9').png" ] || fail "the Latin-1 name's output is missing"

# A 1 -> 1 layer whose one tensor is named as if to set the terminal's title, and an input so named.
mkdir layer
python3 - <<'PY'
import json, struct
header = json.dumps({"w\n\x1b]0;pwned\x07.weight": {"dtype": "F32", "shape": [1, 1, 1, 1], "data_offsets": [0, 4]}}).encode()
header += b" " * (-len(header) % 8)
open("layer/evil.safetensors", "wb").write(struct.pack("<Q", len(header)) + header + struct.pack("<f", 1.0))
PY
evil=$'w\n\e]0;pwned\a'
cp "$fixtures/grey.png" "layer/g$evil.png"
# expect_no_controls: neither stream holds a control character other than the newlines ending lines.
expect_no_controls() {
    ! LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$work/.cap/stdout" "$work/.cap/stderr" ||
        { fail "a control character reached the terminal"; show_streams; }
}

case_ "a tensor's name from inside the file, in an error"
run "layer/g$evil.png" -o out/g.png --layer layer/evil.safetensors
expect_rc 2
expect_no_controls
expect_stdout_empty
[ "$(wc -l <"$work/.cap/stderr")" = 1 ] || { fail "expected one stderr line"; show_streams; }
grep -qF "tconv: error: --layer layer/evil.safetensors: no tensor 'weight'; the one 4-D weight is \$'w\\n\\e]0;pwned\\x07.weight': select it as \$'layer/evil.safetensors:w\\n\\e]0;pwned\\x07'" "$work/.cap/stderr" ||
    { fail "the tensor's name is not quoted"; show_streams; }

case_ "names in the human report line and the strategy line"
run "layer/g$evil.png" -o "out/o$evil.png" --layer "layer/evil.safetensors:$evil" -v
expect_rc 0
expect_no_controls
[ "$(wc -l <"$work/.cap/stdout")" = 1 ] || { fail "expected one stdout line"; show_streams; }
grep -qF "\$'layer/gw\\n\\e]0;pwned\\x07.png' -> \$'out/ow\\n\\e]0;pwned\\x07.png': 3x5 -> 3x5 (HxW, 1 channel); " "$work/.cap/stdout" ||
    { fail "the human line does not quote the names"; show_streams; }
grep -qF "strategy layer (\$'w\\n\\e]0;pwned\\x07' in layer/evil.safetensors: 1 -> 1, 1x1, groups 1, no bias; " "$work/.cap/stderr" ||
    { fail "the strategy line does not quote the prefix"; show_streams; }
expect_file "out/o$evil.png"

case_ "the same names in --json: escaped as JSON, not quoted"
rm -f out/*
run "layer/g$evil.png" -o "out/o$evil.png" --layer "layer/evil.safetensors:$evil" --json
expect_rc 0
expect_no_controls
python3 - "$work/.cap/stdout" <<'PY' || fail "the JSON line is not what it should be"
import json, sys
lines = open(sys.argv[1], "rb").read().decode("utf-8").splitlines()
assert len(lines) == 1, lines
o = json.loads(lines[0])
assert o["input"] == "layer/gw\n\x1b]0;pwned\x07.png", o["input"]
assert o["output"] == "out/ow\n\x1b]0;pwned\x07.png", o["output"]
PY

finish
