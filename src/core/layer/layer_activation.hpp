// The activation a Keras layer applies after its bias: per sample, or across a pixel's channels
// (softmax, log_softmax), in double.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tconv::core {

enum class Activation {
    Linear,
    Relu,
    Relu6,
    LeakyRelu,  ///< Keras 3's default slope 0.2 below zero
    Elu,        ///< alpha 1
    Selu,
    Sigmoid,
    HardSigmoid,       ///< clip(0.2 x + 0.5, 0, 1): tf.keras 2 and TensorFlow.js
    HardSigmoidSixth,  ///< clip(x / 6 + 0.5, 0, 1): Keras 3
    HardSilu,          ///< x * clip(x / 6 + 0.5, 0, 1)
    Tanh,
    Softplus,
    Softsign,
    Silu,      ///< swish: x * sigmoid(x)
    Mish,      ///< x * tanh(softplus(x))
    Gelu,      ///< x * Phi(x), through erf
    GeluTanh,  ///< the tanh approximation of gelu
    Exponential,
    LogSigmoid,
    Softmax,     ///< across the channels of each pixel
    LogSoftmax,  ///< across the channels of each pixel
};

/// The activation Keras names `name` (its snake_case names and aliases such as swish, hard_swish, and
/// TensorFlow.js' hardSigmoid, logSoftmax, gelu_new), or nullopt. `keras3`: hard_sigmoid is Keras 3's
/// (x / 6 + 0.5) rather than tf.keras 2's and TensorFlow.js' (0.2 x + 0.5).
std::optional<Activation> activation_named(std::string_view name, bool keras3);

/// The activation's Keras name (Keras 3's spelling).
std::string activation_name(Activation a);

/// Whether the activation mixes a pixel's channels (softmax, log_softmax).
bool activation_spans_channels(Activation a);

/// Applies `a` in place to the `channels` values of one pixel, `stride` apart.
void activate_pixel(Activation a, double* values, int channels, std::ptrdiff_t stride);

}  // namespace tconv::core
