// --alpha: the option's help states the rule, since it is what a user compares with other tools.
#include "cli/options/alpha_option.hpp"

#include "cli/options/usage_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {

void add_alpha_option(CLI::App& app, std::string& text) {
    app.add_option("--alpha", text,
                   "How alpha is treated: straight or premultiplied. Straight: alpha is convolved as one more channel, as "
                   "the article and PyTorch's groups=C do (--scale with straight equals F.interpolate on all four "
                   "channels); premultiplied: colours are multiplied by alpha/MAX before the convolution and divided "
                   "by the convolved alpha after (0 where it is 0), so colours hidden under transparent pixels do not "
                   "bleed into visible ones and a white shape stays white at its soft edge, as ImageMagick's -resize "
                   "and vips resize; inputs without alpha are convolved as with straight. Without it: premultiplied "
                   "with --scale, straight otherwise")
        ->type_name("straight|premultiplied");
}

AlphaPlan plan_alpha(const std::string& text, bool scale) {
    if (text == "straight") return {false, true, "--alpha straight"};
    if (text == "premultiplied") return {true, true, "--alpha premultiplied"};
    if (!text.empty()) throw UsageError("--alpha " + io::quoted_text(text), "unknown mode (straight, premultiplied)");
    return scale ? AlphaPlan{true, false, "--scale's default"} : AlphaPlan{false, false, "the default without --scale"};
}

}  // namespace tconv::cli
