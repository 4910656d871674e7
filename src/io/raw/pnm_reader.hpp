// A binary PNM (P5 grey, P6 RGB) read row by row from its bytes: 8-bit samples as stored (stb's
// rule: a max value under 255 is not scaled), 16-bit ones (max value over 255) scaled from 0..max to
// 0..65535. Both the streamed and the whole reading of a PNM go through it.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "io/input/byte_source.hpp"
#include "io/input/image_reader.hpp"
#include "io/stb/stb_guards.hpp"

namespace tconv::io {

/// Opens the PNM whose first bytes `head` were read from `source`, its header `pnm` (max value over 0,
/// samples starting within `head`) already checked against the caps. Its read_row throws IoError when
/// the file ends before the row does.
std::unique_ptr<ImageReader> open_pnm(std::unique_ptr<ByteSource> source, std::vector<std::uint8_t> head, const PnmHeader& pnm);

/// The same PNM read whole from `source`. Throws IoError.
LoadedImage decode_pnm(ByteSource& source, std::vector<std::uint8_t> head, const PnmHeader& pnm);

/// A 16-bit PNM sample `v` (big-endian in the file) scaled from 0..max_value to 0..65535, rounded half
/// up; a sample over max_value saturates (netpbm would refuse it).
std::uint16_t scaled_pnm_sample(std::uint64_t v, std::uint64_t max_value);

}  // namespace tconv::io
