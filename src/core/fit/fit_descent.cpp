// The Adam loop of every fit: the loss and gradient at the current parameters, the divergence check,
// the lowest loss's parameters kept, one update, until the steps are done.
#include "core/fit/fit_descent.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace tconv::core {

double divergence_limit(double first_loss, double zero_loss) { return divergence_factor * std::max(first_loss, zero_loss); }

FitDiverged::FitDiverged(std::int64_t step, double loss, double limit)
    : InvalidParams("the fit diverged at step " + std::to_string(step) + ": loss " + std::to_string(loss) +
                    " is not finite or above " + std::to_string(limit)),
      step_(step),
      loss_(loss),
      limit_(limit) {}

Descent adam_descent(std::vector<double>& params, const LossFunction& loss, const FitSettings& settings, double zero_loss,
                     const FitObserver& observer) {
    if (settings.steps < 0) throw InvalidParams("steps must be >= 0, got " + std::to_string(settings.steps));
    const double lr = settings.adam.learning_rate;
    if (!(lr > 0.0) || !std::isfinite(lr)) throw InvalidParams("the learning rate must be > 0 and finite");
    if (settings.threads < 1) throw InvalidParams("threads must be >= 1, got " + std::to_string(settings.threads));

    Descent descent;
    std::vector<double> best = params;
    std::vector<double> grad(params.size());
    Adam adam(params.size(), settings.adam);
    double limit = 0.0;
    auto record = [&](std::int64_t step, double value) {
        if (step == 0 && std::isfinite(value)) limit = divergence_limit(value, zero_loss);
        if (!std::isfinite(value) || value > limit) throw FitDiverged(step, value, limit);
        if (step == 0 || value < descent.loss[static_cast<std::size_t>(descent.best_step)]) {
            descent.best_step = step;
            best = params;
        }
        descent.loss.push_back(value);
        if (observer) observer(step, value);
    };
    for (std::int64_t t = 0; t < settings.steps; ++t) {
        std::fill(grad.begin(), grad.end(), 0.0);
        record(t, loss(params, grad));
        adam.step(params, grad);
    }
    record(settings.steps, loss(params, {}));
    params = std::move(best);
    return descent;
}

}  // namespace tconv::core
