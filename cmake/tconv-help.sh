# Shared by the build-time generators of the man page and the bash completion (sourced, not run):
# how to read tconv's own --help, so that both follow the option declarations in src/cli.

# Prints tconv's subcommands, one a line, from the "Subcommands:" block of `$1 --help`.
tconv_subcommands() {
    local help
    help=$("$1" --help) || return
    awk '/^Subcommands:$/ { on = 1; next }
         on && /^$/ { on = 0 }
         on && /^  [^ ]/ { print $1 }' <<<"$help"
}

# Rewrites CLI11's "-f,--filter-size" option lines as "-f, --filter-size", the GNU layout that
# help2man and the completion generator read.
tconv_normalise_options() {
    sed -E ':again; s/^( +-[^ ,]+(, -[^ ,]+)*),(-)/\1, \3/; t again'
}
