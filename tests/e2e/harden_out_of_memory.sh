# Running out of memory (issue 17: an uncaught std::bad_alloc aborted with exit 134): a 20 MB
# --files-from list under a 100 MiB address-space limit ends in one "tconv: error: out of memory"
# line, exit 1, nothing on stdout and nothing written; and every subcommand, run under a ladder of
# address-space limits from barely enough to start (the loader maps libprotobuf too, for .onnx layers,
# and libzip with libcrypto and the static libhdf5, for Keras layers)
# to enough to finish, either succeeds or fails with exactly one error line and exit 1, never an
# abort, and leaves no partial or temp file.
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

art=$(dirname "$0")/../../samples/article.png
"$tconv" "$art" -f 64 -s 64 -o "$tmp/in256.png" -q || fail "making in256.png"
"$tconv" "$tmp/in256.png" -f 2 -s 2 -o "$tmp/t512.png" -q || fail "making t512.png"
commands=(
    "main|$art -f 600 -s 600 -o $tmp/out/big.png -j 2"
    "size|size --input 2147483647 -f 3 -s 2"
    "overlap|overlap --input 2000 -f 3 -s 2 -o $tmp/out/map.png"
    "demo|demo -d $tmp/out"
    "fit|fit $tmp/in256.png $tmp/t512.png -f 2 -s 2 --steps 3 -o $tmp/out/k.txt -j 2"
    "compare|compare $tmp/in256.png -f 3 -s 2 -o $tmp/out/sheet.png"
    "animate|animate $tmp/in256.png -f 3 -s 2 -o $tmp/out/anim.png"
)
for entry in "${commands[@]}"; do
    name=${entry%%|*}
    read -r -a args <<<"${entry#*|}"
    seen=""
    for mb in 25 28 32 40 48 64 128; do
        rm -rf "$tmp/out" && mkdir "$tmp/out"
        prlimit --as=$((mb * 1024 * 1024)) -- "$tconv" "${args[@]}" >"$tmp/stdout" 2>"$tmp/stderr"
        rc=$?
        seen="$seen $mb:$rc"
        case $rc in
        0) ;;
        1)
            [ "$(wc -l <"$tmp/stderr")" = 1 ] && grep -q '^tconv: error: ' "$tmp/stderr" ||
                fail "$name under $mb MiB: not one error line: $(head -c 300 "$tmp/stderr")"
            [ -z "$(find "$tmp/out" -type f)" ] || fail "$name under $mb MiB: files left: $(find "$tmp/out" -type f | head -3)"
            ;;
        *) fail "$name under $mb MiB: exit $rc; stderr: $(head -c 300 "$tmp/stderr")" ;;
        esac
        [ -z "$(find "$tmp" -name '*.tconv-*')" ] || fail "$name under $mb MiB: temp files left"
    done
    echo "$name: exit status by limit (MiB):$seen"
    [ "$rc" = 0 ] || fail "$name does not succeed even under 128 MiB"
done

[ "$failures" = 0 ] || exit 1
echo "all passed"
