// The dot-product runs shared by `dot` and `check --dot`: which units, which formats, and every
// unit's check and error against K into one result (checks/dot/unit_check.hpp, error.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fpconform/dot_backend.hpp"
#include "reports/dot_result.hpp"

namespace fpconform::cli {

// --backend of `dot`: names, "units" (every unit but the software twins) or "all" (with them).
std::vector<const DotBackend*> select_dot_backends(const std::string& list);

// --format: one of kDotFormats, by its short name (bf16) or its format's (bfloat16).
const Format& parse_dot_format(const std::string& s);

struct DotPlan {
  bool check = true;  // the probes and the bit-exact check
  bool error = true;  // the error against K
  std::string backends = "units";
  std::string formats = dot_format_names(",", ",");
  int k = 64;
  std::size_t cases = 20000;
  std::uint64_t seed = 1;
  std::vector<int> error_k = {64, 256, 1024, 4096};
  std::size_t error_cases = 1000;
  bool mixed_signs = false;
};

// check --dot's value ("check,error") as a plan with the defaults above; InputError names --dot
// and an unknown value.
DotPlan parse_dot_plan(const std::string& list);

// Every selected unit on every format it takes: the check and/or the error against K, as the
// plan says. Prints nothing.
DotResults run_dot_units(const DotPlan& plan);

}  // namespace fpconform::cli
