// The allocator behind pixel buffers. Two things make a fresh 4096x4096 RGB image cheap: no zero fill
// that the convolution would overwrite anyway (elements are default-initialised), and large blocks on
// transparent huge pages, so the kernel faults in a few 2 MiB pages, in the threads that first write
// them, rather than 512 times as many 4 KiB pages, each fault a trip into the kernel.
#pragma once
#include <cstddef>
#include <cstdint>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace tconv::core {

/// `bytes` of memory aligned for any fundamental type, on huge pages where the block is large and
/// the system allows; throws std::bad_alloc.
void* allocate_pixels(std::size_t bytes);
/// Frees a block from allocate_pixels(bytes), given the same `bytes`.
void free_pixels(void* block, std::size_t bytes) noexcept;

/// A std::allocator that default-initialises: vector<T>(n) and resize(n) leave trivial elements
/// unwritten (the owner promises to write them); vector(n, value) fills as usual.
template <class T>
struct PixelAllocator {
    static_assert(std::is_trivially_default_constructible_v<T> && std::is_trivially_destructible_v<T>);
    using value_type = T;

    PixelAllocator() = default;
    template <class U>
    PixelAllocator(const PixelAllocator<U>&) noexcept {}

    T* allocate(std::size_t n) {
        if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_alloc();
        return static_cast<T*>(allocate_pixels(n * sizeof(T)));
    }
    void deallocate(T* p, std::size_t n) noexcept { free_pixels(p, n * sizeof(T)); }

    template <class U>
    void construct(U* p) noexcept {
        ::new (static_cast<void*>(p)) U;
    }
    template <class U, class... Args>
    void construct(U* p, Args&&... args) {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }

    friend bool operator==(const PixelAllocator&, const PixelAllocator&) noexcept { return true; }
};

/// 8-bit samples: an image's pixels, a PNG's filtered rows.
using PixelBytes = std::vector<std::uint8_t, PixelAllocator<std::uint8_t>>;

}  // namespace tconv::core
