// Vendors' plug-ins (include/fpconform/plugin.h) as backends. The process that selects backends
// never dlopens a plug-in: describe_plugin() reads its table in a child process, and a plug-in
// backend loads its library only in the process that converts (a child, see isolated_run.hpp).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fpconform/backend.hpp"

namespace fpconform {

// What a plug-in's table says, checked against everything plugin.h promises.
struct PluginInfo {
  std::string path;  // as given to --plugin
  std::string name;
  std::string description;
  std::vector<std::pair<Op, Rounding>> conversions;
  std::vector<std::pair<Op, Rounding>> arithmetic;  // ABI version 2
  NanPolicy nan_policy = NanPolicy::x86;
  bool reports_flags = false;
  bool tininess_before = false;
  std::uint32_t gemm_a_types = 0;  // FPCONFORM_GEMM_S8_A | FPCONFORM_GEMM_U8_A
};

// Loads the plug-in in a child process (RTLD_NOW | RTLD_LOCAL), calls its entry point and checks
// the table. Throws InputError naming the file and the problem ("plug-in X: ABI version 7, this
// fpconform speaks 1 and 2"), also when loading crashes or hangs past `timeout`.
PluginInfo describe_plugin(const std::string& path,
                           std::chrono::milliseconds timeout = std::chrono::seconds(600));

// describe_plugin(), then registers its backend (and its INT8 backend when it has a GEMM); a
// name that is already a backend is an InputError. Returns the registered backend.
const Backend* register_plugin(const std::string& path,
                               std::chrono::milliseconds timeout = std::chrono::seconds(600));

inline bool is_plugin(const Backend& b) { return b.kind() == BackendKind::plugin; }

}  // namespace fpconform
