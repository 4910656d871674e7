# --json stays valid UTF-8 whatever the file names hold: a name that is not UTF-8 is written as
# {"bytes": BASE64}, a name with control characters as an escaped string, and the human error line
# quotes such names so that it stays one line.
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

finish
