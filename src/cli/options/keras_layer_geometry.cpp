// keras_layer_geometry: the config's values mapped one to one onto tconv's valid/same geometry,
// which follows Keras' output size and split of the padding.
#include "cli/options/keras_layer_geometry.hpp"

#include <fmt/format.h>

#include "cli/options/usage_error.hpp"
#include "cli/report/extent_text.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

bool given(const CLI::Option* option) { return option != nullptr && option->count() > 0; }

core::Extent2 pair_of(const std::vector<std::int64_t>& v) { return {v[0], v[1]}; }

}  // namespace

core::Geometry keras_layer_geometry(const io::KerasGeometry& k, const GeometryOptions& o, const core::Geometry& typed,
                                    const std::string& spec) {
    core::Geometry g = typed;
    g.stride = pair_of(k.strides);
    g.dilation = pair_of(k.dilation_rate);
    g.padding = {k.padding == "same" ? core::PaddingMode::Same : core::PaddingMode::Valid, 0, 0, 0, 0};
    g.output_padding = k.output_padding ? std::optional(pair_of(*k.output_padding)) : std::nullopt;
    if (given(o.declared.stride) && typed.stride != g.stride)
        throw UsageError("--stride",
                         fmt::format("the Keras layer has strides {}, --stride says {}", extent_text(g.stride), o.stride));
    if (given(o.declared.dilation) && typed.dilation != g.dilation)
        throw UsageError("--dilation", fmt::format("the Keras layer has dilation_rate {}, --dilation says {}",
                                                   extent_text(g.dilation), o.dilation));
    if (given(o.declared.padding) && typed.padding != g.padding)
        throw UsageError("--padding", fmt::format("the Keras layer has padding '{}', --padding says {}", k.padding, o.padding));
    if (given(o.declared.output_padding) && typed.output_padding != g.output_padding)
        throw UsageError(
            "--output-padding",
            fmt::format("the Keras layer has output_padding {}, --output-padding says {}",
                        g.output_padding ? extent_text(*g.output_padding) : "None (Keras' default)", o.output_padding));
    as_usage_error("--layer " + io::quoted_text(spec), [&] {
        core::validate_geometry(g);
        return 0;
    });
    return g;
}

}  // namespace tconv::cli
