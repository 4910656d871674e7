// --max-work: declared once, worded once.
#include "cli/max_work_option.hpp"

#include <limits>

#include <fmt/format.h>

#include "cli/integer_option.hpp"

namespace tconv::cli {

void add_max_work_option(CLI::App& app, std::int64_t& max_work) {
    app.add_option("--max-work", max_work,
                   "Refuse a convolution of more than N multiply-adds (input pixels x channels x kernel taps; fit: x2 "
                   "per step and pair), checked before it starts [default: 100000000000, about a minute of a laptop]")
        ->type_name("N")
        ->transform(decimal_integer(1, std::numeric_limits<std::int64_t>::max()));
}

std::string work_limit_reason(std::int64_t work, std::int64_t max_work) {
    return fmt::format("would take {} multiply-adds, over the limit of {} (--max-work)", work, max_work);
}

}  // namespace tconv::cli
