// The frames of `tconv animate` (docs/semantics.md), produced one at a time: frame 0 empty, frame k
// the partial scatter of the first floor(k * P / F) input pixels, the last the full convolution.
#pragma once
#include <cstdint>
#include <vector>

#include "core/conv/partial_scatter.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/image/image.hpp"
#include "core/kernel/kernel.hpp"

namespace tconv::pictures {

/// The size of every frame of an animation of an `out`-sized output: `out` itself, or
/// (out * (zoom + 1) + 1) per axis when zoomed (zoom >= 2).
core::Extent2 animation_frame_size(core::Extent2 out, std::int64_t zoom);

class ScatterAnimation {
public:
    /// `shape` as for core::PartialScatter (zero edges); max_frames >= 1; zoom >= 1 as for
    /// animation_frame; `threads` (>= 1) computes the last frame, core::transposed_conv: the main
    /// job's own pixels. Throws InvalidParams as PartialScatter does.
    ScatterAnimation(const core::Image& in, const core::Kernel& kernel, const core::OutputShape& shape, std::int64_t max_frames,
                     std::int64_t zoom, int threads);

    /// min(max_frames, pixels) + 1.
    std::int64_t frames() const { return static_cast<std::int64_t>(counts_.size()); }
    /// Input pixels in frame k (core::frame_pixel_counts).
    const std::vector<std::int64_t>& pixel_counts() const { return counts_; }
    /// The size of every frame: animation_frame_size of the output.
    core::Extent2 frame_size() const { return animation_frame_size(shape_.out(), zoom_); }

    /// Frame k, as animation_frame draws it with the stamps added since frame k-1 outlined. Frames must
    /// be asked for in order 0, 1, 2, ... (each adds to the last one's sums).
    core::Image frame(std::int64_t k);

private:
    core::Image in_;
    core::Kernel kernel_;
    core::OutputShape shape_;
    std::int64_t zoom_;
    int threads_;
    std::vector<std::int64_t> counts_;
    core::PartialScatter scatter_;
};

}  // namespace tconv::pictures
