// Extent2: a 2-D size or step, rows first (PyTorch order), with named fields.
#pragma once
#include <cstdint>

namespace tconv::core {

/// A pair of per-axis values: h (rows) and w (columns). Written "HxW" on the command line.
struct Extent2 {
    std::int64_t h = 0;
    std::int64_t w = 0;
    friend bool operator==(const Extent2&, const Extent2&) = default;
};

}  // namespace tconv::core
