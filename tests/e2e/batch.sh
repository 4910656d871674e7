# Batches end to end: a corrupt file among good ones, --json lines in input order, file
# lists (newline and NUL, from a file and from stdin), duplicate stems and inputs as outputs refused
# before any work, -j 1 and -j 4 byte-identical, - and -o - through a pipe, xargs -P and GNU
# parallel driving tconv, and no progress line when stderr is not a terminal (a line on a pty).
# usage: bash batch.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1

# in/: a.png RGB, b.png grey, c.png not an image, d.png RGBA, e.bmp; inputs of several sizes in sizes/.
mkdir in out sizes
cp "$fixtures/rgb.png" in/a.png
cp "$fixtures/grey.png" in/b.png
cp "$fixtures/text.png" in/c.png
cp "$fixtures/rgba.png" in/d.png
cp "$fixtures/rgb.bmp" in/e.bmp
for s in 9 1 7 2 8 3 6 4 5 10 12 11; do
    "$tconv" "$fixtures/rgb.png" -f "$s" -s "$s" -q -o "sizes/s$s.png" || fail "making sizes/s$s.png"
done

case_ "one corrupt file among good ones: --json"
run in/a.png in/b.png in/c.png in/d.png in/e.bmp -s 2 -f 2 -d out --json -j 3
expect_rc 1
expect_one_error in/c.png 'not a readable image \(.+\)'
for f in a b d e; do expect_file "out/$f.png"; done
expect_no_file out/c.png
expect_no_temp "$work"
python3 - "$work/.cap/stdout" <<'EOF' || fail "JSON lines"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 5, lines
objs = [json.loads(line) for line in lines]
assert [o["input"] for o in objs] == ["in/a.png", "in/b.png", "in/c.png", "in/d.png", "in/e.bmp"], objs
assert [o["ok"] for o in objs] == [True, True, False, True, True], objs
assert [o["output"] for o in objs] == ["out/a.png", "out/b.png", "out/c.png", "out/d.png", "out/e.png"], objs
for o, ch in zip(objs, [3, 1, None, 4, 3]):
    if not o["ok"]:
        assert isinstance(o["error"], str) and "not a readable image" in o["error"], o
        continue
    assert "error" not in o, o
    assert (o["in_width"], o["in_height"], o["channels"]) == (5, 3, ch), o
    assert (o["out_width"], o["out_height"]) == (10, 6), o
    assert all(type(o[k]) is int for k in ("in_width", "in_height", "channels", "out_width", "out_height")), o
EOF
python3 - out/d.png "$e2e_dir" <<'EOF' || fail "out/d.png pixels"
import sys
sys.path.insert(0, sys.argv[2])
from png_reader import read_png
h, w, c, rows = read_png(sys.argv[1])
assert (h, w, c) == (6, 10, 4), (h, w, c)
assert rows[5][9] == (200, 200, 55, 35), rows[5][9]  # rgba(2, 4) = (50*4, 100*2, 255-120-80, 255-200-20)
EOF

