// Adam's update, written in torch.optim.Adam's order of operations so the goldens agree closely.
#include "core/fit/adam.hpp"

#include <cmath>

namespace tconv::core {

Adam::Adam(std::size_t parameters, const AdamSettings& settings)
    : settings_(settings), m_(parameters, 0.0), v_(parameters, 0.0) {}

void Adam::step(std::span<double> params, std::span<const double> grad) {
    ++t_;
    const double b1 = settings_.beta1;
    const double b2 = settings_.beta2;
    const double correction1 = 1.0 - std::pow(b1, static_cast<double>(t_));
    const double correction2 = 1.0 - std::pow(b2, static_cast<double>(t_));
    const double step_size = settings_.learning_rate / correction1;
    for (std::size_t i = 0; i < params.size(); ++i) {
        m_[i] = b1 * m_[i] + (1.0 - b1) * grad[i];
        v_[i] = b2 * v_[i] + (1.0 - b2) * grad[i] * grad[i];
        const double denom = std::sqrt(v_[i]) / std::sqrt(correction2) + settings_.epsilon;
        params[i] -= step_size * m_[i] / denom;
    }
}

}  // namespace tconv::core
