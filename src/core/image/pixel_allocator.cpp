// Huge pages for large pixel blocks: an anonymous mapping cut to 2 MiB alignment (a transparent huge
// page needs an aligned 2 MiB range) and marked MADV_HUGEPAGE, which Debian's default THP mode
// ("madvise") requires. Small blocks, and any system that refuses, get plain pages.
#include "core/image/pixel_allocator.hpp"

#include <sys/mman.h>

#include <cstdlib>

namespace tconv::core {
namespace {

constexpr std::size_t huge_page = std::size_t{2} << 20;
/// Below this a block is left to malloc: huge pages pay off only over several of them.
constexpr std::size_t huge_threshold = 2 * huge_page;

std::size_t mapped_size(std::size_t bytes) { return (bytes + huge_page - 1) / huge_page * huge_page; }

void* map_huge(std::size_t bytes) {
    const std::size_t size = mapped_size(bytes);
    // Map one huge page more, then unmap the unaligned head and the tail beyond `size`.
    void* raw = ::mmap(nullptr, size + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const std::uintptr_t aligned = (start + huge_page - 1) / huge_page * huge_page;
    if (aligned > start) ::munmap(raw, aligned - start);
    const std::uintptr_t end = start + size + huge_page;
    if (end > aligned + size) ::munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
    ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // advice only: failure is harmless
    return reinterpret_cast<void*>(aligned);
}

#if defined(__SANITIZE_ADDRESS__)
#define TCONV_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TCONV_ASAN 1
#endif
#endif
#ifdef TCONV_ASAN
constexpr bool use_huge_pages = false;  // AddressSanitizer checks only what malloc hands out
#else
constexpr bool use_huge_pages = true;
#endif

}  // namespace

void* allocate_pixels(std::size_t bytes) {
    if (use_huge_pages && bytes >= huge_threshold) {
        if (void* p = map_huge(bytes)) return p;
        throw std::bad_alloc();
    }
    if (void* p = std::malloc(bytes == 0 ? 1 : bytes)) return p;
    throw std::bad_alloc();
}

void free_pixels(void* block, std::size_t bytes) noexcept {
    if (block == nullptr) return;
    if (use_huge_pages && bytes >= huge_threshold) {
        ::munmap(block, mapped_size(bytes));
    } else {
        std::free(block);
    }
}

}  // namespace tconv::core
