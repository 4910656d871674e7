// The input gradient walks the forward pass's tap runs with the roles of input and output swapped, so it
// is the exact adjoint of the forward scatter; the kernel gradient is the fits' shared weight gradient.
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
    add_weight_gradient_rows(in.values.data(), out_grad.values.data(), shape, 1, 1, 1, rows, grad);
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
