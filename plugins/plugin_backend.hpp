// A plug-in as a Backend and, when it has a GEMM, as an Int8Backend. Both load the library on
// first use in the process that calls them: run them in a child (isolated_run.hpp).
#pragma once

#include <memory>
#include <string>

#include "plugins/plugin_library.hpp"
#include "plugins/plugin_loader.hpp"
#include "fpconform/backend.hpp"
#include "fpconform/int8_backend.hpp"

namespace fpconform {

class PluginBackend : public Backend {
 public:
  explicit PluginBackend(PluginInfo info);

  std::string_view name() const override { return info_.name; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::plugin; }
  // "--plugin /abs/path.so": absolute, so the command works from any directory; quoted for the
  // shell where the path needs it.
  std::string repro_args() const override;
  bool implements(Op op, Rounding r) const override;
  bool reports_flags() const override { return info_.reports_flags; }
  Tininess tininess() const override {
    return info_.tininess_before ? Tininess::before : Tininess::after;
  }
  // Throws std::runtime_error("plug-in NAME: convert returned 5") on a nonzero return.
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags* flags) const override;

 private:
  PluginInfo info_;
  std::string description_;
  PluginLibrary library_;
};

class PluginInt8Backend : public Int8Backend {
 public:
  explicit PluginInt8Backend(PluginInfo info);

  std::string_view name() const override { return info_.name; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::plugin; }
  bool multiplies(IntType a_type) const override;
  // The kernel keeps a copy of B and calls the plug-in's gemm on every run() (threads: the
  // plug-in's own business); a nonzero return throws std::runtime_error.
  std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                      const std::int8_t* b) const override;

 private:
  PluginInfo info_;
  std::string description_;
  PluginLibrary library_;
};

}  // namespace fpconform
