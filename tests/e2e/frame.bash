# The frame most end-to-end scripts share (sourced, so not a test of its own): a work directory
# removed at exit, and fail(), which counts a failure and lets the script carry on to show them all.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
