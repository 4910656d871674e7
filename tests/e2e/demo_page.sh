# The page `tconv demo` writes (DIR/index.html), read as a person would: static checks (no script, no
# address outside DIR, every link to a file demo wrote), then headless Chromium loading it from disk
# (check_page.py: no console errors, only file:// requests, every <img> decoded, a full-page
# screenshot of the page's size), and the same check failing on a missing picture and on a console
# error, so that it can fail.
# usage: bash demo_page.sh TCONV SOURCE_DIR
set -u
tconv=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$(dirname "${BASH_SOURCE[0]}")/frame.bash"

d=$tmp/demo
"$tconv" demo -d "$d" >"$tmp/out" 2>"$tmp/err" || fail "demo: $(cat "$tmp/err")"
page=$d/index.html
[ -s "$page" ] || fail "no $page"
grep -qi '<script' "$page" && fail "the page has a script"
grep -qiE '(src|href)="(https?:|//|/)' "$page" && fail "the page names an address outside its directory"
links=$(grep -oE '(src|href)="[^"]*"' "$page" | sed -E 's/^(src|href)="(.*)"$/\2/' | sort -u)
[ "$(wc -w <<<"$links")" -ge 10 ] || fail "the page links only: $links"
for f in $links; do
    [ -f "$d/$f" ] || fail "the page links $f, which demo did not write"
done
for f in article-x64.png stripes-anim.png checkerboard-compare.png contact-sheet.png stripes-counts-x16.png; do
    grep -qF "src=\"$f\"" "$page" || fail "the page does not show $f"
done
grep -qF 'out = (4 - 1) * 4 - 2 * 0 + 1 * (3 - 1) + 1 + 1 = 16' "$page" || fail "the page lacks the stripes formula"

/usr/bin/python3 "$here/check_page.py" "$page" "$tmp/shot.png" >"$tmp/browser" 2>&1
rc=$?
cat "$tmp/browser"
[ "$rc" = 0 ] || fail "the page in Chromium"
grep -qx 'images: 10, decoded: 10' "$tmp/browser" || fail "Chromium did not decode all 10 images"

# The check must be able to fail: a picture that is not there, and a console error.
sed 's/src="stripes-x16.png"/src="stripes-x99.png"/' "$page" >"$d/broken-image.html"
/usr/bin/python3 "$here/check_page.py" "$d/broken-image.html" "$tmp/shot2.png" >"$tmp/browser" 2>&1 &&
    fail "a missing picture passed the browser check: $(cat "$tmp/browser")"
grep -q 'image not decoded: stripes-x99.png' "$tmp/browser" || fail "missing picture: $(cat "$tmp/browser")"
sed 's|</body>|<script>console.error("broken on purpose")</script></body>|' "$page" >"$d/console-error.html"
/usr/bin/python3 "$here/check_page.py" "$d/console-error.html" "$tmp/shot3.png" >"$tmp/browser" 2>&1 &&
    fail "a console error passed the browser check: $(cat "$tmp/browser")"
grep -q 'FAIL: console: broken on purpose' "$tmp/browser" || fail "console error: $(cat "$tmp/browser")"

[ "$failures" = 0 ] || exit 1
echo "demo page: all checks passed"
