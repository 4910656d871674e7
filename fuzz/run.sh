#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each one, one after the other, for a set time.
# usage: fuzz/run.sh [SECONDS_PER_TARGET=60] [BUILD_DIR=build-fuzz] [TARGET...]
# New inputs go to BUILD_DIR/corpus/TARGET (the seeds in fuzz/corpus are only read); a crash, leak,
# sanitizer report, timeout (> 25 s per input, generous for busy machines) or allocation over 512 MB leaves its input in
# BUILD_DIR/artifacts and makes the script exit non-zero after the remaining targets ran.
set -uo pipefail
seconds=${1:-60}
here=$(cd "$(dirname "$0")" && pwd)
build=${2:-$here/../build-fuzz}
shift $(( $# < 2 ? $# : 2 ))
build=$(mkdir -p "$build" && cd "$build" && pwd)  # absolute: fuzz_cli works in a directory of its own
targets=("$@")
# fuzz_keras_h5 is left out of the default run: within seconds it finds crafted files on which
# libhdf5 1.10.8 itself does not return (H5HG_read, reading a variable-length string), which tconv
# cannot bound. Name it to run it.
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_image fuzz_hdr_rle fuzz_npy_header fuzz_exif fuzz_kernel fuzz_geometry fuzz_layer_npy
                                     fuzz_safetensors fuzz_onnx fuzz_keras fuzz_tfjs fuzz_layer_input fuzz_cli
                                     fuzz_png_roundtrip)

cxx=${CXX:-clang++-14}
if ! command -v "$cxx" >/dev/null; then
    echo "fuzz/run.sh: $cxx not found (apt-get install clang-14 libclang-rt-14-dev)" >&2
    exit 2
fi
CXX=$cxx cmake -S "$here" -B "$build" -G Ninja >/dev/null || exit 2
cmake --build "$build" || exit 2

failed=0
mkdir -p "$build/artifacts"
for target in "${targets[@]}"; do
    name=${target#fuzz_}
    mkdir -p "$build/corpus/$target"
    echo "== $target: $seconds s"
    if ! "$build/$target" "$build/corpus/$target" "$here/corpus/$name" -dict="$here/$name.dict" \
        -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=512 -close_fd_mask=3 \
        -artifact_prefix="$build/artifacts/$target-" -print_final_stats=1 >"$build/$target.log" 2>&1; then
        echo "!! $target failed; log: $build/$target.log" >&2
        grep -E "ERROR|SUMMARY|Test unit written" "$build/$target.log" >&2
        failed=1
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$build/$target.log"
    tail -n 3 "$build/$target.log" | grep -E "^#|Done" || true
done
exit "$failed"
