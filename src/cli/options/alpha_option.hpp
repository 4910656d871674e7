// --alpha: whether alpha is one more channel (straight) or weights the colours (premultiplied), and
// which of the two a job takes when --alpha is not given.
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace tconv::cli {

/// The alpha rule a job applies to its inputs with alpha, and why, for -v.
struct AlphaPlan {
    bool premultiplied = false;
    bool given = false;  ///< chosen by --alpha, not by default
    std::string why;     ///< "--alpha premultiplied", "--scale's default", ...
};

/// Adds --alpha straight|premultiplied to `app`; the text goes to `text` (left empty unless given).
void add_alpha_option(CLI::App& app, std::string& text);

/// The alpha rule of a job: `text` as given to --alpha, else premultiplied for --scale (`scale`: --scale
/// given), which resizes as ImageMagick and vips do, and straight otherwise, the article's literal
/// convolution. Throws UsageError naming --alpha for a text other than "", "straight" or "premultiplied".
AlphaPlan plan_alpha(const std::string& text, bool scale);

}  // namespace tconv::cli
