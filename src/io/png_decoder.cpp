// libspng behind tconv's caps: the IHDR first, pixels only when they fit, then the chunks to IEND.
// libspng inflates no more than the header's rows need, so a small file that claims to inflate to
// gigabytes costs only what its header allows.
#include "io/png_decoder.hpp"

#include <algorithm>
#include <exception>
#include <memory>
#include <spng.h>
#include <string>
#include <vector>

#include "io/io_error.hpp"

namespace tconv::io {
namespace {

/// libspng's read callback: `head` first, then the source; a read error is kept to be rethrown.
struct PngStream {
    std::span<const std::uint8_t> head;
    ByteSource* source;
    std::exception_ptr error;

    static int read(spng_ctx*, void* user, void* dst, std::size_t length) {
        auto* self = static_cast<PngStream*>(user);
        auto* out = static_cast<std::uint8_t*>(dst);
        const std::size_t from_head = std::min(length, self->head.size());
        std::copy_n(self->head.begin(), from_head, out);
        self->head = self->head.subspan(from_head);
        try {
            const std::size_t rest = length - from_head;
            if (rest > 0 && self->source->read(std::span(out + from_head, rest)) < rest) return SPNG_IO_EOF;
        } catch (...) {
            self->error = std::current_exception();
            return SPNG_IO_ERROR;
        }
        return 0;
    }
};

/// The libspng output format for a PNG's colour type, depth and tRNS, and the channels it gives.
struct PngLayout {
    int format;
    int channels;
};

PngLayout layout_of(const spng_ihdr& ihdr, bool has_trns) {
    const bool wide = ihdr.bit_depth == 16;
    switch (ihdr.color_type) {
        case SPNG_COLOR_TYPE_GRAYSCALE:
            if (has_trns) return {wide ? SPNG_FMT_GA16 : SPNG_FMT_GA8, 2};
            return {wide ? SPNG_FMT_PNG : SPNG_FMT_G8, 1};
        case SPNG_COLOR_TYPE_GRAYSCALE_ALPHA: return {SPNG_FMT_PNG, 2};
        case SPNG_COLOR_TYPE_TRUECOLOR:
            if (has_trns) return {wide ? SPNG_FMT_RGBA16 : SPNG_FMT_RGBA8, 4};
            return {wide ? SPNG_FMT_PNG : SPNG_FMT_RGB8, 3};
        case SPNG_COLOR_TYPE_INDEXED: return has_trns ? PngLayout{SPNG_FMT_RGBA8, 4} : PngLayout{SPNG_FMT_RGB8, 3};
        default: return {wide ? SPNG_FMT_RGBA16 : SPNG_FMT_RGBA8, 4};
    }
}

}  // namespace

LoadedImage decode_png(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits) {
    const std::string& name = source.name();
    std::unique_ptr<spng_ctx, void (*)(spng_ctx*)> ctx(spng_ctx_new(0), spng_ctx_free);
    if (!ctx) throw std::bad_alloc();
    PngStream stream{head, &source, nullptr};
    auto check = [&](int status, const char* what) {
        if (stream.error) std::rethrow_exception(stream.error);
        if (status == SPNG_IO_EOF) throw IoError(name, std::string(what) + " (the file is truncated)");
        if (status != 0) throw IoError(name, std::string(what) + " (" + spng_strerror(status) + ")");
    };
    // Every chunk's CRC is checked: a bad ancillary chunk is refused too, as libpng and PIL do.
    spng_set_crc_action(ctx.get(), SPNG_CRC_ERROR, SPNG_CRC_ERROR);
    // Ancillary chunks (text, profiles) are held in memory: bounded, apart from the pixel cap.
    spng_set_chunk_limits(ctx.get(), std::size_t{1} << 30, std::size_t{1} << 26);
    check(spng_set_png_stream(ctx.get(), PngStream::read, &stream), "not a readable image");
    spng_ihdr ihdr{};
    check(spng_get_ihdr(ctx.get(), &ihdr), "not a readable image");
    check_header_size(name, ihdr.width, ihdr.height, limits);
    spng_trns trns{};
    const int trns_status = spng_get_trns(ctx.get(), &trns);
    if (trns_status != SPNG_ECHUNKAVAIL) check(trns_status, "not a readable image");
    const PngLayout layout = layout_of(ihdr, trns_status == 0);
    std::size_t size = 0;
    check(spng_decoded_image_size(ctx.get(), layout.format, &size), "not a readable image");
    const std::size_t bytes_per_sample =
        size / (std::size_t{ihdr.width} * ihdr.height * static_cast<std::size_t>(layout.channels));
    LoadedImage out;
    out.image = core::unwritten_image({ihdr.height, ihdr.width}, layout.channels);
    const int flags = trns_status == 0 ? SPNG_DECODE_TRNS : 0;
    if (bytes_per_sample == 1) {
        check(spng_decode_image(ctx.get(), out.image.pixels.data(), size, layout.format, flags), "cannot decode image");
    } else {
        std::vector<std::uint16_t> wide(size / 2);
        check(spng_decode_image(ctx.get(), wide.data(), size, layout.format, flags), "cannot decode image");
        std::transform(wide.begin(), wide.end(), out.image.pixels.begin(),
                       [](std::uint16_t v) { return static_cast<std::uint8_t>(v >> 8); });
        out.reduced_from_16_bit = true;
    }
    // The chunks after the image, to IEND, each with its CRC; then the file must end.
    check(spng_decode_chunks(ctx.get()), "cannot decode image");
    std::uint8_t extra = 0;
    if (!stream.head.empty() || source.read(std::span(&extra, 1)) != 0)
        throw IoError(name, "cannot decode image (bytes after the IEND chunk)");
    return out;
}

}  // namespace tconv::io
