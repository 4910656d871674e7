// Animated PNG (APNG) encoding to memory: every frame a whole PNG image from encode_png, its zlib
// stream carried in IDAT (frame 0, also what a viewer without APNG shows) or fdAT chunks.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "core/image/image.hpp"
#include "io/png/png_encoder.hpp"

namespace tconv::io {

/// Frame k (0 <= k < frames) of an animation; every frame has the same size and channel count.
using FrameProducer = std::function<core::Image(std::int64_t k)>;

/// Encodes `frames` (1 .. 2^31 - 1) frames as an APNG that loops forever, each shown `delay_ms`
/// (0 .. 65535) milliseconds: acTL, then per frame an fcTL covering the whole canvas (dispose none,
/// blend source, so each frame replaces the last) and its data, frame 0 in IDAT and the rest in fdAT.
/// Frames are asked for one at a time, in order, and only their compressed bytes are kept. Throws
/// IoError (empty file name) as encode_png does, or when a frame's size or channels differ from frame 0's.
std::vector<std::uint8_t> encode_apng(std::int64_t frames, const FrameProducer& frame, std::uint16_t delay_ms,
                                      const PngOptions& options = {});

}  // namespace tconv::io
