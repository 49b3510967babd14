// A plug-in's table loaded into this process and called directly, as a built-in backend is: what
// the runs judged with the plug-in in its subject process are compared with (plugin_test) and
// timed against (bench_plugin). Only tests and benchmarks load a plug-in here.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "fpconform/plugin.h"

namespace fpconform::testing_backends {

class LoadedPlugin : public Backend {
 public:
  explicit LoadedPlugin(const fpconform_plugin& t) : t_(t) {}
  std::string_view name() const override { return t_.name; }
  std::string_view description() const override { return "the plug-in loaded into this process"; }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op, Rounding) const override { return true; }
  NanPolicy nan_policy() const override { return static_cast<NanPolicy>(t_.nan_policy); }
  // An arithmetic op's words split into one array per operand, as the subject's judge splits them.
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags*) const override {
    const auto o = static_cast<std::uint32_t>(op), m = static_cast<std::uint32_t>(r);
    int rc;
    if (is_arithmetic(op)) {
      const Format& src = *info(op).src;
      std::vector<std::vector<unsigned char>> operands(3, std::vector<unsigned char>(n * container_bytes(src)));
      for (std::size_t k = 0; k < n; ++k)
        for (int i = 0; i < arity(op); ++i)
          store_container(src, operands[i].data(), k, operand(op, load_word(input_bits(op), in, k), i));
      rc = t_.arith(o, m, operands[0].data(), arity(op) > 1 ? operands[1].data() : nullptr,
                    arity(op) > 2 ? operands[2].data() : nullptr, out, n, nullptr);
    } else {
      rc = t_.convert(o, m, in, out, n, nullptr);
    }
    if (rc) throw std::runtime_error("plug-in " + std::string(t_.name) + " returned " + std::to_string(rc));
  }

 private:
  fpconform_plugin t_;  // load_plugin_table's copy
};

}  // namespace fpconform::testing_backends
