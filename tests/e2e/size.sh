# `tconv size`: output sizes against hand-computed formulas (the article, Dumoulin & Visin's seven
# transposed-convolution figures, Keras Conv2DTranspose valid/same, ONNX's output_shape case),
# --output-size (solved output padding and range errors, also on the main job), --conv and --json.
# usage: bash size.sh TCONV SOURCE_DIR
set -u
tconv=$1
src=$2
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

# expect_line N EXPECTED ARGS...: exit 0, nothing on stderr, line N of stdout is EXPECTED.
expect_line() {
    local n=$1 want=$2
    shift 2
    "$tconv" size "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" = 0 ] || { fail "size $*: exit $rc: $(cat "$tmp/err")"; return; }
    [ -s "$tmp/err" ] && fail "size $*: stderr: $(cat "$tmp/err")"
    local got
    got=$(sed -n "${n}p" "$tmp/out")
    [ "$got" = "$want" ] || fail "size $*: line $n is '$got', expected '$want'"
}
# expect_out H W ARGS...: the output size printed on the first line is HxW.
expect_out() {
    local h=$1 w=$2
    shift 2
    "$tconv" size "$@" >"$tmp/out" 2>"$tmp/err" || { fail "size $*: exit $?: $(cat "$tmp/err")"; return; }
    grep -qE "^[0-9]+x[0-9]+ -> ${h}x${w} \(HxW\); " "$tmp/out" || fail "size $*: expected ${h}x${w}, got: $(head -1 "$tmp/out")"
}
# expect_usage_error REGEX ARGS...: exit 2, nothing on stdout, one stderr line matching REGEX.
expect_usage_error() {
    local regex=$1
    shift
    "$tconv" "$@" >"$tmp/out" 2>"$tmp/err"
    local rc=$?
    [ "$rc" = 2 ] || fail "$*: exit $rc, expected 2"
    [ -s "$tmp/out" ] && fail "$*: stdout: $(cat "$tmp/out")"
    [ "$(wc -l <"$tmp/err")" = 1 ] && grep -qE "^tconv: error: $regex\$" "$tmp/err" || fail "$*: stderr: $(cat "$tmp/err")"
}

# The article: 4x4, k3, s4, p0, op1: (4-1)*4 - 0 + (3-1) + 1 + 1 = 16; k4 s4: 12 + 3 + 1 = 16.
expect_line 1 "4x4 -> 16x16 (HxW); out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16" --input 4x4 -f 3 -s 4 -p 0 --output-padding 1
expect_line 2 "rows and columns: full buffer 15, 0 cropped at the start and 0 at the end, output padding 1" --input 4x4 -f 3 -s 4 -p 0 --output-padding 1
expect_line 1 "4x4 -> 16x16 (HxW); out = (4 - 1) * 4 - 2 * 0 + 1 * (4 - 1) + 0 + 1 = 16" --input 4 -f 4 -s 4
# Different axes: rows (5-1)*2 - 2*1 + 2*(3-1) + 1 + 1 = 12; columns (3-1)*1 - 0 + 1*(2-1) + 0 + 1 = 4.
expect_line 1 "5x3 -> 12x4 (HxW); rows: out = (5 - 1) * 2 - 2 * 1 + 2 * (3 - 1) + 1 + 1 = 12; cols: out = (3 - 1) * 1 - 2 * 0 + 1 * (2 - 1) + 0 + 1 = 4" \
    --input 5x3 -f 3x2 -s 2x1 -p 1x0 --dilation 2x1 --output-padding 1x0

# Dumoulin & Visin, "A guide to convolution arithmetic", the transposed figures (i' k s p [a] -> o'):
expect_out 4 4 --input 2 -f 3 -s 1 -p 0   # 4.1: no padding, unit strides: 2 + 3 - 1
expect_out 5 5 --input 6 -f 4 -s 1 -p 2   # 4.2: arbitrary padding: 6 + 4 - 1 - 2*2
expect_out 5 5 --input 5 -f 3 -s 1 -p 1   # 4.3: half padding: 5 + 3 - 1 - 2
expect_out 5 5 --input 7 -f 3 -s 1 -p 2   # 4.4: full padding: 7 + 3 - 1 - 4
expect_out 5 5 --input 2 -f 3 -s 2 -p 0   # 4.5: no padding, strides: (2-1)*2 + 3
expect_out 5 5 --input 3 -f 3 -s 2 -p 1   # 4.6: padding, strides: (3-1)*2 + 3 - 2
expect_out 6 6 --input 3 -f 3 -s 2 -p 1 --output-padding 1   # 4.7: odd: (3-1)*2 + 3 - 2 + 1

