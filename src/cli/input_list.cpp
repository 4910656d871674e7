// File lists for batches, and the input-to-output mapping checked before any work starts.
#include "cli/input_list.hpp"

#include <map>
#include <optional>
#include <sys/stat.h>
#include <utility>

#include "cli/usage_error.hpp"
#include "io/file_bytes.hpp"
#include "io/io_error.hpp"

namespace tconv::cli {
namespace {

std::string stem_of(const std::string& path) {
    const auto slash = path.rfind('/');
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    const auto dot = name.rfind('.');
    if (dot != std::string::npos && dot > 0) name.resize(dot);
    return name;
}

/// The directory part of `path`: "." for a bare name, "/" for a file in the root.
std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

bool is_directory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

/// Device and inode, when the file exists: the honest test of "is this the same file".
std::optional<std::pair<dev_t, ino_t>> file_id(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return std::pair(st.st_dev, st.st_ino);
}

}  // namespace

std::vector<std::string> read_file_list(const std::string& source, bool null_separated) {
    std::vector<std::uint8_t> bytes;
    try {
        bytes = io::read_file_bytes(source, std::uint64_t{1} << 30);
    } catch (const io::IoError& e) {
        throw UsageError("--files-from " + e.file(), e.what());
    }
    const char sep = null_separated ? '\0' : '\n';
    std::vector<std::string> paths;
    std::string current;
    for (const std::uint8_t b : bytes) {
        if (static_cast<char>(b) == sep) {
            if (!null_separated && !current.empty() && current.back() == '\r') current.pop_back();
            if (!current.empty()) paths.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(static_cast<char>(b));
        }
    }
    if (!current.empty()) paths.push_back(std::move(current));
    return paths;
}

std::vector<std::string> output_paths(const std::vector<std::string>& inputs, const std::string& output,
                                      const std::string& out_dir) {
    if (output.empty() == out_dir.empty())
        throw UsageError("--output", "give exactly one of -o OUTPUT (one input) or -d OUT_DIR (any number)");
    std::vector<std::string> outputs;
    if (!output.empty()) {
        if (inputs.size() != 1)
            throw UsageError("--output", "-o takes one input, got " + std::to_string(inputs.size()) + "; use -d OUT_DIR");
        // Checked before any input is read, like -d: a typo in the path is a usage error, not a failed input.
        if (output != "-" && !is_directory(directory_of(output)))
            throw UsageError("--output " + output, "directory '" + directory_of(output) + "' does not exist");
        if (is_directory(output)) throw UsageError("--output " + output, "is a directory (use -d DIR for a directory)");
        outputs.push_back(output);
    } else {
        if (!is_directory(out_dir)) throw UsageError("--out-dir " + out_dir, "not an existing directory");
        std::map<std::string, std::string> by_output;
        for (const auto& in : inputs) {
            if (in == "-") throw UsageError("INPUT -", "standard input needs -o OUTPUT (it has no name for -d)");
            const std::string out = out_dir + (out_dir.back() == '/' ? "" : "/") + stem_of(in) + ".png";
            if (auto [it, fresh] = by_output.emplace(out, in); !fresh) {
                if (it->second == in) throw UsageError(in, "is listed twice");
                throw UsageError(in, "has the same stem as " + it->second + ": both would be written to " + out);
            }
            outputs.push_back(out);
        }
    }
    std::map<std::pair<dev_t, ino_t>, std::string> input_ids;
    for (const auto& in : inputs)
        if (in != "-")
            if (const auto id = file_id(in)) input_ids.emplace(*id, in);
    for (const auto& out : outputs)
        if (out != "-")
            if (const auto id = file_id(out); id && input_ids.contains(*id))
                throw UsageError(out, "would overwrite the input " + input_ids.at(*id));
    return outputs;
}

}  // namespace tconv::cli
