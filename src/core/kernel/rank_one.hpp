// The exact rank-1 split of a kernel: a column and a row whose outer product gives back every weight
// exactly, so that filtering rows and then columns adds up exactly what the dense kernel adds up.
#pragma once
#include <optional>
#include <vector>

#include "core/kernel/kernel.hpp"

namespace tconv::core {

/// weight(a, b) == col[a] * row[b] for every tap, exactly (each product of two floats is exact in
/// double, and is compared there).
struct RankOneSplit {
    std::vector<float> col;  ///< kernel.size.h factors
    std::vector<float> row;  ///< kernel.size.w factors
};

/// The split of `kernel` when one exists with float factors, else nothing. Symmetric dyadic kernels
/// (ones, bilinear, the binomial gaussian) split into dyadic factors on both sides; an all-zero
/// kernel splits into zeros times ones.
std::optional<RankOneSplit> exact_rank_one(const Kernel& kernel);

}  // namespace tconv::core
