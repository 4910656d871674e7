// --range: how samples are mapped into the values a trained layer expects, and its outputs mapped back
// to samples (before clamping and rounding).
#pragma once
#include <optional>
#include <string_view>

namespace tconv::core {

enum class SampleRange {
    Samples,  ///< "0,255": samples as they are (the default)
    Unit,     ///< "0,1": x / MAX in, y * MAX out
    Signed,   ///< "-1,1": 2x / MAX - 1 in, (y + 1) * MAX / 2 out (GAN style)
};

/// "0,255", "0,1" or "-1,1", or nothing for any other text.
std::optional<SampleRange> parse_sample_range(std::string_view text);

/// The range's name as parse_sample_range reads it.
std::string_view sample_range_name(SampleRange range);

/// A sample 0..sample_max as the layer's input value.
inline double map_sample(double x, SampleRange range, double sample_max) {
    switch (range) {
        case SampleRange::Unit: return x / sample_max;
        case SampleRange::Signed: return 2.0 * x / sample_max - 1.0;
        case SampleRange::Samples: break;
    }
    return x;
}

/// A layer output value as a sample (still to be clamped and rounded).
inline double unmap_sample(double y, SampleRange range, double sample_max) {
    switch (range) {
        case SampleRange::Unit: return y * sample_max;
        case SampleRange::Signed: return (y + 1.0) * sample_max / 2.0;
        case SampleRange::Samples: break;
    }
    return y;
}

}  // namespace tconv::core
