# The convolution's strategy end to end: --verbose names the strategy the planner chose
# for each kind of kernel, on stderr only; --json carries it; --strategy forces one, every forced
# strategy that applies writes the same bytes as auto, one that does not apply fails just that input.
# usage: bash strategy.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
article=$src/samples/article.png
cd "$work" || exit 1

strategies=(replicate fixed-point float-separable dense double-separable double-dense scatter)
# expect_strategy_line SETUP STRATEGY: stderr, less the phase-gain warnings, is exactly one line
# "tconv: ARTICLE: strategy STRATEGY (SETUP: REASON); read: SOURCE; written: SINK", REASON being the
# planner's, which ends with "-> STRATEGY", and the PNG read and written as they stream.
expect_strategy_line() {
    local setup=$1 strategy=$2 lines
    lines=$(grep -vE '^tconv: warning: (checkerboard|brightness): ' "$work/.cap/stderr")
    if [ "$(printf '%s\n' "$lines" | wc -l)" != 1 ]; then
        fail "expected one strategy line on stderr"
        show_streams
        return
    fi
    case "$lines" in
        "tconv: $article: strategy $strategy ($setup: "*"-> $strategy); read: PNG rows (libspng, streamed); written: PNG segments (streamed)") ;;
        *) fail "strategy line is not 'tconv: $article: strategy $strategy ($setup: ... -> $strategy)'"; show_streams ;;
    esac
}

# Each kind of kernel on the article: the options, the strategy the planner must choose, and the
# setup the line names (the kernel as -k gave it, its size, the stride).
cases=(
    "-f 4 -s 4|replicate|ones 4x4, stride 4x4"                           # ones, k <= s: byte copies
    "-f 4 -s 2 -p 1 -k bilinear|fixed-point|bilinear 4x4, stride 2x2"   # dyadic tent factors
    "-k 0.1,0.2,0.1;0.3,0.6,0.3 -s 2x3|float-separable|0.1,0.2,0.1;0.3,0.6,0.3 2x3, stride 2x3"  # rank 1, not dyadic
    "-k 1,0;0,1 -f 2 -s 2|dense|1,0;0,1 2x2, stride 2x2"                # rank 2
)
n=0
for entry in "${cases[@]}"; do
    IFS='|' read -r options strategy setup <<<"$entry"
    read -ra args <<<"$options"
    n=$((n + 1))

    case_ "--verbose: $options chooses $strategy"
    run "$article" "${args[@]}" -o "auto$n.png" -v
    expect_rc 0
    # The report stays what it is without -v: one human line, nothing else on stdout.
    [ "$(wc -l <"$work/.cap/stdout")" = 1 ] && grep -q "^$article -> auto$n.png: 4x4 -> " "$work/.cap/stdout" ||
        { fail "stdout is not the one human line"; show_streams; }
    expect_strategy_line "$setup" "$strategy"
    expect_file "auto$n.png"

    # Every strategy, forced: the same bytes as auto where it applies, else one error and no file.
    for forced in "${strategies[@]}"; do
        case_ "--strategy $forced with $options"
        run "$article" "${args[@]}" -o "forced.png" --strategy "$forced" -q
        if [ "$forced" = "$strategy" ] || [ "$forced" = dense ] || [ "$forced" = double-dense ] || [ "$forced" = scatter ]; then
            expect_rc 0  # the chosen one, and dense, double-dense and scatter, which apply to every kernel
        fi
        if [ "$rc" = 0 ]; then
            expect_stdout_empty
            expect_stderr_empty
            cmp -s "auto$n.png" forced.png || fail "forced $forced wrote other bytes than auto ($strategy)"
        else
            expect_rc 1
            expect_stdout_empty
            expect_one_error "$article" "strategy $forced does not apply: .+"
            expect_no_file forced.png
        fi
        rm -f forced.png
    done
done

