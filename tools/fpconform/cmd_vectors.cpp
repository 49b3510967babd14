// Placeholder until the vectors command lands.
#include "tools/fpconform/commands.hpp"
namespace fpconform::cli {
Command add_vectors_command(CLI::App& app) {
  auto* sub = app.add_subcommand("vectors", "Generate and check vector files");
  return {sub, [] { return kUsageError; }};
}
}  // namespace fpconform::cli
