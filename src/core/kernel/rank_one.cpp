// The rank-1 split: candidate factor pairs from the largest weight's row and column, each checked
// against every weight in double arithmetic.
#include "core/kernel/rank_one.hpp"

#include <cmath>
#include <cstddef>
#include <unordered_set>

namespace tconv::core {
namespace {

/// Converts v to float when that is exact.
std::optional<float> exact_float(double v) {
    const auto f = static_cast<float>(v);
    if (static_cast<double>(f) != v) return std::nullopt;
    return f;
}

}  // namespace

std::optional<RankOneSplit> exact_rank_one(const Kernel& k) {
    const auto kh = static_cast<std::size_t>(k.size.h);
    const auto kw = static_cast<std::size_t>(k.size.w);
    auto w = [&](std::size_t a, std::size_t b) { return static_cast<double>(k.weights[a * kw + b]); };
    std::size_t pa = 0, pb = 0;
    for (std::size_t a = 0; a < kh; ++a)
        for (std::size_t b = 0; b < kw; ++b)
            if (std::abs(w(a, b)) > std::abs(w(pa, pb))) pa = a, pb = b;
    const double pivot = w(pa, pb);
    if (pivot == 0.0) return RankOneSplit{std::vector<float>(kh, 0.0f), std::vector<float>(kw, 1.0f)};
    // Any exact split has w(a, b) * pivot == w(a, pb) * w(pa, b) at every tap, and both sides are
    // exact in double (products of two floats): checked once, it refuses every other kernel at once.
    // Where it holds, a tap is zero exactly where its pivot row or column entry is, so the candidates
    // below look at the nonzero rows and columns only: a split's cost is what the kernel holds, not
    // the kernel times the number of candidates.
    for (std::size_t a = 0; a < kh; ++a)
        for (std::size_t b = 0; b < kw; ++b)
            if (w(a, b) * pivot != w(a, pb) * w(pa, b)) return std::nullopt;
    std::vector<std::size_t> rows, cols;  // the nonzero entries of the pivot column and row
    for (std::size_t a = 0; a < kh; ++a)
        if (w(a, pb) != 0.0) rows.push_back(a);
    for (std::size_t b = 0; b < kw; ++b)
        if (w(pa, b) != 0.0) cols.push_back(b);
    // Candidate splits col[a] = w(a, pb) * col_num / col_den, row[b] = w(pa, b) * row_num / row_den
    // (col_num * row_num == col_den * row_den == pivot); the first whose factors are floats and whose
    // products give back every weight exactly wins. One product of two floats is exact in double, so
    // each factor is rounded once and is exact whenever the true factor is a float.
    RankOneSplit s{std::vector<float>(kh), std::vector<float>(kw)};
    auto try_split = [&](double col_num, double col_den, double row_num, double row_den) -> std::optional<RankOneSplit> {
        for (const std::size_t a : rows) {
            const auto f = exact_float(w(a, pb) * col_num / col_den);
            if (!f) return std::nullopt;
            s.col[a] = *f;
        }
        for (const std::size_t b : cols) {
            const auto f = exact_float(w(pa, b) * row_num / row_den);
            if (!f) return std::nullopt;
            s.row[b] = *f;
        }
        for (const std::size_t a : rows)
            for (const std::size_t b : cols)
                if (static_cast<double>(s.col[a]) * static_cast<double>(s.row[b]) != w(a, b)) return std::nullopt;
        // The zero factors as the formula gives them (their sign included).
        for (std::size_t a = 0; a < kh; ++a)
            if (w(a, pb) == 0.0) s.col[a] = static_cast<float>(w(a, pb) * col_num / col_den);
        for (std::size_t b = 0; b < kw; ++b)
            if (w(pa, b) == 0.0) s.row[b] = static_cast<float>(w(pa, b) * row_num / row_den);
        return std::move(s);
    };
    // The square root keeps symmetric kernels (the bilinear tent 0.25, 0.75, ...) dyadic on both
    // sides; making one row factor or one column factor 1 finds the dyadic factors of any outer
    // product of dyadic vectors. A candidate depends on its weight's value alone, so a value is tried once.
    const double root = std::sqrt(std::abs(pivot));
    if (auto split = try_split(root, pivot, 1.0, root)) return split;
    std::unordered_set<double> tried;
    for (const std::size_t b : cols)
        if (tried.insert(w(pa, b)).second)
            if (auto split = try_split(w(pa, b), pivot, 1.0, w(pa, b))) return split;
    tried.clear();
    for (const std::size_t a : rows)
        if (tried.insert(w(a, pb)).second)
            if (auto split = try_split(1.0, w(a, pb), w(a, pb), pivot)) return split;
    return std::nullopt;
}

}  // namespace tconv::core
