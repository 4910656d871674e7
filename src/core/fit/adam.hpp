// Adam (Kingma & Ba 2015), the optimiser of the kernel fit, step for step as torch.optim.Adam.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace tconv::core {

/// Adam's hyper-parameters; the defaults are PyTorch's.
struct AdamSettings {
    double learning_rate = 0.001;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
};

/// Adam over a fixed number of parameters (torch.optim.Adam without weight decay or amsgrad):
/// m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; p -= lr * (m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps).
class Adam {
public:
    Adam(std::size_t parameters, const AdamSettings& settings);
    /// One update of `params` by `grad` (both of the size given at construction).
    void step(std::span<double> params, std::span<const double> grad);

private:
    AdamSettings settings_;
    std::vector<double> m_;
    std::vector<double> v_;
    std::int64_t t_ = 0;
};

}  // namespace tconv::core
