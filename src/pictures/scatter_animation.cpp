// Scatter animation frames: the partial scatter advanced group by group, the last frame the fast path.
#include "pictures/scatter_animation.hpp"

#include "core/conv/transposed_conv.hpp"
#include "pictures/animation_frame.hpp"

namespace tconv::pictures {

ScatterAnimation::ScatterAnimation(const core::Image& in, const core::Kernel& kernel, const core::OutputShape& shape,
                                   std::int64_t max_frames, std::int64_t zoom, int threads)
    : in_(in),
      kernel_(kernel),
      shape_(shape),
      zoom_(zoom),
      threads_(threads),
      counts_(core::frame_pixel_counts(in.height * in.width, max_frames)),
      scatter_(in_, kernel_, shape_) {}

core::Extent2 animation_frame_size(core::Extent2 out, std::int64_t zoom) {
    return zoom > 1 ? core::Extent2{out.h * (zoom + 1) + 1, out.w * (zoom + 1) + 1} : out;
}

core::Image ScatterAnimation::frame(std::int64_t k) {
    const auto at = static_cast<std::size_t>(k);
    core::OutputRect added;
    for (std::int64_t n = k > 0 ? counts_[at - 1] : 0; n < counts_[at]; ++n)
        added = core::bounding_rect(added, scatter_.stamp_rect(n));
    // The last frame is the main job's convolution itself, so the two are the same pixels.
    if (k + 1 == frames()) return animation_frame(core::transposed_conv(in_, kernel_, shape_, threads_), zoom_, added);
    scatter_.add_until(counts_[at]);
    return animation_frame(scatter_.quantised(), zoom_, added);
}

}  // namespace tconv::pictures
