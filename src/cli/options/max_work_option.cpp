// --max-work: declared once, worded once.
#include "cli/options/max_work_option.hpp"

#include <limits>

#include <fmt/format.h>

#include "cli/options/integer_option.hpp"

namespace tconv::cli {

void add_max_work_option(CLI::App& app, std::int64_t& max_work) {
    app.add_option("--max-work", max_work,
                   "Refuse a convolution of more than N multiply-adds. Counted for the strategy that runs it and "
                   "checked before it starts (the count for one channel from the input's header, before any pixel is decoded; "
                   "the exact count once planned): a dense kernel costs input pixels x channels x kernel taps, a separable "
                   "one (ones, bilinear) input rows x (input columns x KW + output columns x KH) x channels; fit: the "
                   "dense count x2 per step and pair. A kernel over it even on a 1x1 input is refused before it is "
                   "built. The default is about a minute of a laptop")
        ->type_name("N")
        ->capture_default_str()
        ->transform(decimal_integer(1, std::numeric_limits<std::int64_t>::max()));
}

std::string work_limit_reason(std::int64_t work, std::int64_t max_work, bool at_least) {
    return fmt::format("would take {}{} multiply-adds, over the limit of {} (--max-work)", at_least ? "at least " : "", work,
                       max_work);
}

}  // namespace tconv::cli
