// What every fit shares: how long and how fast to descend, when a fit has diverged, the rule for
// saturated targets, and the Adam loop itself over a flat vector of parameters.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/errors.hpp"
#include "core/fit/adam.hpp"

namespace tconv::core {

/// How long and how fast to descend.
struct FitSettings {
    std::int64_t steps = 500;  ///< Adam updates, >= 0
    /// learning_rate > 0 and finite. 0.05 moves a weight at most ~0.05 per step: a kernel of unit-size
    /// weights is reached in ~100 steps and settles within a few hundred on 8-bit images.
    AdamSettings adam{0.05, 0.9, 0.999, 1e-8};
    int threads = 1;  ///< >= 1; the losses and the parameters are the same bits for any count
};

/// How far the loss may grow before the fit counts as diverged: see divergence_limit.
inline constexpr double divergence_factor = 10.0;

/// The largest loss a fit that has not diverged may reach: divergence_factor * max(first_loss,
/// zero_loss), zero_loss being the loss of all-zero parameters (the mean squared target). Starting
/// from good parameters, Adam's first steps may multiply a tiny loss many times, so the bound is never
/// below the zero parameters': doing ten times worse than predicting 0 everywhere means too large a
/// learning rate threw the fit off.
double divergence_limit(double first_loss, double zero_loss);

/// Thrown when a loss is not finite or exceeds divergence_limit: the parameters are useless.
class FitDiverged : public InvalidParams {
public:
    FitDiverged(std::int64_t step, double loss, double limit);
    std::int64_t step() const { return step_; }  ///< the update index t of loss[t]
    double loss() const { return loss_; }
    double limit() const { return limit_; }

private:
    std::int64_t step_;
    double loss_;
    double limit_;
};

/// Called after each loss evaluation with (update index t, loss[t]); t == steps for the final loss.
using FitObserver = std::function<void(std::int64_t step, double loss)>;

/// The residual of one prediction of an 8-bit sample: a target of 0 or 255 may have been clipped by
/// quantisation and only bounds the prediction (tconv would write the same pixel), so the residual is
/// 0 when target <= 0 and predicted < 0, or target >= 255 and predicted > 255; else predicted - target.
template <class Real>
Real saturated_residual(Real predicted, Real target) {
    if (target <= Real(0) && predicted < Real(0)) return Real(0);
    if (target >= Real(255) && predicted > Real(255)) return Real(0);
    return predicted - target;
}

/// The loss at `params`; adds dL/dparams into `grad` (params.size() values, zeroed by the caller)
/// when `grad` is not empty.
using LossFunction = std::function<double(std::span<const double> params, std::span<double> grad)>;

/// A descent's loss history and the step whose parameters it keeps.
struct Descent {
    std::vector<double> loss;    ///< loss[t] before update t, then loss[steps] after the last
    std::int64_t best_step = 0;  ///< the first t of the lowest loss[t]: its parameters are the result
};

/// Minimises `loss` from `params` by settings.steps Adam updates (settings.adam). Adam may overshoot
/// late in a descent, ending above a loss it had reached, so `params` is left at the parameters of the
/// lowest loss seen (loss[best_step]), not at the last update's. Throws InvalidParams for steps < 0, a
/// learning rate <= 0 or not finite, threads < 1; FitDiverged when a loss is not finite or exceeds
/// divergence_limit(loss[0], zero_loss).
Descent adam_descent(std::vector<double>& params, const LossFunction& loss, const FitSettings& settings, double zero_loss,
                     const FitObserver& observer = {});

}  // namespace tconv::core
