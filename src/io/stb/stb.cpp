// stb_image compiled into tconv_io for the formats no other decoder here reads (BMP, TGA, GIF, PSD,
// HDR, PIC, PNM): its PNG and JPEG decoders are left out, so no file can reach them.
// stb allocates through core's pixel allocator, so that a large image's buffers sit on huge pages: the
// kernel faults in and zeroes every page of a fresh buffer, and huge pages make that one fault per 2 MiB
// rather than one per 4 KiB. Every block is zeroed, so no decoder can hand back bytes it did not write.
#include <cstddef>
#include <cstring>
#include <new>

#include "core/image/pixel_allocator.hpp"

namespace {

/// Each block starts with its size, which free and realloc need and stb does not pass.
constexpr std::size_t stb_header = 16;  // keeps the 16-byte alignment of the blocks

void* stb_malloc(std::size_t size) {
    try {
        auto* block = static_cast<unsigned char*>(tconv::core::allocate_pixels(size + stb_header));
        std::memcpy(block, &size, sizeof size);
        // Zeroed, so that a pixel a decoder leaves unwritten could never show what the heap held (such
        // as another file's pixels); files shorter than their header says are refused before stb sees them.
        std::memset(block + stb_header, 0, size);
        return block + stb_header;
    } catch (const std::bad_alloc&) {
        return nullptr;  // stb reports "outofmem"
    }
}

void stb_free(void* p) {
    if (p == nullptr) return;
    auto* block = static_cast<unsigned char*>(p) - stb_header;
    std::size_t size = 0;
    std::memcpy(&size, block, sizeof size);
    tconv::core::free_pixels(block, size + stb_header);
}

void* stb_realloc(void* p, std::size_t size) {
    if (p == nullptr) return stb_malloc(size);
    std::size_t old_size = 0;
    std::memcpy(&old_size, static_cast<unsigned char*>(p) - stb_header, sizeof old_size);
    void* grown = stb_malloc(size);
    if (grown == nullptr) return nullptr;  // p stays valid, as realloc leaves it
    std::memcpy(grown, p, old_size < size ? old_size : size);
    stb_free(p);
    return grown;
}

}  // namespace

#define STBI_MALLOC(size) stb_malloc(size)
#define STBI_REALLOC(p, size) stb_realloc(p, size)
#define STBI_FREE(p) stb_free(p)
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wdouble-promotion"
#pragma GCC diagnostic ignored "-Wuseless-cast"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_PNG    // libspng reads PNG
#define STBI_NO_JPEG   // libjpeg-turbo reads JPEG
#define STBI_NO_STDIO  // every read goes through a ByteSource (size caps, stdin, clear errors)
#define STBI_FAILURE_USERMSG
#include <stb_image.h>
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
