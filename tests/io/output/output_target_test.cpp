// io::resolve_output_target: what is behind an output path decides how it is written; and the temp
// names beside a target stay within NAME_MAX.
#include <catch2/catch.hpp>

#include <climits>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

#include "io/io_error.hpp"
#include "io/output/output_target.hpp"
#include "io/output/temp_names.hpp"

namespace {

namespace fs = std::filesystem;
using tconv::io::IoError;
using tconv::io::OutputKind;
using tconv::io::resolve_output_target;

struct ScratchDir {
    fs::path path;
    ScratchDir() {
        std::string pattern = (fs::temp_directory_path() / "tconv-target-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~ScratchDir() { fs::remove_all(path); }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void touch(const std::string& path) { std::ofstream(path) << "x"; }

}  // namespace

TEST_CASE("resolve_output_target: nothing there is a new file", "[io][output]") {
    ScratchDir dir;
    const auto t = resolve_output_target(dir / "new.png");
    CHECK(t.kind == OutputKind::NewFile);
    CHECK(t.path == dir / "new.png");
}

TEST_CASE("resolve_output_target: a regular file is replaced, keeping its mode", "[io][output]") {
    ScratchDir dir;
    touch(dir / "old.png");
    REQUIRE(::chmod((dir / "old.png").c_str(), 0604) == 0);
    const auto t = resolve_output_target(dir / "old.png");
    CHECK(t.kind == OutputKind::ReplaceFile);
    CHECK(t.mode == 0604);
    CHECK(t.owner == ::getuid());
}

TEST_CASE("resolve_output_target: symlinks lead to their final target, relative to each link", "[io][output]") {
    ScratchDir dir;
    fs::create_directory(dir.path / "sub");
    touch(dir / "sub/real.png");
    fs::create_symlink("real.png", dir.path / "sub/inner.png");  // relative to sub/
    fs::create_symlink("sub/inner.png", dir.path / "outer.png");
    const auto t = resolve_output_target(dir / "outer.png");
    CHECK(t.kind == OutputKind::ReplaceFile);
    CHECK(t.path == dir / "sub/real.png");

    fs::create_symlink("sub/missing.png", dir.path / "dangling.png");
    const auto d = resolve_output_target(dir / "dangling.png");
    CHECK(d.kind == OutputKind::NewFile);
    CHECK(d.path == dir / "sub/missing.png");
}

TEST_CASE("resolve_output_target: FIFOs and devices are streams; directories and loops refused", "[io][output]") {
    ScratchDir dir;
    REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
    CHECK(resolve_output_target(dir / "fifo").kind == OutputKind::Stream);
    CHECK(resolve_output_target("/dev/null").kind == OutputKind::Stream);
    CHECK(resolve_output_target("-").kind == OutputKind::Stdout);
    CHECK_THROWS_AS(resolve_output_target(dir.path.string()), IoError);
    fs::create_symlink("b", dir.path / "a");
    fs::create_symlink("a", dir.path / "b");
    CHECK_THROWS_WITH(resolve_output_target(dir / "a"), "too many levels of symbolic links");
}

TEST_CASE("temp_name_for stays within NAME_MAX and cuts at a UTF-8 character boundary", "[io][output]") {
    CHECK(tconv::io::temp_name_for("x.png").starts_with(".x.png.tconv-"));
    std::string utf8;
    for (int i = 0; i < 127; ++i) utf8 += "\xc3\xa9";  // 254 bytes of 'é'
    const std::string name = tconv::io::temp_name_for(utf8);
    CHECK(name.size() <= NAME_MAX);
    CHECK(name.starts_with("."));
    const std::size_t kept = name.find(".tconv-") - 1;
    CHECK(kept % 2 == 0);  // whole two-byte characters only
    CHECK(tconv::io::temp_name_for(std::string(255, 'a')).size() == NAME_MAX);
}
