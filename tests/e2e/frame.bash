# The one preamble every end-to-end script shares (sourced, so not a test of its own): a work directory
# removed at exit; case_ NAME, which names the failures that follow; fail(), which counts a failure
# and lets the script carry on to show them all; finish, which ends the script by the count.
# e2e_lib.bash builds the main job's helpers (run, expect_*) on it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
case_name=""
case_() { case_name=$1; }
fail() {
    echo "FAIL${case_name:+ [$case_name]}: $*" >&2
    failures=$((failures + 1))
}
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$failures failure(s)" >&2
        exit 1
    fi
    echo "all passed"
}
