#!/usr/bin/env bash
# The program help2man documents: tconv's own --help and --version (TCONV names the built binary),
# with each subcommand's usage added to the synopsis and each subcommand's help under SUBCOMMANDS,
# so that the man page comes from the same option declarations as --help.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../cmake/tconv-help.sh"
: "${TCONV:?TCONV must name the tconv binary}"

case ${1-} in
--version) exec "$TCONV" --version ;;
--help) ;;
*) echo "usage: TCONV=BINARY $0 --help|--version" >&2; exit 2 ;;
esac

main_help=$("$TCONV" --help)
mapfile -t subcommands < <(tconv_subcommands "$TCONV")
declare -A sub_help sub_usage
for sub in "${subcommands[@]}"; do
    sub_help[$sub]=$("$TCONV" "$sub" --help)
    sub_usage[$sub]=$(sed -n 's/^Usage: //p' <<<"${sub_help[$sub]}")
done

# One subsection per subcommand: help2man makes "HEADING:" followed by an indented line a subsection.
# Its own headings (Options:, Positionals:) go, or help2man would move the lines to OPTIONS.
# Each subcommand's footer: every example, and the exit status, a paragraph of its own with single
# spaces, since help2man joins adjacent lines and splits a line at two spaces into a term and its text.
print_subcommands() {
    for sub in "${subcommands[@]}"; do
        printf '\n%s:\n' "${sub_usage[$sub]}"
        awk '/^Examples:$/ { footer = 1; next }
             footer && /^Exit status:/ { print ""; print; status = 1; next }
             footer && !status { gsub(/  +/, " "); sub(/^ /, ""); print ""; print; next }
             { print }' <<<"${sub_help[$sub]}" |
            sed -E -e '/^Usage: /d' -e '/^[A-Z][A-Za-z ]*:$/d' -e 's/^([^ ])/  \1/'
    done
}

# The main help, in CLI11's order (description, Usage, Positionals, Options, Subcommands, footer),
# with the positionals listed under OPTIONS rather than in DESCRIPTION.
positionals=$(awk '/^Positionals:$/ { on = 1; next } on && /^$/ { exit } on' <<<"$main_help")
{
    block=
    while IFS= read -r line; do
        case $block:$line in
        :'Usage: '*)
            printf '%s\n' "$line"
            for sub in "${subcommands[@]}"; do printf '  or: %s\n' "${sub_usage[$sub]}"; done ;;
        :Positionals:) block=positionals ;;
        positionals:) block= ;;
        positionals:*) ;;
        :Options:) printf '%s\n%s\n' "$line" "$positionals" ;;
        :Subcommands:) block=subcommands; printf '*Subcommands*\n\n' ;;
        subcommands:)
            block=
            print_subcommands
            printf '\n' ;;
        *) printf '%s\n' "$line" ;;
        esac
    done <<<"$main_help"
    if [[ $block == subcommands ]]; then print_subcommands; fi
} | tconv_normalise_options
