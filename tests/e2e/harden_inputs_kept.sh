# No output may be an input of any kind: fit's kernel file over its input or target, the
# main job's output over its -k @FILE kernel or its --files-from list. Each is a usage error (exit 2)
# naming the output and the input, and the file is left as it was.
# usage: bash harden_inputs_kept.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1

cp "$src/samples/article.png" in.png
run in.png -f 4 -s 2 -p 1 -k bilinear -o big.png -q
printf '1 1\n1 1\n' >kernel.txt
printf 'in.png\n' >list.txt
cp in.png in.keep; cp big.png big.keep; cp kernel.txt kernel.keep; cp list.txt list.keep
ln -s in.png link-to-in.png

# expect_kept NAME OUTPUT INPUT ARGS...: exit 2, one error "OUTPUT: would overwrite the input INPUT",
# and INPUT unchanged.
expect_kept() {
    local name=$1 output=$2 input=$3
    shift 3
    case_ "$name"
    run "$@"
    expect_rc 2
    expect_stdout_empty
    expect_one_error "$output" "would overwrite the input $input"
    cmp -s "$input" "${input%.*}.keep" || fail "$input was changed"
}

expect_kept "fit -o its INPUT" in.png in.png fit in.png big.png -f 4 -s 2 -p 1 --steps 3 -o in.png
expect_kept "fit -o its TARGET" big.png big.png fit in.png big.png -f 4 -s 2 -p 1 --steps 3 -o big.png
expect_kept "fit -o a link to its INPUT" link-to-in.png in.png fit in.png big.png -f 4 -s 2 -p 1 --steps 3 -o link-to-in.png
expect_kept "-o its -k @FILE" kernel.txt kernel.txt in.png -k @kernel.txt -s 2 -o kernel.txt
expect_kept "-o its --files-from list" list.txt list.txt --files-from list.txt -f 2 -s 2 -o list.txt

finish
