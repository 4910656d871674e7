// File lists for batches, and the input-to-output mapping checked before any work starts.
#include "cli/options/input_list.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <sys/stat.h>
#include <utility>

#include <fmt/format.h>

#include "cli/options/output_template.hpp"
#include "cli/options/usage_error.hpp"
#include "io/input/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/quoted_text.hpp"

namespace tconv::cli {
namespace {

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

/// Checked before any input is read, like -d: a typo in the path is a usage error, not a failed
/// input. tconv creates no directories (as vipsthumbnail and mogrify -path do not).
/// `input`, when not empty, is the input whose output this is (-o TEMPLATE).
void check_output_file(const std::string& subject, const std::string& output, const std::string& input = {}) {
    const std::string dir = path_parts(output).dir;
    const std::string note =
        input.empty() ? "" : fmt::format(" (the output of {}; tconv creates no directories)", io::quoted_text(input));
    if (!is_directory(dir)) throw UsageError(subject, fmt::format("directory '{}' does not exist{}", io::quoted_text(dir), note));
    if (is_directory(output))
        throw UsageError(subject, input.empty() ? "is a directory (use -d DIR for a directory)"
                                                : fmt::format("{} is a directory (the output of {})", io::quoted_text(output),
                                                              io::quoted_text(input)));
}

/// -d DIR names each output DIR/STEM.EXT: the template DIR/{stem}.EXT, without reading DIR's braces.
OutputTemplate out_dir_template(const std::string& out_dir, const std::string& extension) {
    return OutputTemplate({{OutputTemplate::Field::Literal, out_dir.ends_with('/') ? out_dir : out_dir + "/"},
                           {OutputTemplate::Field::Stem, {}},
                           {OutputTemplate::Field::Literal, "." + extension}});
}

}  // namespace

std::vector<std::string> read_file_list(const std::string& source, bool null_separated) {
    std::vector<std::uint8_t> bytes;
    try {
        bytes = io::read_file_bytes(source, std::uint64_t{1} << 30);
    } catch (const io::IoError& e) {
        throw UsageError("--files-from " + io::quoted_text(e.file()), e.what());
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
                                      const std::string& out_dir, const std::string& out_dir_extension) {
    if (output.empty() == out_dir.empty())
        throw UsageError("--output",
                         "give exactly one of -o OUTPUT (one input, or a template such as -o '{stem}_x2.png' for any "
                         "number) or -d OUT_DIR (any number)");
    const bool templated = is_output_template(output);
    std::vector<std::string> outputs;
    if (!output.empty() && !templated) {
        if (inputs.size() != 1)
            throw UsageError("--output", fmt::format("-o FILE takes one input, got {}; use -d OUT_DIR or a template such as "
                                                     "-o 'out/{{stem}}_x2.png'",
                                                     inputs.size()));
        check_output_path(output);
        outputs.push_back(output);
    } else {
        if (!templated && !is_directory(out_dir))
            throw UsageError("--out-dir " + io::quoted_text(out_dir), "not an existing directory");
        const OutputTemplate names = templated ? OutputTemplate::parse(output) : out_dir_template(out_dir, out_dir_extension);
        std::map<std::string, std::string> by_output;  // lexically normal output path -> its input
        for (const auto& in : inputs) {
            if (in == "-")
                throw UsageError("INPUT -", templated ? "standard input has no name for an -o template; give -o FILE"
                                                      : "standard input needs -o OUTPUT (it has no name for -d)");
            const std::string out = names.expand(in);
            const std::string key = std::filesystem::path(out).lexically_normal().string();
            if (auto [it, fresh] = by_output.emplace(key, in); !fresh) {
                if (it->second == in) throw UsageError(io::quoted_text(in), "is listed twice");
                if (!templated)
                    throw UsageError(io::quoted_text(in), fmt::format("has the same stem as {}: both would be written to {}",
                                                                      io::quoted_text(it->second), io::quoted_text(out)));
                throw UsageError(io::quoted_text(in),
                                 fmt::format("would be written to {}, as {} would (the -o template must tell "
                                             "them apart, e.g. with {{dir}})",
                                             io::quoted_text(out), io::quoted_text(it->second)));
            }
            if (templated) check_output_file("--output " + io::quoted_text(output), out, in);
            outputs.push_back(out);
        }
    }
    refuse_overwriting_inputs(outputs, inputs);
    return outputs;
}

void check_output_path(const std::string& output) {
    if (output != "-") check_output_file("--output " + io::quoted_text(output), output);
}

void refuse_overwriting_inputs(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs) {
    std::map<std::pair<dev_t, ino_t>, std::string> input_ids;
    for (const auto& in : inputs)
        if (in != "-")
            if (const auto id = file_id(in)) input_ids.emplace(*id, in);
    for (const auto& out : outputs)
        if (out != "-")
            if (const auto id = file_id(out); id && input_ids.contains(*id))
                throw UsageError(io::quoted_text(out), "would overwrite the input " + io::quoted_text(input_ids.at(*id)));
}

}  // namespace tconv::cli
