// Kernel files: what `-k @FILE` reads, byte-order mark and comments included, and fit's files read
// back exactly.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "io/io_error.hpp"
#include "io/layers/text_file.hpp"

namespace {

namespace fs = std::filesystem;

struct KernelFile {
    fs::path path;
    explicit KernelFile(const std::string& text) {
        std::string pattern = (fs::temp_directory_path() / "tconv-kernel-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        REQUIRE(fd >= 0);
        ::close(fd);
        path = pattern;
        std::ofstream(path, std::ios::binary) << text;
    }
    ~KernelFile() { fs::remove(path); }
};

}  // namespace

TEST_CASE("kernel file: rows on lines, commas or spaces, comments", "[io][kernel-file]") {
    const KernelFile f("# a 2x3 kernel\n1, 2 3\n4 5,6  # the last row\n");
    const auto k = tconv::io::read_kernel_file(f.path.string());
    CHECK(k.size.h == 2);
    CHECK(k.size.w == 3);
    CHECK(k.weights == std::vector<double>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("kernel file: a UTF-8 byte-order mark is not part of the first number", "[io][kernel-file]") {
    const KernelFile f(
        "\xEF\xBB\xBF"
        "1 2\r\n3 4\r\n");
    const auto k = tconv::io::read_kernel_file(f.path.string());
    CHECK(k.weights == std::vector<double>{1, 2, 3, 4});
}

TEST_CASE("kernel file: a mark elsewhere is still a bad number", "[io][kernel-file]") {
    const KernelFile f(
        "1 \xEF\xBB\xBF"
        "2\n");
    CHECK_THROWS_AS(tconv::io::read_kernel_file(f.path.string()), tconv::io::IoError);
}

TEST_CASE("kernel file: what fit writes reads back as the same floats", "[io][kernel-file]") {
    // The fit learns float weights; nine digits give each back as the same float.
    const KernelFile f("");
    const tconv::core::Kernel k{{1, 3}, {0.1f, -2.5e-7f, 1234.5678f}};
    tconv::io::write_kernel_file(f.path.string(), k, "two lines\nof comment");
    CHECK(tconv::core::float_weights(tconv::io::read_kernel_file(f.path.string())) == tconv::core::float_weights(k));
}
