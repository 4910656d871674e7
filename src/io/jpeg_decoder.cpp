// libjpeg-turbo behind tconv's caps, reading through a source manager so that only the bytes the
// decoder asks for are read. libjpeg reports errors by calling error_exit, which must not return:
// it longjmps back to decode(), past libjpeg's own frames only.
#include "io/jpeg_decoder.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <jpeglib.h>

#include "io/exif_entries.hpp"
#include "io/io_error.hpp"
#include "io/jpeg_metadata.hpp"

namespace tconv::io {
namespace {

/// Everything one decode keeps across a longjmp, at a fixed address: libjpeg's cinfo->client_data.
struct JpegJob {
    jpeg_decompress_struct cinfo{};
    jpeg_error_mgr errors{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    jpeg_source_mgr reader{};
    std::span<const std::uint8_t> head;  // bytes already read by the format sniffer, served first
    ByteSource* source = nullptr;
    std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(1 << 16);
    std::exception_ptr read_error;
    bool ended = false;  // the file ended before libjpeg was done with it
    bool created = false;
    LoadedImage out;
    std::vector<std::uint8_t> cmyk_row;
};

JpegJob& job_of(j_common_ptr cinfo) { return *static_cast<JpegJob*>(cinfo->client_data); }
JpegJob& job_of(j_decompress_ptr cinfo) { return *static_cast<JpegJob*>(cinfo->client_data); }

[[noreturn]] void jump_out(j_common_ptr cinfo) {
    JpegJob& job = job_of(cinfo);
    (*cinfo->err->format_message)(cinfo, job.message);
    std::longjmp(job.jump, 1);
}

/// emit_message: corrupt-data warnings are not errors (the file still decodes, as in PIL and vips).
void ignore_warning(j_common_ptr, int) {}

void init_source(j_decompress_ptr) {}
void term_source(j_decompress_ptr) {}

boolean fill_input(j_decompress_ptr cinfo) {
    JpegJob& job = job_of(cinfo);
    std::size_t n = 0;
    if (!job.head.empty()) {
        n = std::min(job.head.size(), job.buffer.size());
        std::copy_n(job.head.begin(), n, job.buffer.begin());
        job.head = job.head.subspan(n);
    } else if (!job.read_error) {
        try {
            n = job.source->read(job.buffer);
        } catch (...) {
            job.read_error = std::current_exception();
        }
    }
    if (n == 0) {
        // As libjpeg's own readers do at the end of a file: an EOI marker, after which the decoder
        // stops; the truncation is refused once it has.
        job.ended = true;
        job.buffer[0] = 0xFF;
        job.buffer[1] = JPEG_EOI;
        n = 2;
    }
    job.reader.next_input_byte = job.buffer.data();
    job.reader.bytes_in_buffer = n;
    return TRUE;
}

void skip_input(j_decompress_ptr cinfo, long count) {
    jpeg_source_mgr* src = cinfo->src;
    while (count > static_cast<long>(src->bytes_in_buffer)) {
        count -= static_cast<long>(src->bytes_in_buffer);
        fill_input(cinfo);
    }
    src->next_input_byte += count;
    src->bytes_in_buffer -= static_cast<std::size_t>(count);
}

/// One stored C, M, Y or K sample as 255 - ink, what RGB is made from. Adobe's JPEGs (the APP14
/// marker) store CMYK inverted, so their samples are that already.
int ink_complement(int stored, bool adobe) { return adobe ? stored : 255 - stored; }

/// Returns libjpeg's error message, or nullptr on success.
const char* decode(JpegJob& job, const std::string& name, const LoadLimits& limits) {
    jpeg_decompress_struct* cinfo = &job.cinfo;
    cinfo->err = jpeg_std_error(&job.errors);
    job.errors.error_exit = jump_out;
    job.errors.emit_message = ignore_warning;
    cinfo->client_data = &job;  // kept by jpeg_create_decompress
    if (setjmp(job.jump)) return job.message;
    jpeg_create_decompress(cinfo);
    job.created = true;
    job.reader.init_source = init_source;
    job.reader.fill_input_buffer = fill_input;
    job.reader.skip_input_data = skip_input;
    job.reader.resync_to_restart = jpeg_resync_to_restart;
    job.reader.term_source = term_source;
    cinfo->src = &job.reader;
    save_jpeg_metadata_markers(cinfo);
    jpeg_read_header(cinfo, TRUE);
    job.out.metadata = read_jpeg_metadata(cinfo);
    job.out.orientation = exif_orientation(job.out.metadata.exif);
    const bool cmyk = cinfo->jpeg_color_space == JCS_CMYK || cinfo->jpeg_color_space == JCS_YCCK;
    const bool grey = cinfo->jpeg_color_space == JCS_GRAYSCALE;
    check_header_size(name, cinfo->image_width, cinfo->image_height, limits, grey ? 1 : 3);  // a throw crosses no libjpeg frame
    cinfo->out_color_space = cmyk ? JCS_CMYK : grey ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_start_decompress(cinfo);
    const int channels = grey ? 1 : 3;
    const std::size_t width = cinfo->output_width;
    job.out.image = core::unwritten_image({cinfo->output_height, cinfo->output_width}, channels);
    job.cmyk_row.resize(cmyk ? width * 4 : 0);
    const bool adobe = cinfo->saw_Adobe_marker != 0;
    while (cinfo->output_scanline < cinfo->output_height) {
        std::uint8_t* dst = job.out.image.pixels.data() + std::size_t{cinfo->output_scanline} * width * channels;
        JSAMPROW rows[1] = {cmyk ? job.cmyk_row.data() : dst};
        jpeg_read_scanlines(cinfo, rows, 1);
        if (!cmyk) continue;
        for (std::size_t x = 0; x < width; ++x) {
            const std::uint8_t* s = &job.cmyk_row[4 * x];
            const int k = ink_complement(s[3], adobe);
            for (int c = 0; c < 3; ++c) dst[3 * x + c] = static_cast<std::uint8_t>((ink_complement(s[c], adobe) * k + 127) / 255);
        }
    }
    jpeg_finish_decompress(cinfo);
    return nullptr;
}

}  // namespace

LoadedImage decode_jpeg(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits) {
    const std::string& name = source.name();
    auto job = std::make_unique<JpegJob>();
    job->head = head;
    job->source = &source;
    struct Destroy {
        JpegJob& job;
        ~Destroy() {
            if (job.created) jpeg_destroy_decompress(&job.cinfo);
        }
    } destroy{*job};
    const char* reason = decode(*job, name, limits);
    if (job->read_error) std::rethrow_exception(job->read_error);
    if (reason != nullptr) {
        const bool in_header = job->cinfo.global_state <= 201;  // DSTATE_INHEADER: no frame read yet
        throw IoError(name, std::string(in_header ? "not a readable image (" : "cannot decode image (") + reason + ")");
    }
    if (job->ended) throw IoError(name, "cannot decode image (the file is truncated)");
    return std::move(job->out);
}

}  // namespace tconv::io
