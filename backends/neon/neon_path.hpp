// One Arm conversion path as data: a narrowing and a widening op, their batch kernels (Advanced
// SIMD, 8 lanes per iteration) and element kernels (one scalar instruction with FPSR read after
// it), the FPCR flush setting, the CPU features and the declared deviations. One class serves
// neon, neon-ftz, neon-bf16 and neon-bf16-ftz; each source file keeps its own tables.
//
// The neon paths also carry binary16 arithmetic (FEAT_FP16 FADD FSUB FMUL FDIV FSQRT FMADD): a
// batch kernel (8 lanes) and an element kernel per Arith, run under the same FPCR; the element
// kernel takes the whole input word (operation.hpp: a, b[, c], the first operand high).
//
// Every batch runs under an FPCR set here (fpcr.hpp: rounding mode, AHP=0, DN=0, FZ and FZ16 as
// the path says) and the caller's FPCR and FPSR are put back afterwards. With flags asked for,
// each element runs as "clear FPSR; convert; read FPSR" in one asm statement.
#pragma once

#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "backends/neon/fpcr.hpp"
#include "fpconform/backend.hpp"
#include "fpconform/container.hpp"
#include "platform/cpu.hpp"

namespace fpconform::neon {

using Batch = void (*)(const void* in, void* out, std::size_t n);
// Converts one container, returns the result's container and stores FPSR as it was after it.
using Element = std::uint32_t (*)(std::uint32_t in, std::uint64_t& fpsr);
// The same for an arithmetic op's input word (48 bits for mulAdd).
using ArithElement = std::uint32_t (*)(Word in, std::uint64_t& fpsr);

struct ArithKernels;

struct Path {
  std::string_view name;
  std::string_view description;
  std::span<const std::string_view> features;
  Op narrow_op, widen_op;
  Batch narrow, widen;           // null where the kernels are not compiled (not aarch64)
  Element narrow_one, widen_one;
  bool flush;                    // FPCR.FZ = FPCR.FZ16 = 1
  std::span<const KnownDeviation> known;
  const ArithKernels* arith = nullptr;  // binary16 arithmetic, or none
};

// Indexed by Arith (none add sub mul div sqrt mul_add); the features the CPU must also report.
struct ArithKernels {
  std::span<const std::string_view> features;
  std::array<Batch, 7> batch;
  std::array<ArithElement, 7> one;
};

// The same kernels under FPCR.FZ = FZ16 = 1: only the name, description and declarations differ.
constexpr Path flushing(Path p, std::string_view name, std::string_view description,
                        std::span<const KnownDeviation> known) {
  p.name = name;
  p.description = description;
  p.flush = true;
  p.known = known;
  return p;
}

class PathBackend final : public Backend {
 public:
  explicit PathBackend(const Path& p) : p_(p) {}
  std::string_view name() const override { return p_.name; }
  std::string_view description() const override { return p_.description; }
  BackendKind kind() const override { return BackendKind::builtin; }
  // Arithmetic only where the CPU has FEAT_FP16 too, so that the conversions stay available on a
  // CPU without it: there it is "not implemented" rather than the whole backend skipped.
  bool implements(Op op, Rounding r) const override {
    if (is_arithmetic(op))
      return p_.arith != nullptr && info(op).src == &kBinary16 && r != Rounding::rna &&
             p_.arith->batch[static_cast<std::size_t>(info(op).arith)] != nullptr &&
             require_cpu(p_.arith->features).ok;
    return op == p_.widen_op || (op == p_.narrow_op && r != Rounding::rna);
  }
  Availability available() const override { return require_cpu(p_.features); }
  bool reports_flags() const override { return true; }
  // Arm ARM FPRoundBase: underflow is judged on the exact value's exponent, before rounding.
  Tininess tininess() const override { return Tininess::before; }
  // FPCR.DN=0: Arm ARM FPProcessNaNs, signaling before quiet, first of each, quieted.
  NanPolicy nan_policy() const override { return NanPolicy::arm; }
  std::span<const KnownDeviation> known_deviations() const override { return p_.known; }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags* flags) const override {
    const bool widen = op == p_.widen_op;
    if (p_.narrow == nullptr) std::abort();  // not available: callers check first
#if defined(__aarch64__)
    const FpcrScope scope(fpcr_for(widen ? Rounding::rne : r, p_.flush));
    if (is_arithmetic(op)) return arithmetic(op, in, out, n, flags);
    if (flags == nullptr) return (widen ? p_.widen : p_.narrow)(in, out, n);
    const OpInfo& i = info(op);
    const Element one = widen ? p_.widen_one : p_.narrow_one;
    for (std::size_t k = 0; k < n; ++k) {
      std::uint64_t fpsr = 0;
      store_container(*i.dst, out, k, one(load_container(*i.src, in, k), fpsr));
      flags[k] = flags_from_fpsr(fpsr);
    }
#else
    (void)widen, (void)r, (void)in, (void)out, (void)n, (void)flags;
#endif
  }

 private:
#if defined(__aarch64__)
  void arithmetic(Op op, const void* in, void* out, std::size_t n, Flags* flags) const {
    const auto a = static_cast<std::size_t>(info(op).arith);
    if (p_.arith == nullptr || p_.arith->batch[a] == nullptr) std::abort();
    if (flags == nullptr) return p_.arith->batch[a](in, out, n);
    const ArithElement one = p_.arith->one[a];
    for (std::size_t k = 0; k < n; ++k) {
      std::uint64_t fpsr = 0;
      store_container(kBinary16, out, k, one(load_word(input_bits(op), in, k), fpsr));
      flags[k] = flags_from_fpsr(fpsr);
    }
  }
#endif

  const Path& p_;
};

}  // namespace fpconform::neon
