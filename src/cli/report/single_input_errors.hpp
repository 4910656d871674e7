// The failures of a subcommand that reads one input and writes one file, said once for all of them.
#pragma once
#include <new>
#include <string>

#include <fmt/format.h>

#include "cli/report/diagnostics.hpp"
#include "cli/report/exit_code.hpp"
#include "core/errors.hpp"
#include "io/io_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {

/// Runs `body` (which returns an exit code); an IoError (naming its file, else `output`), an
/// InvalidParams or an exhausted memory (naming `input`) becomes one error line and exit 1.
template <class Body>
int with_single_input_errors(const std::string& input, const std::string& output, Body&& body) {
    try {
        return body();
    } catch (const io::IoError& e) {
        fmt::print(stderr, "{}\n", error_line(io::quoted_text(e.file().empty() ? output : e.file()), e.what()));
    } catch (const core::InvalidParams& e) {
        fmt::print(stderr, "{}\n", error_line(io::quoted_text(input), e.what()));
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "{}\n", error_line(io::quoted_text(input), "out of memory"));
    }
    return exit_input_failed;
}

}  // namespace tconv::cli
