// A trained transposed-convolution layer: the parameters PyTorch's ConvTranspose2d holds, apart from the
// geometry (stride, padding, dilation, output padding), which stays in core::Geometry.
#pragma once
#include <cstdint>
#include <vector>

#include "core/geometry/extent.hpp"
#include "core/layer/layer_activation.hpp"

namespace tconv::core {

/// ConvTranspose2d(in_channels, out_channels, kernel, groups, bias): weight has PyTorch's layout
/// (in_channels, out_channels / groups, kernel.h, kernel.w), row-major; bias is out_channels values or
/// empty (no bias); a Keras layer's activation follows the bias. Input channel ci belongs to group ci / (in_channels / groups)
/// and feeds output channels g * (out_channels / groups) .. (g + 1) * (out_channels / groups) - 1 of its group g.
struct ConvLayer {
    int in_channels = 0;
    int out_channels = 0;
    int groups = 1;
    Extent2 kernel{};
    std::vector<double> weight;
    std::vector<double> bias;
    Activation activation = Activation::Linear;

    /// weight[ci][co_in_group][r][c].
    double at(int ci, int co_in_group, std::int64_t r, std::int64_t c) const {
        const std::int64_t per_group = out_channels / groups;
        return weight[static_cast<std::size_t>(((ci * per_group + co_in_group) * kernel.h + r) * kernel.w + c)];
    }
};

}  // namespace tconv::core
