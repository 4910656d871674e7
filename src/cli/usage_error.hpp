// UsageError: a bad option or value, reported as "tconv: error: <option>: <reason>" with exit 2.
#pragma once
#include <stdexcept>
#include <string>

namespace tconv::cli {

class UsageError : public std::runtime_error {
public:
    UsageError(std::string subject, const std::string& reason)
        : std::runtime_error(reason), subject_(std::move(subject)) {}
    const std::string& subject() const { return subject_; }

private:
    std::string subject_;
};

}  // namespace tconv::cli
