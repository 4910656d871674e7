// libjpeg-turbo's compressor writing to a byte sink (a file as it is made, or memory) through a
// destination of its own, a row at a time; its fatal errors longjmp back here, past libjpeg's frames only.
#include "io/jpeg/jpeg_encoder.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <exception>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <jpeglib.h>
// after jpeglib.h, which it needs
#include <jerror.h>

#include "io/io_error.hpp"
#include "io/jpeg/jpeg_metadata.hpp"
#include "io/output/ordered_rows.hpp"

namespace tconv::io {
namespace {

/// libjpeg's output through a buffer of its own, handed to the sink each time it fills. A sink that
/// throws (a full disk) cannot unwind through libjpeg's frames: its exception is kept and libjpeg is
/// stopped by its own error exit, and the exception is rethrown once out.
struct SinkOutput {
    jpeg_destination_mgr pub{};
    std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(std::size_t{64} << 10);
    ByteSink* sink = nullptr;
    std::exception_ptr error;
};

/// Everything one encode keeps across a longjmp, at a fixed address: libjpeg's cinfo->client_data.
struct JpegWriteJob {
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr errors{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    SinkOutput output;
    std::vector<std::uint8_t> row;
    int channels = 0;  ///< of the rows given; libjpeg takes 1 or 3 of them
    bool created = false;

    JpegWriteJob() = default;
    JpegWriteJob(const JpegWriteJob&) = delete;
    JpegWriteJob& operator=(const JpegWriteJob&) = delete;
    ~JpegWriteJob() {
        if (created) jpeg_destroy_compress(&cinfo);
    }
};

JpegWriteJob& job_of(j_compress_ptr cinfo) { return *static_cast<JpegWriteJob*>(cinfo->client_data); }

[[noreturn]] void jump_out(j_common_ptr cinfo) {
    auto& job = *static_cast<JpegWriteJob*>(cinfo->client_data);
    (*cinfo->err->format_message)(cinfo, job.message);
    std::longjmp(job.jump, 1);
}

void start_output(j_compress_ptr cinfo) {
    SinkOutput& out = job_of(cinfo).output;
    out.pub.next_output_byte = out.buffer.data();
    out.pub.free_in_buffer = out.buffer.size();
}

/// Hands `n` bytes of the buffer to the sink; false when it threw (the exception is kept).
bool pass_to_sink(SinkOutput& out, std::size_t n) {
    try {
        out.sink->write(std::span<const std::uint8_t>(out.buffer.data(), n));
        return true;
    } catch (...) {
        out.error = std::current_exception();
        return false;
    }
}

boolean empty_output(j_compress_ptr cinfo) {
    SinkOutput& out = job_of(cinfo).output;
    if (!pass_to_sink(out, out.buffer.size())) ERREXIT(cinfo, JERR_FILE_WRITE);
    start_output(cinfo);
    return TRUE;
}

void finish_output(j_compress_ptr cinfo) {
    SinkOutput& out = job_of(cinfo).output;
    if (!pass_to_sink(out, out.buffer.size() - out.pub.free_in_buffer)) ERREXIT(cinfo, JERR_FILE_WRITE);
}

/// Sets libjpeg up for an image of `size` and `channels` and writes its header and metadata. Returns
/// libjpeg's error message, or nullptr on success. Between setjmp and the return only libjpeg and
/// C-style code run: no object with a destructor may be skipped by the longjmp.
const char* start(JpegWriteJob& job, core::Extent2 size, int channels, int quality, const ImageMetadata& metadata) {
    jpeg_compress_struct* cinfo = &job.cinfo;
    const bool grey = channels <= 2;
    job.channels = channels;
    job.row.resize(static_cast<std::size_t>(size.w) * (grey ? 1 : 3));
    cinfo->err = jpeg_std_error(&job.errors);
    job.errors.error_exit = jump_out;
    cinfo->client_data = &job;
    if (setjmp(job.jump)) return job.message;
    jpeg_create_compress(cinfo);
    job.created = true;
    job.output.pub.init_destination = start_output;
    job.output.pub.empty_output_buffer = empty_output;
    job.output.pub.term_destination = finish_output;
    cinfo->dest = &job.output.pub;
    cinfo->image_width = static_cast<JDIMENSION>(size.w);
    cinfo->image_height = static_cast<JDIMENSION>(size.h);
    cinfo->input_components = grey ? 1 : 3;
    cinfo->in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality, TRUE);
    cinfo->optimize_coding = jpeg_optimises_huffman(size, channels, quality) ? TRUE : FALSE;
    if (!grey && quality >= 90)
        for (int c = 0; c < 3; ++c) cinfo->comp_info[c].h_samp_factor = cinfo->comp_info[c].v_samp_factor = 1;
    set_jpeg_density(cinfo, metadata);
    jpeg_start_compress(cinfo, TRUE);
    write_jpeg_metadata(cinfo, metadata);
    return nullptr;
}

/// Compresses the next row (job.channels samples a pixel; an alpha is left out). Returns libjpeg's
/// error message, or nullptr.
const char* write_row(JpegWriteJob& job, const std::uint8_t* src) {
    if (setjmp(job.jump)) return job.message;
    const int keep = job.cinfo.input_components;
    const std::size_t width = job.cinfo.image_width;
    for (std::size_t x = 0; x < width; ++x)
        for (int c = 0; c < keep; ++c) job.row[x * keep + c] = src[x * job.channels + c];
    JSAMPROW rows[1] = {job.row.data()};
    jpeg_write_scanlines(&job.cinfo, rows, 1);
    return nullptr;
}

/// Ends the file. Returns libjpeg's error message, or nullptr.
const char* finish(JpegWriteJob& job) {
    if (setjmp(job.jump)) return job.message;
    jpeg_finish_compress(&job.cinfo);
    return nullptr;
}

void check(const JpegWriteJob& job, const char* reason) {
    if (job.output.error) std::rethrow_exception(job.output.error);
    if (reason != nullptr) throw IoError("", std::string("cannot encode JPEG (") + reason + ")");
}

}  // namespace

bool jpeg_optimises_huffman(core::Extent2 size, int channels, int quality) {
    constexpr double budget = 16.0 * 1024 * 1024;
    // Luma in 8x8 blocks of 2-byte coefficients; chroma the same at 4:4:4 (quality 90 and up), a
    // quarter each at 4:2:0.
    const double luma = 2.0 * static_cast<double>((size.w + 15) / 16 * 16) * static_cast<double>((size.h + 15) / 16 * 16);
    const double chroma = channels <= 2 ? 0.0 : quality >= 90 ? 2.0 * luma : 0.5 * luma;
    return luma + chroma <= budget;
}

void encode_jpeg_rows(core::Extent2 size, int channels, const core::RowProducer& rows, int quality, int threads, ByteSink& sink,
                      const ImageMetadata& metadata) {
    const auto job = std::make_unique<JpegWriteJob>();
    job->output.sink = &sink;
    check(*job, start(*job, size, channels, quality, metadata));
    // Blocks of rows computed ahead on every thread, compressed in order.
    use_rows_in_order(size.h, static_cast<std::size_t>(size.w * channels), rows, threads,
                      [&](std::int64_t, const std::uint8_t* row) { check(*job, write_row(*job, row)); });
    check(*job, finish(*job));
}

std::vector<std::uint8_t> encode_jpeg(const core::Image& image, int quality, const ImageMetadata& metadata) {
    MemorySink file;
    encode_jpeg_rows(image.size(), image.channels,
                     rows_of(image.pixels.data(), static_cast<std::size_t>(image.width * image.channels)), quality, 1, file,
                     metadata);
    return file.joined();
}

}  // namespace tconv::io
