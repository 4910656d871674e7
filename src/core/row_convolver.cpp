// The fast path's planning (stride phases per axis, the exact rank-1 split of the kernel, the byte
// shuffles and the fixed-point form where they apply) and its row loops, which run over contiguous
// rows with channels interleaved (the SIMD arithmetic itself is in row_sums, fixed_point_rows, ...).
#include "core/row_convolver.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <climits>
#include <optional>

#include "core/fixed_point_rows.hpp"
#include "core/quantise_row.hpp"
#include "core/row_sums.hpp"
#include "core/widen_row.hpp"

namespace tconv::core {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0); }

/// Filtered input rows kept per call are capped so that a huge kernel cannot take unbounded memory;
/// fewer slots only mean recomputing rows, never a different result.
constexpr std::int64_t filtered_cache_bytes = std::int64_t{32} << 20;

/// Adds the `count` pixels of one phase (contiguous in `sums`) into every `stride`-th pixel of `dst`.
template <int Channels>
void add_phase(const float* __restrict sums, std::int64_t count, std::int64_t stride, float* __restrict dst) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) dst[q * step + c] += sums[q * Channels + c];
}

/// Stores the `count` pixels of one phase (contiguous in `sums`) as every `stride`-th pixel of `dst`.
template <int Channels, class T>
void store_phase(const T* __restrict sums, std::int64_t count, std::int64_t stride, T* __restrict dst) {
    const std::int64_t step = stride * Channels;
    for (std::int64_t q = 0; q < count; ++q)
        for (int c = 0; c < Channels; ++c) dst[q * step + c] = sums[q * Channels + c];
}

/// Column and row factors whose products reproduce every weight exactly, in double arithmetic;
/// only then does filtering rows then columns add up exactly what the dense kernel adds up.
struct RankOneSplit {
    std::vector<float> col;
    std::vector<float> row;
};

/// Converts v to float when that is exact.
std::optional<float> exact_float(double v) {
    const auto f = static_cast<float>(v);
    if (static_cast<double>(f) != v) return std::nullopt;
    return f;
}

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
    // Candidate splits col[a] = w(a, pb) * col_num / col_den, row[b] = w(pa, b) * row_num / row_den
    // (col_num * row_num == col_den * row_den == pivot); the first whose factors are floats and whose
    // products give back every weight exactly wins. One product of two floats is exact in double, so
    // each factor is rounded once and is exact whenever the true factor is a float.
    auto try_split = [&](double col_num, double col_den, double row_num, double row_den) -> std::optional<RankOneSplit> {
        RankOneSplit s{std::vector<float>(kh), std::vector<float>(kw)};
        for (std::size_t a = 0; a < kh; ++a) {
            const auto f = exact_float(w(a, pb) * col_num / col_den);
            if (!f) return std::nullopt;
            s.col[a] = *f;
        }
        for (std::size_t b = 0; b < kw; ++b) {
            const auto f = exact_float(w(pa, b) * row_num / row_den);
            if (!f) return std::nullopt;
            s.row[b] = *f;
        }
        for (std::size_t a = 0; a < kh; ++a)
            for (std::size_t b = 0; b < kw; ++b)
                if (static_cast<double>(s.col[a]) * static_cast<double>(s.row[b]) != w(a, b)) return std::nullopt;
        return s;
    };
    // The square root keeps symmetric kernels (the bilinear tent 0.25, 0.75, ...) dyadic on both
    // sides; making one row factor or one column factor 1 finds the dyadic factors of any outer
    // product of dyadic vectors.
    const double root = std::sqrt(std::abs(pivot));
    if (auto s = try_split(root, pivot, 1.0, root)) return s;
    for (std::size_t b = 0; b < kw; ++b)
        if (w(pa, b) != 0.0)
            if (auto s = try_split(w(pa, b), pivot, 1.0, w(pa, b))) return s;
    for (std::size_t a = 0; a < kh; ++a)
        if (w(a, pb) != 0.0)
            if (auto s = try_split(1.0, w(a, pb), w(a, pb), pivot)) return s;
    return std::nullopt;
}

}  // namespace

