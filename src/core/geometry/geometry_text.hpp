// Parsers for the geometry values of the command line: "3", "3x4", "1,2,1,2", "valid", "same".
// Whole-token parsing: nothing may be left over, and every number is range-checked.
#pragma once
#include <cstdint>
#include <string_view>

#include "core/geometry/crop_rect.hpp"
#include "core/geometry/extent.hpp"
#include "core/geometry/output_shape.hpp"

namespace tconv::core {

/// Parses "N" (both axes) or "HxW". Every number must be an integer >= min_value and <= 2^31-1.
/// Throws InvalidParams naming the problem ("3x", "x4", "0" with min 1, "-1", "3x4junk" fail).
Extent2 parse_extent(std::string_view text, std::int64_t min_value);

/// Parses a padding: "P", "PHxPW", "T,L,B,R" (ONNX order top,left,bottom,right), "valid" or "same".
/// Numbers must be integers >= 0. Throws InvalidParams.
Padding parse_padding(std::string_view text);

/// "Y,X,H,W": the rectangle of rows Y .. Y+H-1 and columns X .. X+W-1 (Y, X >= 0; H, W >= 1; each
/// at most 2^31 - 1), whole tokens only. Throws InvalidParams saying what is wrong.
CropRect parse_crop(std::string_view text);

}  // namespace tconv::core
