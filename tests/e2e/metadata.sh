# Metadata carried from input to output, checked by PIL (check_metadata.py) and ImageMagick, not by
# tconv: the ICC profile byte for byte, EXIF (orientation, pixel size), resolution, gAMA/cHRM/sRGB,
# for every output format; one warning naming what a format cannot hold; --strip; --auto-orient.
# Inputs from tests/reference/make_metadata_fixtures.py (PIL).
# usage: bash metadata.sh TCONV SOURCE_DIR
tconv=$1
src=$2
. "$src/tests/e2e/e2e_lib.bash"
cd "$work" || exit 1
m=$fixtures/metadata
romm=$m/rommrgb.icc
cp "$m"/icc_exif_phys.png "$m"/srgb.png "$m"/icc_exif.jpg "$m"/split_icc.jpg "$m"/cmyk_icc.jpg "$m"/icc_exif.webp "$m"/icc_res.tif .
check() { /usr/bin/python3 "$e2e_dir/check_metadata.py" "$@" || fail "metadata of $1 as PIL reads it"; }
not_applied='^tconv: warning: [a-z_.]*: EXIF orientation 6 .* is not applied: the stored pixels are used, and HxW options count their rows and columns \(the picture.s columns and rows\); --auto-orient turns them upright$'
# expect_warnings PATTERN...: stderr holds exactly these lines, in order, each matching its pattern.
expect_warnings() {
    local lines
    mapfile -t lines <"$work/.cap/stderr"
    [ "${#lines[@]}" = $# ] || { fail "stderr has ${#lines[@]} lines, expected $#"; show_streams; return; }
    local i=0
    for pattern in "$@"; do
        [[ ${lines[$i]} =~ $pattern ]] || { fail "stderr line $((i + 1)) is not /$pattern/"; show_streams; }
        i=$((i + 1))
    done
}
geometry=(-f 2 -s 2 -k ones)  # 3x5 -> 6x10

case_ "PNG to PNG: iCCP byte for byte, gAMA, cHRM, pHYs, eXIf with the output's pixel size"
run icc_exif_phys.png "${geometry[@]}" -o out.png
expect_rc 0
expect_warnings "$not_applied"
check out.png icc="$romm" orientation=6 exif_size=10x6 dpi=300 gamma=0.45455 chroma=yes srgb=none
convert out.png icc:im.icc && cmp -s im.icc "$romm" || fail "ImageMagick does not read the same profile from out.png"
[ "$(identify -format '%x %y %U' out.png | awk '{printf "%.2f %.2f %s", $1, $2, $3}')" = "118.11 118.11 PixelsPerCentimeter" ] ||
    fail "ImageMagick's resolution of out.png"

case_ "PNG sRGB to PNG: sRGB with its gAMA and cHRM"
run srgb.png "${geometry[@]}" -o srgb_out.png
expect_rc 0
expect_stderr_empty
check srgb_out.png srgb=0 gamma=0.45455 chroma=yes icc=none orientation=none dpi=none

case_ "PNG to JPEG, WebP, TIFF: what each holds, and one warning for the rest"
run icc_exif_phys.png "${geometry[@]}" -o out.jpg
expect_rc 0
expect_warnings "$not_applied" "^tconv: warning: out.jpg: dropped the input's sRGB/gAMA/cHRM chunks, which JPEG cannot hold \(--strip drops metadata without a warning\)$"
check out.jpg icc="$romm" orientation=6 exif_size=10x6 dpi=300 gamma=none
convert out.jpg icc:im.icc && cmp -s im.icc "$romm" || fail "ImageMagick does not read the same profile from out.jpg"
[ "$(identify -format '%x %y %[EXIF:Orientation]' out.jpg)" = "300 300 6" ] || fail "ImageMagick's density or orientation of out.jpg"
run icc_exif_phys.png "${geometry[@]}" -o out.webp
expect_rc 0
expect_warnings "$not_applied" "^tconv: warning: out.webp: dropped the input's sRGB/gAMA/cHRM chunks and resolution, which WebP cannot hold"
check out.webp icc="$romm" orientation=6 exif_size=10x6
convert out.webp icc:im.icc && cmp -s im.icc "$romm" || fail "ImageMagick does not read the same profile from out.webp"
run icc_exif_phys.png "${geometry[@]}" -o out.tif
expect_rc 0
expect_warnings "$not_applied" "^tconv: warning: out.tif: dropped the input's sRGB/gAMA/cHRM chunks and EXIF, which TIFF cannot hold"
check out.tif icc="$romm" orientation=6 dpi=300
convert out.tif icc:im.icc && cmp -s im.icc "$romm" || fail "ImageMagick does not read the same profile from out.tif"

case_ "PNG to BMP: the resolution alone; to PNM: nothing; what is dropped in one line"
run icc_exif_phys.png "${geometry[@]}" -o out.bmp
expect_rc 0
expect_warnings "$not_applied" "^tconv: warning: out.bmp: dropped the input's ICC profile, sRGB/gAMA/cHRM chunks, EXIF and orientation, which BMP cannot hold \(--strip drops metadata without a warning\)$"
check out.bmp dpi=300
run icc_exif_phys.png "${geometry[@]}" -o out.ppm
expect_rc 0
expect_warnings "$not_applied" "^tconv: warning: out.ppm: dropped the input's ICC profile, sRGB/gAMA/cHRM chunks, EXIF, resolution and orientation, which PNM cannot hold \(--strip drops metadata without a warning\)$"
run icc_exif.jpg "${geometry[@]}" --strip -o s_jpg.bmp
expect_rc 0
check s_jpg.bmp dpi=72

case_ "JPEG: a profile in two APP2 segments in reverse order comes out whole"
run split_icc.jpg "${geometry[@]}" -o split.png
expect_rc 0
check split.png icc="$romm" orientation=6 dpi=300
run icc_exif.jpg "${geometry[@]}" -o jpg.webp
expect_rc 0
expect_warnings "$not_applied" "^tconv: warning: jpg.webp: dropped the input's resolution, which WebP cannot hold"
check jpg.webp icc="$romm" orientation=6 exif_size=10x6

case_ "CMYK JPEG: its CMYK profile does not describe the RGB written, dropped with a warning"
run cmyk_icc.jpg -f 1 -s 1 -o cmyk.png
expect_rc 0
expect_warnings "^tconv: warning: cmyk.png: dropped the input's ICC profile, which is for CMYK and the pixels written are RGB$"
check cmyk.png icc=none

case_ "WebP and TIFF to themselves"
run icc_exif.webp "${geometry[@]}" -o webp.webp
expect_rc 0
expect_warnings "$not_applied"
check webp.webp icc="$romm" orientation=6 exif_size=10x6
run icc_res.tif "${geometry[@]}" -o tif.tif
expect_rc 0
expect_warnings "$not_applied"
check tif.tif icc="$romm" orientation=6 dpi=300

case_ "TIFF's Orientation tag goes into the EXIF of PNG, JPEG and WebP, as vips writes it"
run icc_res.tif "${geometry[@]}" -o tif.png
expect_rc 0
expect_warnings "$not_applied"
check tif.png icc="$romm" orientation=6 dpi=300
run icc_res.tif "${geometry[@]}" -o tif.jpg
expect_rc 0
expect_warnings "$not_applied"
check tif.jpg icc="$romm" orientation=6 dpi=300
run icc_res.tif "${geometry[@]}" -o tif.webp
expect_rc 0
expect_warnings "$not_applied" "^tconv: warning: tif.webp: dropped the input's resolution, which WebP cannot hold"
check tif.webp icc="$romm" orientation=6

case_ "JPEG: an ICC profile of 255 APP2 segments is kept whole, a larger one dropped with a warning"
# ROMM-RGB's header padded with zeros to 255 * 65519 bytes (the most 255 segments hold) and one more.
/usr/bin/python3 - "$romm" <<'EOF' || fail "making the large-profile inputs"
import sys
from PIL import Image
romm = open(sys.argv[1], "rb").read()
for name, size in (("icc_max", 255 * 65519), ("icc_over", 255 * 65519 + 1)):
    profile = romm + bytes(size - len(romm))
    open(name + ".icc", "wb").write(profile)
    Image.new("RGB", (5, 3), (200, 100, 50)).save(name + ".png", icc_profile=profile)
EOF
run icc_max.png -f 1 -s 1 -o icc_max.jpg
expect_rc 0
expect_stderr_empty
check icc_max.jpg icc=icc_max.icc
run icc_over.png -f 1 -s 1 -o icc_over.jpg
expect_rc 0
expect_warnings "^tconv: warning: icc_over.jpg: dropped the input's ICC profile \\(over the 16707345 bytes of 255 APP2 segments\\), which JPEG cannot hold \\(--strip drops metadata without a warning\\)$"
check icc_over.jpg icc=none

case_ "--auto-orient: upright pixels, EXIF orientation 1 and the upright size"
for out in up.png up.jpg up.webp; do
    run icc_exif_phys.png "${geometry[@]}" --auto-orient -o $out
    expect_rc 0
    check $out icc="$romm" orientation=1 exif_size=6x10
done
expect_warnings "^tconv: warning: up.webp: dropped the input's sRGB/gAMA/cHRM chunks and resolution, which WebP cannot hold"
[ "$(identify -format '%w %h %[EXIF:Orientation]' up.jpg 2>/dev/null)" = "6 10 1" ] || fail "ImageMagick's size or orientation of up.jpg"
run icc_res.tif "${geometry[@]}" --auto-orient -o up.tif
expect_rc 0
expect_stderr_empty
check up.tif icc="$romm" orientation=1 dpi=300

case_ "--strip: no metadata in any format, and no warning about it"
for out in s.png s.jpg s.webp s.tif s.bmp; do
    run icc_exif_phys.png "${geometry[@]}" --strip -o $out
    expect_rc 0
    expect_warnings "$not_applied"
done
check s.png icc=none orientation=none dpi=none gamma=none chroma=none srgb=none
check s.jpg icc=none orientation=none dpi=none
check s.webp icc=none orientation=none
check s.tif icc=none orientation=1 dpi=none
run srgb.png "${geometry[@]}" --strip -o s_srgb.png
expect_rc 0
check s_srgb.png srgb=none gamma=none chroma=none
run icc_res.tif "${geometry[@]}" --strip -o s_tif.jpg
expect_rc 0
check s_tif.jpg icc=none orientation=none dpi=none

case_ "the teaching pictures carry none"
run compare icc_exif_phys.png -f 2 -s 2 -o sheet.png
expect_rc 0
check sheet.png icc=none orientation=none dpi=none

finish
