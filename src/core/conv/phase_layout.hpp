// What every row strategy shares about one image's convolution: the stride phases of both axes and
// the padding an input row needs so that every column phase reads it without bounds checks (zeros, or
// the pixels the edge mode puts beyond the borders).
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/conv/axis_phases.hpp"
#include "core/geometry/output_shape.hpp"

namespace tconv::core {

struct PhaseLayout {
    PhaseLayout(const OutputShape& shape, int channels);

    OutputShape shape;
    int channels = 0;
    AxisPhases rows;
    AxisPhases cols;
    std::int64_t pad_left = 0;         ///< pixels before the input in a padded row
    std::int64_t padded_width = 0;     ///< pad_left + input width + pixels after it
    std::int64_t max_phase_count = 0;  ///< pixels of the longest column phase
    /// Under an edge mode other than zero: for each pad pixel of a padded row, the input column it copies.
    struct EdgePixel {
        std::int64_t padded_column = 0;
        std::int64_t input_column = 0;
    };
    std::vector<EdgePixel> edge_pixels;

    std::size_t out_row_len() const { return static_cast<std::size_t>(shape.cols.out * channels); }
    std::size_t in_row_len() const { return static_cast<std::size_t>(shape.cols.in * channels); }
    std::size_t padded_row_len() const { return static_cast<std::size_t>(padded_width * channels); }

    /// Fills the pads of a padded row (samples of T, the input already at pad_left) by the edge mode;
    /// with zero edges they stay as they are (zeros, written once).
    template <class T>
    void fill_edge_pixels(T* padded) const {
        const auto ch = static_cast<std::size_t>(channels);
        const auto left = static_cast<std::size_t>(pad_left);
        for (const EdgePixel& e : edge_pixels)
            std::memcpy(padded + static_cast<std::size_t>(e.padded_column) * ch,
                        padded + (left + static_cast<std::size_t>(e.input_column)) * ch, ch * sizeof(T));
    }
};

}  // namespace tconv::core
