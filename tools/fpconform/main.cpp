// fpconform: thin command line over the library. Parses, dispatches, maps errors to exit 2.
#include <iostream>

#include "fpconform/error.hpp"
#include "tools/fpconform/commands.hpp"

int main(int argc, char** argv) {
  namespace cli = fpconform::cli;
  for (int i = 0; i < argc; ++i)
    cli::invocation() += (i ? " " : "") + std::string(i ? argv[i] : "fpconform");
  CLI::App app{"fpconform: conformance of low-precision conversions and INT8 arithmetic, bit for bit"};
  app.require_subcommand(1);
  const cli::Command commands[] = {cli::add_list_command(app), cli::add_check_command(app),
                                    cli::add_vectors_command(app), cli::add_merge_command(app),
                                    cli::add_report_command(app),
                                    cli::add_quant_command(app), cli::add_matmul_command(app),
                                    cli::add_dot_command(app), cli::add_formats_command(app),
                                    cli::add_plan_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return cli::kUsageError;
  }
  try {
    for (const cli::Command& c : commands)
      if (c.sub->parsed()) return c.run();
  } catch (const fpconform::InputError& e) {
    std::cerr << "fpconform: error: " << e.what() << "\n";
    return cli::kUsageError;
  } catch (const std::exception& e) {
    // Not the user's input: say so, with what the library said, rather than abort.
    std::cerr << "fpconform: internal error (please report it with the command above): " << e.what()
              << "\n  command: " << cli::invocation() << "\n";
    return cli::kInternalError;
  }
  return cli::kUsageError;
}
