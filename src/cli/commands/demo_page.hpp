// The page `tconv demo` writes beside its pictures (DIR/index.html): one self-contained HTML file
// that walks through the article with relative links only, readable without scripts or network.
#pragma once
#include <string>
#include <vector>

#include "core/geometry/extent.hpp"

namespace tconv::cli {

/// One picture on the page: its file name (relative to the page), its size in pixels, its alt text.
struct PageImage {
    std::string file;
    core::Extent2 size;
    std::string alt;
};

/// One demo: what was typed, what it gives, and why.
struct PageDemo {
    std::string name;
    std::string command;      ///< "tconv article.png -f 3 -s 4 ... -o stripes.png"
    std::string formula;      ///< the filled-in output size formula
    std::string ratio;        ///< "kernel 3 / stride 4 = 0.75"
    std::string score;        ///< the checkerboard score, as tconv overlap words it
    std::string explanation;  ///< what to look at
    PageImage output;         ///< the enlarged output
    PageImage overlap;        ///< the enlarged overlap map
};

/// Everything the page shows, in order.
struct DemoPage {
    PageImage input;
    std::string input_colours;
    std::vector<PageDemo> demos;
    std::string animation_command;
    PageImage animation;
    std::string compare_command;
    std::string compare_scores;
    PageImage compare_sheet;
    PageImage contact_sheet;
};

/// The page as HTML5 text (UTF-8, inline CSS, no script, no external resource): every text is
/// escaped, every picture an <img> with its width, height and alt.
std::string demo_page_html(const DemoPage& page);

}  // namespace tconv::cli
