// Named kernels and the kernel text formats (inline matrices and kernel files).
#include "core/kernel/kernel.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "core/errors.hpp"

namespace tconv::core {
namespace {

std::size_t count(Extent2 s) { return static_cast<std::size_t>(s.h * s.w); }

Kernel outer(const std::vector<double>& col, const std::vector<double>& row) {
    Kernel k{{static_cast<std::int64_t>(col.size()), static_cast<std::int64_t>(row.size())}, {}};
    k.weights.reserve(col.size() * row.size());
    for (double c : col)
        for (double r : row) k.weights.push_back(c * r);
    return k;
}

std::vector<double> tent(std::int64_t k) {
    const std::int64_t f = (k + 1) / 2;
    const double c = k % 2 == 1 ? static_cast<double>(f - 1) : static_cast<double>(f) - 0.5;
    std::vector<double> t(static_cast<std::size_t>(k));
    for (std::int64_t i = 0; i < k; ++i)
        t[static_cast<std::size_t>(i)] = 1.0 - std::abs(static_cast<double>(i) - c) / static_cast<double>(f);
    return t;
}

/// The binomial row C(k-1, i), i = 0 .. k-1, divided by a common power of two, in O(k): each
/// C(n, i+1) = C(n, i) * (n-i) / (i+1), kept as a mantissa and a binary exponent, because the row
/// passes a double's range from n = 1030 on while its ratios do not. A step is exact while
/// C(n, i) * (n-i) stays below 2^53 (any power of two aside), so short rows are exact integers.
std::vector<double> binomial_row(std::int64_t k) {
    const std::int64_t n = k - 1;
    std::vector<double> row(static_cast<std::size_t>(k));
    std::vector<int> exponents(static_cast<std::size_t>(n / 2 + 1));
    double mantissa = 0.5;  // C(n, 0) = 1 = 0.5 * 2^1
    int exponent = 1;
    for (std::int64_t i = 0; i <= n / 2; ++i) {
        row[static_cast<std::size_t>(i)] = mantissa;
        exponents[static_cast<std::size_t>(i)] = exponent;
        int shift = 0;
        mantissa = std::frexp(mantissa * static_cast<double>(n - i) / static_cast<double>(i + 1), &shift);
        exponent += shift;
    }
    // The middle is the largest: every value relative to it, mirrored so the row is symmetric.
    const int top = exponents.back();
    for (std::int64_t i = 0; i <= n / 2; ++i) {
        const auto at = static_cast<std::size_t>(i);
        row[at] = std::ldexp(row[at], exponents[at] - top);
        row[static_cast<std::size_t>(n - i)] = row[at];
    }
    return row;
}

/// exp(-x^2 / (2 sigma^2)) at x = i - (k-1)/2, relative to the samples nearest the centre (x^2 =
/// nearest^2), which come out exactly 1, so the sum is >= 1 for any sigma; dividing by sigma twice
/// avoids sigma^2 underflowing to 0 (0/0).
std::vector<double> sampled_gaussian_row(std::int64_t k, double sigma) {
    std::vector<double> row(static_cast<std::size_t>(k));
    const double centre = static_cast<double>(k - 1) / 2.0;
    const double nearest = k % 2 == 1 ? 0.0 : 0.5;
    for (std::int64_t i = 0; i < k; ++i) {
        const double x = static_cast<double>(i) - centre;
        row[static_cast<std::size_t>(i)] = std::exp(-((x * x - nearest * nearest) / sigma / sigma) / 2.0);
    }
    return row;
}

std::vector<double> gaussian_axis(std::int64_t k, std::optional<double> sigma) {
    std::vector<double> g = sigma ? sampled_gaussian_row(k, *sigma) : binomial_row(k);
    double sum = 0;
    for (double v : g) sum += v;
    for (double& v : g) v /= sum;
    return g;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

double parse_weight(std::string_view token) {
    double v = 0;
    const char* first = token.data();
    if (!token.empty() && token.front() == '+') ++first;  // from_chars rejects a leading '+'
    const auto [ptr, ec] = std::from_chars(first, token.data() + token.size(), v);
    if (ec != std::errc() || ptr != token.data() + token.size() || first == token.data() + token.size())
        throw InvalidParams("kernel value '" + std::string(token) + "' is not a number");
    if (!std::isfinite(v) || std::abs(v) > 3.4e38)
        throw InvalidParams("kernel value '" + std::string(token) + "' is not a finite float");
    return v;
}

}  // namespace

std::vector<float> float_weights(const Kernel& kernel) {
    std::vector<float> w(kernel.weights.size());
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = static_cast<float>(kernel.weights[i]);
    return w;
}

Kernel float_rounded(const Kernel& kernel) {
    Kernel k{kernel.size, {}};
    k.weights.reserve(kernel.weights.size());
    for (const float w : float_weights(kernel)) k.weights.push_back(w);
    return k;
}

Kernel ones_kernel(Extent2 size) { return Kernel{size, std::vector<double>(count(size), 1.0)}; }

Kernel bilinear_kernel(Extent2 size) { return outer(tent(size.h), tent(size.w)); }

Kernel gaussian_kernel(Extent2 size, std::optional<double> sigma, Extent2 stride) {
    if (sigma && !(std::isfinite(*sigma) && *sigma > 0)) throw InvalidParams("gaussian sigma must be a positive number");
    auto col = gaussian_axis(size.h, sigma);
    auto row = gaussian_axis(size.w, sigma);
    for (double& v : col) v *= static_cast<double>(stride.h);
    for (double& v : row) v *= static_cast<double>(stride.w);
    return outer(col, row);
}

Kernel parse_kernel_matrix(std::string_view text, char row_separator) {
    Kernel k;
    std::int64_t rows = 0;
    std::int64_t cols = -1;
    while (true) {
        const auto end = text.find(row_separator);
        std::string_view line = text.substr(0, end);
        if (const auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
        line = trim(line);
        if (!line.empty()) {
            std::int64_t n = 0;
            while (!line.empty()) {
                std::size_t stop = 0;
                while (stop < line.size() && line[stop] != ',' && !is_space(line[stop])) ++stop;
                const std::string_view token = line.substr(0, stop);
                if (token.empty()) throw InvalidParams("kernel row " + std::to_string(rows + 1) + " has an empty value");
                k.weights.push_back(parse_weight(token));
                ++n;
                line = trim(line.substr(stop));
                if (!line.empty() && line.front() == ',') {
                    line = trim(line.substr(1));
                    if (line.empty()) throw InvalidParams("kernel row " + std::to_string(rows + 1) + " ends with ','");
                }
            }
            if (cols >= 0 && n != cols)
                throw InvalidParams("kernel rows are ragged: row " + std::to_string(rows + 1) + " has " + std::to_string(n) +
                                    " values, row 1 has " + std::to_string(cols));
            cols = n;
            ++rows;
        } else if (row_separator == ';' && (end != std::string_view::npos || rows > 0)) {
            // Inline, every ';' separates two rows, so "1,2;" ends with an empty row too.
            throw InvalidParams("kernel has an empty row");
        }
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    if (rows == 0) throw InvalidParams("kernel is empty");
    k.size = {rows, cols};
    return k;
}

KernelSpec parse_kernel_spec(std::string_view text) {
    KernelSpec spec;
    if (text == "ones") return spec;
    if (text == "bilinear") {
        spec.kind = KernelKind::Bilinear;
        return spec;
    }
    if (text == "gaussian" || text.starts_with("gaussian:")) {
        spec.kind = KernelKind::Gaussian;
        if (text.size() > 8) {
            const std::string_view s = text.substr(9);
            double v = 0;
            const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec != std::errc() || ptr != s.data() + s.size() || s.empty() || !std::isfinite(v) || v <= 0)
                throw InvalidParams("gaussian sigma '" + std::string(s) + "' is not a positive number");
            spec.sigma = v;
        }
        return spec;
    }
    const bool looks_numeric = !text.empty() && text.find_first_not_of("0123456789+-.eE,; \t") == std::string_view::npos;
    if (!looks_numeric)
        throw InvalidParams(
            "unknown kernel '" + std::string(text) +
            "' (expected ones, bilinear, gaussian, gaussian:SIGMA, a matrix like \"1,2,1;2,4,2;1,2,1\" or @FILE)");
    spec.kind = KernelKind::Matrix;
    spec.matrix = parse_kernel_matrix(text, ';');
    return spec;
}

Kernel make_kernel(const KernelSpec& spec, std::optional<Extent2> size, Extent2 stride) {
    if (spec.kind == KernelKind::Matrix) {
        if (size && *size != spec.matrix.size)
            throw InvalidParams("kernel is " + std::to_string(spec.matrix.size.h) + "x" + std::to_string(spec.matrix.size.w) +
                                " but the filter size is " + std::to_string(size->h) + "x" + std::to_string(size->w));
        return spec.matrix;
    }
    const Extent2 s = size.value_or(Extent2{3, 3});
    if (s.h > 0 && s.w > 0 && s.h > max_kernel_weights / s.w)
        throw InvalidParams("filter size " + std::to_string(s.h) + "x" + std::to_string(s.w) + " has more than " +
                            std::to_string(max_kernel_weights) + " weights");
    switch (spec.kind) {
        case KernelKind::Bilinear: return bilinear_kernel(s);
        case KernelKind::Gaussian: return gaussian_kernel(s, spec.sigma, stride);
        default: return ones_kernel(s);
    }
}

}  // namespace tconv::core
