# Running out of memory outside the per-input handlers (issue 17: an uncaught std::bad_alloc aborted
# with exit 134): a 20 MB --files-from list under a 100 MiB address-space limit ends in one
# "tconv: error: out of memory" line, exit 1, nothing on stdout and nothing written.
# usage: bash harden_out_of_memory.sh TCONV SOURCE_DIR
set -u
tconv=$1
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"
# Sanitizer builds reserve terabytes of address space: an address-space limit means nothing there.
if grep -qa __asan_init "$tconv"; then
    echo "skipped: sanitizer build"
    exit 0
fi

python3 - "$tmp/list.txt" <<'EOF_PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in range(400_000):
        f.write(f"/nonexistent/dir/some/long/path/file_{i:09d}.png\n")
EOF_PY
mkdir "$tmp/out"
prlimit --as=$((100 * 1024 * 1024)) -- "$tconv" --files-from "$tmp/list.txt" -d "$tmp/out" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
[ "$rc" = 1 ] || fail "exit $rc, expected 1; stderr: $(head -c 300 "$tmp/stderr")"
[ "$(cat "$tmp/stderr")" = "tconv: error: out of memory" ] || fail "stderr: $(head -c 300 "$tmp/stderr")"
[ -s "$tmp/stdout" ] && fail "stdout not empty"
[ -z "$(ls -A "$tmp/out")" ] || fail "files left: $(ls -A "$tmp/out" | head -3)"

[ "$failures" = 0 ] || exit 1
echo "all passed"
