// The ways the fast transposed convolution can compute a row, as a value the planner chooses once per
// image and a user or a test can print or force. Every strategy gives the same pixels wherever it
// applies (the float ones up to float-vs-double rounding at exact halves for non-dyadic weights). The
// float and fixed-point ones take 8-bit samples only; 16-bit samples are summed in double.
#pragma once
#include <array>
#include <optional>
#include <string_view>

namespace tconv::core {

enum class ConvStrategy {
    Replicate,        ///< every output pixel a copy of at most one input pixel: byte shuffles, no arithmetic
    FixedPoint,       ///< rank 1 with small dyadic factors: exact 16-bit integer sums
    FloatSeparable,   ///< rank 1: filtered float rows combined per output row
    Dense,            ///< any kernel: per-phase float sums of the dense kernel
    DoubleSeparable,  ///< rank 1: filtered double rows combined per output row (any depth; chosen at 16 bits)
    DoubleDense,      ///< any kernel: per-phase double sums of the dense kernel (any depth; chosen at 16 bits)
    Scatter,          ///< the literal article scatter in double (the reference; never chosen on its own)
};

/// Every strategy, fastest first: the planner's order.
inline constexpr std::array<ConvStrategy, 7> all_conv_strategies{
    ConvStrategy::Replicate,       ConvStrategy::FixedPoint,  ConvStrategy::FloatSeparable, ConvStrategy::Dense,
    ConvStrategy::DoubleSeparable, ConvStrategy::DoubleDense, ConvStrategy::Scatter};

/// "replicate", "fixed-point", "float-separable", "dense", "double-separable", "double-dense", "scatter".
std::string_view strategy_name(ConvStrategy strategy);

/// What a run computes, apart from how: quantised pixels, by a row strategy; real-valued sums in
/// double left unrounded (.npy output, premultiplied alpha), by RealConvolver; a trained
/// layer's channels, by LayerConvolver. Only pixels have a ConvStrategy.
enum class ResultKind { Pixels, RealSums, LayerChannels };

/// "pixels", "real", "layer": the names -v and --json give the kinds without a row strategy.
std::string_view result_kind_name(ResultKind kind);

/// The pixel strategy of that name (as strategy_name writes it), or nothing.
std::optional<ConvStrategy> parse_strategy_name(std::string_view name);

}  // namespace tconv::core
