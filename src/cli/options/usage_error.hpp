// UsageError: a bad option or value, reported as "tconv: error: <option>: <reason>" with exit 2.
#pragma once
#include <stdexcept>
#include <string>

#include "core/errors.hpp"

namespace tconv::cli {

class UsageError : public std::runtime_error {
public:
    UsageError(std::string subject, const std::string& reason) : std::runtime_error(reason), subject_(std::move(subject)) {}
    const std::string& subject() const { return subject_; }

private:
    std::string subject_;
};

/// Runs f(); a core::InvalidParams it throws becomes a UsageError naming `option`.
template <class F>
auto as_usage_error(const std::string& option, F&& f) {
    try {
        return f();
    } catch (const core::InvalidParams& e) {
        throw UsageError(option, e.what());
    }
}

}  // namespace tconv::cli
