// The inputs of a batch and where each one's output goes.
#pragma once
#include <string>
#include <vector>

namespace tconv::cli {

/// Reads a list of paths from `source` ("-" is standard input), one per line, or NUL-separated
/// when null_separated. Empty entries are skipped. Throws UsageError when it cannot be read.
std::vector<std::string> read_file_list(const std::string& source, bool null_separated);

/// The output path of each input: `output` for a single input, its expansion when it is a template
/// (OutputTemplate), else OUT_DIR/STEM.EXT with `out_dir_extension` (none for no inputs). Throws UsageError when two inputs
/// would share an output, when an output would overwrite an input, when an output's directory or
/// OUT_DIR does not exist, when the template is malformed, or when the combination of -o/-d and
/// inputs does not make sense.
std::vector<std::string> output_paths(const std::vector<std::string>& inputs, const std::string& output,
                                      const std::string& out_dir, const std::string& out_dir_extension = "png");

/// Throws UsageError naming --output when `output` (not "-") cannot be created: its directory does not
/// exist, or it is a directory. Every command checks its -o so, before anything is read or printed.
void check_output_path(const std::string& output);

/// Throws UsageError naming the output and the input when an output (other than "-") is the same file
/// (device and inode, so links and other spellings count) as an existing input of any kind: an image,
/// a kernel file, a file list, a fit target.
void refuse_overwriting_inputs(const std::vector<std::string>& outputs, const std::vector<std::string>& inputs);

}  // namespace tconv::cli
