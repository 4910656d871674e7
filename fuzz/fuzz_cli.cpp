// libFuzzer target: the whole command line. The bytes are split at NULs into an argument vector for
// tconv::cli::run, in a scratch directory holding a small image, a kernel file and a file list, with
// work and pixel caps appended so that no vector runs for long. Any exit code is fine; a crash, a
// sanitizer report, a leak or an exit code outside 0, 1, 2 is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>
#include <vector>

#include "cli/app.hpp"
#include "io/png/png_encoder.hpp"
#include "pictures/article_image.hpp"

namespace {

namespace fs = std::filesystem;

fs::path scratch;
std::set<std::string> seeds;

/// The scratch directory's fixed files, written anew before every run: a vector may overwrite them.
void write_seeds() {
    static const auto png = tconv::io::encode_png(tconv::pictures::article_image());
    std::ofstream("a.png", std::ios::binary)
        .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
    std::ofstream("k.txt") << "1 2 1\n2 4 2\n1 2 1\n";
    std::ofstream("list.txt") << "a.png\n";
}

bool writes_outside(const std::string& arg) {
    // Nothing may name a place outside the scratch directory, or stdin (which could wait for ever).
    return arg.find('/') != std::string::npos || arg == ".." || arg == "-";
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    std::string pattern = (fs::temp_directory_path() / "tconv-fuzz-cli-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) std::abort();
    scratch = pattern;
    fs::current_path(scratch);
    write_seeds();
    for (const auto& entry : fs::directory_iterator(scratch)) seeds.insert(entry.path().filename().string());
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> args{"tconv"};
    std::string current;
    for (std::size_t i = 0; i < size && args.size() < 24; ++i) {
        if (data[i] == 0) {
            args.push_back(current);
            current.clear();
        } else {
            current.push_back(static_cast<char>(data[i]));
        }
    }
    if (!current.empty()) args.push_back(current);
    for (const std::string& a : args)
        if (writes_outside(a)) return -1;  // not added to the corpus
    const bool main_job = args.size() < 2 || (args[1] != "size" && args[1] != "demo" && args[1] != "overlap" &&
                                              args[1] != "fit" && args[1] != "compare" && args[1] != "animate");
    const bool teaching = args.size() >= 2 && (args[1] == "compare" || args[1] == "animate");
    if (main_job || args[1] == "fit" || teaching)
        for (const char* cap : {"--max-work", "20000000"}) args.emplace_back(cap);
    if (teaching) args.emplace_back("--no-fsync");
    if (main_job || args[1] == "animate")
        for (const char* cap : {"--max-pixels", "65536"}) args.emplace_back(cap);
    if (main_job) args.emplace_back("--no-fsync");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    write_seeds();
    const int rc = tconv::cli::run(static_cast<int>(args.size()), argv.data());
    if (rc < 0 || rc > 2) std::abort();
    for (const auto& entry : fs::directory_iterator(scratch))
        if (!seeds.contains(entry.path().filename().string())) fs::remove_all(entry.path());
    return 0;
}
