// The main job's options: what each means, its default and its range, declared on the parser.
#include <cstdint>

#include <fmt/format.h>

#include "cli/commands/run_command.hpp"
#include "cli/options/alpha_option.hpp"
#include "cli/options/help_formatter.hpp"
#include "cli/options/integer_option.hpp"
#include "cli/options/layer_options.hpp"
#include "cli/options/max_work_option.hpp"
#include "cli/options/output_size_option.hpp"
#include "cli/options/strategy_option.hpp"
#include "cli/options/write_options.hpp"
#include "io/input/image_file.hpp"
#include "io/output/image_encoder.hpp"
#include "io/output/output_format.hpp"
#include "io/png/png_encoder.hpp"

namespace tconv::cli {

void add_run_options(CLI::App& app, RunOptions& o) {
    add_geometry_options(app, o.geometry);
    add_upsampling_options(app, o.geometry);
    add_output_size_option(app, o.output_size);
    app.add_option("INPUT", o.inputs,
                   fmt::format("Input images; - reads stdin. Formats, from the first bytes: {}. JPEG grey, RGB or "
                               "CMYK, baseline or progressive; an animation's first frame (GIF, APNG, WebP), a TIFF's first "
                               "image; .npy arrays of shape (H, W) or (H, W, C) whose values are samples 0..255 (floats "
                               "rounded half away from zero).",
                               io::readable_formats) +
                       " 16-bit PNG, PNM (max value over 255, scaled to 0..65535) and grey or RGB TIFF (float TIFF "
                       "samples 0..1 too) are convolved at 16 bits (samples 0..65535, sums clamped to 65535); 16-bit "
                       "palette, CMYK and YCbCr TIFFs keep their high byte, with a warning. The ICC profile, PNG "
                       "sRGB/gAMA/cHRM, EXIF and resolution are carried to the output (see --strip)")
        ->type_name("FILE");
    app.add_option("-o,--output", o.output,
                   "Output file, or a template naming one per input. A file for a single input (- writes it to stdout), "
                   "its format from its extension; a template names one per input from its path: {stem}, {name} (file name), "
                   "{dir} (its directory), "
                   "{ext} (extension without the dot), e.g. 'out/{dir}/{stem}_x2.png'; directories are not created. A "
                   "file appears whole or not at all (an existing one keeps its mode); a symlink is written through; a "
                   "device, FIFO or socket (/dev/null, /dev/stdout) is written in place (as PNG unless --format says)")
        ->type_name("FILE|TEMPLATE");
    app.add_option("-d,--out-dir", o.out_dir,
                   "Output directory for any number of inputs. DIR/STEM.png, or DIR/STEM.EXT with --format")
        ->type_name("DIR");
    app.add_option("--format", o.format,
                   "Output format, overriding the extensions. What -o - and -d write; case-insensitive: png, jpg/jpeg, webp, "
                   "tif/tiff, bmp, tga, ppm/pgm/pnm (binary, grey or RGB), "
                   "pam, or npy (float32 (H, W, C): the sums before clamping and rounding, for comparing with a "
                   "framework). A format that cannot hold the image's alpha (JPEG, PNM) drops it with a warning; grey is "
                   "written as RGB where a format has no grey (WebP, BMP). PNG, TIFF, PNM and PAM hold 16 bits; "
                   "JPEG, WebP, BMP and TGA get a 16-bit result reduced to 8 bits, with a warning")
        ->type_name("png|jpg|jpeg|webp|tif|tiff|bmp|tga|ppm|pgm|pnm|pam|npy")
        ->default_str(io::output_extension(io::OutputFormat::png));
    app.add_option("--depth", o.depth,
                   "Bits per sample written: 8 or 16. Without it: the input's, where the format holds it. 16 -> 8 is "
                   "round(v * 255 / 65535) of the 16-bit result (half away from zero); 8 -> 16 writes v * 257. 16 "
                   "needs PNG, TIFF, PNM or PAM")
        ->type_name("8|16")
        ->transform(decimal_integer(8, 16));
    app.add_option("--quality", o.quality, "JPEG and lossy WebP quality")
        ->type_name("1-100")
        ->default_str(std::to_string(io::default_quality))
        ->transform(decimal_integer(io::min_quality, io::max_quality));
    app.add_flag("--lossless", o.lossless, "WebP: lossless (every pixel kept) instead of lossy at --quality");
    app.add_flag("--auto-orient", o.auto_orient,
                 "Turn each input upright from its EXIF orientation first. Read from JPEG, PNG eXIf, WebP and TIFF, as "
                 "ImageMagick's -auto-orient and vips autorot do; the output's EXIF then says orientation 1, and HxW "
                 "options count the upright rows and columns. Without it the stored pixels are used, with a warning for an input "
                 "whose orientation "
                 "is not 1, and the output keeps the orientation (in its EXIF, or TIFF's tag) unless --strip");
    app.add_flag("--strip", o.strip,
                 "Write no metadata (ImageMagick's -strip). Without it each output keeps what its format can hold of "
                 "the input's: the ICC profile (PNG iCCP, JPEG APP2, WebP ICCP, TIFF tag 34675; dropped when its "
                 "colour space is not the pixels', e.g. a CMYK JPEG's), PNG sRGB/gAMA/cHRM (PNG only), EXIF (PNG "
                 "eXIf, JPEG APP1, WebP EXIF; a TIFF's own tags are not EXIF and are not carried; PixelXDimension/"
                 "PixelYDimension set to the output size, Orientation 1 with --auto-orient), and the resolution (PNG "
                 "pHYs, JPEG JFIF density, TIFF XResolution/YResolution, BMP pixels per metre), kept unchanged as "
                 "ImageMagick and vips keep it: an output S times larger prints S times larger. What the output format "
                 "cannot hold (TGA, PNM, PAM and .npy hold none of it) is dropped with one warning line");
    app.add_option("--files-from", o.files_from, "Read input paths from FILE (- for stdin), one per line")->type_name("FILE");
    app.add_flag("-0,--null", o.null_separated, "With --files-from: paths are NUL-separated (find -print0)");
    app.add_flag("--json", o.json, "One JSON object per input on stdout instead of the human line");
    app.add_flag("-q,--quiet", o.quiet, "No report, warnings or progress; errors are still printed");
    app.add_flag("-v,--verbose", o.verbose,
                 "Name the convolution strategy of each input, and why. After each input's report, one line on stderr: 'tconv: "
                 "FILE: strategy NAME (KERNEL, stride S: REASON)' (-q wins: nothing)");
    add_layer_options(app, o.layer);
    add_strategy_option(app, o.strategy);
    add_alpha_option(app, o.alpha);
    add_write_options(app, o.write);
    app.add_option("-j,--jobs", o.jobs, "Worker threads")
        ->type_name("N")
        ->default_str(all_cores_text)
        ->transform(decimal_integer(1, 1024));
    app.add_option("--max-pixels", o.max_pixels,
                   "Refuse images of more pixels than this. An input from its header before any pixel is decoded, an "
                   "output before it is made. A pixel holding more than 4 bytes (8-bit RGBA) "
                   "counts as its bytes / 4: 16-bit RGB and RGBA, .npy's float32 values, --layer's C_out channels "
                   "(as .npy or --feature-maps values); a --feature-maps sheet counts as an image of its own. A PNG "
                   "whose compressed image data passes 16 times what its rows inflate to, plus 64 KiB, is refused "
                   "there too (a decompression bomb). The default is 1 GiB of 8-bit RGBA")
        ->type_name("N")
        ->capture_default_str()
        ->transform(decimal_integer(1, std::uint64_t{1} << 40));
    add_max_work_option(app, o.max_work);
    app.add_option("--compression", o.compression,
                   "How hard PNG output is compressed. 0 stores (uncompressed); 1-2 compress with ISA-L on every thread (2, the "
                   "default, favours speed and tries every row filter); 3-12 try every row filter and compress "
                   "with libdeflate on one thread for smaller files, 12 the smallest and slowest")
        ->type_name("0-12")
        ->capture_default_str()
        ->transform(decimal_integer(io::min_png_compression, io::max_png_compression));
}

}  // namespace tconv::cli
