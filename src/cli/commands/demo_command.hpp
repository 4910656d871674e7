// `tconv demo`: the article's 4x4 colour image and its demos, written as PNGs with enlarged copies
// and a contact sheet, the sizes and formulas printed as it goes.
#pragma once
#include <CLI/CLI.hpp>

#include "cli/commands/command.hpp"

namespace tconv::cli {

/// Adds `demo [-d DIR]` to `parent`. Writes into DIR (default ".", created when missing):
/// article.png (the input), stripes.png (-f 3 -s 4 -p 0 --output-padding 1, 16x16), blocks.png
/// (-f 4 -s 4, 16x16), overlap.png (-f 5 -s 4, 17x17: neighbours add where kernels overlap), for
/// each of them NAME-xN.png (nearest xN, N = 256 / size, with grid lines of value 160 between
/// cells, see pictures::enlarge_with_grid) and NAME-counts-xN.png (its overlap map, enlarged alike),
/// contact-sheet.png, stripes-anim.png (tconv animate of the stripes demo, --zoom 16, one pixel per
/// frame), checkerboard-compare.png (tconv compare of k3 s2 with taps 0.5: score 4) and index.html
/// (DemoPage: every file above, relative links, no script). A file that cannot be written is reported
/// as "tconv: error: FILE: REASON" with exit 1.
Command add_demo_command(CLI::App& parent);

}  // namespace tconv::cli
