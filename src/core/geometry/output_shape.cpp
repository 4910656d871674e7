// Output-size arithmetic: PyTorch/ONNX explicit padding and Keras valid/same, one rule per axis.
#include "core/geometry/output_shape.hpp"

#include <algorithm>
#include <string>

#include "core/errors.hpp"
#include "core/geometry/checked_math.hpp"

namespace tconv::core {
namespace {

void require_positive(std::int64_t v, const char* what) {
    if (v < 1) throw InvalidParams(std::string(what) + " must be >= 1, got " + std::to_string(v));
}

void check_axis(std::int64_t kernel, std::int64_t stride, std::int64_t dilation, std::int64_t pad_begin, std::int64_t pad_end,
                std::optional<std::int64_t> output_padding) {
    require_positive(kernel, "filter size");
    require_positive(stride, "stride");
    require_positive(dilation, "dilation");
    if (pad_begin < 0 || pad_end < 0) throw InvalidParams("padding must be >= 0");
    if (output_padding && *output_padding < 0) throw InvalidParams("output padding must be >= 0");
    const std::int64_t op_limit = std::max(stride, dilation);
    if (output_padding && *output_padding >= op_limit)
        throw InvalidParams("output padding " + std::to_string(*output_padding) +
                            " must be < max(stride, dilation) = " + std::to_string(op_limit));
}

template <class F>
auto per_axis(const char* name, F&& f) {
    try {
        return f();
    } catch (const InvalidParams& e) {
        throw InvalidParams(std::string(name) + ": " + e.what());
    }
}

}  // namespace

AxisShape plan_axis(std::int64_t in, std::int64_t kernel, std::int64_t stride, std::int64_t dilation, PaddingMode mode,
                    std::int64_t pad_begin, std::int64_t pad_end, std::optional<std::int64_t> output_padding) {
    require_positive(in, "input size");
    check_axis(kernel, stride, dilation, pad_begin, pad_end, output_padding);

    AxisShape a;
    a.in = in;
    a.kernel = kernel;
    a.stride = stride;
    a.dilation = dilation;
    a.k_eff = checked_add(checked_mul(dilation, kernel - 1), 1);
    a.full = checked_add(checked_mul(in - 1, stride), a.k_eff);

    if (mode == PaddingMode::Explicit) {
        a.crop_begin = pad_begin;
        a.crop_end = pad_end;
        a.output_padding = output_padding.value_or(0);
        a.out = checked_add(checked_sub(checked_sub(a.full, pad_begin), pad_end), a.output_padding);
    } else {
        // Keras Conv2DTranspose: the output length first, then the full buffer is cropped to it,
        // floor(P/2) at the start; a negative P appends zeros at the end.
        std::int64_t out = 0;
        if (mode == PaddingMode::Valid) {
            const std::int64_t op = output_padding.value_or(std::max(a.k_eff, stride) - a.k_eff);
            out = checked_add(checked_add(checked_mul(in - 1, stride), a.k_eff), op);
        } else if (output_padding) {
            out = checked_add(checked_add(checked_mul(in - 1, stride), a.k_eff % 2), *output_padding);
        } else {
            out = checked_mul(in, stride);
        }
        const std::int64_t p = a.full - out;
        a.crop_begin = p >= 0 ? p / 2 : 0;
        // Normalise to the invariant: what is left after the start crop is cut at the end, or, when
        // the output reaches past the full buffer, counts as output padding (zeros).
        const std::int64_t rest = a.full - a.crop_begin - out;
        a.crop_end = rest >= 0 ? rest : 0;
        a.output_padding = rest >= 0 ? 0 : -rest;
        a.out = out;
    }
    if (a.out < 1) {
        std::string why = "output size would be " + std::to_string(a.out) + " (must be >= 1)";
        // What crops it away: explicit padding is the only way below 1, and the term the user can change.
        if (mode == PaddingMode::Explicit)
            why += ": padding " + std::to_string(pad_begin) + " + " + std::to_string(pad_end) + " is more than the (" +
                   std::to_string(in) + " - 1) * " + std::to_string(stride) + " + " + std::to_string(a.k_eff) +
                   (a.output_padding > 0 ? " + " + std::to_string(a.output_padding) : "") + " = " +
                   std::to_string(a.full + a.output_padding) + " the input spreads to";
        throw InvalidParams(why);
    }
    return a;
}

namespace {

std::optional<std::int64_t> op_rows(const Geometry& g) {
    return g.output_padding ? std::optional(g.output_padding->h) : std::nullopt;
}
std::optional<std::int64_t> op_cols(const Geometry& g) {
    return g.output_padding ? std::optional(g.output_padding->w) : std::nullopt;
}

}  // namespace

void validate_geometry(const Geometry& g) {
    const auto& p = g.padding;
    per_axis("rows", [&] {
        check_axis(g.kernel.h, g.stride.h, g.dilation.h, p.top, p.bottom, op_rows(g));
        return 0;
    });
    per_axis("columns", [&] {
        check_axis(g.kernel.w, g.stride.w, g.dilation.w, p.left, p.right, op_cols(g));
        return 0;
    });
}

OutputShape plan_output_shape(Extent2 in, const Geometry& g) {
    const auto& p = g.padding;
    OutputShape s;
    s.rows = per_axis("rows",
                      [&] { return plan_axis(in.h, g.kernel.h, g.stride.h, g.dilation.h, p.mode, p.top, p.bottom, op_rows(g)); });
    s.cols = per_axis("columns",
                      [&] { return plan_axis(in.w, g.kernel.w, g.stride.w, g.dilation.w, p.mode, p.left, p.right, op_cols(g)); });
    s.edge = g.edge;
    return s;
}

}  // namespace tconv::core
