// The two gradients walk the forward pass's tap runs with the roles of input and output swapped, so
// each is the exact adjoint of the forward scatter (same triples, same window, nothing recomputed).
#include "core/fit/transposed_conv_gradient.hpp"

#include "core/conv/tap_runs.hpp"

namespace tconv::core {

std::vector<double> transposed_conv_kernel_gradient(const FloatPlane& in, const FloatPlane& out_grad, const OutputShape& shape) {
    std::vector<double> grad(static_cast<std::size_t>(shape.rows.kernel * shape.cols.kernel), 0.0);
    add_kernel_gradient_rows(in, out_grad, shape, RowRange{0, shape.rows.in}, grad);
    return grad;
}

void add_kernel_gradient_rows(const FloatPlane& in, const FloatPlane& out_grad, const OutputShape& shape, RowRange rows,
                              std::span<double> grad) {
    const std::int64_t kw = shape.cols.kernel;
    const std::int64_t step = shape.cols.stride;
    const float* x = in.values.data();
    const float* g = out_grad.values.data();
    for_each_tap_run(shape, rows, RowRange{0, shape.rows.out},
                     [&](std::int64_t a, std::int64_t b, std::int64_t xi, std::int64_t yi, std::int64_t n) {
                         // Float products summed in float over one row run (at most one image row), then in double
                         // across runs: a 512x512 plane keeps ~7 significant digits without a double inner loop.
                         float run = 0.0f;
                         for (std::int64_t j = 0; j < n; ++j) run += x[xi + j] * g[yi + j * step];
                         grad[static_cast<std::size_t>(a * kw + b)] += static_cast<double>(run);
                     });
}

FloatPlane transposed_conv_input_gradient(const FloatPlane& out_grad, const Kernel& kernel, const OutputShape& shape) {
    FloatPlane grad = zero_plane(shape.in());
    const std::int64_t step = shape.cols.stride;
    const float* g = out_grad.values.data();
    float* gx = grad.values.data();
    for_each_tap_run(shape, [&](std::int64_t a, std::int64_t b, std::int64_t xi, std::int64_t yi, std::int64_t n) {
        const auto w = static_cast<float>(kernel.at(a, b));
        for (std::int64_t j = 0; j < n; ++j) gx[xi + j] += w * g[yi + j * step];
    });
    return grad;
}

}  // namespace tconv::core
