# The CLI never ignores what it was told (issue 14): an option or input given before a subcommand's
# name is a usage error naming it, for every subcommand, with nothing read or written; each
# subcommand's --help ends with its own examples and exit status, not the main job's.
# usage: bash subcommand_args.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
article=$src/samples/article.png
cd "$work" || exit 1
mkdir out
reason_for() { printf "given before the subcommand '%s', which reads only what follows its name \\\\(tconv %s \\\\[options\\\\]; see tconv %s --help\\\\)" "$1" "$1" "$1"; }

# before SUBCOMMAND SUBJECT ARGS...: tconv ARGS... is refused naming SUBJECT, nothing on stdout or in out/.
before() {
    local sub=$1 subject=$2
    shift 2
    case_ "before $sub: $subject"
    run "$@"
    expect_rc 2
    expect_stdout_empty
    expect_one_error "$subject" "$(reason_for "$sub")"
    expect_dir_empty out
}
before size -f -f 4 -s 2 -p 1 size --input 477x720
before size --stride --stride=2 size --input 4
before size photo.jpg photo.jpg size --input 4
before size --json --json size --input 4
before overlap -s -s 2 overlap --input 4 --counts
before overlap "$article" "$article" overlap
before demo -q -q demo -d out/demo
before demo -j -j 2 demo -d out/demo
before fit -f -f 4 fit "$article" "$article" -o out/k.txt
before fit "$article" "$article" fit "$article" "$article" -f 4 -s 1 -p 1 -o out/k.txt
before fit -o -o out/k.txt fit "$article" "$article"
# The first of several is named, as typed.
before size -s -s 2 -f 3 size --input 4
# A name of tconv's own that needs no subcommand stays a name: "./size" is an input.
case_ "an input named like a subcommand, written as a path"
cp "$article" size
run ./size -o out/size.png -q
expect_rc 0
expect_file out/size.png
rm -f out/size.png size

case_ "after the name, the same options are honoured"
run size --input 477x720 -f 4 -s 2 -p 1
expect_rc 0
grep -q '^477x720 -> 954x1440 (HxW)' "$work/.cap/stdout" || { fail "size after the name"; show_streams; }

# Every subcommand's --help: its own examples and exit status, never the main job's.
main_first_example=$("$tconv" --help | sed -n '/^Examples:$/{n;p;q}')
case_ "main --help: --scale 2 is the first example"
case $main_first_example in "  tconv photo.png --scale 2 -o x2.png "*"# photo x2: bilinear, edges replicated") ;; *) false ;; esac ||
    fail "first example: $main_first_example"
"$tconv" --help | grep -q "an option or input before it" || fail "main --help does not say where a subcommand's options go"
subcommands=$("$tconv" --help | awk '/^Subcommands:$/ { on = 1; next } on && /^$/ { on = 0 } on && /^  [^ ]/ { print $1 }')
[ -n "$subcommands" ] || fail "no subcommands in --help"
for sub in $subcommands; do
    case_ "$sub --help"
    run "$sub" --help
    expect_rc 0
    help=$(cat "$work/.cap/stdout")
    grep -qxF -- "$main_first_example" <<<"$help" && fail "$sub --help shows the main job's examples"
    grep -qx 'Examples:' <<<"$help" || fail "$sub --help has no examples"
    grep -q "^  tconv $sub " <<<"$help" || fail "$sub --help has no example of tconv $sub"
    grep -q '^Exit status: ' <<<"$help" || fail "$sub --help has no exit status"
    grep -q 'all inputs done' <<<"$help" && fail "$sub --help gives the main job's exit status"
done

finish
