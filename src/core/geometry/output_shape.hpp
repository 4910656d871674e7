// The output-size arithmetic of a transposed convolution, per axis, overflow-checked in 64 bits.
// Numeric and four-number padding follow PyTorch/ONNX; `valid`/`same` follow Keras Conv2DTranspose.
#pragma once
#include <cstdint>
#include <optional>

#include "core/geometry/edge_mode.hpp"
#include "core/geometry/extent.hpp"

namespace tconv::core {

/// How the padding was given. Explicit covers PyTorch's P / PHxPW and ONNX's t,l,b,r.
enum class PaddingMode { Explicit, Valid, Same };

/// Padding as the user gave it. For Explicit, top/left are cropped at the start of each axis and
/// bottom/right at the end (P means top = bottom = left = right = P).
struct Padding {
    PaddingMode mode = PaddingMode::Explicit;
    std::int64_t top = 0, left = 0, bottom = 0, right = 0;
    friend bool operator==(const Padding&, const Padding&) = default;
};

/// Everything that fixes the geometry of the operation (not the kernel values).
struct Geometry {
    Extent2 kernel{3, 3};
    Extent2 stride{1, 1};
    Extent2 dilation{1, 1};
    Padding padding{};
    /// Absent means 0 for explicit padding and Keras' default for valid/same.
    std::optional<Extent2> output_padding{};
    /// How the input is extended beyond its borders: changes pixels near them, never the size.
    EdgeMode edge = EdgeMode::Zero;
};

/// One axis of the plan. The full scatter buffer has `full = (in-1)*stride + k_eff` entries; the
/// output is the window that starts `crop_begin` into it and has `out` entries, reading zeros past
/// its end. Invariant: out = full - crop_begin - crop_end + output_padding, all terms >= 0.
struct AxisShape {
    std::int64_t in = 0;
    std::int64_t kernel = 0;
    std::int64_t stride = 1;
    std::int64_t dilation = 1;
    std::int64_t k_eff = 0;           ///< dilation*(kernel-1)+1
    std::int64_t full = 0;            ///< (in-1)*stride + k_eff
    std::int64_t crop_begin = 0;      ///< dropped at the start of the full buffer
    std::int64_t crop_end = 0;        ///< dropped at its end
    std::int64_t output_padding = 0;  ///< added at the end (zeros past the full buffer)
    std::int64_t out = 0;
    friend bool operator==(const AxisShape&, const AxisShape&) = default;
};

/// The validated output geometry of both axes.
struct OutputShape {
    AxisShape rows;
    AxisShape cols;
    EdgeMode edge = EdgeMode::Zero;  ///< the geometry's: how the input extends beyond its borders
    Extent2 out() const { return {rows.out, cols.out}; }
    Extent2 in() const { return {rows.in, cols.in}; }
};

/// Plans one axis. `pad_begin`/`pad_end` are used for PaddingMode::Explicit only.
/// out = (in - 1) * stride - pad_begin - pad_end + dilation * (kernel - 1) + output_padding + 1.
/// Throws InvalidParams when in, kernel, stride or dilation < 1, a padding or output padding is
/// negative, output_padding >= max(stride, dilation), the output is < 1, or a size overflows 64 bits.
AxisShape plan_axis(std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t dilation, PaddingMode mode,
                    std::int64_t pad_begin, std::int64_t pad_end, std::optional<std::int64_t> output_padding);

/// Checks what does not depend on the input size (kernel, stride, dilation >= 1, paddings >= 0,
/// output_padding < max(stride, dilation)) so that a bad option fails before any file is read.
/// Throws InvalidParams naming the axis.
void validate_geometry(const Geometry& geometry);

/// Plans both axes of an input of `in` (rows x columns) under `geometry`; throws as plan_axis, with
/// the axis named in the message.
OutputShape plan_output_shape(Extent2 in, const Geometry& geometry);

}  // namespace tconv::core
