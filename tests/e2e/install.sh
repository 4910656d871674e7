# `cmake --install` into a temporary prefix puts tconv, its man page and its bash completion where
# man and bash-completion look; the installed binary prints the version from project() in
# CMakeLists.txt and runs the article's blocks demo exactly as the built one does.
# usage: bash install.sh TCONV SOURCE_DIR
set -u
tconv=$1 src=$2
build=$(dirname "$tconv")
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

source "$(dirname "${BASH_SOURCE[0]}")/install_prefix.bash"
for file in bin/tconv share/man/man1/tconv.1.gz share/bash-completion/completions/tconv; do
    [[ -f $prefix/$file ]] || fail "not installed: $file"
done
[[ -x $prefix/bin/tconv ]] || fail "bin/tconv is not executable"
# Nothing else: an install that scatters files is a packaging bug.
installed=$(cd "$prefix" && find . -type f | sort | tr '\n' ' ')
[[ $installed == "./bin/tconv ./share/bash-completion/completions/tconv ./share/man/man1/tconv.1.gz " ]] ||
    fail "installed files: $installed"
[[ $(MANPATH=$prefix/share/man man -w tconv 2>&1) == "$prefix/share/man/man1/tconv.1.gz" ]] ||
    fail "man -w tconv with MANPATH=$prefix/share/man: $(MANPATH=$prefix/share/man man -w tconv 2>&1)"

# --version: "tconv X.Y.Z" from project(VERSION) in CMakeLists.txt, plus "(git REV)" in a checkout.
version=$(sed -nE 's/^project\(tconv VERSION ([0-9.]+) .*/\1/p' "$src/CMakeLists.txt")
[[ -n $version ]] || fail "no project(tconv VERSION ...) line in $src/CMakeLists.txt"
pattern="^tconv ${version//./\\.}"
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then pattern+=" \(git [0-9a-f]{7,}\)"; fi
"$prefix/bin/tconv" --version >"$tmp/out" 2>"$tmp/err"
status=$?
[[ $status == 0 ]] || fail "--version exited $status"
[[ -s $tmp/err ]] && fail "--version wrote to stderr: $(cat "$tmp/err")"
[[ $(cat "$tmp/out") =~ $pattern$ ]] || fail "--version printed '$(cat "$tmp/out")', not /$pattern$/"

# The article's blocks demo (touching 4x4 blocks) with the installed binary, compared byte for byte
# with the built one's output.
cd "$tmp"
cp "$src/samples/article.png" article.png
"$prefix/bin/tconv" article.png -f 4 -s 4 -o blocks.png >out 2>err
status=$?
[[ $status == 0 ]] || fail "installed tconv exited $status: $(cat err)"
[[ -s err ]] && fail "installed tconv wrote to stderr: $(cat err)"
expected="article.png -> blocks.png: 4x4 -> 16x16 (HxW, 3 channels); "
expected+="out = (4 - 1) * 4 - 2 * 0 + 1 * (4 - 1) + 0 + 1 = 16"
[[ $(cat out) == "$expected" ]] || fail "stdout: '$(cat out)', expected '$expected'"
# The PNG header's width and height (big-endian, bytes 16..23).
[[ $(od -An -tx1 -j16 -N8 blocks.png 2>/dev/null | tr -d ' \n') == 0000001000000010 ]] ||
    fail "blocks.png is not a 16x16 PNG"
"$tconv" article.png -f 4 -s 4 -o built.png -q || fail "built tconv failed"
cmp -s blocks.png built.png || fail "the installed and the built tconv wrote different blocks.png"

if ((failures)); then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "install: ok"
