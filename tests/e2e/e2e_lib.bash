# Helpers of the main-job and batch end-to-end scripts, on frame.bash (sourced, so not a test of its own):
# run the built tconv with stdout, stderr and exit status captured, and assert on all three and on
# the files on disk. Failures are counted and the script carries on, so one run shows every problem.
# The sourcing script sets `tconv` and `src` from its arguments before sourcing this file.
set -u
tconv=$(realpath "$tconv")  # the scripts cd into their work directory
src=$(realpath "$src")
. "$src/tests/e2e/frame.bash"
fixtures=$src/tests/fixtures
e2e_dir=$src/tests/e2e
work=$tmp
mkdir "$work/.cap"  # stdout and stderr of the last run

# run ARGS...: runs tconv with stdin from /dev/null; sets rc, $work/.cap/stdout and $work/.cap/stderr.
run() {
    "$tconv" "$@" </dev/null >"$work/.cap/stdout" 2>"$work/.cap/stderr"
    rc=$?
}
# run_in INPUT_FILE ARGS...: as run, with stdin from INPUT_FILE.
run_in() {
    local input=$1
    shift
    "$tconv" "$@" <"$input" >"$work/.cap/stdout" 2>"$work/.cap/stderr"
    rc=$?
}
show_streams() {
    echo "  exit $rc; stdout: $(head -c 600 "$work/.cap/stdout" | tr '\n' '|')" >&2
    echo "  stderr: $(head -c 600 "$work/.cap/stderr" | tr '\n' '|')" >&2
}

expect_rc() { [ "$rc" = "$1" ] || { fail "exit status $rc, expected $1"; show_streams; }; }
expect_stdout() {
    local want=$1
    [ "$(cat "$work/.cap/stdout")" = "$want" ] || { fail "stdout differs"; echo "  expected: $want" >&2; show_streams; }
}
expect_stdout_empty() { [ ! -s "$work/.cap/stdout" ] || { fail "stdout is not empty"; show_streams; }; }
expect_stderr_empty() { [ ! -s "$work/.cap/stderr" ] || { fail "stderr is not empty"; show_streams; }; }
# expect_stderr_warning_only: stderr holds nothing but the phase-gain warnings (checkerboard,
# brightness: some geometries of the article give them) or nothing at all.
expect_stderr_warning_only() {
    if grep -qvE '^tconv: warning: (checkerboard|brightness): ' "$work/.cap/stderr"; then
        fail "stderr has more than the phase-gain warnings"
        show_streams
    fi
}
# expect_one_error SUBJECT REASON_REGEX: stderr is exactly one line
# "tconv: error: SUBJECT: REASON"; SUBJECT is matched literally, REASON as an extended regex.
expect_one_error() {
    local subject=$1 reason=$2 line
    if [ "$(wc -l <"$work/.cap/stderr")" != 1 ]; then
        fail "expected exactly one stderr line"
        show_streams
        return
    fi
    line=$(cat "$work/.cap/stderr")
    case "$line" in
        "tconv: error: $subject: "*) ;;
        *) fail "stderr does not start with 'tconv: error: $subject: '"; show_streams; return ;;
    esac
    printf '%s\n' "${line#"tconv: error: $subject: "}" | grep -qE "^($reason)\$" ||
        { fail "reason does not match '$reason'"; show_streams; }
}
expect_file() { [ -s "$1" ] || fail "missing or empty file: $1"; }
expect_no_file() { [ ! -e "$1" ] || fail "file exists but must not: $1"; }
# expect_dir_empty DIR: no file at all in DIR (no output, no temp file, no partial file).
expect_dir_empty() {
    local left
    left=$(find "$1" -mindepth 1 | head -5)
    [ -z "$left" ] || fail "directory $1 is not empty: $left"
}
# expect_no_temp DIR: no ".NAME.tconv-*" temp file anywhere under DIR.
expect_no_temp() {
    local left
    left=$(find "$1" -name '*.tconv-*' | head -5)
    [ -z "$left" ] || fail "temp files left under $1: $left"
}
# check_pixels PNG PYTHON: runs PYTHON (stdlib only) with img = (height, width, channels, rows) of
# PNG and a helper px(y, x, expected) that reports the pixel's position when it differs.
check_pixels() {
    local png=$1 code=$2 out
    if ! out=$(python3 - "$png" "$e2e_dir" 2>&1 <<EOF
import sys
sys.path.insert(0, sys.argv[2])
from png_reader import read_png
img = read_png(sys.argv[1])
height, width, channels, rows = img
bad = []
def px(y, x, expected):
    got = rows[y][x]
    if tuple(got) != tuple(expected):
        bad.append(f"pixel (y={y}, x={x}): got {got}, expected {tuple(expected)}")
$code
if bad:
    print("; ".join(bad[:8]) + (f" ... and {len(bad) - 8} more" if len(bad) > 8 else ""))
    sys.exit(1)
EOF
    ); then
        fail "pixels of $png: $out"
    fi
}
# expect_same_pixels A.png B.png: the two PNGs hold the same size, channels and pixels (their bytes
# may differ; byte identity is asserted only where the contract promises it).
expect_same_pixels() {
    python3 - "$1" "$2" "$e2e_dir" <<'EOF_PY' || fail "pixels of $1 and $2 differ"
import sys
sys.path.insert(0, sys.argv[3])
from png_reader import read_png
a, b = read_png(sys.argv[1]), read_png(sys.argv[2])
sys.exit(0 if a == b else 1)
EOF_PY
}