# Keras Conv2DTranspose (deconv_output_length): valid without output padding is
# in*s + max(k - s, 0); same without it is in*s; with output padding a, (in-1)*s + k - 2*(k//2 if
# same else 0) + a. The crops show where same/valid cut: P = full - out, floor(P/2) at the start.
expect_out 7 7 --input 3 -f 3 -s 2 -p valid                       # 3*2 + 1
expect_out 9 9 --input 3 -f 2 -s 3 -p valid                       # 3*3 + 0
expect_out 6 6 --input 3 -f 3 -s 2 -p same                        # 3*2
expect_out 6 6 --input 3 -f 4 -s 2 -p same                        # 3*2
expect_out 6 6 --input 3 -f 3 -s 2 -p same --output-padding 1     # 2*2 + 3 - 2 + 1
expect_out 8 8 --input 3 -f 3 -s 2 -p valid --output-padding 1    # 2*2 + 3 - 0 + 1
expect_line 2 "rows and columns: full buffer 7, 0 cropped at the start and 1 at the end, output padding 0" --input 3 -f 3 -s 2 -p same
expect_line 2 "rows and columns: full buffer 8, 1 cropped at the start and 1 at the end, output padding 0" --input 3 -f 4 -s 2 -p same
# ONNX pads t,l,b,r: rows (3-1)*2 + 3 - (1 + 0) = 6, columns (3-1)*2 + 3 - (0 + 2) = 5.
expect_line 1 "3x3 -> 6x5 (HxW); rows: out = (3 - 1) * 2 - (1 + 0) + 1 * (3 - 1) + 0 + 1 = 6; cols: out = (3 - 1) * 2 - (0 + 2) + 1 * (3 - 1) + 0 + 1 = 5" \
    --input 3 -f 3 -s 2 -p 1,0,0,2

# ONNX ConvTranspose "convtranspose_output_shape": X 3x3, W 3x3, strides 3x2, output_shape 10x8.
# Rows: min (3-1)*3 + 3 = 9, reachable 9..11; columns: min (3-1)*2 + 3 = 7, reachable 7..8; so the
# output padding is 1x1 (ONNX's own "convtranspose_pad" case gives the same 10x8 with it).
expect_line 1 "3x3 -> 10x8 (HxW); rows: out = (3 - 1) * 3 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 10; cols: out = (3 - 1) * 2 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 8" \
    --input 3 -f 3 -s 3x2 --output-size 10x8
expect_line 4 "output padding 1 solved for --output-size 10x8 (reachable: rows 9 to 11, columns 7 to 8)" --input 3 -f 3 -s 3x2 --output-size 10x8
# PyTorch's ConvTranspose2d docs: 6x6, k3, s2, p1 back to 12x12: min 5*2 - 2 + 3 = 11, so op 1.
expect_out 12 12 --input 6 -f 3 -s 2 -p 1 --output-size 12

# --output-size range errors: the size must lie in [min, min + stride - 1].
expect_usage_error "--output-size: rows: output size 19 cannot be reached from 4: the sizes reachable by output padding are 15 to 18 \(min to min \+ stride - 1\)" \
    size --input 4 -f 3 -s 4 --output-size 19
expect_usage_error "--output-size: rows: output size 14 cannot be reached from 4: the sizes reachable by output padding are 15 to 18 \(min to min \+ stride - 1\)" \
    size --input 4 -f 3 -s 4 --output-size 14
expect_usage_error "--output-size: columns: output size 9 cannot be reached from 3: the sizes reachable by output padding are 7 to 8 \(min to min \+ stride - 1\)" \
    size --input 3 -f 3 -s 3x2 --output-size 10x9
expect_usage_error "--output-size: give either --output-size or --output-padding, not both" size --input 4 --output-size 6 --output-padding 0
expect_usage_error "--output-size: '3x' is not a number or HxW" size --input 4 --output-size 3x
expect_usage_error "--output-size: '0' must be >= 1" size --input 4 --output-size 0
# The padding is what crops the output away, so it is the option named (PyTorch: "Calculated output
# size per channel: (-1 x -1). Output size is too small" for 4x4, k 3, s 2, p 5).
expect_usage_error "--padding 1: rows: output size would be -1 \(must be >= 1\): padding 1 \+ 1 is more than the \(1 - 1\) \* 1 \+ 1 = 1 the input spreads to" \
    size --input 1 -f 1 -p 1
