// Kernel: the filter weights shared by every channel, and the named filters of the article and FCN.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/geometry/extent.hpp"

namespace tconv::core {

/// A dense kernel of size.h rows x size.w columns, row-major, not flipped (PyTorch's weight layout).
/// The weights are held as typed (or computed) in double: the sums in double (16-bit samples, the
/// real-valued results, the scatter) use them so; the float sums of 8-bit samples use float_weights().
struct Kernel {
    Extent2 size{};
    std::vector<double> weights;  ///< size.h * size.w values
    double at(std::int64_t r, std::int64_t c) const { return weights[static_cast<std::size_t>(r * size.w + c)]; }
};

/// The weights rounded to float, as the float strategies sum with them.
std::vector<float> float_weights(const Kernel& kernel);

/// The kernel with every weight rounded to float (held in double): what the float strategies apply,
/// for choices that must see their weights (the rank-1 split of 8-bit samples).
Kernel float_rounded(const Kernel& kernel);

/// The kernel forms of `-k`: a named filter or an explicit matrix.
enum class KernelKind { Ones, Bilinear, Gaussian, Matrix };

/// A parsed `-k` value before the filter size is known.
struct KernelSpec {
    KernelKind kind = KernelKind::Ones;
    std::optional<double> sigma{};  ///< Gaussian only: `gaussian:SIGMA`
    Kernel matrix{};                ///< Matrix only
};

/// All ones: the article's "transparent" filter.
Kernel ones_kernel(Extent2 size);

/// FCN/Caffe `upsample_filt`, per axis: f = (k+1)/2 (integer division), c = f-1 for odd k and
/// f-0.5 for even k, w[i] = 1 - |i-c|/f; the 2-D kernel is the outer product of the two axes.
Kernel bilinear_kernel(Extent2 size);

/// Separable Gaussian, normalised so the weights sum to stride.h*stride.w (the mean brightness of
/// an upsampled image is kept). Without sigma, each axis is the binomial row C(k-1, i) (the discrete
/// Gaussian, sigma = sqrt(k-1)/2; k=3 gives 1,2,1); with sigma (> 0, in pixels) each axis samples
/// exp(-x^2 / (2 sigma^2)) at x = i - (k-1)/2. Throws InvalidParams for sigma <= 0 or not finite.
Kernel gaussian_kernel(Extent2 size, std::optional<double> sigma, Extent2 stride);

/// Parses a kernel matrix in text: rows split by `row_separator` (';' inline, '\n' in files),
/// numbers split by ',' or white space, '#' starts a comment to the end of the line. Throws
/// InvalidParams for an empty matrix, ragged rows, a non-numeric or non-finite value.
Kernel parse_kernel_matrix(std::string_view text, char row_separator);

/// Parses a `-k` value other than `@FILE`: ones, bilinear, gaussian, gaussian:SIGMA, or an inline
/// matrix "1,2,1;2,4,2;1,2,1". Throws InvalidParams naming what is wrong.
KernelSpec parse_kernel_spec(std::string_view text);

/// The most weights a named kernel may have (a 4096x4096 filter, 64 MiB of floats). A larger -f is
/// refused before anything is allocated: it could not be held in memory or would never finish.
inline constexpr std::int64_t max_kernel_weights = std::int64_t{1} << 24;

/// Builds the kernel for a spec. `size` is the filter size when given (-f); a matrix must match it.
/// Throws InvalidParams for a size mismatch or a named kernel of more than max_kernel_weights.
Kernel make_kernel(const KernelSpec& spec, std::optional<Extent2> size, Extent2 stride);

}  // namespace tconv::core
