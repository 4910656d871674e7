// --auto-orient: one wording of the warning, so that every command says the same about a photo used
// as stored.
#include "cli/options/orientation_option.hpp"

#include <fmt/format.h>

#include "cli/report/diagnostics.hpp"
#include "core/image/orientation.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

/// What an EXIF orientation asks for, in words.
const char* orientation_text(int orientation) {
    static const char* const texts[] = {"as stored",          "mirrored left-right",
                                        "turned 180 degrees", "mirrored top-bottom",
                                        "transposed",         "turned 90 degrees clockwise to be upright",
                                        "transversed",        "turned 90 degrees anticlockwise to be upright"};
    return orientation >= 1 && orientation <= 8 ? texts[orientation - 1] : "unknown";
}

}  // namespace

void add_auto_orient_flag(CLI::App& app, bool& auto_orient) {
    app.add_flag("--auto-orient", auto_orient,
                 "Turn each image upright from its EXIF orientation first. Read from JPEG, PNG eXIf, WebP and TIFF, as "
                 "ImageMagick's -auto-orient does; HxW options then count the upright rows and columns. Without it "
                 "the stored pixels are used, with a warning for an image whose orientation is not 1");
}

core::Image oriented_image(std::string_view file, core::Image stored, int orientation, bool auto_orient,
                           std::vector<std::string>& warnings) {
    if (auto_orient) return core::upright(stored, orientation);
    if (orientation != 1)
        warnings.push_back(warning_line(fmt::format(
            "{}: EXIF orientation {} ({}) is not applied: the stored pixels are used{}; --auto-orient turns them upright",
            io::quoted_text(file), orientation, orientation_text(orientation),
            core::orientation_swaps_axes(orientation) ? ", and HxW options count their rows and columns (the picture's "
                                                        "columns and rows)"
                                                      : "")));
    return stored;
}

}  // namespace tconv::cli
