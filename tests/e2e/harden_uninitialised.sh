# No decoder hands back memory it did not write (which would disclose earlier data): a truncated PNM
# and a truncated uncompressed TGA are refused from their length, and every image of the fuzz corpus
# and the fixtures is decoded in one batch after a large "secret" image, twice, with glibc filling
# freed and fresh heap memory with two different bytes (MALLOC_PERTURB_); every output and every
# message must be the same both times.
# usage: bash harden_uninitialised.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1

case_ "inputs"
mkdir in
run "$src/samples/article.png" -f 64 -s 64 -o in/secret.png -q  # 256x256 RGB: 192 KiB of pixels to leak
expect_rc 0
printf 'P6\n100 100\n255\n\0\0\0\0\0\0' >in/trunc.ppm
printf 'P5\n64 64\n255\n\1\2\3' >in/trunc-grey.pgm
# TGA type 2 (uncompressed true colour), 100x100, 24 bits per pixel, and 6 bytes of pixels.
printf '\0\0\2\0\0\0\0\0\0\0\0\0\144\0\144\0\30\0\1\2\3\4\5\6' >in/trunc-tga.tga
for f in "$src"/fuzz/corpus/image/* "$src"/tests/fixtures/*; do
    base=$(basename "$f")
    case $base in *.py) continue ;; esac
    cp "$f" "in/corpus-${base//./_}.${base##*.}"  # the extension in the stem: grey.png and grey.pgm both
done
inputs=(in/secret.png in/trunc.ppm in/trunc-grey.pgm in/trunc-tga.tga in/corpus-*)

for perturb in 1 254; do
    mkdir "out$perturb"
    MALLOC_PERTURB_=$perturb "$tconv" "${inputs[@]}" -d "out$perturb" -f 1 -s 1 -k ones -j 1 --json \
        >"out$perturb.json" 2>"out$perturb.err" </dev/null
    echo $? >"out$perturb.rc"
done

case_ "the same outputs and messages whatever the heap held"
cmp -s out1.rc out254.rc || fail "exit status differs: $(cat out1.rc) vs $(cat out254.rc)"
sed 's/out1/OUT/g' out1.json >json1
sed 's/out254/OUT/g' out254.json >json254
cmp -s json1 json254 || fail "--json reports differ: $(diff json1 json254 | head -4 | tr '\n' '|')"
sed 's/out1/OUT/g' out1.err >err1
sed 's/out254/OUT/g' out254.err >err254
cmp -s err1 err254 || fail "stderr differs: $(diff err1 err254 | head -4 | tr '\n' '|')"
written=0
for f in out1/*; do
    name=$(basename "$f")
    cmp -s "$f" "out254/$name" || fail "$name differs between the two heaps"
    written=$((written + 1))
done
[ "$written" -ge 10 ] || fail "only $written outputs written"

case_ "files shorter than their header says are refused, with no output"
for name in trunc trunc-grey trunc-tga; do
    [ -e "out1/$name.png" ] && fail "$name was accepted (its missing pixels would be zeros)"
done
grep -qx "tconv: error: in/trunc.ppm: not a readable image (PNM file is shorter than its header says)" out1.err ||
    fail "no error for trunc.ppm: $(head -3 out1.err | tr '\n' '|')"
grep -qx "tconv: error: in/trunc-grey.pgm: not a readable image (PNM file is shorter than its header says)" out1.err ||
    fail "no error for trunc-grey.pgm"
grep -qx "tconv: error: in/trunc-tga.tga: not a readable image (TGA file is shorter than its header says)" out1.err ||
    fail "no error for trunc-tga.tga"

finish