struct RowConvolver::Scratch {
    std::vector<float> padded;             ///< one input row as floats between zero pads
    std::int64_t padded_input = -1;        ///< the input row `padded` holds
    std::vector<float> phase_sums;         ///< one column phase, contiguous
    std::vector<float> sums;               ///< the output row before quantisation
    std::vector<float> filtered;           ///< separable: cache_slots_ input rows filtered along columns
    std::vector<std::int64_t> filtered_input;  ///< the input row each slot holds (-1: none)
    std::vector<RowTap> taps;
    std::vector<RowTap> previous_taps;
    std::vector<WeightedRow> column_terms;  ///< filter_columns: shifted copies of the padded input row (and dst)
    std::vector<WeightedRow> row_terms;     ///< separable_row: filtered input rows
    std::vector<std::uint16_t> fixed_rows;  ///< fixed point: filtered rows scaled to whole numbers
    std::vector<std::int64_t> fixed_input;  ///< the input row each fixed-point slot holds (-1: none)
    std::vector<FixedPointRow> fixed_terms;
    std::vector<FixedPointPixels> fixed_pixels;
    std::vector<std::uint8_t> padded_bytes;  ///< fixed point: one input row between zero pads
    std::vector<std::uint16_t> fixed_phases;  ///< fixed point: every column phase, contiguous, one after another
};

std::vector<RowConvolver::AxisPhase> RowConvolver::plan_phases(const AxisShape& axis) {
    // Output o is full index f = o + crop_begin; input i meets tap t there when i*stride + t*dilation
    // == f. The first min(stride, out) outputs have distinct phases f mod stride; output o + stride
    // has o's taps one input further on.
    std::vector<AxisPhase> phases;
    const std::int64_t n = std::min(axis.stride, axis.out);
    phases.reserve(static_cast<std::size_t>(n));
    for (std::int64_t o = 0; o < n; ++o) {
        const std::int64_t f = o + axis.crop_begin;
        AxisPhase ph;
        ph.first_out = o;
        ph.count = (axis.out - 1 - o) / axis.stride + 1;
        for (std::int64_t t = 0; t < axis.kernel; ++t) {
            const std::int64_t rest = f - t * axis.dilation;
            const std::int64_t i = floor_div(rest, axis.stride);
            if (i * axis.stride != rest) continue;
            if (i + ph.count - 1 < 0 || i >= axis.in) continue;  // only zeros for every output of the phase
            ph.taps.push_back({i, t});
        }
        phases.push_back(std::move(ph));
    }
    return phases;
}

RowConvolver::RowConvolver(const Image& in, const Kernel& kernel, const OutputShape& shape)
    : in_(in),
      kernel_(kernel),
      out_h_(shape.rows.out),
      out_w_(shape.cols.out),
      row_stride_(shape.rows.stride),
      col_stride_(shape.cols.stride),
      row_phases_(plan_phases(shape.rows)),
      col_phases_(plan_phases(shape.cols)) {
    std::int64_t pad_right = 0;
    for (const AxisPhase& ph : col_phases_) {
        max_phase_count_ = std::max(max_phase_count_, ph.count);
        for (const PhaseTap& t : ph.taps) {
            pad_left_ = std::max(pad_left_, -t.first_input);
            pad_right = std::max(pad_right, t.first_input + ph.count - in.width);
        }
    }
    padded_width_ = pad_left_ + in.width + pad_right;
    if (auto split = exact_rank_one(kernel)) {
        separable_ = true;
        col_factor_ = std::move(split->col);
        row_factor_ = std::move(split->row);
        const AxisShape& r = shape.rows;
        const std::int64_t window = (r.k_eff - 1) / r.stride + 1;  // input rows one output row can reach
        const std::int64_t row_bytes = out_w_ * in.channels * std::int64_t{sizeof(float)};
        cache_slots_ = std::clamp<std::int64_t>(filtered_cache_bytes / std::max<std::int64_t>(row_bytes, 1), 1, window);
        plan_replication();
        plan_fixed_point();
    }
}

