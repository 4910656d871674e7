// libjpeg-turbo's compressor writing to memory (jpeg_mem_dest); its fatal errors longjmp back here,
// past libjpeg's frames only.
#include "io/jpeg_encoder.hpp"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <jpeglib.h>

#include "io/io_error.hpp"
#include "io/jpeg_metadata.hpp"

namespace tconv::io {
namespace {

struct JpegWriteJob {
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr errors{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = {};
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    std::vector<std::uint8_t> row;
    bool created = false;
};

[[noreturn]] void jump_out(j_common_ptr cinfo) {
    auto& job = *static_cast<JpegWriteJob*>(cinfo->client_data);
    (*cinfo->err->format_message)(cinfo, job.message);
    std::longjmp(job.jump, 1);
}

const char* compress(JpegWriteJob& job, const core::Image& image, int quality, const ImageMetadata& metadata) {
    jpeg_compress_struct* cinfo = &job.cinfo;
    cinfo->err = jpeg_std_error(&job.errors);
    job.errors.error_exit = jump_out;
    cinfo->client_data = &job;
    if (setjmp(job.jump)) return job.message;
    jpeg_create_compress(cinfo);
    job.created = true;
    jpeg_mem_dest(cinfo, &job.buffer, &job.size);
    const bool grey = image.channels <= 2;
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
    const std::size_t width = static_cast<std::size_t>(image.width);
    const int keep = grey ? 1 : 3;
    job.row.resize(width * static_cast<std::size_t>(keep));
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
    auto job = std::make_unique<JpegWriteJob>();
    const char* reason = compress(*job, image, quality, metadata);
    if (job->created) jpeg_destroy_compress(&job->cinfo);
    std::vector<std::uint8_t> out;
    if (reason == nullptr) out.assign(job->buffer, job->buffer + job->size);
    std::free(job->buffer);
    if (reason != nullptr) throw IoError("", std::string("cannot encode JPEG (") + reason + ")");
    return out;
}

}  // namespace tconv::io
