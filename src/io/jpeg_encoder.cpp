// libjpeg-turbo's compressor writing to memory through a destination of its own; its fatal errors
// longjmp back here, past libjpeg's frames only.
#include "io/jpeg_encoder.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <jpeglib.h>
// after jpeglib.h, which it needs
#include <jerror.h>

#include "io/io_error.hpp"
#include "io/jpeg_metadata.hpp"

namespace tconv::io {
namespace {

/// libjpeg's output in one malloc'd block that doubles as it fills. jpeg_mem_dest does the same but
/// hands its block back only when compression finishes: after an error in between, the pointer it
/// was given is the first block, which its first growth has already freed. Here `bytes` is always
/// the block in use, freed once however compression ends.
struct GrowingOutput {
    jpeg_destination_mgr pub{};
    unsigned char* bytes = nullptr;
    std::size_t capacity = 0;

    std::size_t size() const { return capacity - pub.free_in_buffer; }
};

/// Everything one encode keeps across a longjmp, at a fixed address: libjpeg's cinfo->client_data.
struct JpegWriteJob {
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr errors{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    GrowingOutput output;
    std::vector<std::uint8_t> row;
    bool created = false;

    JpegWriteJob() = default;
    JpegWriteJob(const JpegWriteJob&) = delete;
    JpegWriteJob& operator=(const JpegWriteJob&) = delete;
    ~JpegWriteJob() {
        if (created) jpeg_destroy_compress(&cinfo);
        std::free(output.bytes);
    }
};

JpegWriteJob& job_of(j_compress_ptr cinfo) { return *static_cast<JpegWriteJob*>(cinfo->client_data); }

[[noreturn]] void jump_out(j_common_ptr cinfo) {
    auto& job = *static_cast<JpegWriteJob*>(cinfo->client_data);
    (*cinfo->err->format_message)(cinfo, job.message);
    std::longjmp(job.jump, 1);
}

void start_output(j_compress_ptr cinfo) {
    GrowingOutput& out = job_of(cinfo).output;
    if (out.bytes == nullptr) {
        constexpr std::size_t first_block = std::size_t{64} << 10;
        out.bytes = static_cast<unsigned char*>(std::malloc(first_block));
        if (out.bytes == nullptr) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);
        out.capacity = first_block;
    }
    out.pub.next_output_byte = out.bytes;
    out.pub.free_in_buffer = out.capacity;
}

boolean grow_output(j_compress_ptr cinfo) {
    GrowingOutput& out = job_of(cinfo).output;
    auto* const grown = static_cast<unsigned char*>(std::realloc(out.bytes, 2 * out.capacity));
    if (grown == nullptr) ERREXIT1(cinfo, JERR_OUT_OF_MEMORY, 10);  // out.bytes is still the block in use
    out.bytes = grown;
    out.pub.next_output_byte = grown + out.capacity;
    out.pub.free_in_buffer = out.capacity;
    out.capacity *= 2;
    return TRUE;
}

void finish_output(j_compress_ptr) {}

/// Returns libjpeg's error message, or nullptr on success. Between setjmp and the return only libjpeg
/// and C-style code run: no object with a destructor may be skipped by the longjmp.
const char* compress(JpegWriteJob& job, const core::Image& image, int quality, const ImageMetadata& metadata) {
    jpeg_compress_struct* cinfo = &job.cinfo;
    const bool grey = image.channels <= 2;
    const std::size_t width = static_cast<std::size_t>(image.width);
    const int keep = grey ? 1 : 3;
    job.row.resize(width * static_cast<std::size_t>(keep));
    cinfo->err = jpeg_std_error(&job.errors);
    job.errors.error_exit = jump_out;
    cinfo->client_data = &job;
    if (setjmp(job.jump)) return job.message;
    jpeg_create_compress(cinfo);
    job.created = true;
    job.output.pub.init_destination = start_output;
    job.output.pub.empty_output_buffer = grow_output;
    job.output.pub.term_destination = finish_output;
    cinfo->dest = &job.output.pub;
    cinfo->image_width = static_cast<JDIMENSION>(image.width);
    cinfo->image_height = static_cast<JDIMENSION>(image.height);
    cinfo->input_components = grey ? 1 : 3;
    cinfo->in_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(cinfo);
    jpeg_set_quality(cinfo, quality, TRUE);
    // Huffman tables made for the image, as ImageMagick and PIL's optimize do: smaller files, same pixels.
    cinfo->optimize_coding = TRUE;
    if (!grey && quality >= 90)
        for (int c = 0; c < 3; ++c) cinfo->comp_info[c].h_samp_factor = cinfo->comp_info[c].v_samp_factor = 1;
    set_jpeg_density(cinfo, metadata);
    jpeg_start_compress(cinfo, TRUE);
    write_jpeg_metadata(cinfo, metadata);
    while (cinfo->next_scanline < cinfo->image_height) {
        const std::uint8_t* src = image.pixels.data() + std::size_t{cinfo->next_scanline} * width * image.channels;
        for (std::size_t x = 0; x < width; ++x)
            for (int c = 0; c < keep; ++c) job.row[x * keep + c] = src[x * image.channels + c];
        JSAMPROW rows[1] = {job.row.data()};
        jpeg_write_scanlines(cinfo, rows, 1);
    }
    jpeg_finish_compress(cinfo);
    return nullptr;
}

}  // namespace

std::vector<std::uint8_t> encode_jpeg(const core::Image& image, int quality, const ImageMetadata& metadata) {
    const auto job = std::make_unique<JpegWriteJob>();
    if (const char* reason = compress(*job, image, quality, metadata))
        throw IoError("", std::string("cannot encode JPEG (") + reason + ")");
    return {job->output.bytes, job->output.bytes + job->output.size()};
}

}  // namespace tconv::io
