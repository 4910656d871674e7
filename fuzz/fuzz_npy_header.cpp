// libFuzzer target: arbitrary bytes through io::parse_npy_header (behind the magic and a version
// byte the first byte chooses), checking what a parsed header promises: its data offset within the
// bytes, its count the product of its shape, a known dtype.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "io/npy/npy_header.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    std::vector<std::uint8_t> file{0x93, 'N', 'U', 'M', 'P', 'Y', static_cast<std::uint8_t>(1 + data[0] % 3), 0};
    file.insert(file.end(), data + 1, data + size);
    const tconv::io::NpyParse parsed = tconv::io::parse_npy_header(file);
    if (parsed.header.has_value() == !parsed.error.empty()) std::abort();
    if (!parsed.header) return 0;
    const tconv::io::NpyHeader& h = *parsed.header;
    if (h.data_offset > file.size()) std::abort();
    std::uint64_t count = 1;
    for (const std::int64_t side : h.shape) {
        if (side < 0) std::abort();
        count *= static_cast<std::uint64_t>(side);
    }
    if (count != h.count) std::abort();
    if (h.item_bytes != 1 && h.item_bytes != 2 && h.item_bytes != 4 && h.item_bytes != 8) std::abort();
    return 0;
}
