// The activations as Keras defines them (keras.activations), in double.
#include "core/layer/layer_activation.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>

namespace tconv::core {
namespace {

double sigmoid(double x) { return x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x)); }
double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

double one(Activation a, double x) {
    // SELU's constants as Keras writes them.
    constexpr double selu_alpha = 1.6732632423543772848170429916717;
    constexpr double selu_scale = 1.0507009873554804934193349852946;
    switch (a) {
        case Activation::Linear: return x;
        case Activation::Relu: return std::max(x, 0.0);
        case Activation::Relu6: return std::clamp(x, 0.0, 6.0);
        case Activation::LeakyRelu: return x >= 0 ? x : 0.2 * x;
        case Activation::Elu: return x > 0 ? x : std::expm1(x);
        case Activation::Selu: return selu_scale * (x > 0 ? x : selu_alpha * std::expm1(x));
        case Activation::Sigmoid: return sigmoid(x);
        case Activation::HardSigmoid: return std::clamp(0.2 * x + 0.5, 0.0, 1.0);
        case Activation::HardSigmoidSixth: return std::clamp(x / 6.0 + 0.5, 0.0, 1.0);
        case Activation::HardSilu: return x * std::clamp(x / 6.0 + 0.5, 0.0, 1.0);
        case Activation::Tanh: return std::tanh(x);
        case Activation::Softplus: return softplus(x);
        case Activation::Softsign: return x / (1.0 + std::abs(x));
        case Activation::Silu: return x * sigmoid(x);
        case Activation::Mish: return x * std::tanh(softplus(x));
        case Activation::Gelu: return 0.5 * x * (1.0 + std::erf(x / std::numbers::sqrt2));
        case Activation::GeluTanh:
            return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / std::numbers::pi) * (x + 0.044715 * x * x * x)));
        case Activation::Exponential: return std::exp(x);
        case Activation::LogSigmoid: return -softplus(-x);
        case Activation::Softmax:
        case Activation::LogSoftmax: break;
    }
    return x;
}

constexpr std::array<std::pair<std::string_view, Activation>, 24> names{{
    {"linear", Activation::Linear},
    {"relu", Activation::Relu},
    {"relu6", Activation::Relu6},
    {"leaky_relu", Activation::LeakyRelu},
    {"elu", Activation::Elu},
    {"selu", Activation::Selu},
    {"sigmoid", Activation::Sigmoid},
    {"hard_sigmoid", Activation::HardSigmoid},
    {"hardSigmoid", Activation::HardSigmoid},
    {"hard_silu", Activation::HardSilu},
    {"hard_swish", Activation::HardSilu},
    {"tanh", Activation::Tanh},
    {"softplus", Activation::Softplus},
    {"softsign", Activation::Softsign},
    {"silu", Activation::Silu},
    {"swish", Activation::Silu},
    {"mish", Activation::Mish},
    {"gelu", Activation::Gelu},
    {"gelu_new", Activation::GeluTanh},
    {"exponential", Activation::Exponential},
    {"log_sigmoid", Activation::LogSigmoid},
    {"softmax", Activation::Softmax},
    {"log_softmax", Activation::LogSoftmax},
    {"logSoftmax", Activation::LogSoftmax},
}};

}  // namespace

std::optional<Activation> activation_named(std::string_view name, bool keras3) {
    for (const auto& [text, a] : names)
        if (text == name) return keras3 && a == Activation::HardSigmoid ? Activation::HardSigmoidSixth : a;
    return std::nullopt;
}

std::string activation_name(Activation a) {
    if (a == Activation::HardSigmoidSixth) return "hard_sigmoid";
    for (const auto& [text, value] : names)
        if (value == a) return std::string(text);
    return "linear";
}

bool activation_spans_channels(Activation a) { return a == Activation::Softmax || a == Activation::LogSoftmax; }

void activate_pixel(Activation a, double* values, int channels, std::ptrdiff_t stride) {
    if (a == Activation::Linear) return;
    if (!activation_spans_channels(a)) {
        for (int c = 0; c < channels; ++c) values[c * stride] = one(a, values[c * stride]);
        return;
    }
    // Shifted by the largest value, as Keras' backends compute it, so that exp cannot overflow.
    double top = values[0];
    for (int c = 1; c < channels; ++c) top = std::max(top, values[c * stride]);
    double sum = 0;
    for (int c = 0; c < channels; ++c) sum += std::exp(values[c * stride] - top);
    for (int c = 0; c < channels; ++c) {
        double& v = values[c * stride];
        v = a == Activation::Softmax ? std::exp(v - top) / sum : v - top - std::log(sum);
    }
}

}  // namespace tconv::core
