// Strategy names: one table for printing and parsing.
#include "core/conv/conv_strategy.hpp"

namespace tconv::core {

std::string_view strategy_name(ConvStrategy strategy) {
    switch (strategy) {
        case ConvStrategy::Replicate: return "replicate";
        case ConvStrategy::FixedPoint: return "fixed-point";
        case ConvStrategy::FloatSeparable: return "float-separable";
        case ConvStrategy::Dense: return "dense";
        case ConvStrategy::DoubleSeparable: return "double-separable";
        case ConvStrategy::DoubleDense: return "double-dense";
        case ConvStrategy::Scatter: return "scatter";
    }
    return "?";
}

std::string_view result_kind_name(ResultKind kind) {
    switch (kind) {
        case ResultKind::Pixels: return "pixels";
        case ResultKind::RealSums: return "real";
        case ResultKind::LayerChannels: return "layer";
    }
    return "?";
}

std::optional<ConvStrategy> parse_strategy_name(std::string_view name) {
    for (const ConvStrategy s : all_conv_strategies)
        if (strategy_name(s) == name) return s;
    return std::nullopt;
}

}  // namespace tconv::core
