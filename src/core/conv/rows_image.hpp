// A whole image gathered from rows that a producer computes, for the sinks that encode a whole image:
// blocks of rows in order, so that a streamed input is read once, top to bottom.
#pragma once
#include <cstdint>

#include "core/geometry/extent.hpp"
#include "core/image/image.hpp"
#include "core/image/row_stream.hpp"

namespace tconv::core {

/// The image of `size`, `channels` and `depth` whose rows `rows` produces, in blocks of rows (about 1
/// MiB each) computed in order on `threads` (>= 1) threads. Rethrows what `rows` throws.
Image image_from_rows(const RowProducer& rows, Extent2 size, int channels, int depth, int threads);

}  // namespace tconv::core
