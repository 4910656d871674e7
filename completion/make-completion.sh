#!/usr/bin/env bash
# Writes tconv's bash completion at build time: the template with its option tables filled in from
# the built binary's --help and each subcommand's --help, so every option declared in src/cli is offered.
# usage: make-completion.sh TCONV TEMPLATE OUTPUT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../cmake/tconv-help.sh"
if (($# != 3)); then
    echo "usage: $0 TCONV TEMPLATE OUTPUT" >&2
    exit 2
fi
tconv=$1 template=$2 output=$3

mapfile -t subcommands < <(tconv_subcommands "$tconv")
option_cases=
value_cases=
for command in '' "${subcommands[@]}"; do
    help=$("$tconv" ${command:+"$command"} --help | tconv_normalise_options)
    spellings=
    while IFS= read -r line; do
        # "  -o, --output FILE    Output PNG ...": the spellings, then the value's name if it takes one.
        read -ra words <<<"${line%%  *}"
        names=()
        value_name=
        for word in "${words[@]}"; do
            if [[ $word == -* ]]; then names+=("${word%,}"); else value_name=$word; break; fi
        done
        for name in "${names[@]}"; do
            spellings+=" $(printf '%q' "$name")"
            if [[ -n $value_name ]]; then
                value_cases+="    $(printf '%q' "$command/$name")) echo $(printf '%q' "$value_name") ;;"$'\n'
            fi
        done
    done < <(sed -n 's/^  \(-.*\)/\1/p' <<<"$help")
    option_cases+="    $(printf '%q' "$command")) printf '%s\n'$spellings ;;"$'\n'
done

tables=$(
    cat <<EOF
# Generated from \`tconv --help\` by completion/make-completion.sh.
_tconv_subcommands='${subcommands[*]}'

# Prints the option spellings of the main job (\$1 empty) or of subcommand \$1, one a line.
_tconv_options()
{
    case \$1 in
${option_cases}    esac
}

# Prints the name of the value that option \$2 of the main job (\$1 empty) or of subcommand \$1
# takes (FILE, DIR, K|KHxKW, ...), or nothing when it is a flag or unknown.
_tconv_value_name()
{
    case \$1/\$2 in
${value_cases}    esac
}
EOF
)
grep -q '^@TCONV_COMPLETION_TABLES@$' "$template"
# Through the environment, as awk -v would expand the backslashes in the tables.
TABLES=$tables awk '$0 == "@TCONV_COMPLETION_TABLES@" { print ENVIRON["TABLES"]; next } { print }' \
    "$template" >"$output.tmp"
mv "$output.tmp" "$output"
