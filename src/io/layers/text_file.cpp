// Kernel files in and out: the text format of `-k @FILE` and of `tconv fit -o`.
#include "io/layers/text_file.hpp"

#include <cstdio>
#include <string_view>

#include "core/errors.hpp"
#include "io/input/file_bytes.hpp"
#include "io/io_error.hpp"
#include "io/output/output_file.hpp"

namespace tconv::io {

core::Kernel read_kernel_file(const std::string& path) {
    const auto bytes = read_file_bytes(path, 16u << 20);
    std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    // Editors on Windows start UTF-8 text with a byte-order mark: it is not part of the first number.
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    try {
        return core::parse_kernel_matrix(text, '\n');
    } catch (const core::InvalidParams& e) {
        throw IoError(path, e.what());
    }
}

void write_kernel_file(const std::string& path, const core::Kernel& kernel, const std::string& comment,
                       const WriteOptions& options) {
    std::string text;
    std::size_t start = 0;
    while (start <= comment.size() && !comment.empty()) {
        const auto end = comment.find('\n', start);
        text += "# " + comment.substr(start, end == std::string::npos ? std::string::npos : end - start) + "\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    char number[64];
    for (std::int64_t r = 0; r < kernel.size.h; ++r) {
        for (std::int64_t c = 0; c < kernel.size.w; ++c) {
            std::snprintf(number, sizeof number, "%s%.9g", c ? " " : "", static_cast<double>(kernel.at(r, c)));
            text += number;
        }
        text += "\n";
    }
    write_file_atomically(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), options);
}

}  // namespace tconv::io
