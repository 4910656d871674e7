// Strategy "scatter": the literal article scatter (transposed_conv_scatter, in double) behind the row
// interface, so the main job can run the reference itself. Computes the whole image when planned.
#pragma once
#include <cstdint>
#include <span>

#include "core/conv/row_taps.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::core {

class ScatterRows {
public:
    ScatterRows(const Image& in, const Kernel& kernel, const OutputShape& shape);

    struct Scratch {};
    Scratch scratch() const { return {}; }
    std::span<const float> col_factors() const { return {}; }

    void row(std::int64_t y, std::span<const RowTap> taps, Scratch& scratch, std::uint8_t* out) const;

private:
    Image out_;
};

}  // namespace tconv::core
