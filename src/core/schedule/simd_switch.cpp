// The SIMD switch: one process-wide flag, read from the environment once.
#include "core/schedule/simd_switch.hpp"

#include <atomic>
#include <cstdlib>
#include <string_view>

namespace tconv::core {
namespace {

bool enabled_by_environment() {
    const char* value = std::getenv("TCONV_NO_SIMD");
    return value == nullptr || std::string_view(value).empty() || std::string_view(value) == "0";
}

std::atomic<bool>& enabled() {
    static std::atomic<bool> flag{enabled_by_environment()};
    return flag;
}

}  // namespace

bool simd_enabled() { return enabled().load(std::memory_order_relaxed); }

void set_simd_enabled(bool on) { enabled().store(on, std::memory_order_relaxed); }

}  // namespace tconv::core
