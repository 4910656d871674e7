// The benchmark's C++ side: times tconv's core (convolve + quantise into an 8-bit image, no I/O), and
// measures the machine's limits for the roofline: memory bandwidth and FMA peak. Prints JSON lines.
// The core is timed two ways, alternating: into a fresh image each time (what torch's call does, so
// the ratio to torch), and into one reused image (only the bytes the convolution itself moves, so the
// roofline; a fresh image adds the kernel's zeroing of every new page).
//   core_bench conv IN.png K S P OP KERNEL THREADS REPS   (KERNEL: ones | bilinear | gaussian)
//   core_bench layer DIR CIN COUT GROUPS H W K S P OP THREADS REPS   (DIR holds x.f64, w.f64, b.f64: raw
//     little-endian doubles, the input (C, H, W), weight and bias; the first output, (H, W, C), goes to DIR/y.f64
//     for bench.py to check against torch before the times count)
//   core_bench roofline THREADS
#include <immintrin.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/conv/row_convolver.hpp"
#include "core/conv/transposed_conv.hpp"
#include "core/geometry/output_shape.hpp"
#include "core/kernel/kernel.hpp"
#include "core/layer/layer_conv.hpp"
#include "io/input/image_file.hpp"

namespace {

using namespace tconv;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

int conv(int argc, char** argv) {
    if (argc != 10) {
        std::fprintf(stderr, "usage: core_bench conv IN.png K S P OP KERNEL THREADS REPS\n");
        return 2;
    }
    const core::Image in = io::load_image(argv[2], {}).image;
    core::Geometry g;
    const std::int64_t k = std::stoll(argv[3]), s = std::stoll(argv[4]), p = std::stoll(argv[5]), op = std::stoll(argv[6]);
    g.kernel = {k, k};
    g.stride = {s, s};
    g.padding = {core::PaddingMode::Explicit, p, p, p, p};
    g.output_padding = core::Extent2{op, op};
    const std::string name = argv[7];
    core::KernelSpec spec;
    spec.kind = name == "ones"       ? core::KernelKind::Ones
                : name == "bilinear" ? core::KernelKind::Bilinear
                                     : core::KernelKind::Gaussian;
    const core::Kernel kernel = core::make_kernel(spec, g.kernel, g.stride);
    const core::OutputShape shape = core::plan_output_shape(in.size(), g);
    const int threads = std::stoi(argv[8]);
    const int reps = std::stoi(argv[9]);
    auto checksum_of = [](const core::Image& img) {
        std::uint64_t sum = 0;
        for (std::size_t i = 0; i < img.pixels.size(); i += 4093) sum = sum * 31 + img.pixels[i];
        return sum;
    };
    std::vector<double> fresh, reused;
    std::uint64_t checksum = 0;
    core::Image kept = core::transposed_conv(in, kernel, shape, threads);  // also faults its pages in
    const std::uint64_t kept_checksum = checksum_of(kept);
    for (int r = 0; r < reps; ++r) {
        auto t0 = Clock::now();
        const core::Image out = core::transposed_conv(in, kernel, shape, threads);
        fresh.push_back(ms_since(t0));
        checksum = checksum_of(out);
        t0 = Clock::now();
        core::transposed_conv_into(in, kernel, shape, threads, kept);
        reused.push_back(ms_since(t0));
        if (checksum_of(kept) != checksum || checksum != kept_checksum) throw std::runtime_error("outputs differ between runs");
    }
    std::sort(fresh.begin(), fresh.end());
    std::sort(reused.begin(), reused.end());
    const std::string strategy(core::strategy_name(core::RowConvolver(in, kernel, shape).plan().strategy));
    std::printf(
        "{\"median_ms\": %.3f, \"min_ms\": %.3f, \"max_ms\": %.3f, \"reused_median_ms\": %.3f, "
        "\"reused_min_ms\": %.3f, \"reused_max_ms\": %.3f, \"threads\": %d, \"checksum\": %llu, \"strategy\": \"%s\"}\n",
        fresh[fresh.size() / 2], fresh.front(), fresh.back(), reused[reused.size() / 2], reused.front(), reused.back(), threads,
        static_cast<unsigned long long>(checksum), strategy.c_str());
    return 0;
}

/// `count` doubles from the raw file `path`.
std::vector<double> read_doubles(const std::string& path, std::size_t count) {
    std::vector<double> v(count);
    std::ifstream f(path, std::ios::binary);
    f.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(count * sizeof(double)));
    if (!f || f.peek() != EOF) throw std::runtime_error(path + ": not " + std::to_string(count) + " doubles");
    return v;
}

