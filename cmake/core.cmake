# core: pure (no I/O, no printing, no flags). Shared by the top-level build and the core-only build
# (tests/core_only, which CI cross-compiles for aarch64). TCONV_SOURCE_DIR is the repository root.
file(GLOB_RECURSE TCONV_CORE_SOURCES CONFIGURE_DEPENDS ${TCONV_SOURCE_DIR}/src/core/*.cpp)
add_library(tconv_core STATIC ${TCONV_CORE_SOURCES})
target_include_directories(tconv_core PUBLIC ${TCONV_SOURCE_DIR}/src)
target_link_libraries(tconv_core PUBLIC Threads::Threads)
# tconv never reads floating-point exception flags; without the flag GCC will not turn the float
# selects of the row quantiser (clamp, round) into SIMD code. Results are the same bit for bit.
# No fused multiply-adds either: GCC contracts a*b+c by default in C++ where the CPU has FMA (every
# aarch64), which rounds once instead of twice and so changes sums from one machine to the next.
# Public, so that tests comparing with the core round as it does.
target_compile_options(tconv_core PRIVATE -fno-trapping-math PUBLIC -ffp-contract=off)
