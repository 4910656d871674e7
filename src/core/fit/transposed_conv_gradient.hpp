// Backpropagation through transposed_conv_float: the gradient of a loss with respect to the kernel
// and with respect to the input (the ordinary strided, dilated convolution, its adjoint).
#pragma once
#include <span>
#include <vector>

#include "core/conv/tap_runs.hpp"
#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/float_plane.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// dL/dw for y = transposed_conv_float(in, w, shape), given out_grad = dL/dy (size shape.out()):
/// grad[a][b] = sum over i, j of in[i][j] * out_grad[i*sh + a*dh - crop_top][j*sw + b*dw - crop_left],
/// terms outside the output window left out. Returns shape.rows.kernel * shape.cols.kernel values,
/// row-major. Sums each row's run of products in float and the runs in double.
std::vector<double> transposed_conv_kernel_gradient(const FloatPlane& in, const FloatPlane& out_grad, const OutputShape& shape);

/// The terms of transposed_conv_kernel_gradient from input rows `rows` only, added into `grad`
/// (shape.rows.kernel * shape.cols.kernel values, row-major), in the same order.
void add_kernel_gradient_rows(const FloatPlane& in, const FloatPlane& out_grad, const OutputShape& shape, RowRange rows,
                              std::span<double> grad);

/// dL/dx for y = transposed_conv_float(x, kernel, shape), given out_grad = dL/dy: the convolution
/// (cross-correlation, PyTorch conv2d) of out_grad with the same kernel, same stride and dilation, whose
/// padding is the window's crop: grad[i][j] = sum over a, b of w[a][b] * out_grad[i*sh + a*dh - crop_top]
/// [j*sw + b*dw - crop_left]. It is the adjoint of the transposed convolution:
/// <transposed_conv_float(x), g> = <x, transposed_conv_input_gradient(g)> for all x, g. Size shape.in().
FloatPlane transposed_conv_input_gradient(const FloatPlane& out_grad, const Kernel& kernel, const OutputShape& shape);

}  // namespace tconv::core