int layer(int argc, char** argv) {
    if (argc != 14) {
        std::fprintf(stderr, "usage: core_bench layer DIR CIN COUT GROUPS H W K S P OP THREADS REPS\n");
        return 2;
    }
    const std::string dir = argv[2];
    const int cin = std::stoi(argv[3]), cout = std::stoi(argv[4]), groups = std::stoi(argv[5]);
    const std::int64_t h = std::stoll(argv[6]), w = std::stoll(argv[7]), k = std::stoll(argv[8]), s = std::stoll(argv[9]),
                       p = std::stoll(argv[10]), op = std::stoll(argv[11]);
    const int threads = std::stoi(argv[12]), reps = std::stoi(argv[13]);
    core::ConvLayer l{cin, cout, groups, {k, k}, {}, {}};
    l.weight = read_doubles(dir + "/w.f64", static_cast<std::size_t>(cin * (cout / groups) * k * k));
    l.bias = read_doubles(dir + "/b.f64", static_cast<std::size_t>(cout));
    const auto planes = read_doubles(dir + "/x.f64", static_cast<std::size_t>(cin * h * w));  // (C, H, W)
    core::RealImage x{{h, w}, cin, std::vector<double>(planes.size())};
    for (int c = 0; c < cin; ++c)
        for (std::int64_t n = 0; n < h * w; ++n)
            x.values[static_cast<std::size_t>(n * cin + c)] = planes[static_cast<std::size_t>(c * h * w + n)];
    core::Geometry g;
    g.kernel = {k, k};
    g.stride = {s, s};
    g.padding = {core::PaddingMode::Explicit, p, p, p, p};
    g.output_padding = core::Extent2{op, op};
    const core::LayerPlan plan = core::plan_layer(x.size, cin, l, g);
    const core::RealImage first = core::conv_layer(x, l, plan, threads);  // (H, W, C)
    std::ofstream(dir + "/y.f64", std::ios::binary)
        .write(reinterpret_cast<const char*>(first.values.data()),
               static_cast<std::streamsize>(first.values.size() * sizeof(double)));
    // Timed as the main job runs it: convolve, clamp and round into an 8-bit image (what torch's
    // conv_transpose2d + clamp + round + to(uint8) does).
    const core::Image kept = core::conv_layer_image(x, l, plan, core::SampleRange::Samples, 255.0, threads);
    std::vector<double> times;
    for (int r = 0; r < reps; ++r) {
        const auto t0 = Clock::now();
        const core::Image out = core::conv_layer_image(x, l, plan, core::SampleRange::Samples, 255.0, threads);
        times.push_back(ms_since(t0));
        if (out.pixels != kept.pixels) throw std::runtime_error("outputs differ between runs");
    }
    std::sort(times.begin(), times.end());
    std::printf("{\"median_ms\": %.3f, \"min_ms\": %.3f, \"max_ms\": %.3f, \"threads\": %d, \"multiply_adds\": %lld}\n",
                times[times.size() / 2], times.front(), times.back(), threads, static_cast<long long>(plan.multiply_adds));
    return 0;
}

/// Sustained copy bandwidth, bytes read + written per second, over buffers far larger than the caches.
double copy_bandwidth(int threads) {
    const std::size_t bytes = std::size_t{256} << 20;  // per thread, beyond the 4 MiB L2 (the L3 is shared)
    std::vector<std::unique_ptr<char[]>> src, dst;
    for (int t = 0; t < threads; ++t) {
        src.emplace_back(new char[bytes]);
        dst.emplace_back(new char[bytes]);
        std::memset(src.back().get(), t + 1, bytes);
        std::memset(dst.back().get(), 0, bytes);
    }
    double best = 0;
    for (int rep = 0; rep < 5; ++rep) {
        const auto t0 = Clock::now();
        {
            std::vector<std::jthread> workers;
            for (int t = 0; t < threads; ++t)
                workers.emplace_back([&, t] {
                    std::memcpy(dst[static_cast<std::size_t>(t)].get(), src[static_cast<std::size_t>(t)].get(), bytes);
                });
        }
        best = std::max(best, 2.0 * static_cast<double>(bytes) * threads / (ms_since(t0) / 1e3));
    }
    return best;
}

/// FMAs per second of one thread: 10 independent 8-lane AVX2 FMA chains (the machine's limit, even
/// though tconv itself is built for plain x86-64 and uses SSE).
__attribute__((target("avx2,fma"))) double fma_rate_avx2() {
    __m256 acc[10];
    for (int i = 0; i < 10; ++i) acc[i] = _mm256_set1_ps(static_cast<float>(i));
    const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    const long iterations = 20'000'000;
    const auto t0 = Clock::now();
    for (long n = 0; n < iterations; ++n)
        for (int i = 0; i < 10; ++i) acc[i] = _mm256_fmadd_ps(acc[i], a, b);
    const double seconds = ms_since(t0) / 1e3;
    float sink[8];
    __m256 sum = acc[0];
    for (int i = 1; i < 10; ++i) sum = _mm256_add_ps(sum, acc[i]);
    _mm256_storeu_ps(sink, sum);
    if (sink[0] == 12345.0f) std::puts("");  // keeps the chains alive
    return 10.0 * 8.0 * static_cast<double>(iterations) / seconds;
}

int roofline(int argc, char** argv) {
    const int threads = argc > 2 ? std::stoi(argv[2]) : 1;
    double fma = 0;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        std::vector<double> rates(static_cast<std::size_t>(threads));
        {
            std::vector<std::jthread> workers;
            for (int t = 0; t < threads; ++t)
                workers.emplace_back([&, t] { rates[static_cast<std::size_t>(t)] = fma_rate_avx2(); });
        }
        for (double r : rates) fma += r;
    }
    std::printf("{\"bandwidth_bytes_per_s\": %.4g, \"fma_per_s\": %.4g, \"threads\": %d}\n", copy_bandwidth(threads), fma,
                threads);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc >= 2 && std::string(argv[1]) == "conv") return conv(argc, argv);
        if (argc >= 2 && std::string(argv[1]) == "layer") return layer(argc, argv);
        if (argc >= 2 && std::string(argv[1]) == "roofline") return roofline(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "core_bench: %s\n", e.what());
        return 1;
    }
    std::fprintf(
        stderr,
        "usage: core_bench conv IN.png K S P OP KERNEL THREADS REPS | core_bench layer DIR ... | core_bench roofline THREADS\n");
    return 2;
}
