// io::write_file_atomically: the bytes land whole under the final name with the usual permissions,
// '-' goes to stdout, and a failure names the path, says why and leaves no temp file behind.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "io/io_error.hpp"
#include "io/output/output_file.hpp"

namespace {

namespace fs = std::filesystem;
using tconv::io::IoError;
using tconv::io::write_file_atomically;
using Bytes = std::vector<std::uint8_t>;

/// A fresh directory under the system temp directory, removed with everything in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "tconv-output-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path_ = pattern;
    }
    ~TempDir() { fs::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& entry : fs::directory_iterator(path_)) out.push_back(entry.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    fs::path path_;
};

Bytes read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

/// The IoError that `f` throws, or a failed test when it throws none.
template <class F>
IoError error_of(F&& f) {
    try {
        f();
    } catch (const IoError& e) {
        return e;
    }
    FAIL("no IoError was thrown");
    return IoError("", "");
}

const Bytes some_bytes{0x89, 'P', 'N', 'G', 0, 1, 2, 255};

}  // namespace

TEST_CASE("write_file_atomically writes the bytes under the name, and nothing else", "[io][output]") {
    TempDir dir;
    const fs::path target = dir.path() / "out.png";
    write_file_atomically(target.string(), some_bytes);
    CHECK(read_all(target) == some_bytes);
    CHECK(dir.names() == std::vector<std::string>{"out.png"});

    // Replacing an existing file: the new bytes, still one file.
    const Bytes other(100000, 7);
    write_file_atomically(target.string(), other);
    CHECK(read_all(target) == other);
    CHECK(dir.names() == std::vector<std::string>{"out.png"});

    // An empty file is still a file.
    write_file_atomically(target.string(), Bytes{});
    CHECK(fs::file_size(target) == 0);
}

TEST_CASE("write_file_atomically gives new files 0666 less the umask", "[io][output]") {
    TempDir dir;
    const mode_t old_mask = ::umask(027);
    write_file_atomically((dir.path() / "a.png").string(), some_bytes);
    ::umask(old_mask);
    struct stat st {};
    REQUIRE(::stat((dir.path() / "a.png").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0640);
}

TEST_CASE("write_file_atomically: a relative name lands in the working directory", "[io][output]") {
    TempDir dir;
    const fs::path before = fs::current_path();
    fs::current_path(dir.path());
    write_file_atomically("plain.png", some_bytes);
    fs::current_path(before);
    CHECK(read_all(dir.path() / "plain.png") == some_bytes);
    CHECK(dir.names() == std::vector<std::string>{"plain.png"});
}

TEST_CASE("write_file_atomically fails clearly and leaves no file", "[io][output]") {
    TempDir dir;
    SECTION("a directory that does not exist") {
        const std::string target = (dir.path() / "missing" / "out.png").string();
        const IoError e = error_of([&] { write_file_atomically(target, some_bytes); });
        CHECK(e.file() == target);
        CHECK(std::string(e.what()) ==
              "cannot create file: directory '" + (dir.path() / "missing").string() + "' does not exist or cannot be reached");
        CHECK(dir.names().empty());
    }
    SECTION("a path under a regular file") {
        write_file_atomically((dir.path() / "file").string(), some_bytes);
        const std::string target = (dir.path() / "file" / "out.png").string();
        const IoError e = error_of([&] { write_file_atomically(target, some_bytes); });
        CHECK(e.file() == target);
        CHECK_THAT(e.what(), Catch::Contains("is not a directory"));
        CHECK(dir.names() == std::vector<std::string>{"file"});
    }
    SECTION("the target is a directory: the temp file is removed") {
        fs::create_directory(dir.path() / "sub");
        fs::create_directory(dir.path() / "sub" / "inner");  // rename over a non-empty directory fails
        const std::string target = (dir.path() / "sub").string();
        const IoError e = error_of([&] { write_file_atomically(target, some_bytes); });
        CHECK(e.file() == target);
        CHECK(std::string(e.what()) == "output path is a directory");
        CHECK(dir.names() == std::vector<std::string>{"sub"});
    }
    SECTION("a name ending in a slash") {
        const std::string target = dir.path().string() + "/";
        const IoError e = error_of([&] { write_file_atomically(target, some_bytes); });
        CHECK(std::string(e.what()) == "output path names a directory");
        CHECK(dir.names().empty());
    }
}

TEST_CASE("write_file_atomically(\"-\") writes to standard output", "[io][output]") {
    TempDir dir;
    const fs::path captured = dir.path() / "stdout";
    std::fflush(stdout);
    const int saved = ::dup(STDOUT_FILENO);
    REQUIRE(saved >= 0);
    {
        std::FILE* file = std::fopen(captured.c_str(), "wb");
        REQUIRE(file != nullptr);
        REQUIRE(::dup2(::fileno(file), STDOUT_FILENO) >= 0);
        std::fclose(file);
    }
    write_file_atomically("-", some_bytes);
    ::dup2(saved, STDOUT_FILENO);
    ::close(saved);
    CHECK(read_all(captured) == some_bytes);
    CHECK(dir.names() == std::vector<std::string>{"stdout"});
}

TEST_CASE("OutputFile: the bytes reach the file as they come, but the name only at commit", "[io][output]") {
    TempDir dir;
    const std::string target = (dir.path() / "big.png").string();
    {
        tconv::io::OutputFile file(target);
        CHECK(file.streams());
        file.write(Bytes{0, 0, 0, 0, 'I', 'D'});
        file.write(Bytes{'A', 'T'});
        file.overwrite(0, Bytes{0, 0, 0, 4});  // a length learnt after the bytes it counts
        CHECK(file.written() == 8);
        CHECK(dir.names().empty());  // nothing under any name until commit
        file.commit();
    }
    CHECK(read_all(target) == Bytes{0, 0, 0, 4, 'I', 'D', 'A', 'T'});
    CHECK(dir.names() == std::vector<std::string>{"big.png"});
}

TEST_CASE("OutputFile: without commit nothing is left, and a file replaced stays as it was", "[io][output]") {
    TempDir dir;
    const std::string fresh = (dir.path() / "fresh.png").string();
    const std::string kept = (dir.path() / "kept.png").string();
    write_file_atomically(kept, some_bytes);
    {
        tconv::io::OutputFile a(fresh);
        tconv::io::OutputFile b(kept);
        a.write(Bytes(1 << 20, 7));
        b.write(Bytes(1 << 20, 7));
    }  // a failure between the first byte and commit: both destroyed uncommitted
    CHECK(dir.names() == std::vector<std::string>{"kept.png"});
    CHECK(read_all(kept) == some_bytes);
}

TEST_CASE("MemorySink: pieces handed over are kept, and a placeholder can be overwritten across them", "[io][output]") {
    tconv::io::MemorySink sink;
    sink.write(Bytes{1, 2, 3});
    tconv::core::PixelBytes big(5, 9);
    sink.write(std::move(big));
    sink.write(Bytes{4});
    sink.overwrite(2, Bytes{20, 30, 40});  // the last byte of the first piece, the first two of the second
    CHECK(sink.written() == 9);
    CHECK(sink.joined() == Bytes{1, 2, 20, 30, 40, 9, 9, 9, 4});
}
