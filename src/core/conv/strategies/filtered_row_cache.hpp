// The input rows a separable strategy has filtered along the columns, kept while the output rows that
// read them are computed (each input row feeds about k/stride output rows). The slots are capped by
// the schedule's row-cache budget, so a huge kernel cannot take unbounded memory: fewer slots only
// mean filtering rows again, never a different result.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace tconv::core {

/// Slots for filtered rows of `row_len` values of T; input row i lives in slot i mod slots.
template <class T>
class FilteredRowCache {
public:
    FilteredRowCache(std::int64_t slots, std::size_t row_len)
        : row_len_(row_len), values_(static_cast<std::size_t>(slots) * row_len), held_(static_cast<std::size_t>(slots), -1) {}

    /// The filtered form of input row `input`, computed by fill(T* dst) when its slot holds another row.
    template <class Fill>
    const T* row(std::int64_t input, Fill&& fill) {
        const auto slot = static_cast<std::size_t>(input % static_cast<std::int64_t>(held_.size()));
        T* dst = values_.data() + slot * row_len_;
        if (held_[slot] != input) {
            fill(dst);
            held_[slot] = input;
        }
        return dst;
    }

private:
    std::size_t row_len_;
    std::vector<T> values_;
    std::vector<std::int64_t> held_;  ///< the input row each slot holds (-1: none)
};

}  // namespace tconv::core
