#include "reports/repro.hpp"

#include <cstdio>
#include <string>

namespace fpconform {

std::string repro_command(std::string_view backend, Op op, std::string_view rounding,
                          std::uint32_t input, std::uint64_t seed, std::string_view backend_args) {
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%0*X", info(op).src->container_bits / 4, input);
  const std::string before = backend_args.empty() ? "" : std::string(backend_args) + " ";
  return "fpconform check " + before + "--backend " + std::string(backend) + " --op " + std::string(name(op)) +
         " --rounding " + std::string(rounding == "exact" ? "rne" : rounding) +
         " --inputs value:" + hex + " --seed " + std::to_string(seed);
}

}  // namespace fpconform
