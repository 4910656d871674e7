# The output format from the name (case-insensitive) or --format, and the options that go with it:
# each file starts with its format's magic bytes, -d and -o - follow --format, a name tconv cannot
# write and an option its format lacks are usage errors before anything is read, and a format that
# cannot hold alpha says it dropped it.
# usage: bash output_formats.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
cp "$fixtures/rgb.png" in.png
cp "$fixtures/rgba.png" alpha.png

# magic FILE HEX: the file starts with those bytes.
magic() {
    local got
    got=$(head -c $((${#2} / 2)) "$1" | od -An -tx1 | tr -d ' \n')
    [ "$got" = "$2" ] || fail "$1 starts with $got, not $2"
}

case_ "the extension chooses the format, in any case"
mkdir out
for spec in png:89504e47 jpg:ffd8ff JPEG:ffd8ff webp:52494646 Tif:49492a00 tiff:49492a00 bmp:424d tga:000002 \
    ppm:5036 pgm:5036 PNM:5036 pam:5037; do
    ext=${spec%%:*}
    run in.png -f 1 -s 1 -o "out/x.$ext" -q
    expect_rc 0
    expect_stderr_empty
    magic "out/x.$ext" "${spec#*:}"
done

case_ "--format overrides the extension, and names -d's files"
run in.png -f 1 -s 1 -o out/y.png --format jpg -q
expect_rc 0
magic out/y.png ffd8ff
mkdir dir
run in.png alpha.png -f 1 -s 1 -d dir --format webp -q
expect_rc 0
magic dir/in.webp 52494646
magic dir/alpha.webp 52494646
[ "$(ls dir | wc -l)" = 2 ] || fail "-d --format webp wrote $(ls dir | tr '\n' ' ')"
run in.png -f 1 -s 1 -d dir -q
expect_rc 0
magic dir/in.png 89504e47

case_ "-o - writes PNG, or what --format says"
"$tconv" in.png -f 1 -s 1 -o - -q </dev/null >stdout.png
magic stdout.png 89504e47
"$tconv" in.png -f 1 -s 1 -o - -q --format tga </dev/null >stdout.tga
magic stdout.tga 000002

case_ "a name tconv cannot write is a usage error, before anything is read"
mkdir none
run no-such-input.png -o none/x.gif
expect_rc 2
expect_one_error "--output none/x.gif" "unknown or missing extension .*"
run no-such-input.png -o none/x
expect_rc 2
run no-such-input.png -o none/x.png --format gif
expect_rc 2
expect_one_error "--format gif" "unknown format .*"
expect_dir_empty none

case_ "--quality and --lossless only with the formats that have them"
run no-such-input.png -o none/x.png --quality 50
expect_rc 2
expect_one_error "--quality" "PNG has no quality \(only JPEG and WebP\)"
run no-such-input.png -o none/x.jpg --lossless
expect_rc 2
expect_one_error "--lossless" "is for WebP, not JPEG"
run no-such-input.png -o none/x.jpg --quality 0
expect_rc 2
expect_dir_empty none
run in.png -f 1 -s 1 -o out/q10.jpg --quality 10 -q
expect_rc 0
run in.png -f 1 -s 1 -o out/q100.jpg --quality 100 -q
expect_rc 0
[ "$(stat -c %s out/q10.jpg)" -lt "$(stat -c %s out/q100.jpg)" ] || fail "--quality 10 is not smaller than 100"
run alpha.png -f 1 -s 1 -o out/l.webp --lossless -q
expect_rc 0

case_ "a format without alpha drops it with one warning"
run alpha.png -f 1 -s 1 -o out/a.jpg
expect_rc 0
[ "$(grep -c '^tconv: warning: out/a.jpg: JPEG holds no alpha: the alpha channel is dropped$' "$work/.cap/stderr")" = 1 ] ||
    { fail "no alpha warning"; show_streams; }
run alpha.png -f 1 -s 1 -o out/a.ppm
grep -q '^tconv: warning: out/a.ppm: PNM holds no alpha: the alpha channel is dropped$' "$work/.cap/stderr" ||
    { fail "no alpha warning for PNM"; show_streams; }
run alpha.png -f 1 -s 1 -o out/a.tga
expect_rc 0
grep -q 'warning' "$work/.cap/stderr" && { fail "TGA holds alpha, yet a warning"; show_streams; }

finish
