// Sizes asked for instead of computed: the output padding that reaches a wanted output size
// (PyTorch's ConvTranspose2d.forward(output_size) rule), and the forward convolution's size.
#pragma once
#include <cstdint>

#include "core/geometry/output_shape.hpp"

namespace tconv::core {

/// The output sizes one axis can reach by output padding 0 .. stride-1: [min, min + stride - 1].
struct SizeRange {
    std::int64_t min = 0;
    std::int64_t max = 0;
};

/// The reachable output sizes of both axes.
struct ReachableSizes {
    SizeRange rows;
    SizeRange cols;
};

/// The reachable output sizes of each axis of `geometry` (its output_padding ignored) for input `in`.
/// Throws InvalidParams (axis named) as plan_output_shape does, e.g. when even the largest is < 1.
ReachableSizes reachable_output_sizes(Extent2 in, const Geometry& geometry);

/// The output padding that makes plan_output_shape(in, g) give exactly `wanted`, g being `geometry`
/// with that output padding; PyTorch's rule: wanted must lie in [min, min + stride - 1] per axis,
/// min being the size with output padding 0. Throws InvalidParams naming the axis and the range.
Extent2 solve_output_padding(Extent2 in, const Geometry& geometry, Extent2 wanted);

/// plan_output_shape(in, geometry) with the output padding that solve_output_padding finds for
/// `wanted`. Throws InvalidParams as both do.
OutputShape plan_output_shape_to_size(Extent2 in, Geometry geometry, Extent2 wanted);

/// One axis of the forward convolution this transposed convolution is the transpose of (the
/// article's first formula): out = 1 + (in + pad_begin + pad_end - k_eff) / stride, integer
/// division; `remainder` input rows/cols are not covered, and output padding restores them.
struct ConvAxisSize {
    std::int64_t in = 0;
    std::int64_t kernel = 0;
    std::int64_t dilation = 1;
    std::int64_t k_eff = 0;  ///< dilation*(kernel-1)+1
    std::int64_t pad_begin = 0;
    std::int64_t pad_end = 0;
    std::int64_t stride = 1;
    std::int64_t out = 0;
    std::int64_t remainder = 0;
};

/// Both axes of the forward convolution.
struct ConvSize {
    ConvAxisSize rows;
    ConvAxisSize cols;
};

/// The forward convolution of an input `in` under `geometry`, whose padding must be explicit (P,
/// PHxPW or t,l,b,r). Throws InvalidParams for valid/same padding or when the padded input is
/// smaller than the effective kernel (axis named).
ConvSize forward_conv_size(Extent2 in, const Geometry& geometry);

}  // namespace tconv::core
