// Backends made for the engine's own tests (not registered): one that deviates in many kinds, one
// that is never available. compare_test and sweep_test run both engines on them.
#pragma once

#include <gtest/gtest.h>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"

namespace fpconform::testing_backends {

// f32_to_f16 by truncation, exactly right otherwise for normal-range inputs: finite, non-tiny.
class Truncating final : public Backend {
 public:
  std::string_view name() const override { return "truncating"; }
  std::string_view description() const override { return "test: truncates"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding r) const override {
    return op == Op::f32_to_f16 && r == Rounding::rne;
  }
  void convert(Op, Rounding, const void* in, void* out, std::size_t n, Flags*) const override {
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t x = load_container(kBinary32, in, i);
      const std::uint32_t sign = (x >> 16) & 0x8000;
      const int e = static_cast<int>((x >> 23) & 0xFF) - 127 + 15;
      const std::uint32_t h = (e <= 0 || e >= 31) ? sign : sign | (e << 10) | ((x >> 13) & 0x3FF);
      store_container(kBinary16, out, i, h);
    }
  }
};

class Unavailable final : public Backend {
 public:
  std::string_view name() const override { return "absent"; }
  std::string_view description() const override { return "test: never available"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op, Rounding) const override { return true; }
  Availability available() const override { return {false, "no such hardware"}; }
  void convert(Op, Rounding, const void*, void*, std::size_t, Flags*) const override {
    ADD_FAILURE() << "an unavailable backend was called";
  }
};

}  // namespace fpconform::testing_backends
