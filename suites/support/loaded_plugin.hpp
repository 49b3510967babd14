// A plug-in's table loaded into this process and called directly, as a built-in backend is: what
// the runs judged with the plug-in in its subject process are compared with (plugin_test) and
// timed against (bench_plugin). Only tests and benchmarks load a plug-in here.
#pragma once

#include <stdexcept>
#include <string>

#include "fpconform/backend.hpp"
#include "fpconform/plugin.h"

namespace fpconform::testing_backends {

class LoadedPlugin : public Backend {
 public:
  explicit LoadedPlugin(const fpconform_plugin& t) : t_(t) {}
  std::string_view name() const override { return t_.name; }
  std::string_view description() const override { return "the plug-in loaded into this process"; }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op, Rounding) const override { return true; }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags*) const override {
    if (const int rc = t_.convert(static_cast<std::uint32_t>(op), static_cast<std::uint32_t>(r), in, out, n, nullptr))
      throw std::runtime_error("plug-in " + std::string(t_.name) + ": convert returned " + std::to_string(rc));
  }

 private:
  const fpconform_plugin& t_;
};

}  // namespace fpconform::testing_backends
