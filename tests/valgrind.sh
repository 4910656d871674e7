#!/usr/bin/env bash
# A small subset of the suite under valgrind memcheck (besides the ASan/UBSan run of the whole
# suite): the [harden] and [io] unit tests, tconv on good, failing and hostile inputs, every image of
# the fuzz seed corpus, and a 300-image batch with descriptor tracking. Any memcheck error, definite
# leak or descriptor left open at exit fails it. Needs valgrind (Debian package `valgrind`).
# usage: bash tests/valgrind.sh [BUILD_DIR=build]   (a build of this tree: tconv and tconv_tests)
set -u
src=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
tconv=$build/tconv
command -v valgrind >/dev/null || { echo "valgrind.sh: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
[ -x "$tconv" ] && [ -x "$build/tests/tconv_tests" ] || { echo "valgrind.sh: no tconv/tconv_tests in $build" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
runs=0
memcheck=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
          --show-leak-kinds=definite,indirect --track-fds=yes --log-file="$tmp/vg.%p")

# vg NAME EXPECTED_EXIT CMD...: runs CMD under memcheck; fails on another exit status, on any
# memcheck report, or on a descriptor other than 0-2 still open at exit.
vg() {
    local name=$1 want=$2
    shift 2
    rm -f "$tmp"/vg.*
    "${memcheck[@]}" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
    local rc=$? log
    runs=$((runs + 1))
    log=$(cat "$tmp"/vg.*)
    # With --track-fds, the log lists "Open file descriptor N:" for each one open at exit; those
    # inherited from the caller (the next line says so) are not tconv's.
    local leaked_fds
    leaked_fds=$(awk '/Open (file descriptor|AF_)/ { if (held) print held; held = $0; next }
                      /inherited from parent/ { held = ""; next }
                      { if (held) print held; held = "" }
                      END { if (held) print held }' <<<"$log" | grep -vE "descriptor [012]:")
    if [ "$rc" != "$want" ] || [ -n "$leaked_fds" ] ||
        grep -qE "== (Invalid|Conditional|Syscall param|Mismatched|Source and dest)|definitely lost: [1-9]|indirectly lost: [1-9]" <<<"$log"; then
        echo "FAIL: $name: exit $rc (expected $want)" >&2
        head -c 3000 <<<"$log" >&2
        head -c 500 "$tmp/stderr" >&2
        failures=$((failures + 1))
    else
        echo "ok: $name (exit $rc)"
    fi
}

vg "unit tests [harden]" 0 "$build/tests/tconv_tests" "[harden]"
vg "unit tests [io]" 0 "$build/tests/tconv_tests" "[io]"

mkdir "$tmp/out" "$tmp/batch"
/usr/bin/python3 - "$tmp" <<'EOF'
import struct, sys, zlib
d = sys.argv[1]
chunk = lambda k, v: struct.pack(">I", len(v)) + k + v + struct.pack(">I", zlib.crc32(k + v))
def png(w, h, ctype, channels, rows=None):
    rows = rows if rows is not None else b"".join(b"\0" + bytes((x * 7 + y * 13) % 256 for x in range(w * channels)) for y in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, ctype, 0, 0, 0))
            + (chunk(b"IDAT", zlib.compress(rows)) if rows else b"") + chunk(b"IEND", b""))
open(f"{d}/rgba.png", "wb").write(png(13, 7, 6, 4))
open(f"{d}/header_bomb.png", "wb").write(png(30000, 30000, 0, 1, b""))
tiny = png(3, 2, 2, 3)
with open(f"{d}/list", "w") as names:
    for i in range(300):
        open(f"{d}/batch/b{i}.png", "wb").write(tiny)
        names.write(f"{d}/batch/b{i}.png\n")
EOF
[ -s "$tmp/list" ] || { echo "valgrind.sh: could not make the test images" >&2; exit 2; }

vg "tconv rgba -j 2" 0 "$tconv" "$tmp/rgba.png" -f 4 -s 3 -p 1 -k bilinear -j 2 -o "$tmp/out/rgba.png"
vg "tconv to stdout" 0 "$tconv" "$tmp/rgba.png" -k gaussian:0.7 -s 2 -o -
vg "tconv header bomb" 1 "$tconv" "$tmp/header_bomb.png" -o "$tmp/out/bomb.png"
vg "tconv output overflow" 1 "$tconv" "$tmp/rgba.png" -s 2147483647 -o "$tmp/out/big.png"
vg "tconv missing input" 1 "$tconv" "$tmp/missing.png" -o "$tmp/out/missing.png"
vg "tconv bad option" 2 "$tconv" "$tmp/rgba.png" -s 3x -o "$tmp/out/x.png"
vg "tconv output under a file (usage)" 2 "$tconv" "$tmp/rgba.png" -o "$tmp/list/x.png"
vg "tconv batch of 300, -j 2" 0 "$tconv" --files-from "$tmp/list" -d "$tmp/out" -j 2 --json
for f in "$src"/fuzz/corpus/image/*; do
    # The same exit status as without valgrind, which must be a clean 0 or 1.
    "$tconv" "$f" -o "$tmp/out/seed.png" -q >/dev/null 2>&1
    want=$?
    if [ $want -gt 1 ]; then
        echo "FAIL: seed $(basename "$f"): exit $want without valgrind" >&2
        failures=$((failures + 1))
        continue
    fi
    vg "seed $(basename "$f")" $want "$tconv" "$f" -o "$tmp/out/seed.png" -q
done

echo "$runs runs under memcheck, $failures failed"
[ $failures = 0 ]
