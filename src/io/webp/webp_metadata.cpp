// WebPDemux parses the RIFF chunks (bounded by the file); WebPMux rebuilds the file with a VP8X
// header whose flags name the chunks added. EXIF is written from its TIFF header on, as the WebP
// container specification and libwebp's webpmux give it.
#include "io/webp/webp_metadata.hpp"

#include <algorithm>
#include <memory>

#include <webp/demux.h>
#include <webp/mux.h>

#include "io/io_error.hpp"

namespace tconv::io {

ImageMetadata read_webp_metadata(std::span<const std::uint8_t> bytes) {
    ImageMetadata m;
    const WebPData whole{bytes.data(), bytes.size()};
    const std::unique_ptr<WebPDemuxer, void (*)(WebPDemuxer*)> demux(WebPDemux(&whole), WebPDemuxDelete);
    if (!demux) return m;
    auto chunk = [&](const char* fourcc) {
        std::vector<std::uint8_t> data;
        WebPChunkIterator it{};
        if (WebPDemuxGetChunk(demux.get(), fourcc, 1, &it)) {
            data.assign(it.chunk.bytes, it.chunk.bytes + it.chunk.size);
            WebPDemuxReleaseChunkIterator(&it);
        }
        return data;
    };
    m.icc = chunk("ICCP");
    m.exif = chunk("EXIF");
    static constexpr std::uint8_t exif_id[6] = {'E', 'x', 'i', 'f', 0, 0};
    if (m.exif.size() > 6 && std::equal(exif_id, exif_id + 6, m.exif.begin())) m.exif.erase(m.exif.begin(), m.exif.begin() + 6);
    return m;
}

std::vector<std::uint8_t> with_webp_metadata(std::vector<std::uint8_t> webp, const ImageMetadata& m) {
    if (m.icc.empty() && m.exif.empty()) return webp;
    const WebPData image{webp.data(), webp.size()};
    const std::unique_ptr<WebPMux, void (*)(WebPMux*)> mux(WebPMuxCreate(&image, 0), WebPMuxDelete);
    if (!mux) throw IoError("", "cannot encode WebP (libwebp's muxer refused the image)");
    const WebPData icc{m.icc.data(), m.icc.size()}, exif{m.exif.data(), m.exif.size()};
    if ((!m.icc.empty() && WebPMuxSetChunk(mux.get(), "ICCP", &icc, 0) != WEBP_MUX_OK) ||
        (!m.exif.empty() && WebPMuxSetChunk(mux.get(), "EXIF", &exif, 0) != WEBP_MUX_OK))
        throw IoError("", "cannot encode WebP (libwebp's muxer refused a metadata chunk)");
    WebPData assembled{};
    if (WebPMuxAssemble(mux.get(), &assembled) != WEBP_MUX_OK) {
        WebPDataClear(&assembled);
        throw IoError("", "cannot encode WebP (libwebp's muxer failed)");
    }
    std::vector<std::uint8_t> out(assembled.bytes, assembled.bytes + assembled.size);
    WebPDataClear(&assembled);
    return out;
}

}  // namespace tconv::io
