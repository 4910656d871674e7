// One number syntax for every integer option: decimal digits, nothing else.
#pragma once
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

namespace tconv::cli {

/// A CLI11 transform that accepts only decimal digits (no sign, spaces, 0x or exponent: "-j 0x10"
/// and "--seed -1" are refused as "-f 0x10" is) with a value in [min, max], and hands CLI11 the
/// number with leading zeros dropped, so that "010" is ten and never octal.
CLI::Validator decimal_integer(std::uint64_t min, std::uint64_t max);

}  // namespace tconv::cli
