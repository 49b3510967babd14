#include "reports/repro.hpp"

#include "reports/fields.hpp"

#include <cstdio>
#include <string>

namespace fpconform {

std::string repro_command(std::string_view backend, Op op, std::string_view rounding,
                          Word input, std::uint64_t seed, std::string_view backend_args) {
  const std::string before = backend_args.empty() ? "" : std::string(backend_args) + " ";
  return "fpconform check " + before + "--backend " + std::string(backend) + " --op " + std::string(name(op)) +
         " --rounding " + std::string(rounding == "exact" ? "rne" : rounding) +
         " --inputs value:" + input_hex(op, input) + " --seed " + std::to_string(seed);
}

}  // namespace fpconform
