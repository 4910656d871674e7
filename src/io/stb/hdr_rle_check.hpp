// A Radiance HDR file's run-length scanlines, walked as stb_image 2.27 reads them, before stb
// decodes it: stb loops forever on a run of length 0 (and on the zeros it reads past the end of a
// truncated file), and stb is a system header that cannot be patched.
#pragma once
#include <cstdint>
#include <span>

namespace tconv::io {

/// Why stb would never finish decoding `bytes` (a whole HDR file), or nullptr when every scanline
/// stb reads ends, in success or in one of stb's own errors.
const char* hdr_rle_problem(std::span<const std::uint8_t> bytes);

}  // namespace tconv::io
