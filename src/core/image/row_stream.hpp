// How rows travel from the code that computes them to the code that consumes them (the PNG writer,
// an image in memory), without a full-size image in between.
#pragma once
#include <cstdint>
#include <functional>

namespace tconv::core {

/// Receives output row `y`: width * channels samples, channels interleaved, of one byte each (8 bits)
/// or a native-endian std::uint16_t each (16 bits). The pointer is valid only
/// during the call.
using RowSink = std::function<void(std::int64_t y, const std::uint8_t* row)>;

/// Produces rows y0 .. y1-1 in order into `sink`. A consumer that works in bands calls it once per band,
/// from several threads at once (on different bands).
using RowProducer = std::function<void(std::int64_t y0, std::int64_t y1, const RowSink& sink)>;

/// Receives output row `y` of real-valued sums: width * channels doubles, channels interleaved, neither
/// clamped nor rounded. The pointer is valid only during the call.
using RealRowSink = std::function<void(std::int64_t y, const double* row)>;

/// Produces rows of real-valued sums y0 .. y1-1 in order into `sink`, as a RowProducer does pixels.
using RealRowProducer = std::function<void(std::int64_t y0, std::int64_t y1, const RealRowSink& sink)>;

}  // namespace tconv::core
