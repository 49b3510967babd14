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
};

Machine this_machine();

}  // namespace fpconform