void RowConvolver::plan_fixed_point() {
    // The largest sum of factors one value adds up: per column phase (filtering) and per row phase.
    auto largest_sum = [](const std::vector<AxisPhase>& phases, const std::vector<float>& factors) {
        double largest = 0;
        for (const AxisPhase& ph : phases) {
            double sum = 0;
            for (const PhaseTap& t : ph.taps) sum += static_cast<double>(factors[static_cast<std::size_t>(t.tap)]);
            largest = std::max(largest, sum);
        }
        return largest;
    };
    fixed_ = fixed_point_factors(col_factor_, row_factor_, largest_sum(col_phases_, row_factor_),
                                 largest_sum(row_phases_, col_factor_));
}

void RowConvolver::plan_replication() {
    // Only where every column phase copies at most one input pixel with weight exactly 1.
    const int ch = in_.channels;
    std::vector<std::int32_t> source(static_cast<std::size_t>(out_w_ * ch), -1);
    if (in_.width * ch > INT32_MAX) return;
    for (const AxisPhase& ph : col_phases_) {
        const PhaseTap* copy = nullptr;
        for (const PhaseTap& t : ph.taps) {
            const float w = row_factor_[static_cast<std::size_t>(t.tap)];
            if (w == 0.0f) continue;
            if (w != 1.0f || copy != nullptr) return;
            copy = &t;
        }
        if (copy == nullptr) continue;
        for (std::int64_t q = 0; q < ph.count; ++q) {
            const std::int64_t i = copy->first_input + q;
            if (i < 0 || i >= in_.width) continue;
            for (int c = 0; c < ch; ++c)
                source[static_cast<std::size_t>((ph.first_out + q * col_stride_) * ch + c)] = static_cast<std::int32_t>(i * ch + c);
        }
    }
    replication_.emplace(std::move(source), static_cast<std::size_t>(in_.width * ch));
}

void RowConvolver::row_taps(std::int64_t y, std::vector<RowTap>& taps) const {
    taps.clear();
    const AxisPhase& ph = row_phases_[static_cast<std::size_t>(y % row_stride_)];
    const std::int64_t step = (y - ph.first_out) / row_stride_;  // outputs of this phase before y
    for (const PhaseTap& t : ph.taps) {
        const std::int64_t i = t.first_input + step;
        if (i < 0 || i >= in_.height) continue;
        if (!separable_) {
            taps.push_back({i, t.tap, 0.0f});
            continue;
        }
        // A separable row is its filtered input rows times their weights, whichever kernel rows
        // these are: leaving the kernel row out lets equal rows of different phases match.
        const float w = col_factor_[static_cast<std::size_t>(t.tap)];
        if (w != 0.0f) taps.push_back({i, 0, w});
    }
}

const float* RowConvolver::padded_row(std::int64_t input_row, Scratch& scratch) const {
    if (scratch.padded_input != input_row) {
        const std::size_t n = static_cast<std::size_t>(in_.width * in_.channels);
        const std::uint8_t* src = in_.pixels.data() + static_cast<std::size_t>(input_row) * n;
        float* dst = scratch.padded.data() + pad_left_ * in_.channels;
        widen_row(src, dst, n);
        scratch.padded_input = input_row;
    }
    return scratch.padded.data();
}

const float* RowConvolver::filtered_row(std::int64_t input_row, Scratch& scratch) const {
    const auto slot = static_cast<std::size_t>(input_row % cache_slots_);
    const auto row_len = static_cast<std::size_t>(out_w_ * in_.channels);
    float* row = scratch.filtered.data() + slot * row_len;
    if (scratch.filtered_input[slot] != input_row) {
        filter_columns(padded_row(input_row, scratch), row_factor_.data(), row, ColumnWrite::Store, scratch);
        scratch.filtered_input[slot] = input_row;
    }
    return row;
}

