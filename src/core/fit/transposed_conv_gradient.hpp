// Backpropagation through transposed_conv_float: the gradient of a loss with respect to the kernel
// and with respect to the input (the ordinary strided, dilated convolution, its adjoint).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/conv/tap_runs.hpp"
#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/float_plane.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// The weight gradient both fits use, for a transposed convolution with channel mixing (a trained
/// layer's: in_channels -> out_channels in `groups`; the kernel fit's is 1 -> 1): adds into `grad`
/// (PyTorch's weight layout (in_channels, out_channels / groups, kernel.h, kernel.w), row-major) the terms
/// from input rows `rows`:
///   grad[ci][k][a][b] += in(i, j, ci) * out_grad(i*sh + a*dh - crop_top, j*sw + b*dw - crop_left, co),
/// co = group(ci) * out_channels / groups + k, terms outside the output window left out. `in` holds
/// in_channels interleaved samples per pixel (shape.in()); `out_grad` = dL/dy laid out [y][co][x]
/// (shape.out()). Each input row's run of products is summed in T (float for the kernel fit, which keeps
/// ~7 significant digits over one image row, double for a layer), the runs added in double in ascending
/// row order: every weight sees its terms in that order, however the loops around it are nested.
template <class T>
void add_weight_gradient_rows(const T* in, const T* out_grad, const OutputShape& shape, int in_channels, int out_channels,
                              int groups, RowRange rows, std::span<double> grad) {
    const AxisShape& r = shape.rows;
    const AxisShape& c = shape.cols;
    const int in_per_group = in_channels / groups;
    const int out_per_group = out_channels / groups;
    const std::int64_t taps = r.kernel * c.kernel;
    for (std::int64_t i = rows.begin; i < rows.end; ++i)
        for (std::int64_t a = 0; a < r.kernel; ++a) {
            const std::int64_t y = i * r.stride + a * r.dilation - r.crop_begin;
            if (y < 0 || y >= r.out) continue;
            for (std::int64_t b = 0; b < c.kernel; ++b) {
                const TapSpan cs = tap_span(c, b);  // the input columns j whose output column is in the window
                if (cs.first >= cs.end) continue;
                for (int ci = 0; ci < in_channels; ++ci) {
                    const int g = ci / in_per_group;
                    const T* x_row = in + static_cast<std::size_t>((i * c.in + cs.first) * in_channels + ci);
                    for (int k = 0; k < out_per_group; ++k) {
                        const T* g_row = out_grad + static_cast<std::size_t>((y * out_channels + g * out_per_group + k) * c.out +
                                                                             cs.first_output);
                        T run = T(0);
                        for (std::int64_t j = 0; j < cs.end - cs.first; ++j) run += x_row[j * in_channels] * g_row[j * c.stride];
                        grad[static_cast<std::size_t>((ci * out_per_group + k) * taps + a * c.kernel + b)] +=
                            static_cast<double>(run);
                    }
                }
            }
        }
}

/// dL/dw for y = transposed_conv_float(in, w, shape), given out_grad = dL/dy (size shape.out()):
/// grad[a][b] = sum over i, j of in[i][j] * out_grad[i*sh + a*dh - crop_top][j*sw + b*dw - crop_left],
/// terms outside the output window left out. Returns shape.rows.kernel * shape.cols.kernel values,
/// row-major. Sums each row's run of products in float and the runs in double.
std::vector<double> transposed_conv_kernel_gradient(const FloatPlane& in, const FloatPlane& out_grad, const OutputShape& shape);

/// The terms of transposed_conv_kernel_gradient from input rows `rows` only, added into `grad`
/// (shape.rows.kernel * shape.cols.kernel values, row-major), in the same order: add_weight_gradient_rows
/// of one channel, in float.
void add_kernel_gradient_rows(const FloatPlane& in, const FloatPlane& out_grad, const OutputShape& shape, RowRange rows,
                              std::span<double> grad);

/// dL/dx for y = transposed_conv_float(x, kernel, shape), given out_grad = dL/dy: the convolution
/// (cross-correlation, PyTorch conv2d) of out_grad with the same kernel, same stride and dilation, whose
/// padding is the window's crop: grad[i][j] = sum over a, b of w[a][b] * out_grad[i*sh + a*dh - crop_top]
/// [j*sw + b*dw - crop_left]. It is the adjoint of the transposed convolution:
/// <transposed_conv_float(x), g> = <x, transposed_conv_input_gradient(g)> for all x, g. Size shape.in().
FloatPlane transposed_conv_input_gradient(const FloatPlane& out_grad, const Kernel& kernel, const OutputShape& shape);

}  // namespace tconv::core
