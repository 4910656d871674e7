// The user-facing error type of the core: invalid parameters, with a ready-to-print message.
#pragma once
#include <stdexcept>
#include <string>

namespace tconv::core {

/// Thrown when a geometry, kernel or option value cannot be used. what() is one printable line
/// without the "tconv: error:" prefix; the caller adds the option or file it belongs to.
class InvalidParams : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace tconv::core
