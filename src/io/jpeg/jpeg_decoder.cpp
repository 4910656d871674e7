// libjpeg-turbo behind tconv's caps, reading through a source manager so that only the bytes the
// decoder asks for are read. libjpeg reports errors by calling error_exit, which must not return:
// it longjmps back to decode(), past libjpeg's own frames only.
#include "io/jpeg/jpeg_decoder.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <jpeglib.h>

#include "io/io_error.hpp"
#include "io/jpeg/jpeg_metadata.hpp"
#include "io/metadata/exif_entries.hpp"

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

/// Reads the header, checks it against the caps and starts decompressing; fills job.out's metadata,
/// orientation and image shape (no pixels). Returns libjpeg's error message, or nullptr on success.
const char* start(JpegJob& job, const std::string& name, const LoadLimits& limits) {
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
    job.out.image = core::Image{cinfo->output_height, cinfo->output_width, grey ? 1 : 3, {}, 8};
    job.cmyk_row.resize(cmyk ? std::size_t{cinfo->output_width} * 4 : 0);
    return nullptr;
}

/// Decodes the next scanline into `dst` (RGB from CMYK). Returns libjpeg's error message, or nullptr.
const char* read_scanline(JpegJob& job, std::uint8_t* dst) {
    jpeg_decompress_struct* cinfo = &job.cinfo;
    if (setjmp(job.jump)) return job.message;
    const bool cmyk = !job.cmyk_row.empty();
    JSAMPROW rows[1] = {cmyk ? job.cmyk_row.data() : dst};
    jpeg_read_scanlines(cinfo, rows, 1);
    if (!cmyk) return nullptr;
    const bool adobe = cinfo->saw_Adobe_marker != 0;
    for (std::size_t x = 0; x < cinfo->output_width; ++x) {
        const std::uint8_t* s = &job.cmyk_row[4 * x];
        const int k = ink_complement(s[3], adobe);
        for (int c = 0; c < 3; ++c) dst[3 * x + c] = static_cast<std::uint8_t>((ink_complement(s[c], adobe) * k + 127) / 255);
    }
    return nullptr;
}

/// Ends the decompression. Returns libjpeg's error message, or nullptr.
const char* finish_decompress(JpegJob& job) {
    if (setjmp(job.jump)) return job.message;
    jpeg_finish_decompress(&job.cinfo);
    return nullptr;
}

/// One JPEG being decoded, its libjpeg state destroyed with it.
class JpegDecoding {
public:
    JpegDecoding(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits)
        : name_(source.name()), job_(new JpegJob) {
        job_->head = head;
        job_->source = &source;
        check(start(*job_, name_, limits));  // a throw here still destroys libjpeg's state (JobDeleter)
    }
    JpegDecoding(const JpegDecoding&) = delete;
    JpegDecoding& operator=(const JpegDecoding&) = delete;

    LoadedImage& out() { return job_->out; }
    void read_row(std::uint8_t* row) { check(read_scanline(*job_, row)); }
    void finish() {
        check(finish_decompress(*job_));
        if (job_->ended) throw IoError(name_, "cannot decode image (the file is truncated)");
    }

private:
    void check(const char* reason) {
        if (job_->read_error) std::rethrow_exception(job_->read_error);
        if (reason == nullptr) return;
        const bool in_header = job_->cinfo.global_state <= 201;  // DSTATE_INHEADER: no frame read yet
        throw IoError(name_, std::string(in_header ? "not a readable image (" : "cannot decode image (") + reason + ")");
    }

    /// Frees libjpeg's state with the job, whether the constructor finished or threw.
    struct JobDeleter {
        void operator()(JpegJob* job) const {
            if (job->created) jpeg_destroy_decompress(&job->cinfo);
            delete job;
        }
    };

    const std::string& name_;
    std::unique_ptr<JpegJob, JobDeleter> job_;
};

/// A JPEG read scanline by scanline.
class JpegRowReader final : public ImageReader {
public:
    JpegRowReader(std::unique_ptr<ByteSource> source, std::span<const std::uint8_t> head, const LoadLimits& limits)
        : head_(head.begin(), head.end()), source_(std::move(source)), jpeg_(*source_, head_, limits) {
        loaded_ = std::move(jpeg_.out());
        how_ = "JPEG scanlines (libjpeg-turbo, streamed)";
    }
    bool streams() const override { return true; }
    void read_row(std::uint8_t* row) override { jpeg_.read_row(row); }
    void finish() override { jpeg_.finish(); }

private:
    std::vector<std::uint8_t> head_;
    std::unique_ptr<ByteSource> source_;
    JpegDecoding jpeg_;
};

}  // namespace

LoadedImage decode_jpeg(ByteSource& source, std::span<const std::uint8_t> head, const LoadLimits& limits) {
    JpegDecoding jpeg(source, head, limits);
    LoadedImage out = std::move(jpeg.out());
    out.image = core::unwritten_image(out.image.size(), out.image.channels);
    const std::size_t row_bytes = static_cast<std::size_t>(out.image.width * out.image.channels);
    for (std::int64_t y = 0; y < out.image.height; ++y)
        jpeg.read_row(out.image.pixels.data() + static_cast<std::size_t>(y) * row_bytes);
    jpeg.finish();
    return out;
}

std::unique_ptr<ImageReader> open_jpeg(std::unique_ptr<ByteSource> source, std::span<const std::uint8_t> head,
                                       const LoadLimits& limits) {
    return std::make_unique<JpegRowReader>(std::move(source), head, limits);
}

}  // namespace tconv::io