void RowConvolver::filter_columns(const float* padded, const float* weights, float* dst, ColumnWrite write,
                                  Scratch& scratch) const {
    // Every output column belongs to exactly one phase. Store writes each once (zeros where no tap
    // reaches); Add adds the phase's sum to what dst holds (the dense path, one kernel row at a time).
    const int ch = in_.channels;
    const bool add = write == ColumnWrite::Add;
    for (const AxisPhase& ph : col_phases_) {
        const auto n = static_cast<std::size_t>(ph.count * ch);
        float* first = dst + ph.first_out * ch;
        auto& terms = scratch.column_terms;
        terms.clear();
        // With stride 1 the one phase is the row itself: an added sum starts from what it holds.
        if (add && col_stride_ == 1) terms.push_back({first, 1.0f});
        for (const PhaseTap& t : ph.taps) {
            const float w = weights[t.tap];
            if (w != 0.0f) terms.push_back({padded + (t.first_input + pad_left_) * ch, w});
        }
        if (col_stride_ == 1) {
            if (!terms.empty()) {
                weighted_sum(terms, first, n);
            } else if (!add) {
                std::fill(first, first + n, 0.0f);
            }
            continue;
        }
        if (terms.empty()) {
            if (add) continue;
            std::fill(scratch.phase_sums.begin(), scratch.phase_sums.begin() + static_cast<std::ptrdiff_t>(n), 0.0f);
        } else {
            weighted_sum(terms, scratch.phase_sums.data(), n);
        }
        const float* sums = scratch.phase_sums.data();
        switch (ch) {
            case 1: add ? add_phase<1>(sums, ph.count, col_stride_, first) : store_phase<1>(sums, ph.count, col_stride_, first); break;
            case 2: add ? add_phase<2>(sums, ph.count, col_stride_, first) : store_phase<2>(sums, ph.count, col_stride_, first); break;
            case 3: add ? add_phase<3>(sums, ph.count, col_stride_, first) : store_phase<3>(sums, ph.count, col_stride_, first); break;
            default: add ? add_phase<4>(sums, ph.count, col_stride_, first) : store_phase<4>(sums, ph.count, col_stride_, first); break;
        }
    }
}

namespace {

/// Rows handed one by one to a sink, from one scratch row.
class SinkTarget {
public:
    SinkTarget(const RowSink& sink, std::size_t row_len) : sink_(sink), row_(row_len) {}
    std::uint8_t* row(std::int64_t) { return row_.data(); }
    void written(std::int64_t y, const std::uint8_t* row) { sink_(y, row); }
    void repeat(std::int64_t y, const std::uint8_t* previous) { sink_(y, previous); }

private:
    const RowSink& sink_;
    std::vector<std::uint8_t> row_;
};

/// Rows written in place into an image's pixels.
class ImageTarget {
public:
    ImageTarget(std::uint8_t* pixels, std::size_t row_len) : pixels_(pixels), row_len_(row_len) {}
    std::uint8_t* row(std::int64_t y) { return pixels_ + static_cast<std::size_t>(y) * row_len_; }
    void written(std::int64_t, const std::uint8_t*) {}
    void repeat(std::int64_t y, const std::uint8_t* previous) { std::memcpy(row(y), previous, row_len_); }

private:
    std::uint8_t* pixels_;
    std::size_t row_len_;
};

}  // namespace

template <class Target>
void RowConvolver::run_rows(std::int64_t y0, std::int64_t y1, Target& target) const {
    const int ch = in_.channels;
    const auto row_len = static_cast<std::size_t>(out_w_ * ch);
    Scratch s;
    s.padded.assign(static_cast<std::size_t>(padded_width_ * ch), 0.0f);
    s.phase_sums.resize(static_cast<std::size_t>(max_phase_count_ * ch));
    s.sums.resize(row_len);
    if (separable_) {
        s.filtered.resize(static_cast<std::size_t>(cache_slots_) * row_len);
        s.filtered_input.assign(static_cast<std::size_t>(cache_slots_), -1);
    }
    if (fixed_) {
        s.fixed_rows.resize(static_cast<std::size_t>(cache_slots_) * (row_len + interleave_slack));
        s.fixed_input.assign(static_cast<std::size_t>(cache_slots_), -1);
        s.padded_bytes.assign(static_cast<std::size_t>(padded_width_ * ch), 0);
        s.fixed_phases.resize(col_phases_.size() * fixed_phase_len());
    }
    const std::uint8_t* previous = nullptr;
    for (std::int64_t y = y0; y < y1; ++y) {
        row_taps(y, s.taps);
        // Rows with the same taps are the same row: upsampling by k <= stride repeats rows.
        if (previous != nullptr && s.taps == s.previous_taps) {
            target.repeat(y, previous);
            continue;
        }
        std::uint8_t* out = target.row(y);
        if (s.taps.empty()) {
            std::memset(out, 0, row_len);
        } else if (replication_ && s.taps.size() == 1 && s.taps.front().weight == 1.0f) {
            replication_->apply(in_.pixels.data() + static_cast<std::size_t>(s.taps.front().input * in_.width * ch), out);
        } else if (fixed_) {
            fixed_point_output_row(s, out);
        } else if (separable_) {
            separable_row(s, out);
        } else {
            std::fill(s.sums.begin(), s.sums.end(), 0.0f);
            for (const RowTap& t : s.taps)
                filter_columns(padded_row(t.input, s), kernel_.weights.data() + t.tap * kernel_.size.w, s.sums.data(),
                               ColumnWrite::Add, s);
            quantise_row(s.sums.data(), out, row_len);
        }
        target.written(y, out);
        previous = out;
        std::swap(s.taps, s.previous_taps);
    }
}

