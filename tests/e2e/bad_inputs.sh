# Bad inputs and bad options end to end: exit 1 for a file that fails and 2 for a usage error,
# exactly one stderr line "tconv: error: <file or option>: <reason>", nothing on stdout, and no
# output file, temp file or partial file anywhere.
# usage: bash bad_inputs.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
article=$src/samples/article.png
out=$work/out-dir
mkdir "$out"

# bad EXIT SUBJECT REASON_REGEX ARGS...: runs tconv ARGS... -o $out/x.png and checks everything.
bad() {
    local want=$1 subject=$2 reason=$3
    shift 3
    run "$@" -o "$out/x.png"
    expect_rc "$want"
    expect_stdout_empty
    expect_one_error "$subject" "$reason"
    expect_dir_empty "$out"
}

# Files that fail: exit 1, the file named.
case_ "missing file";          bad 1 "$work/nope.png" 'No such file or directory' "$work/nope.png"
case_ "empty file";            bad 1 "$fixtures/empty.png" 'file is empty' "$fixtures/empty.png"
case_ "truncated PNG";         bad 1 "$fixtures/truncated.png" '(not a readable image|cannot decode image) \(.+\)' "$fixtures/truncated.png"
# ImageMagick's files cut to 15/16 (tests/fixtures/truncated): PIL finds each truncated; stb would
# hand back the missing pixels as zeros.
for pair in rgb24.bmp:'BMP file is shorter than its header says' rle.tga:'TGA file ends inside its run-length data' \
    rle.psd:'PSD file is shorter than its header says' image.gif:'GIF file ends inside its first image'; do
    name=${pair%%:*}
    size=$(stat -c %s "$fixtures/truncated/$name")
    head -c $((size * 15 / 16)) "$fixtures/truncated/$name" >"$work/cut-$name"
    case_ "truncated ${name##*.}"; bad 1 "$work/cut-$name" "not a readable image \\(${pair#*:}\\)" "$work/cut-$name"
done
case_ "text file named .png";  bad 1 "$fixtures/text.png" 'not a readable image \(.+\)' "$fixtures/text.png"
case_ "a directory as input";  bad 1 "$fixtures" 'is a directory' "$fixtures"
# 30000x30000 passes stb's own header checks, so only the cap before decoding can refuse it.
case_ "huge header: capped before decoding"
bad 1 "$fixtures/huge_header.png" 'image is 30000x30000 = 900000000 pixels, over the limit of 268435456 \(--max-pixels\)' \
    "$fixtures/huge_header.png"
case_ "giant header: refused by stb";  bad 1 "$fixtures/giant_header.png" '.+' "$fixtures/giant_header.png"
case_ "--max-pixels caps the input"
bad 1 "$fixtures/rgb.png" 'image is 3x5 = 15 pixels, over the limit of 14 \(--max-pixels\)' "$fixtures/rgb.png" --max-pixels 14
case_ "output pixels capped before the convolution"
bad 1 "$fixtures/rgb.png" 'output would be 20003x40003 = 800180009 pixels, over the limit of 268435456 \(--max-pixels\)' \
    "$fixtures/rgb.png" -s 10000
case_ "output size < 1 (depends on the input size)"
bad 1 "$article" 'rows: output size would be -4 \(must be >= 1\): padding 5 \+ 5 is more than the \(4 - 1\) \* 1 \+ 3 = 6 the input spreads to' "$article" -p 5

