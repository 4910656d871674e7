// --alpha: whether alpha is one more channel (straight) or weights the colours (premultiplied).
#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace tconv::cli {

/// Adds --alpha straight|premultiplied to `app`; the text goes to `text` ("straight" unless given).
void add_alpha_option(CLI::App& app, std::string& text);

/// Whether `text` asks for premultiplied alpha. Throws UsageError naming --alpha for a text other than
/// "straight" or "premultiplied".
bool parse_alpha_option(const std::string& text);

}  // namespace tconv::cli
