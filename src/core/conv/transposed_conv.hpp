// The transposed convolution of an 8- or 16-bit image: the fast gather path and its literal scatter twin.
#pragma once
#include "core/conv/conv_plan.hpp"
#include "core/conv/row_convolver.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// Transposed convolution of every channel of `in` with the same kernel (PyTorch conv_transpose2d
/// with groups = channels, no bias), cut to `shape`'s window, clamped and rounded by quantise().
/// `shape` must come from plan_output_shape(in.size(), g) with g.kernel == kernel.size; `threads`
/// (>= 1) splits the output rows into bands; `schedule` may force a strategy or shrink the row cache
/// (the pixels stay the same). The output has the input's depth. Accumulates 8-bit samples in float,
/// 16-bit samples in double (as the double and scatter strategies do at any depth). Never throws on
/// a valid plan with the default schedule; a forced strategy that does not apply throws InvalidParams.
Image transposed_conv(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads,
                      const ConvSchedule& schedule = {});

/// The same convolution written over `out`'s pixels, which must be shape.out() x in.channels: for
/// callers that reuse one output buffer (the benchmark's roofline run measures exactly the bytes
/// the convolution moves, without the kernel's page faults of a fresh image).
void transposed_conv_into(const Image& in, const Kernel& kernel, const OutputShape& shape, int threads, Image& out,
                          const ConvSchedule& schedule = {});

/// The whole output of an already planned convolution, its rows in bands over `threads` (>= 1)
/// threads, at the convolver's depth.
Image convolved_image(const RowConvolver& convolver, int threads);

/// The article's literal algorithm, kept as the slow twin of transposed_conv: every input pixel adds
/// pixel * w[a][b] into a full buffer at (i*stride + a*dilation, j*stride + b*dilation); the window
/// of `shape` is then cut out and quantised at the input's depth. Accumulates in double.
Image transposed_conv_scatter(const Image& in, const Kernel& kernel, const OutputShape& shape);

}  // namespace tconv::core
