// --no-fsync: one declaration for every command that writes files.
#include "cli/options/write_options.hpp"

namespace tconv::cli {

void add_write_options(CLI::App& app, io::WriteOptions& options) {
    app.add_flag_callback(
        "--no-fsync", [&options] { options.sync = false; },
        "Do not wait for each output to reach the disk before naming it. Faster for many small files; a crash "
        "of the machine may then leave an empty or old file under the name");
}

}  // namespace tconv::cli