torch_out=$(/usr/bin/python3 -c "
import re, torch
try:
    torch.nn.functional.conv_transpose2d(torch.zeros(1, 1, 4, 4), torch.zeros(1, 1, 3, 3), stride=2, padding=5)
except RuntimeError as e:
    print(re.search(r'Calculated output size per channel: \((-?\d+) x', str(e)).group(1))")
[ "$torch_out" = -1 ] || fail "PyTorch's output size for 4, k 3, s 2, p 5 is '$torch_out', not -1"
expect_usage_error "--padding 5: rows: output size would be $torch_out \(must be >= 1\): padding 5 \+ 5 is more than the \(4 - 1\) \* 2 \+ 3 = 9 the input spreads to" \
    size --input 4 -f 3 -s 2 -p 5
expect_usage_error "--stride: '2.5' is not a whole number \(whole numbers only: these count pixels\)" size --input 4 -s 2.5
expect_usage_error "--input: '4x' is not a number or HxW" size --input 4x

# --conv: the article's first formula, 1 + (in - k + 2p) / s, and the remainder output padding restores.
expect_line 1 "16x16 -> 4x4 (HxW, forward convolution); out = 1 + (16 - 3 + 2 * 0) / 4 = 1 + 13 / 4 = 4, remainder 1" --input 16 -f 3 -s 4 --conv
expect_line 2 "remainder 1x1: the transposed convolution takes 4x4 back to 15x15; --output-padding 1 restores 16x16" --input 16 -f 3 -s 4 --conv
# Dumoulin & Visin 4.6/4.7 forward: i=5 -> 1 + 4/2 = 3 remainder 0; i=6 -> 1 + 5/2 = 3 remainder 1.
expect_line 1 "5x6 -> 3x3 (HxW, forward convolution); rows: out = 1 + (5 - 3 + 2 * 1) / 2 = 1 + 4 / 2 = 3, remainder 0; columns: out = 1 + (6 - 3 + 2 * 1) / 2 = 1 + 5 / 2 = 3, remainder 1" \
    --input 5x6 -f 3 -s 2 -p 1 --conv
expect_line 2 "remainder 0x1: the transposed convolution takes 3x3 back to 5x5; --output-padding 0x1 restores 5x6" --input 5x6 -f 3 -s 2 -p 1 --conv
# Without output padding the way back is empty: said, not an abort.
expect_line 2 "remainder 2x2: the transposed convolution takes 1x1 back to no valid size (rows: output size would be 0 (must be >= 1): padding 1 + 1 is more than the (1 - 1) * 4 + 2 = 2 the input spreads to); --output-padding 2 restores 2x2" \
    --input 2 -f 2 -s 4 -p 1 --conv
expect_usage_error "--conv: the forward convolution size needs numeric padding \(P, PHxPW or T,L,B,R\), not valid/same" size --input 4 -p same --conv
expect_usage_error "--conv: rows: the padded input 2 is smaller than the kernel 3" size --input 2 -f 3 --conv

# --json: numbers are numbers.
"$tconv" size --input 4x4 -f 3 -s 4 --output-padding 1 --json >"$tmp/out" 2>"$tmp/err" || fail "size --json: exit $?"
want='{"in_height":4,"in_width":4,"out_height":16,"out_width":16,"formula":"out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16","rows":{"full":15,"crop_begin":0,"crop_end":0,"output_padding":1},"columns":{"full":15,"crop_begin":0,"crop_end":0,"output_padding":1}}'
[ "$(cat "$tmp/out")" = "$want" ] || fail "size --json: $(cat "$tmp/out")"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["out_width"] == 16 and d["rows"]["output_padding"] == 1' "$tmp/out" ||
    fail "size --json is not the JSON expected"
"$tconv" size --input 16 -f 3 -s 4 --conv --json >"$tmp/out" 2>"$tmp/err" || fail "size --conv --json: exit $?"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert (d["out_height"], d["remainder_width"]) == (4, 1), d' "$tmp/out" ||
    fail "size --conv --json: $(cat "$tmp/out")"

# The main job's --output-size: solved per input (4x4 and 5x3 need different output paddings).
art=$src/samples/article.png
"$tconv" "$art" -f 3 -s 4 --output-size 16 -o "$tmp/a.png" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] || fail "main --output-size 16: exit $rc: $(cat "$tmp/err")"
grep -qxF "$art -> $tmp/a.png: 4x4 -> 16x16 (HxW, 3 channels); out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16" "$tmp/out" ||
    fail "main --output-size 16: $(cat "$tmp/out")"
"$tconv" "$art" -f 3 -s 4 --output-padding 1 -o "$tmp/b.png" -q 2>/dev/null
cmp -s "$tmp/a.png" "$tmp/b.png" || fail "--output-size 16 and --output-padding 1 wrote different files"
# Out of range for this input: a failed input (exit 1), one error line naming it, no file.
"$tconv" "$art" -f 3 -s 4 --output-size 20 -o "$tmp/c.png" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 1 ] || fail "main --output-size 20: exit $rc, expected 1"
[ -s "$tmp/out" ] && fail "main --output-size 20: stdout: $(cat "$tmp/out")"
[ "$(cat "$tmp/err")" = "tconv: error: $art: rows: output size 20 cannot be reached from 4: the sizes reachable by output padding are 15 to 18 (min to min + stride - 1)" ] ||
    fail "main --output-size 20: stderr: $(cat "$tmp/err")"
[ -e "$tmp/c.png" ] && fail "main --output-size 20 left $tmp/c.png"
expect_usage_error "--output-size: give either --output-size or --output-padding, not both" "$art" --output-size 6 --output-padding 0 -o "$tmp/d.png"
[ -e "$tmp/d.png" ] && fail "a usage error wrote $tmp/d.png"

[ "$failures" = 0 ] || exit 1
echo "size: all checks passed"
