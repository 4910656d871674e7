# The CLI never ignores what it was told, and a subcommand's name never captures a file name:
# only the first argument selects a subcommand; further on the word is an input, and when no
# file has that name the one error line says where subcommands go; nothing is read or written. Each
# subcommand's --help ends with its own examples and exit status, not the main job's.
# usage: bash subcommand_args.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
article=$src/samples/article.png
cd "$work" || exit 1
mkdir out
hint_for() { printf 'a subcommand is named only by the first argument (tconv %s [options])' "$1"; }

# later SUBCOMMAND ARGS...: tconv ARGS... (SUBCOMMAND not first, no file of that name) is refused with
# the hint, nothing on stdout or in out/.
later() {
    local sub=$1
    shift
    case_ "$sub later: $*"
    run "$@"
    expect_rc 2
    expect_stdout_empty
    [ "$(wc -l <"$work/.cap/stderr")" = 1 ] || { fail "expected one stderr line"; show_streams; }
    grep -qF "$(hint_for "$sub")" "$work/.cap/stderr" || { fail "no hint"; show_streams; }
    expect_dir_empty out
}
later size -f 4 -s 2 -p 1 size --input 477x720
later size --stride=2 size --input 4
later size photo.jpg size --input 4
later size --json size --input 4
later overlap -s 2 overlap --input 4 --counts
later overlap "$article" overlap
later demo -q demo -d out/demo
later demo -j 2 demo -d out/demo
later fit -f 4 fit "$article" "$article" -o out/k.txt
later fit "$article" fit "$article" "$article" -f 4 -s 1 -p 1 -o out/k.txt
later fit -o out/k.txt fit "$article" "$article"

case_ "files named like subcommands, among the inputs of a batch, are inputs"
mkdir names
for n in demo size fit overlap; do cp "$article" "names/$n"; done
(cd names && "$tconv" -f 2 demo fit overlap size -d ../out -q)
rc=$?
expect_rc 0
for n in demo size fit overlap; do expect_file "out/$n.png"; done
rm -rf out/* names

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
"$tconv" --help | grep -q "A subcommand is the first argument only" || fail "main --help does not say where a subcommand goes"
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
