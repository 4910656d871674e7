// The rows of an image computed in blocks on several threads and handed, one by one and top to
// bottom, to an encoder that writes them as they come: no full-size image is made.
#pragma once
#include <cstdint>
#include <functional>

#include "core/image/row_stream.hpp"

namespace tconv::io {

/// Calls use(y, row) for rows 0 .. height-1 of `row_bytes` bytes each, in order, from one thread at a
/// time; `rows` computes blocks of about 1 MiB of them ahead on up to `threads` threads. What `rows`
/// or `use` throws stops the run and is rethrown.
void use_rows_in_order(std::int64_t height, std::size_t row_bytes, const core::RowProducer& rows, int threads,
                       const core::RowSink& use);

/// A RowProducer of the rows of `pixels`, `row_bytes` each: a whole image handed to a row encoder.
core::RowProducer rows_of(const std::uint8_t* pixels, std::size_t row_bytes);

}  // namespace tconv::io
