// --alpha: the option's help states the rule, since it is what a user compares with other tools.
#include "cli/alpha_option.hpp"

#include "cli/usage_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {

void add_alpha_option(CLI::App& app, std::string& text) {
    app.add_option("--alpha", text,
                   "straight: alpha is convolved as one more channel, as the article and PyTorch's groups=C do. "
                   "premultiplied: colours are multiplied by alpha/MAX before the convolution and divided by the "
                   "convolved alpha after (0 where it is 0), so colours hidden under transparent pixels do not bleed "
                   "into visible ones, as vips and ImageMagick resize; inputs without alpha are convolved as with "
                   "straight [default: straight]")
        ->type_name("straight|premultiplied");
}

bool parse_alpha_option(const std::string& text) {
    if (text == "straight") return false;
    if (text == "premultiplied") return true;
    throw UsageError("--alpha " + io::quoted_text(text), "unknown mode (straight, premultiplied)");
}

}  // namespace tconv::cli
