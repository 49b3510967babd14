// The command line that reproduces exactly one case of a run.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fpconform/operation.hpp"

namespace fpconform {

// backend_args as in Run::backend_args (a plug-in's --plugin PATH); rounding "exact" (a widening
// op) is given as rne; seed as in Run::seed, so that the command hands the input over as the run
// did.
std::string repro_command(std::string_view backend, Op op, std::string_view rounding,
                          Word input, std::uint64_t seed, std::string_view backend_args = {});

}  // namespace fpconform
