// What the results were measured on.
#pragma once

#include <map>
#include <string>

namespace fpconform {

struct Machine {
  std::string cpu_model;
  std::string cpu_flags;  // the ones that matter for conversions, from /proc/cpuinfo
  unsigned cores = 0;
  std::string compiler;
  std::string os;
  std::map<std::string, std::string> libraries;
  std::string gpu;  // gpu_summary(): name, sm, driver and runtime, or "none: <why not>"
};

Machine this_machine();

// Now, as UTC ISO 8601 (2026-11-23T04:12:00Z): when results were produced.
std::string utc_now();

}  // namespace fpconform
