// libwebp behind tconv's caps: WebPGetFeatures reads the size from the first bytes, then the whole
// file is read and decoded in one call (or, for an animation, its first frame by WebPAnimDecoder).
#include "io/webp/webp_decoder.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>

#include <webp/decode.h>
#include <webp/demux.h>

#include "io/io_error.hpp"
#include "io/metadata/exif_entries.hpp"
#include "io/webp/webp_metadata.hpp"

namespace tconv::io {

LoadedImage decode_webp(ByteSource& source, std::vector<std::uint8_t> bytes, const LoadLimits& limits) {
    const std::string& name = source.name();
    WebPBitstreamFeatures features{};
    if (WebPGetFeatures(bytes.data(), bytes.size(), &features) != VP8_STATUS_OK)
        throw IoError(name, "not a readable image (corrupt WebP header)");
    check_header_size(name, features.width, features.height, limits, features.has_alpha ? 4 : 3);
    read_rest(source, bytes);
    LoadedImage out;
    out.metadata = read_webp_metadata(bytes);
    out.orientation = exif_orientation(out.metadata.exif);
    const int channels = features.has_alpha ? 4 : 3;
    out.image = core::unwritten_image({features.height, features.width}, channels);
    const std::size_t stride = static_cast<std::size_t>(features.width) * static_cast<std::size_t>(channels);
    if (!features.has_animation) {
        std::uint8_t* dst = out.image.pixels.data();
        const auto* ok =
            channels == 4 ? WebPDecodeRGBAInto(bytes.data(), bytes.size(), dst, out.image.pixels.size(), static_cast<int>(stride))
                          : WebPDecodeRGBInto(bytes.data(), bytes.size(), dst, out.image.pixels.size(), static_cast<int>(stride));
        if (ok == nullptr) throw IoError(name, "cannot decode image (corrupt or truncated WebP data)");
        return out;
    }
    const WebPData data{bytes.data(), bytes.size()};
    WebPAnimDecoderOptions options{};
    WebPAnimDecoderOptionsInit(&options);
    options.color_mode = MODE_RGBA;
    options.use_threads = 0;
    std::unique_ptr<WebPAnimDecoder, void (*)(WebPAnimDecoder*)> decoder(WebPAnimDecoderNew(&data, &options),
                                                                         WebPAnimDecoderDelete);
    WebPAnimInfo info{};
    if (!decoder || !WebPAnimDecoderGetInfo(decoder.get(), &info) || static_cast<int>(info.canvas_width) != features.width ||
        static_cast<int>(info.canvas_height) != features.height)
        throw IoError(name, "not a readable image (corrupt WebP animation)");
    std::uint8_t* canvas = nullptr;
    int timestamp = 0;
    if (!WebPAnimDecoderGetNext(decoder.get(), &canvas, &timestamp))
        throw IoError(name, "cannot decode image (corrupt or truncated WebP frame)");
    const std::size_t pixels = static_cast<std::size_t>(features.width) * static_cast<std::size_t>(features.height);
    for (std::size_t i = 0; i < pixels; ++i)
        std::memcpy(&out.image.pixels[i * channels], canvas + 4 * i, static_cast<std::size_t>(channels));
    out.ignored_frames = static_cast<int>(info.frame_count) - 1;
    return out;
}

}  // namespace tconv::io
