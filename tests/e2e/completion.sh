# The installed bash completion, loaded the way bash-completion loads it and driven through
# COMP_WORDS/COMP_CWORD as bash does: it offers exactly the options of `tconv --help` and of each
# subcommand's --help, the subcommands, kernel names, padding words and strategies that tconv accepts,
# and files (directories for DIR) as files.
# usage: bash completion.sh TCONV SOURCE_DIR
set -u
tconv=$1 src=$2
build=$(dirname "$tconv")
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

bash_completion=/usr/share/bash-completion/bash_completion
if [[ ! -f $bash_completion ]]; then
    echo "FAIL: $bash_completion is missing (Debian package bash-completion)" >&2
    exit 1
fi
source "$(dirname "${BASH_SOURCE[0]}")/install_prefix.bash"
installed=$prefix/bin/tconv

# A directory to complete in: two files, a kernel file and a subdirectory.
work=$tmp/work
mkdir -p "$work/sub"
cp "$src/samples/article.png" "$work/article.png"
touch "$work/notes.txt"
printf '1 2 1\n' >"$work/kern.txt"

# Runs bash-completion's loader for tconv (only our prefix in XDG_DATA_DIRS) and `complete -p tconv`,
# or, given words, completes the last of them and prints the candidates sorted, one a line.
# Words are given as bash splits them: "--kernel=b" is --kernel = b.
complete_words() {
    (cd "$work" && XDG_DATA_DIRS=$prefix/share BASH_COMPLETION_USER_DIR=$tmp/none PATH=$prefix/bin:$PATH \
        bash --norc --noprofile -c '
            source "$1" && shift
            __load_completion tconv || exit 3
            if (($# == 0)); then complete -p tconv; exit; fi
            COMP_WORDS=("$@")
            COMP_CWORD=$(($# - 1))
            COMP_LINE=$1
            for ((i = 1; i < $#; i++)); do
                if [[ ${COMP_WORDS[i]} == = || ${COMP_WORDS[i - 1]} == = ]]; then COMP_LINE+=${COMP_WORDS[i]}
                else COMP_LINE+=" ${COMP_WORDS[i]}"; fi
            done
            COMP_POINT=${#COMP_LINE}
            _tconv tconv "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
            printf "%s\n" "${COMPREPLY[@]}" | sort' bash "$bash_completion" "$@")
}
# expect "WORDS" CANDIDATE...: completing WORDS ('' for an empty word) offers exactly these candidates.
expect() {
    local -a words
    local i
    read -ra words <<<"$1"
    shift
    for i in "${!words[@]}"; do [[ ${words[i]} == "''" ]] && words[i]=; done
    local got wanted
    got=$(complete_words tconv "${words[@]}" 2>&1)
    wanted=$(printf '%s\n' "$@" | sed '/^$/d' | sort)
    [[ $got == "$wanted" ]] || fail "tconv ${words[*]}<TAB> offered [$(echo $got)], expected [$(echo $wanted)]"
}

[[ $(complete_words 2>&1) == "complete -F _tconv tconv" ]] ||
    fail "bash-completion does not load the installed completion: $(complete_words 2>&1)"

expect "--st" --strategy --stride --strip

# Options: exactly the long options of each command's --help.
source "$src/cmake/tconv-help.sh"
mapfile -t subcommands < <(tconv_subcommands "$installed")
long_options() {
    "$installed" "$@" --help | sed -nE 's/^  (-.*)$/\1/p' | sed -E 's/  .*//' | grep -oE -- '--[a-z0-9][a-z0-9-]*'
}
checked=0
for command in '' "${subcommands[@]}"; do
    mapfile -t options < <(long_options $command)
    expect "$command --" "${options[@]}"
    checked=$((checked + ${#options[@]}))
done
((checked >= 10)) || fail "only $checked long options found in --help"

# Subcommands where the main job takes its first word, with files beside them; none after one.
expect "''" "${subcommands[@]}" article.png kern.txt notes.txt sub
expect "n" notes.txt
for sub in "${subcommands[@]}"; do
    expect "${sub:0:2}" $(printf '%s\n' "${subcommands[@]}" | grep "^${sub:0:2}") \
        $(cd "$work" && compgen -f -- "${sub:0:2}")
done
# An option's value is never taken for a subcommand: "-o size" names the output file.
if [[ " ${subcommands[*]} " == *" size "* ]]; then
    expect "-o size --fil" --files-from --filter-size
    expect "size --fil" --filter-size
fi

# Values: kernel names, @FILE, padding words; FILE completes files and DIR directories.
expect "-k ''" bilinear gaussian ones
expect "--kernel = b" bilinear
expect "-k @k" @kern.txt
expect "-p ''" same valid
expect "--strategy ''" auto dense double-dense double-separable fixed-point float-separable replicate scatter
expect "--strategy f" fixed-point float-separable
expect "--depth ''" 16 8
expect "--depth 1" 16
expect "--format t" tga tif tiff
expect "--format p" pam pgm png pnm ppm
expect "--padding s" same
expect "-o ''" article.png kern.txt notes.txt sub
expect "-o n" notes.txt
expect "-d ''" sub
expect "--out-dir = ''" sub
expect "-s ''"
# The same for every long option of every command, by the name --help gives its value.
valued=0
for command in '' "${subcommands[@]}"; do
    while read -r option value_name; do
        case $value_name in
        SPEC*) expect "$command $option ''" bilinear gaussian ones ;;
        *'|valid|same'*) expect "$command $option ''" same valid ;;
        auto'|'*) expect "$command $option ''" auto dense double-dense double-separable fixed-point float-separable replicate scatter ;;
        zero'|'*) expect "$command $option ''" reflect replicate zero ;;
        8'|'16*) expect "$command $option ''" 16 8 ;;
        png'|'*) expect "$command $option ''" bmp jpeg jpg npy pam pgm png pnm ppm tga tif tiff webp ;;
        straight'|'*) expect "$command $option ''" premultiplied straight ;;
        gray'|'*) expect "$command $option ''" gray rgb rgba ;;
        DIR*) expect "$command $option ''" sub ;;
        *FILE*) expect "$command $option ''" article.png kern.txt notes.txt sub ;;
        *) expect "$command $option ''" ;;
        esac
        valued=$((valued + 1))
    done < <("$installed" $command --help | sed -nE 's/^  (-[^ ,]+,)*(--[a-z0-9-]+) ([^ ]+).*/\2 \3/p')
done
((valued >= 10)) || fail "only $valued options with values found in --help"

# Every kernel name and padding word offered is one that tconv accepts.
for kernel in $(complete_words tconv -k ''); do
    "$installed" "$work/article.png" -f 4 -s 2 -k "$kernel" -o "$tmp/k.png" -q ||
        fail "tconv rejects the offered kernel $kernel"
done
for padding in $(complete_words tconv -p ''); do
    "$installed" "$work/article.png" -f 4 -s 2 -p "$padding" -o "$tmp/p.png" -q ||
        fail "tconv rejects the offered padding $padding"
done
for strategy in $(complete_words tconv --strategy ''); do
    "$installed" "$work/article.png" -f 2 -s 2 --strategy "$strategy" -o "$tmp/s.png" -q ||
        fail "tconv rejects the offered strategy $strategy"
done

if ((failures)); then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "completion: ok ($checked long options offered)"
