// Forward pass of the kernel fit: a scatter over the tap runs, so that its gradients (which walk the
// same runs) are visibly its exact adjoints.
#include "core/conv/transposed_conv_float.hpp"

#include "core/conv/tap_runs.hpp"

namespace tconv::core {

FloatPlane transposed_conv_float(const FloatPlane& in, const Kernel& kernel, const OutputShape& shape) {
    FloatPlane out = zero_plane(shape.out());
    transposed_conv_float_rows(in, kernel, shape, RowRange{0, shape.rows.out}, out);
    return out;
}

void transposed_conv_float_rows(const FloatPlane& in, const Kernel& kernel, const OutputShape& shape, RowRange rows,
                                FloatPlane& out) {
    const std::int64_t step = shape.cols.stride;
    const float* x = in.values.data();
    float* y = out.values.data();
    for_each_tap_run(shape, RowRange{0, shape.rows.in}, rows,
                     [&](std::int64_t a, std::int64_t b, std::int64_t xi, std::int64_t yi, std::int64_t n) {
                         const auto w = static_cast<float>(kernel.at(a, b));  // the float sum of 8-bit samples
                         for (std::int64_t j = 0; j < n; ++j) y[yi + j * step] += w * x[xi + j];
                     });
}

}  // namespace tconv::core
