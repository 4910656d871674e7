// The format of an input from its first bytes, then its decoder. The libraries made for a format
// read it (they check CRCs, decode every depth and colour model as ImageMagick and vips do); stb
// reads only what no other decoder here covers, behind checks for what stb 2.27 gets wrong.
#include "io/input/image_file.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>
#include <string_view>

#include "core/image/sample_depth.hpp"
#include "io/io_error.hpp"
#include "io/jpeg/jpeg_decoder.hpp"
#include "io/npy/npy_decoder.hpp"
#include "io/npy/npy_header.hpp"
#include "io/png/png_decoder.hpp"
#include "io/raw/pnm_reader.hpp"
#include "io/stb/gif_frames.hpp"
#include "io/stb/hdr_rle_check.hpp"
#include "io/stb/stb.hpp"
#include "io/stb/stb_guards.hpp"
#include "io/tiff/tiff_decoder.hpp"
#include "io/webp/webp_decoder.hpp"

namespace tconv::io {
namespace {

enum class Format { png, jpeg, webp, tiff, npy, other };

bool starts_with(std::span<const std::uint8_t> bytes, std::string_view magic) {
    return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin(),
                                                      [](char m, std::uint8_t b) { return static_cast<std::uint8_t>(m) == b; });
}

Format format_of(std::span<const std::uint8_t> head) {
    // PNG and JPEG by their signatures; TIFF classic and BigTIFF in either byte order.
    if (starts_with(head, "\x89PNG\r\n\x1A\n")) return Format::png;
    if (starts_with(head, "\xFF\xD8")) return Format::jpeg;
    if (starts_with(head, "RIFF") && head.size() >= 12 && starts_with(head.subspan(8), "WEBP")) return Format::webp;
    if (starts_with(head, std::string_view("II*\0", 4)) || starts_with(head, std::string_view("MM\0*", 4)) ||
        starts_with(head, std::string_view("II+\0", 4)) || starts_with(head, std::string_view("MM\0+", 4)))
        return Format::tiff;
    if (is_npy(head)) return Format::npy;
    return Format::other;
}

/// The size and samples of stb's header, checked against the caps.
struct StbHeader {
    int width = 0, height = 0, channels = 0;
    bool wide = false;  ///< 16-bit samples
};

/// stb's header from the first bytes (every header stb reads is far smaller; a file that does not
/// start as one, such as /dev/zero, is refused without reading more).
StbHeader stb_header(const std::string& name, const std::vector<std::uint8_t>& bytes, const LoadLimits& limits) {
    if (const char* reason = stb_header_problem(bytes, false))
        throw IoError(name, std::string("not a readable image (") + reason + ")");
    StbHeader h;
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        stbi_info_from_memory(bytes.data(), static_cast<int>(bytes.size()), &h.width, &h.height, &h.channels) == 0)
        throw IoError(name, std::string("not a readable image (") + stbi_failure_reason() + ")");
    h.wide = stbi_is_16_bit_from_memory(bytes.data(), static_cast<int>(bytes.size())) != 0;
    check_header_size(name, h.width, h.height, limits, h.channels, h.wide ? 16 : 8);
    return h;
}

/// A binary PNM whose samples start within `head`, which pnm_reader reads; nullopt for any other file.
std::optional<PnmHeader> pnm_read_by_rows(const std::vector<std::uint8_t>& head) {
    const auto pnm = binary_pnm_header(head);
    return pnm && pnm->max_value > 0 && pnm->data_offset <= head.size() ? pnm : std::nullopt;
}

/// The pixels of a file stb reads, from the whole file, its header `h` checked.
LoadedImage decode_with_stb(ByteSource& source, std::vector<std::uint8_t> bytes, bool whole, StbHeader h) {
    const std::string& name = source.name();
    auto refuse_if = [&](const char* reason) {
        if (reason != nullptr) throw IoError(name, std::string("not a readable image (") + reason + ")");
    };
    if (!whole) read_rest(source, bytes);
    if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
        throw IoError(name, "file is larger than 2 GiB, which stb_image cannot read");
    refuse_if(stb_header_problem(bytes, true));
    refuse_if(hdr_rle_problem(bytes));
    const auto* data = bytes.data();
    const int len = static_cast<int>(bytes.size());
    LoadedImage out;
    int w = h.width, ht = h.height, n = h.channels;
    const std::int64_t pixels = std::int64_t{w} * ht;
    // 16-bit PSDs come from stb in host order.
    std::unique_ptr<void, void (*)(void*)> decoded(h.wide
                                                       ? static_cast<void*>(stbi_load_16_from_memory(data, len, &w, &ht, &n, 0))
                                                       : static_cast<void*>(stbi_load_from_memory(data, len, &w, &ht, &n, 0)),
                                                   stbi_image_free);
    if (!decoded) throw IoError(name, std::string("cannot decode image (") + stbi_failure_reason() + ")");
    // The copy below is sized by the header that was checked against the caps: a decoder that
    // returns other dimensions or channels than its header said is refused, not trusted.
    if (std::int64_t{w} * ht != pixels || n < 1 || n > 4)
        throw IoError(name, "cannot decode image (the pixel data does not match the header)");
    out.image = core::unwritten_image({ht, w}, n, h.wide ? 16 : 8);
    const std::size_t samples = static_cast<std::size_t>(pixels) * static_cast<std::size_t>(n);
    const auto* first = static_cast<const std::uint8_t*>(decoded.get());
    std::copy(first, first + samples * out.image.sample_bytes(), out.image.pixels.begin());
    out.ignored_frames = std::max(0, gif_frame_count(bytes) - 1);  // stb decodes a GIF's first frame
    return out;
}

