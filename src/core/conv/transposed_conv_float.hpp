// The transposed convolution of one real-valued plane, unclamped: the forward pass of the kernel fit.
#pragma once
#include "core/conv/tap_runs.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/float_plane.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// Transposed convolution of `in` with `kernel` (PyTorch conv_transpose2d of one channel, no bias),
/// cut to `shape`'s window exactly as transposed_conv does, but neither clamped nor rounded:
/// out[y][x] = sum of in[i][j] * w[a][b] over i*stride + a*dilation - crop_begin = y (rows) and the
/// same for columns. `shape` must come from plan_output_shape(in.size, g) with g.kernel ==
/// kernel.size. Accumulates in float. Never throws on a valid plan.
FloatPlane transposed_conv_float(const FloatPlane& in, const Kernel& kernel, const OutputShape& shape);

/// Output rows `rows` of transposed_conv_float, added into `out` (size shape.out(); those rows zero
/// on entry): each sample gets the same sum in the same order as from the whole plane, so bands of
/// rows on any number of threads give the same bits.
void transposed_conv_float_rows(const FloatPlane& in, const Kernel& kernel, const OutputShape& shape, RowRange rows,
                                FloatPlane& out);

}  // namespace tconv::core
