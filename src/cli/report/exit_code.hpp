// Exit codes that scripts can trust, in one place.
#pragma once

namespace tconv::cli {

/// 0: every input done; 1: some input failed (the others were still processed); 2: usage error
/// (bad option or value: nothing was read or written).
enum ExitCode : int { exit_ok = 0, exit_input_failed = 1, exit_usage = 2 };

}  // namespace tconv::cli
