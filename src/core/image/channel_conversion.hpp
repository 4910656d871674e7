// --channels: an image converted to grey, RGB or RGBA before a trained layer, so that its channel
// count can meet the layer's C_in.
#pragma once
#include <optional>
#include <string_view>

#include "core/image/image.hpp"

namespace tconv::core {

/// The channel counts --channels names: gray 1, rgb 3, rgba 4; nothing for any other name.
std::optional<int> parse_channel_target(std::string_view name);

/// `image` with `channels` (1, 3 or 4) channels: grey from RGB(A) is round(0.299 R + 0.587 G + 0.114 B)
/// (computed exactly in integers, half away from zero); grey to RGB repeats it; RGB to RGBA adds an
/// opaque alpha (255); an alpha is kept where the target has one and dropped where it has none. The
/// image itself when it already has that count.
Image convert_channels(const Image& image, int channels);

/// Whether convert_channels(image of `from` channels, `to`) drops an alpha channel.
inline bool conversion_drops_alpha(int from, int to) { return (from == 2 || from == 4) && (to == 1 || to == 3); }

}  // namespace tconv::core
