// The names of the --range forms.
#include "core/image/sample_range.hpp"

namespace tconv::core {

std::optional<SampleRange> parse_sample_range(std::string_view text) {
    if (text == "0,255") return SampleRange::Samples;
    if (text == "0,1") return SampleRange::Unit;
    if (text == "-1,1") return SampleRange::Signed;
    return std::nullopt;
}

std::string_view sample_range_name(SampleRange range) {
    switch (range) {
        case SampleRange::Unit: return "0,1";
        case SampleRange::Signed: return "-1,1";
        case SampleRange::Samples: break;
    }
    return "0,255";
}

}  // namespace tconv::core