case_ "human report lines come out in input order, whatever finishes first"
rm -f out/*
run sizes/s9.png sizes/s1.png sizes/s7.png sizes/s2.png sizes/s8.png sizes/s3.png sizes/s6.png sizes/s4.png \
    sizes/s5.png sizes/s10.png sizes/s12.png sizes/s11.png -f 3 -d out -j 4
expect_rc 0
expect_stderr_warning_only
[ "$(cut -d' ' -f1 "$work/.cap/stdout" | tr '\n' ' ')" = "sizes/s9.png sizes/s1.png sizes/s7.png sizes/s2.png sizes/s8.png sizes/s3.png sizes/s6.png sizes/s4.png sizes/s5.png sizes/s10.png sizes/s12.png sizes/s11.png " ] ||
    { fail "report order"; show_streams; }
[ "$(ls out | wc -l)" = 12 ] || fail "expected 12 outputs"

case_ "-j 1 and -j 4 give byte-identical outputs"
mkdir j1 j4
run sizes/*.png in/a.png in/d.png -k bilinear -f 4 -s 2 -p 1 -d j1 -j 1 -q
expect_rc 0
run sizes/*.png in/a.png in/d.png -k bilinear -f 4 -s 2 -p 1 -d j4 -j 4 -q
expect_rc 0
diff -r j1 j4 >/dev/null || fail "outputs of -j 1 and -j 4 differ: $(diff -rq j1 j4 | head -3)"
[ "$(ls j4 | wc -l)" = 14 ] || fail "expected 14 outputs"
# One large image: its rows are spread over the threads instead of the inputs.
run sizes/s12.png -f 5 -s 3 -k gaussian -o big-j1.png -j 1 -q
run sizes/s12.png -f 5 -s 3 -k gaussian -o big-j4.png -j 4 -q
expect_rc 0
cmp -s big-j1.png big-j4.png || fail "one image: -j 1 and -j 4 differ"

case_ "--files-from FILE, newline-separated (CRLF too, empty lines skipped)"
rm -rf out && mkdir out
printf 'in/a.png\r\n\nin/b.png\nin/d.png' >list.txt
run --files-from list.txt -d out -f 2 -s 2
expect_rc 0
expect_stderr_empty
[ "$(cut -d' ' -f1,3 "$work/.cap/stdout" | tr '\n' '|')" = "in/a.png out/a.png:|in/b.png out/b.png:|in/d.png out/d.png:|" ] ||
    { fail "report of --files-from FILE"; show_streams; }
ls out | tr '\n' ' ' | grep -qx 'a.png b.png d.png ' || fail "outputs: $(ls out)"

case_ "--files-from -, newline-separated, plus paths on the command line first"
rm -rf out && mkdir out
printf 'in/b.png\nin/d.png\n' >list.txt
run_in list.txt in/e.bmp --files-from - -d out --json
expect_rc 0
[ "$(python3 -c 'import json, sys; print(" ".join(json.loads(l)["input"] for l in sys.stdin))' <"$work/.cap/stdout")" = "in/e.bmp in/b.png in/d.png" ] ||
    { fail "inputs from argv then stdin"; show_streams; }

case_ "--files-from - -0: NUL-separated names with spaces and newlines, as find -print0 writes"
rm -rf out && mkdir out nul
cp in/a.png "nul/with space.png"
cp in/b.png "nul/new
line.png"
cp in/d.png nul/plain.png
find nul -name '*.png' -print0 | sort -z >list0
run_in list0 --files-from - -0 -d out --json
expect_rc 0
python3 - "$work/.cap/stdout" <<'EOF' || { fail "NUL list"; show_streams; }
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
assert sorted(o["input"] for o in objs) == ["nul/new\nline.png", "nul/plain.png", "nul/with space.png"], objs
assert all(o["ok"] for o in objs), objs
EOF
[ -s "out/with space.png" ] && [ -s "out/new
line.png" ] && [ -s out/plain.png ] || fail "NUL list outputs: $(ls out | tr '\n' '|')"
rm -rf out && mkdir out
run --files-from list0 -0 -d out -q
expect_rc 0
[ "$(ls -q out | wc -l)" = 3 ] || fail "--files-from FILE -0: $(ls -q out | tr '\n' '|')"

case_ "an empty list is an empty batch: exit 0, nothing written"
rm -rf out && mkdir out
run_in /dev/null --files-from - -0 -d out
expect_rc 0
expect_stdout_empty
expect_stderr_empty
expect_dir_empty out

case_ "file-list usage errors"
run --files-from missing-list.txt -d out
expect_rc 2
expect_one_error "--files-from missing-list.txt" 'No such file or directory'
run in/a.png -0 -d out
expect_rc 2
expect_one_error --null '.+'
run_in in/a.png - --files-from list.txt -d out
expect_rc 2
run_in in/a.png - -d out
expect_rc 2
expect_one_error "INPUT -" '.+'
expect_dir_empty out

case_ "duplicate stems: a usage error before any work"
mkdir other
cp in/a.png other/a.png
run in/b.png in/a.png other/a.png -d out
expect_rc 2
expect_stdout_empty
expect_one_error other/a.png "has the same stem as in/a.png: both would be written to out/a.png"
expect_dir_empty out
run in/a.png in/e.bmp in/a.png -d out
expect_rc 2
expect_one_error in/a.png 'is listed twice'
expect_dir_empty out

case_ "inputs are never overwritten"
before=$(cksum <in/a.png)
run in/a.png -o in/a.png
expect_rc 2
expect_one_error in/a.png 'would overwrite the input in/a.png'
run in/b.png in/a.png -d in
expect_rc 2
expect_one_error in/b.png 'would overwrite the input in/b.png'
# The same file under another name (a symlink) is still the input.
ln -s a.png in/link.png
run in/link.png -o in/a.png
expect_rc 2
expect_one_error in/a.png 'would overwrite the input in/link.png'
[ "$(cksum <in/a.png)" = "$before" ] || fail "in/a.png changed through a symlink"
expect_no_temp "$work"

case_ "- and -o - through a pipe; the report goes to stderr, or nowhere with --quiet"
"$tconv" - -o - -f 2 -s 2 <in/a.png 2>pipe1.err | "$tconv" - -o piped.png -f 3 >pipe2.out 2>pipe2.err
[ "${PIPESTATUS[*]}" = "0 0" ] || fail "pipe exit statuses ${PIPESTATUS[*]}"
grep -qx -- "- -> -: 3x5 -> 6x10 (HxW, 3 channels); rows: .*" pipe1.err || fail "first stage's report on stderr: $(cat pipe1.err)"
grep -qx -- "- -> piped.png: 6x10 -> 8x12 (HxW, 3 channels); .*" pipe2.out || fail "second stage's report: $(cat pipe2.out)"
"$tconv" in/a.png -f 2 -s 2 -o two-step.png -q && "$tconv" two-step.png -f 3 -o direct.png -q || fail "two-step run"
cmp -s piped.png direct.png || fail "the pipe gave other bytes than files"
"$tconv" - -o - -q -f 2 -s 2 <in/a.png >quiet.png 2>quiet.err
[ ! -s quiet.err ] || fail "--quiet with -o - printed: $(cat quiet.err)"
cmp -s quiet.png two-step.png || fail "-o - bytes differ from -o FILE"

case_ "xargs -P 2 driving tconv"
rm -rf out && mkdir out
printf '%s\0' sizes/*.png | xargs -0 -n 3 -P 2 "$tconv" -k bilinear -f 4 -s 2 -p 1 -d out -q
rc=$?
[ "$rc" = 0 ] || fail "xargs exit $rc"
diff -r out j1 -x 'a.png' -x 'd.png' >/dev/null || fail "xargs outputs differ from one call's: $(diff -rq out j1 | head -3)"
# A failing input makes xargs exit 123 (some command exited 1-125); the good ones still land.
rm -rf out && mkdir out
printf '%s\0' in/a.png in/c.png in/d.png | xargs -0 -n 1 -P 2 "$tconv" -d out -q 2>xargs.err
rc=$?
[ "$rc" = 123 ] || fail "xargs with a corrupt input: exit $rc, expected 123"
[ -s out/a.png ] && [ -s out/d.png ] && [ ! -e out/c.png ] || fail "xargs outputs: $(ls out | tr '\n' ' ')"
grep -qx 'tconv: error: in/c.png: not a readable image (.*)' xargs.err || fail "xargs stderr: $(cat xargs.err)"

case_ "GNU parallel driving tconv"
if command -v parallel >/dev/null && parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
    rm -rf out && mkdir out
    parallel --will-cite -j 2 "$tconv" {} -k bilinear -f 4 -s 2 -p 1 -o out/{/.}.png -q ::: sizes/*.png
    rc=$?
    [ "$rc" = 0 ] || fail "parallel exit $rc"
    diff -r out j1 -x 'a.png' -x 'd.png' >/dev/null || fail "parallel outputs differ: $(diff -rq out j1 | head -3)"
    # parallel's exit status counts the failed jobs.
    parallel --will-cite -j 2 "$tconv" {} -d out -q ::: in/a.png in/c.png 2>/dev/null
    rc=$?
    [ "$rc" = 1 ] || fail "parallel with one corrupt input: exit $rc, expected 1"
else
    echo "SKIP: GNU parallel is not installed"
fi

case_ "progress: nothing on stderr when it is not a terminal"
run sizes/*.png -d out -f 2 -s 2
expect_rc 0
expect_stderr_empty
case_ "progress: a line on a terminal (script -qc gives stderr a pty)"
if command -v script >/dev/null; then
    rm -rf out && mkdir out
    script -qec "'$tconv' sizes/*.png -d out -f 2 -s 2 >report.txt" /dev/null >pty.txt 2>&1
    rc=$?
    [ "$rc" = 0 ] || fail "under script: exit $rc"
    grep -q '12/12 files' pty.txt || fail "no final progress line on the terminal: $(tr '\r\033' '|~' <pty.txt | head -c 300)"
    [ "$(wc -l <report.txt)" = 12 ] || fail "report lines under script: $(wc -l <report.txt)"
    grep -q 'files' report.txt && fail "progress leaked into the report"
    # One input, or --quiet: no progress even on a terminal.
    script -qec "'$tconv' sizes/s1.png -o out/one.png -q; '$tconv' sizes/*.png -d out -q" /dev/null >pty-quiet.txt 2>&1
    [ ! -s pty-quiet.txt ] || fail "progress with --quiet or one input: $(tr '\r\033' '|~' <pty-quiet.txt | head -c 300)"
else
    echo "SKIP: script (util-linux) is not installed"
fi

expect_no_temp "$work"
finish