std::size_t RowConvolver::fixed_phase_len() const {
    return static_cast<std::size_t>(max_phase_count_ * in_.channels) + interleave_slack;
}

const std::uint16_t* RowConvolver::fixed_point_filtered_row(std::int64_t input_row, Scratch& scratch) const {
    const auto slot = static_cast<std::size_t>(input_row % cache_slots_);
    const int ch = in_.channels;
    const auto row_len = static_cast<std::size_t>(out_w_ * ch);
    std::uint16_t* row = scratch.fixed_rows.data() + slot * (row_len + interleave_slack);
    if (scratch.fixed_input[slot] == input_row) return row;
    scratch.fixed_input[slot] = input_row;
    // The input row between zero pads, in 8 bits: the filter widens it as it reads.
    const auto in_len = static_cast<std::size_t>(in_.width * ch);
    std::memcpy(scratch.padded_bytes.data() + pad_left_ * ch, in_.pixels.data() + static_cast<std::size_t>(input_row) * in_len,
                in_len);
    for (std::size_t p = 0; p < col_phases_.size(); ++p) {
        const AxisPhase& ph = col_phases_[p];
        const auto n = static_cast<std::size_t>(ph.count * ch);
        scratch.fixed_pixels.clear();
        for (const PhaseTap& t : ph.taps) {
            const std::uint16_t r = fixed_->row[static_cast<std::size_t>(t.tap)];
            if (r != 0) scratch.fixed_pixels.push_back({scratch.padded_bytes.data() + (t.first_input + pad_left_) * ch, r});
        }
        // With stride 1 the one phase is the row; otherwise the phases are interleaved below.
        std::uint16_t* sums = col_stride_ == 1 ? row : scratch.fixed_phases.data() + p * fixed_phase_len();
        if (scratch.fixed_pixels.empty()) {
            std::fill(sums, sums + n, std::uint16_t{0});
        } else {
            fixed_point_filter(scratch.fixed_pixels, sums, n);
        }
    }
    if (col_stride_ > 1) interleave_fixed_phases(scratch.fixed_phases.data(), row);
    return row;
}

namespace {

/// interleave_fixed_phases' loops for `Ch` channels: pixel q of phase p goes to output pixel
/// q * stride + p, one 8-byte move each (Ch <= 4 samples of 2 bytes).
template <int Ch, class Phases>
void interleave_phases(const std::uint16_t* phases, std::size_t phase_len, const Phases& axis_phases, std::size_t stride,
                       std::size_t common, std::uint16_t* row) {
    constexpr std::size_t pixel = Ch;
    const std::size_t phase_count = axis_phases.size();  // below the stride when the row is shorter
    if (stride == 2 && phase_count == 2) {  // the usual upsampling by two: both phases in one pass
        const std::uint16_t* a = phases;
        const std::uint16_t* b = phases + phase_len;
        for (std::size_t q = 0; q < common; ++q) {
            std::memcpy(row + 2 * q * pixel, a + q * pixel, 8);
            std::memcpy(row + (2 * q + 1) * pixel, b + q * pixel, 8);
        }
    } else {
        for (std::size_t q = 0; q < common; ++q)
            for (std::size_t p = 0; p < phase_count; ++p)
                std::memcpy(row + (q * stride + p) * pixel, phases + p * phase_len + q * pixel, 8);
    }
    for (std::size_t p = 0; p < phase_count; ++p)
        for (std::size_t q = common; q < static_cast<std::size_t>(axis_phases[p].count); ++q)
            std::memcpy(row + (q * stride + p) * pixel, phases + p * phase_len + q * pixel, pixel * sizeof(std::uint16_t));
}

}  // namespace