/// Enough for the header of every format stb reads, and the magic bytes of the others.
constexpr std::size_t head_size = 1 << 16;

std::vector<std::uint8_t> read_head(ByteSource& source) {
    std::vector<std::uint8_t> head = read_up_to(source, head_size);
    if (head.empty()) throw IoError(source.name(), "file is empty");
    return head;
}

/// Decodes the image whose first bytes `head` were read from `source`.
LoadedImage decode_after_head(ByteSource& source, std::vector<std::uint8_t> head, const LoadLimits& limits) {
    switch (format_of(head)) {
        case Format::png: return decode_png(source, head, limits);
        case Format::jpeg: return decode_jpeg(source, head, limits);
        case Format::webp: return decode_webp(source, std::move(head), limits);
        case Format::tiff: return decode_tiff(source, std::move(head), limits);
        case Format::npy: return decode_npy(source, std::move(head), limits);
        case Format::other: break;
    }
    const bool whole = head.size() < head_size;
    const StbHeader h = stb_header(source.name(), head, limits);
    if (const auto pnm = pnm_read_by_rows(head)) return decode_pnm(source, std::move(head), *pnm);
    if (binary_pnm_header(head)) {  // a header longer than the head (comments): parsed from the whole file
        read_rest(source, head);
        const auto pnm = pnm_read_by_rows(head);
        if (const char* reason = stb_header_problem(head, true); reason || !pnm)
            throw IoError(source.name(), std::string("not a readable image (") + (reason ? reason : "corrupt PNM header") + ")");
        check_header_size(source.name(), pnm->width, pnm->height, limits, pnm->channels, pnm->max_value > 255 ? 16 : 8);
        MemorySource rest({}, source.name());
        return decode_pnm(rest, std::move(head), *pnm);
    }
    return decode_with_stb(source, std::move(head), whole, h);
}

/// The format's name in -v's words.
const char* format_text(Format format) {
    switch (format) {
        case Format::png: return "PNG";
        case Format::jpeg: return "JPEG";
        case Format::webp: return "WebP";
        case Format::tiff: return "TIFF";
        case Format::npy: return ".npy";
        case Format::other: break;
    }
    return "stb_image";
}

}  // namespace

LoadedImage decode_image(ByteSource& source, const LoadLimits& limits) {
    return decode_after_head(source, read_head(source), limits);
}

std::unique_ptr<ImageReader> open_image(const std::string& path, const LoadLimits& limits, bool stream) {
    auto source = std::make_unique<FileSource>(path, limits.max_file_bytes);
    std::vector<std::uint8_t> head = read_head(*source);
    const Format format = format_of(head);
    // A PNG from standard input is not streamed: one with metadata after its image data is read again.
    if (stream && format == Format::png && path != "-") return open_png(std::move(source), head, limits);
    if (stream && format == Format::jpeg) return open_jpeg(std::move(source), head, limits);
    if (stream && format == Format::tiff) return open_tiff(std::move(source), std::move(head), limits);
    if (stream && format == Format::other)
        if (const auto pnm = pnm_read_by_rows(head)) {
            stb_header(path, head, limits);  // the same refusals, in the same words, as read whole
            return open_pnm(std::move(source), std::move(head), *pnm);
        }
    return whole_image_reader(decode_after_head(*source, std::move(head), limits),
                              std::string(format_text(format)) + " (decoded whole)");
}

LoadedImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name, const LoadLimits& limits) {
    MemorySource source(bytes, name);
    return decode_image(source, limits);
}

LoadedImage load_image(const std::string& path, const LoadLimits& limits) {
    FileSource source(path, limits.max_file_bytes);
    return decode_image(source, limits);
}

LoadedImage load_image_8_bit(const std::string& path, const LoadLimits& limits) {
    LoadedImage loaded = load_image(path, limits);
    if (loaded.image.depth == 16) {
        loaded.image = core::with_depth(loaded.image, 8);
        loaded.rounded_to_8_bit = true;
    }
    return loaded;
}

}  // namespace tconv::io
