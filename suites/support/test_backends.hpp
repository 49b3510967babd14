// Backends made for the engine's own tests (not registered): one that deviates in many kinds, one
// that is never available. compare_test and sweep_test run both engines on them.
#pragma once

#include <gtest/gtest.h>

#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "oracles/softfloat/oracle.hpp"

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

// Every binary32-source op in every mode, answering each input with one of many wrong (or right)
// values picked by a hash of the input: the neighbours, zeros of both signs, infinity, the
// largest finite value, quiet and signaling NaNs of either sign, flipped bits. It exercises
// every kind and class the sweep's counting has to tell apart.
class Scrambling final : public Backend {
 public:
  std::string_view name() const override { return "scrambling"; }
  std::string_view description() const override { return "test: answers at random"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding) const override { return info(op).src->container_bits == 32; }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags*) const override {
    const Format& dst = *info(op).dst;
    const std::uint32_t sign = 1u << (dst.width() - 1) << dst.shift;
    const std::uint32_t exp_all = dst.exp_mask() << dst.frac_bits << dst.shift;
    const std::uint32_t quiet = dst.quiet_bit() << dst.shift;
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t x = load_container(kBinary32, in, i);
      const std::uint32_t right = oracle::convert(op, x, r).bits;
      std::uint32_t h = x * 0x9E3779B1u;
      h ^= h >> 15;
      std::uint32_t v = right;
      switch (h % 16) {
        case 0: v = oracle::convert(op, x, Rounding::rtz).bits; break;
        case 1: v = oracle::convert(op, x, Rounding::rup).bits; break;
        case 2: v = oracle::convert(op, x, Rounding::rdn).bits; break;
        case 3: v = 0; break;
        case 4: v = sign; break;
        case 5: v = right ^ sign; break;
        case 6: v = (right & sign) | exp_all; break;                  // infinity (e4m3fn: a number)
        case 7: v = (right & sign) | exp_all | quiet; break;          // quiet NaN
        case 8: v = (right & sign) | exp_all | (quiet >> 1); break;   // signaling NaN
        case 9: v = right ^ (1u << dst.shift); break;
        case 10: v = right ^ (quiet >> 1); break;
        case 11: v = exp_all - (1u << dst.shift); break;              // largest finite
        case 12: v = (h >> 8) << dst.shift; break;                    // anything
        default: break;
      }
      store_container(dst, out, i, v & dst.container_mask());
    }
  }
};

// The binary64 sources the way Triton's fp64 -> fp8 and C++'s half(float(x)) compute them:
// rounded to binary32 in the mode, then to the format in the mode (the software twin of every
// peer that goes through float; the classification must call the difference double-rounding).
class ThroughBinary32 final : public Backend {
 public:
  std::string_view name() const override { return "through-binary32"; }
  std::string_view description() const override { return "test: binary64 via binary32"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool implements(Op op, Rounding) const override { return is_binary64_source(op); }
  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags*) const override {
    for (std::size_t i = 0; i < n; ++i) {
      const oracle::Result wide = oracle::convert(kBinary64, kBinary32, load_word(64, in, i), r);
      store_container(*info(op).dst, out, i, oracle::convert(kBinary32, *info(op).dst, wide.bits, r).bits);
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
