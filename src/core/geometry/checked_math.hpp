// Overflow-checked 64-bit arithmetic for sizes: a size that does not fit is a user error, not UB.
#pragma once
#include <cstdint>

#include "core/errors.hpp"

namespace tconv::core {

inline std::int64_t checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) throw InvalidParams("size arithmetic overflows 64 bits");
    return r;
}

inline std::int64_t checked_sub(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_sub_overflow(a, b, &r)) throw InvalidParams("size arithmetic overflows 64 bits");
    return r;
}

inline std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) throw InvalidParams("size arithmetic overflows 64 bits");
    return r;
}

/// a + b for non-negative a and b, INT64_MAX when it does not fit.
inline std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
}

/// a * b for non-negative a and b, INT64_MAX when it does not fit: for counts compared with a limit.
inline std::int64_t saturating_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    return __builtin_mul_overflow(a, b, &r) ? INT64_MAX : r;
}

}  // namespace tconv::core