void RowConvolver::interleave_fixed_phases(const std::uint16_t* phases, std::uint16_t* row) const {
    // Moves in increasing output order, so that the bytes a move writes past its pixel are written
    // again by the next pixel (or land in the slack after the row).
    std::int64_t common = max_phase_count_;  // pixels every phase has
    for (const AxisPhase& ph : col_phases_) common = std::min(common, ph.count);
    const auto stride = static_cast<std::size_t>(col_stride_);
    const auto q = static_cast<std::size_t>(common);
    const std::size_t len = fixed_phase_len();
    switch (in_.channels) {
        case 1: return interleave_phases<1>(phases, len, col_phases_, stride, q, row);
        case 2: return interleave_phases<2>(phases, len, col_phases_, stride, q, row);
        case 3: return interleave_phases<3>(phases, len, col_phases_, stride, q, row);
        default: return interleave_phases<4>(phases, len, col_phases_, stride, q, row);
    }
}

void RowConvolver::fixed_point_output_row(Scratch& s, std::uint8_t* out) const {
    if (!filtered_rows_fit(s.taps)) return separable_row(s, out);  // the same pixels, in float
    s.fixed_terms.clear();
    for (const RowTap& t : s.taps)
        s.fixed_terms.push_back({fixed_point_filtered_row(t.input, s),
                                 static_cast<std::uint16_t>(std::ldexp(t.weight, fixed_->col_shift))});
    fixed_point_row(s.fixed_terms, fixed_->row_shift + fixed_->col_shift, out, static_cast<std::size_t>(out_w_ * in_.channels));
}

bool RowConvolver::filtered_rows_fit(const std::vector<RowTap>& taps) const {
    // Input rows less than cache_slots_ apart have distinct slots (slot = row mod cache_slots_), so
    // every filtered row stays in place while one sum reads them all.
    const auto [lowest, highest] =
        std::minmax_element(taps.begin(), taps.end(), [](const RowTap& a, const RowTap& b) { return a.input < b.input; });
    return highest->input - lowest->input < cache_slots_;
}

void RowConvolver::separable_row(Scratch& s, std::uint8_t* out) const {
    const auto row_len = static_cast<std::size_t>(out_w_ * in_.channels);
    if (filtered_rows_fit(s.taps)) {
        s.row_terms.clear();
        for (const RowTap& t : s.taps) s.row_terms.push_back({filtered_row(t.input, s), t.weight});
        weighted_sum_quantised(s.row_terms, out, row_len);
        return;
    }
    // Rows too long to keep them all (the cache is capped): one at a time into the running sum.
    WeightedRow running[2] = {{s.sums.data(), 1.0f}, {}};
    for (std::size_t t = 0; t < s.taps.size(); ++t) {
        const float* f = filtered_row(s.taps[t].input, s);
        if (t == 0) {
            const WeightedRow first{f, s.taps[t].weight};
            weighted_sum({&first, 1}, s.sums.data(), row_len);
        } else {
            running[1] = {f, s.taps[t].weight};
            weighted_sum(running, s.sums.data(), row_len);
        }
    }
    quantise_row(s.sums.data(), out, row_len);
}

void RowConvolver::convolve_rows(std::int64_t y0, std::int64_t y1, const RowSink& sink) const {
    SinkTarget target(sink, static_cast<std::size_t>(out_w_ * in_.channels));
    run_rows(y0, y1, target);
}

void RowConvolver::convolve_rows_into(std::int64_t y0, std::int64_t y1, std::uint8_t* pixels) const {
    ImageTarget target(pixels, static_cast<std::size_t>(out_w_ * in_.channels));
    run_rows(y0, y1, target);
}

}  // namespace tconv::core