# Usage errors: exit 2, the option named, nothing read.
case_ "output padding = stride";     bad 2 --output-padding '.*must be < max\(stride, dilation\) = 2' "$article" -s 2 --output-padding 2
case_ "output padding = dilation";   bad 2 --output-padding '.*must be < max\(stride, dilation\) = 3' "$article" --dilation 3 --output-padding 3
case_ "output padding with stride 1"; bad 2 --output-padding '.*must be < max\(stride, dilation\) = 1' "$article" --output-padding 1
case_ "output padding on one axis";  bad 2 --output-padding 'col(umn)?s: .*must be < max\(stride, dilation\) = 2' "$article" -s 2 --output-padding 1x2
case_ "zero stride";                 bad 2 --stride ".*'0' must be >= 1" "$article" -s 0
case_ "negative stride";             bad 2 --stride ".*'-1' must be >= 1" "$article" -s -1
case_ "zero stride on one axis";     bad 2 --stride ".*'2x0'.*" "$article" -s 2x0
case_ "zero filter size";            bad 2 --filter-size ".*'0' must be >= 1" "$article" -f 0
case_ "negative filter size";        bad 2 --filter-size ".*'-2' must be >= 1" "$article" -f -2
case_ "zero dilation";               bad 2 --dilation ".*'0' must be >= 1" "$article" --dilation 0
case_ "negative dilation";           bad 2 --dilation ".*'-3' must be >= 1" "$article" --dilation -3
case_ "non-numeric stride";          bad 2 --stride ".*'abc'.*" "$article" -s abc
case_ "stride with junk";            bad 2 --stride ".*'3x'.*" "$article" -s 3x
case_ "unknown padding word";        bad 2 --padding ".*'bogus'.*" "$article" -p bogus
case_ "negative padding";            bad 2 --padding '.+' "$article" -p -1
case_ "ragged inline kernel";        bad 2 --kernel '.*ragged.*' "$article" -k '1,2;3'
case_ "empty inline kernel";         bad 2 --kernel '.+' "$article" -k ''
case_ "kernel of empty rows";        bad 2 --kernel '.*empty.*' "$article" -k ';'
case_ "non-numeric inline kernel";   bad 2 --kernel ".*'1,a;2,3'.*" "$article" -k '1,a;2,3'
case_ "kernel larger than -f";       bad 2 --kernel '.*2x2 but the filter size is 3x3' "$article" -f 3 -k '1,2;3,4'
case_ "unknown kernel name";         bad 2 --kernel ".*unknown kernel 'sobel'.*" "$article" -k sobel
case_ "gaussian with negative sigma"; bad 2 --kernel ".*'-1'.*" "$article" -k gaussian:-1
printf '1 2\n3 x\n' >"$work/nonnumeric.txt"
printf '1 2\n3\n' >"$work/ragged.txt"
printf '# nothing but a comment\n' >"$work/empty.txt"
printf '1 2\n3 4\n' >"$work/two_by_two.txt"
case_ "kernel file: missing";        bad 2 "--kernel $work/missing.txt" 'No such file or directory' "$article" -k "@$work/missing.txt"
case_ "kernel file: non-numeric";    bad 2 "--kernel $work/nonnumeric.txt" ".*'x' is not a number" "$article" -k "@$work/nonnumeric.txt"
case_ "kernel file: ragged";         bad 2 "--kernel $work/ragged.txt" '.*ragged.*' "$article" -k "@$work/ragged.txt"
case_ "kernel file: empty";          bad 2 "--kernel $work/empty.txt" '.*empty.*' "$article" -k "@$work/empty.txt"
case_ "kernel file: wrong size";     bad 2 --kernel '.*2x2 but the filter size is 3x3' "$article" -f 3 -k "@$work/two_by_two.txt"
# CLI11's own parse errors name the option inside the reason rather than before it.
case_ "unknown option"
run "$article" --no-such-option -o "$out/x.png"
expect_rc 2
expect_stdout_empty
[ "$(wc -l <"$work/.cap/stderr")" = 1 ] && grep -q '^tconv: error: .*--no-such-option' "$work/.cap/stderr" || { fail "unknown option"; show_streams; }
expect_dir_empty "$out"

# tconv's one form for CLI11's errors too: the option first, as typed, then the reason.
case_ "-j 0: range";                 bad 2 '-j 0' 'must be 1 to 1024 \(decimal digits only\)' "$article" -j 0
case_ "--jobs=abc: range";           bad 2 '--jobs abc' 'must be 1 to 1024 \(decimal digits only\)' "$article" --jobs=abc
case_ "-j without a value"
run "$article" -o "$out/x.png" -j
expect_rc 2
expect_one_error -j 'needs a value'
expect_dir_empty "$out"
case_ "fit --lr abc: not a number"
run fit "$article" "$article" --lr abc -o "$out/k.txt"
expect_rc 2
expect_one_error '--lr abc' 'not a number'
expect_dir_empty "$out"
case_ "an unknown option after a subcommand is named first"
run size --input 4 -j 2
expect_rc 2
expect_one_error -j 'not an option of tconv size \(see tconv size --help\)'
run size --input 4 extra
expect_rc 2
expect_one_error extra 'not an argument of tconv size \(see tconv size --help\)'
case_ "-p SAME: the padding words are lower case"
bad 2 --padding ".*'SAME'.* \(the padding words are lower case: valid, same\)" "$article" -p SAME
case_ "-k @IMAGE: not a kernel text file, its first value quoted"
bad 2 "--kernel $article" "not a kernel text file \(its value \\$'\\\\x89PNG' is not a number\)" "$article" -k "@$article"
# Names holding a newline, an escape or invalid UTF-8 are quoted as GNU ls does: one line always.
case_ "a file name with a newline";  bad 1 "\$'$work/new\\nline.png'" 'No such file or directory' "$work/new
line.png"
case_ "a file name with an escape and a Latin-1 byte"
bad 1 "\$'$work/\\e[31mcaf\\xE9.png'" 'No such file or directory' "$work/"$'\e[31mcaf\xe9.png'
case_ "a kernel file name with a newline"; bad 2 "--kernel \$'$work/k\\n.txt'" 'No such file or directory' "$article" -k "@$work/k
.txt"

case_ "-o in a directory that does not exist"
run "$article" -o "$work/missing/x.png"
expect_rc 2
expect_stdout_empty
expect_one_error "--output $work/missing/x.png" "directory '$work/missing' does not exist"
expect_no_file "$work/missing"
case_ "-o naming a directory"
run "$article" -o "$out"
expect_rc 2
expect_one_error "--output $out" 'is a directory.*'
expect_dir_empty "$out"
case_ "-d that does not exist"
run "$article" -d "$work/missing"
expect_rc 2
expect_one_error "--out-dir $work/missing" 'not an existing directory'
case_ "neither -o nor -d"
run "$article"
expect_rc 2
expect_stdout_empty
expect_one_error --output '.+'
case_ "no input at all"
run -o "$out/x.png"
expect_rc 2
expect_one_error INPUT '.+'
expect_dir_empty "$out"

# A corrupt file next to the output it would have replaced: the old file stays as it was.
case_ "a failed input leaves an existing output untouched"
printf 'previous contents\n' >"$out/keep.png"
run "$fixtures/truncated.png" -o "$out/keep.png"
expect_rc 1
[ "$(cat "$out/keep.png")" = "previous contents" ] || fail "the existing output was changed"
rm "$out/keep.png"

expect_no_temp "$work"
expect_no_temp "$fixtures"
finish
