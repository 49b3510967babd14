// Each subcommand lives in its own file and adds itself to the app; main() only dispatches.
#pragma once

#include <functional>
#include <string>

#include <CLI/CLI.hpp>

namespace fpconform::cli {

// Exit status of the command: 0 conforms, 1 deviations, 2 usage or input error, 3 an error of
// fpconform itself (a bug: the message says what was being done).
inline constexpr int kConforms = 0;
inline constexpr int kDeviates = 1;
inline constexpr int kUsageError = 2;
inline constexpr int kInternalError = 3;

// Each adds its subcommand and returns it with the callable that runs it after parsing and
// returns the exit status. Errors in the user's input are thrown as fpconform::InputError.
struct Command {
  CLI::App* sub;
  std::function<int()> run;
};

// The command line as typed, recorded in results so that they can be reproduced.
inline std::string& invocation() {
  static std::string s;
  return s;
}

Command add_list_command(CLI::App& app);
Command add_check_command(CLI::App& app);
Command add_vectors_command(CLI::App& app);
Command add_merge_command(CLI::App& app);
Command add_report_command(CLI::App& app);
Command add_quant_command(CLI::App& app);
Command add_matmul_command(CLI::App& app);
Command add_dot_command(CLI::App& app);
Command add_formats_command(CLI::App& app);
Command add_plan_command(CLI::App& app);

}  // namespace fpconform::cli
