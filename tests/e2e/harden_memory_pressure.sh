# Under memory pressure, with -j 2, every output format, a 16-bit input, --alpha premultiplied and
# --layer either succeed or fail with exactly one "tconv: error: FILE: REASON" line naming the input or
# the output, exit 1 and leave no file: never an abort, an error about stdout, or a block freed twice.
# Two ladders: address-space limits (prlimit --as), and allocations that fail from the Nth of at least
# 4 KiB on (failing_malloc.c, preloaded), which reaches the failure points an address-space limit
# hits only by luck: those inside worker threads and in the encoders' error paths. That malloc also
# aborts on a block freed twice, which glibc does not always notice. Building the command line is
# swept the same way with allocations of at least 1 KiB.
# usage: bash harden_memory_pressure.sh TCONV SOURCE_DIR, with TCONV_FAILING_MALLOC naming the built
# failing_malloc.so (ctest sets it)
set -u
tconv=$1
src=$2
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"
# Sanitizer builds reserve terabytes of address space and bring their own malloc.
if grep -qa __asan_init "$tconv"; then
    echo "skipped: sanitizer build"
    exit 0
fi
shim=${TCONV_FAILING_MALLOC:-}
[ -f "$shim" ] || {
    echo "FAIL: TCONV_FAILING_MALLOC does not name the built failing_malloc.so" >&2
    exit 1
}

in=$tmp/in.png
python3 "$src/tests/e2e/noise_png.py" 64 7 "$in" 4 16 # RGBA, 16 bits a sample
layer=$src/tests/fixtures/layers/w_3to2_k2x3.npy
mkdir "$tmp/out"

# check WHAT OUTPUT: the last run ($rc, $tmp/stderr) succeeded, or failed saying so in one line.
check() {
    local what=$1 output=$2 line
    line=$(head -c 300 "$tmp/stderr")
    case $rc in
    0)
        [ -s "$output" ] || fail "$what: exit 0 but no $output"
        [ -z "$line" ] || fail "$what: exit 0 but stderr: $line"
        ;;
    1)
        [ "$(wc -l <"$tmp/stderr")" = 1 ] && [[ $line == "tconv: error: $in: "* || $line == "tconv: error: $output: "* ]] ||
            fail "$what: not one error line naming the input or the output: $line"
        [ -z "$(ls -A "$tmp/out")" ] || fail "$what: files left: $(ls -A "$tmp/out" | head -3)"
        ;;
    *) fail "$what: exit $rc: $line" ;;
    esac
}

# Each case: a name, the output's extension, the arguments.
cases=(
    "png|png|--scale 2" "jpg|jpg|--scale 2" "webp|webp|--scale 2" "tif|tif|--scale 2" "bmp|bmp|--scale 2"
    "tga|tga|--scale 2" "ppm|ppm|--scale 2" "pam|pam|--scale 2" "npy|npy|--scale 2"
    "premultiplied|png|--scale 2 --alpha premultiplied"
    "layer|png|--layer $layer --channels rgb -s 2" "layer-npy|npy|--layer $layer --channels rgb -s 2"
)
for entry in "${cases[@]}"; do
    IFS='|' read -r name ext options <<<"$entry"
    read -r -a args <<<"$options"
    output=$tmp/out/o.$ext
    seen=""
    for mb in 25 28 32 40; do
        rm -rf "$tmp/out" && mkdir "$tmp/out"
        prlimit --as=$((mb * 1024 * 1024)) -- "$tconv" "$in" "${args[@]}" -o "$output" -j 2 -q </dev/null >/dev/null 2>"$tmp/stderr"
        rc=$?
        seen="$seen $mb:$rc"
        check "$name under $mb MiB" "$output"
    done
    [ "$rc" = 0 ] || fail "$name does not succeed even under 40 MiB"

    # How many allocations of 4 KiB or more a whole run makes; the sweep fails each in turn, and all
    # after it. The input's decoding comes first and is the same in every case: swept in the first
    # only, the others sweep their last 12 (the convolution's and the encoder's).
    rm -rf "$tmp/out" "$tmp/count" && mkdir "$tmp/out"
    TCONV_FAIL_COUNT=$tmp/count LD_PRELOAD=$shim "$tconv" "$in" "${args[@]}" -o "$output" -j 2 -q </dev/null >/dev/null 2>&1 ||
        fail "$name: fails with failing_malloc failing nothing"
    count=$(cat "$tmp/count" 2>/dev/null) || fail "$name: failing_malloc wrote no count"
    first=$([ "$name" = png ] && echo 1 || echo $((count > 12 ? count - 11 : 1)))
    failed=0
    for ((n = first; n <= count; n++)); do
        rm -rf "$tmp/out" && mkdir "$tmp/out"
        TCONV_FAIL_FROM=$n LD_PRELOAD=$shim "$tconv" "$in" "${args[@]}" -o "$output" -j 2 -q </dev/null >/dev/null 2>"$tmp/stderr"
        rc=$?
        [ "$rc" = 1 ] && failed=$((failed + 1))
        check "$name failing allocations from number $n" "$output"
    done
    [ -z "$(find "$tmp" -name '*.tconv-*')" ] || fail "$name: temp files left"
    echo "$name: exit status by limit (MiB):$seen; failing allocations $first..$count of $count: $failed runs failed, the others succeeded"
done

# Building the command line, before any input is named: tconv --version.
rm -f "$tmp/count"
TCONV_FAIL_MIN=1024 TCONV_FAIL_COUNT=$tmp/count LD_PRELOAD=$shim "$tconv" --version >/dev/null 2>&1 || fail "--version fails"
count=$(cat "$tmp/count" 2>/dev/null) || fail "--version: failing_malloc wrote no count"
for ((n = 1; n <= count; n++)); do
    TCONV_FAIL_MIN=1024 TCONV_FAIL_FROM=$n LD_PRELOAD=$shim "$tconv" --version >/dev/null 2>"$tmp/stderr"
    rc=$?
    case $rc in
    0) ;;
    1) [ "$(cat "$tmp/stderr")" = "tconv: error: out of memory" ] || fail "--version, failing from number $n: $(head -c 300 "$tmp/stderr")" ;;
    *) fail "--version, failing allocations from number $n: exit $rc: $(head -c 300 "$tmp/stderr")" ;;
    esac
done
echo "--version: failing allocations of 1 KiB or more, 1..$count"

[ "$failures" = 0 ] || exit 1
echo "all passed"