case_ "--verbose with --json: the object on stdout, the line on stderr; the object names the strategy"
run "$article" -f 4 -s 2 -p 1 -k bilinear -o json.png -v --json
expect_rc 0
expect_strategy_line "bilinear 4x4, stride 2x2" fixed-point
python3 - "$work/.cap/stdout" <<'EOF' || fail "JSON strategy fields"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
o = json.loads(lines[0])
assert o["ok"] is True and o["strategy"] == "fixed-point", o
assert isinstance(o["strategy_reason"], str) and o["strategy_reason"].endswith("-> fixed-point"), o
EOF

case_ "--verbose with -o -: the PNG alone on stdout"
run "$article" -f 4 -s 4 -o - -v
expect_rc 0
cmp -s "$work/.cap/stdout" auto1.png || fail "stdout is not the PNG that -o auto1.png wrote"
grep -q "^tconv: $article: strategy replicate (ones 4x4, stride 4x4: " "$work/.cap/stderr" ||
    { fail "no strategy line on stderr"; show_streams; }

case_ "without -v: no strategy line"
run "$article" -f 4 -s 4 -o plain.png
expect_rc 0
expect_stderr_empty

case_ "-q wins over -v"
run "$article" -f 4 -s 4 -o quiet.png -q -v
expect_rc 0
expect_stdout_empty
expect_stderr_empty
expect_file quiet.png

case_ "a forced strategy that does not apply fails each input; the batch goes on; --json says why"
mkdir -p in out
cp "$article" in/a.png
cp "$fixtures/rgb.png" in/b.png
run in/a.png in/b.png -d out -f 4 -s 2 -p 1 -k bilinear --strategy replicate --json
expect_rc 1
mapfile -t errors <"$work/.cap/stderr"
[ "${#errors[@]}" = 2 ] &&
    [[ ${errors[0]} == "tconv: error: in/a.png: strategy replicate does not apply: "?* ]] &&
    [[ ${errors[1]} == "tconv: error: in/b.png: strategy replicate does not apply: "?* ]] ||
    { fail "not one error line per input, in input order"; show_streams; }
expect_dir_empty out
python3 - "$work/.cap/stdout" <<'EOF' || fail "JSON of the refused inputs"
import json, sys
objs = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
assert [o["input"] for o in objs] == ["in/a.png", "in/b.png"], objs
for o in objs:
    assert o["ok"] is False and o["error"].startswith("strategy replicate does not apply: "), o
    assert o["strategy"] is None and o["strategy_reason"] is None, o  # refused while planning
EOF

case_ "a forced strategy that applies: the failed input fails alone, the rest is written"
cp "$fixtures/truncated.png" in/c.png
run in/c.png in/a.png in/b.png -d out -f 4 -s 2 -p 1 -k bilinear --strategy scatter -v
expect_rc 1
grep -qE '^tconv: error: in/c.png: cannot decode image \(the file is truncated\)$' "$work/.cap/stderr" ||
    { fail "no error line for the truncated input"; show_streams; }
# A failed input says only its error: the strategy lines are those of the two that were written.
[ "$(grep -c ': strategy scatter (bilinear 4x4, stride 2x2: forced; ' "$work/.cap/stderr")" = 2 ] ||
    { fail "not two strategy lines"; show_streams; }
[ "$(wc -l <"$work/.cap/stderr")" = 3 ] || { fail "stderr has more than one error and two strategy lines"; show_streams; }
expect_file out/a.png
expect_file out/b.png
expect_no_file out/c.png
cmp -s out/a.png auto2.png || fail "out/a.png (scatter) differs from auto's bilinear output"

case_ "--strategy bogus: usage error before anything is read"
run missing.png -o never.png --strategy bogus
expect_rc 2
expect_stdout_empty
expect_one_error --strategy "unknown strategy 'bogus' \(valid: auto, replicate, fixed-point, float-separable, dense, double-separable, double-dense, scatter\)"
expect_no_file never.png

case_ "--help lists every strategy"
run --help
expect_rc 0
grep -q -- '--strategy auto|replicate|fixed-point|float-separable|dense|double-separable|double-dense|scatter' "$work/.cap/stdout" ||
    { fail "--help does not list the strategies"; show_streams; }
grep -q -- '-v,--verbose' "$work/.cap/stdout" || { fail "--help has no -v,--verbose"; show_streams; }

expect_no_temp "$work"
finish
