/* An LD_PRELOAD malloc for the memory-pressure tests: from the Nth allocation of at least
 * TCONV_FAIL_MIN bytes (default 4096) on, every such allocation fails, as when the address space has
 * run out, N being TCONV_FAIL_FROM (unset: none fails). It also catches what such a failure can
 * uncover in error paths: a block of at least that size freed twice aborts the process, which glibc's
 * malloc does not always notice. With TCONV_FAIL_COUNT=FILE the number of such allocations is written
 * to FILE at exit: the N to try. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void* __libc_malloc(size_t size);
extern void* __libc_calloc(size_t count, size_t size);
extern void* __libc_realloc(void* block, size_t size);
extern void* __libc_memalign(size_t alignment, size_t size);
extern void __libc_free(void* block);

static atomic_long counted;
static long fail_from = -1;
static size_t fail_min = 4096;
static atomic_int configured;

/* The blocks of at least fail_min bytes, by address: live, or freed and not handed out again. */
enum { slots = 1 << 16 };
static uintptr_t tracked[slots];
static unsigned char freed[slots];
static atomic_flag table_lock = ATOMIC_FLAG_INIT;

static void configure(void) {
    if (atomic_load(&configured)) return;
    const char* from = getenv("TCONV_FAIL_FROM");
    const char* min = getenv("TCONV_FAIL_MIN");
    if (from != NULL) fail_from = atol(from);
    if (min != NULL) fail_min = (size_t)atol(min);
    atomic_store(&configured, 1);
}

static int fails(size_t size) {
    configure();
    if (size < fail_min) return 0;
    const long n = atomic_fetch_add(&counted, 1) + 1;
    return fail_from > 0 && n >= fail_from;
}

static size_t slot_of(uintptr_t address) {
    size_t i = (size_t)((address >> 4) * 0x9E3779B97F4A7C15u) & (slots - 1);
    while (tracked[i] != 0 && tracked[i] != address) i = (i + 1) & (slots - 1);
    return i;
}

static void lock(void) {
    while (atomic_flag_test_and_set_explicit(&table_lock, memory_order_acquire)) {}
}
static void unlock(void) { atomic_flag_clear_explicit(&table_lock, memory_order_release); }

/* Both with table_lock held. */
static void mark_handed_out(void* block, size_t size) {
    static size_t used;
    if (block == NULL) return;
    const size_t i = slot_of((uintptr_t)block);
    if (tracked[i] == 0 && size < fail_min) return;
    freed[i] = 0; /* a smaller block at a tracked address is live too */
    if (tracked[i] != 0) return;
    if (used > slots / 2) { /* full of old frees: forget them all */
        memset(tracked, 0, sizeof tracked);
        used = 0;
        mark_handed_out(block, size);
        return;
    }
    ++used;
    tracked[i] = (uintptr_t)block;
}

static void mark_given_back(void* block) {
    if (block == NULL) return;
    const size_t i = slot_of((uintptr_t)block);
    if (tracked[i] == 0) return;
    if (freed[i]) {
        static const char message[] = "failing_malloc: a block freed twice\n";
        if (write(2, message, sizeof message - 1) < 0) abort();
        abort();
    }
    freed[i] = 1;
}

static void* handed_out(void* block, size_t size) {
    lock();
    mark_handed_out(block, size);
    unlock();
    return block;
}

static void* refused(void) {
    errno = ENOMEM;
    return NULL;
}

void* malloc(size_t size) { return fails(size) ? refused() : handed_out(__libc_malloc(size), size); }

void* calloc(size_t count, size_t size) {
    const size_t bytes = count * size;
    if (size != 0 && bytes / size != count) return refused();
    return fails(bytes) ? refused() : handed_out(__libc_calloc(count, size), bytes);
}

void* realloc(void* block, size_t size) {
    if (fails(size)) return refused(); /* the block stays as it was */
    /* Locked throughout, so that no other thread is handed the old block before it is marked given back. */
    lock();
    void* moved = __libc_realloc(block, size);
    if (moved != NULL || size == 0) mark_given_back(block);
    mark_handed_out(moved, size);
    unlock();
    return moved;
}

void free(void* block) {
    lock();
    mark_given_back(block);
    unlock();
    __libc_free(block);
}

void* memalign(size_t alignment, size_t size) {
    return fails(size) ? refused() : handed_out(__libc_memalign(alignment, size), size);
}

void* aligned_alloc(size_t alignment, size_t size) { return memalign(alignment, size); }

int posix_memalign(void** out, size_t alignment, size_t size) {
    void* block = memalign(alignment, size);
    if (block == NULL) return ENOMEM;
    *out = block;
    return 0;
}

__attribute__((destructor)) static void write_count(void) {
    const char* path = getenv("TCONV_FAIL_COUNT");
    if (path == NULL) return;
    char text[32];
    const int length = snprintf(text, sizeof text, "%ld\n", atomic_load(&counted));
    const int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return;
    if (write(fd, text, (size_t)length) < 0) {
        /* nothing to do: the test finds no count and says so */
    }
    close(fd);
}
