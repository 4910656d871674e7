// What every row strategy shares about one image's convolution: the stride phases of both axes and
// the zero padding an input row needs so that every column phase reads it without bounds checks.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/axis_phases.hpp"
#include "core/output_shape.hpp"

namespace tconv::core {

struct PhaseLayout {
    PhaseLayout(const OutputShape& shape, int channels);

    OutputShape shape;
    int channels = 0;
    AxisPhases rows;
    AxisPhases cols;
    std::int64_t pad_left = 0;         ///< zero pixels before the input in a padded row
    std::int64_t padded_width = 0;     ///< pad_left + input width + zero pixels after it
    std::int64_t max_phase_count = 0;  ///< pixels of the longest column phase

    std::size_t out_row_len() const { return static_cast<std::size_t>(shape.cols.out * channels); }
    std::size_t in_row_len() const { return static_cast<std::size_t>(shape.cols.in * channels); }
    std::size_t padded_row_len() const { return static_cast<std::size_t>(padded_width * channels); }
};

}  // namespace tconv::core
