// float16-<flags>: f16 add, sub, mul and div written as _Float16 expressions (`a + b` ...) and
// compiled by GCC under one flag set each (float16_expr.c, CMakeLists.txt), in the rounding mode
// set with fesetround (rna has no fenv mode). What the sets change is `a * b + c`
// (check_lowering.cmake); single operators are narrowed once whichever way they are lowered.
#include <cfenv>
#include <cstddef>
#include <cstdlib>
#include <span>
#include <string>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"

namespace fpconform {
namespace {

using ExprFn = void (*)(const void*, void*, std::size_t);

struct FlagSet {
  std::string_view name;         // the backend's
  std::string_view description;
  bool avx512fp16;               // the set's code needs the CPU feature
  ExprFn add, sub, mul, div, mul_add, from_double;  // null where this build has no such objects
  std::span<const KnownDeviation> known;
};

// Measured with GCC 12.2 -O2 (addss/mulss with b as the first source): x86 returns the first
// source's NaN, so a commutative operator on two NaNs gives b's, not a's.
constexpr std::string_view kSwapped =
    "GCC lowers the commutative a + b and a * b with b as the instruction's first source "
    "(addss/mulss): of two NaN operands x86 then returns b's, quieted, not a's; "
    "0x7ED6 * 0xFEC6 -> 0xFEC6";

// a * b + c, measured on all of f16_mulAdd's test inputs (mul_add_backends_test): GCC computes
// c + b * a, so a NaN c comes back before a NaN product.
constexpr std::string_view kAddendNan =
    "GCC lowers a * b + c with c as the first source of the addition (addss): a NaN c is "
    "returned before a NaN a or b; (0x7E01, 0x3C00, 0x7E03) -> 0x7E03, not 0x7E01";
constexpr std::string_view kBinary32Sum =
    "-std=c11 / gnu11: a * b + c evaluated in binary32 (the product exact, the sum rounded once "
    "by addss) and narrowed once by __truncsfhf2: double rounding in rne; the directed modes "
    "round twice the same way, which is rounding once";
constexpr std::string_view kTwoRoundings =
    "-fexcess-precision=16 / C++: a * b rounded to binary16, then + c rounded again: not a fused "
    "multiply-add; its results are the neighbours, flushes, overflows and other values the "
    "classifier names for an unfused product";
constexpr std::uint8_t kAllModes = 0x1F;
constexpr std::uint8_t kRne = mode_bit(Rounding::rne);
constexpr std::uint8_t kRneRtz = kRne | mode_bit(Rounding::rtz);
constexpr std::uint8_t kDirected = mode_bit(Rounding::rtz) | mode_bit(Rounding::rdn) | mode_bit(Rounding::rup);
constexpr KnownDeviation kSwappedNansBinary32Sum[] = {
    {Op::f16_add, DeviationKind::nan_sign, kSwapped},
    {Op::f16_add, DeviationKind::nan_payload, kSwapped},
    {Op::f16_mul, DeviationKind::nan_sign, kSwapped},
    {Op::f16_mul, DeviationKind::nan_payload, kSwapped},
    {Op::f16_mulAdd, DeviationKind::nan_sign, kAddendNan, kAllModes},
    {Op::f16_mulAdd, DeviationKind::nan_payload, kAddendNan, kAllModes},
    {Op::f16_mulAdd, DeviationKind::double_rounding, kBinary32Sum, kRne},
};
constexpr KnownDeviation kSwappedNansTwoRoundings[] = {
    {Op::f16_add, DeviationKind::nan_sign, kSwapped},
    {Op::f16_add, DeviationKind::nan_payload, kSwapped},
    {Op::f16_mul, DeviationKind::nan_sign, kSwapped},
    {Op::f16_mul, DeviationKind::nan_payload, kSwapped},
    {Op::f16_mulAdd, DeviationKind::nan_sign, kAddendNan, kAllModes},
    {Op::f16_mulAdd, DeviationKind::nan_payload, kAddendNan, kAllModes},
    {Op::f16_mulAdd, DeviationKind::rounding, kTwoRoundings, kRneRtz},
    {Op::f16_mulAdd, DeviationKind::double_rounding, kTwoRoundings, kRne},
    {Op::f16_mulAdd, DeviationKind::ftz, kTwoRoundings, kAllModes},
    {Op::f16_mulAdd, DeviationKind::daz, kTwoRoundings, kAllModes},
    {Op::f16_mulAdd, DeviationKind::overflow, kTwoRoundings, kDirected},
    {Op::f16_mulAdd, DeviationKind::signed_zero, kTwoRoundings, kAllModes},
    {Op::f16_mulAdd, DeviationKind::other, kTwoRoundings, kAllModes},
};

// -std=c11 -mavx512fp16, measured on a Xeon with AVX512-FP16: + and * come out right, NaNs
// included; a * b + c is vmulsh then vaddsh (c first).
constexpr std::string_view kAddendNanVaddsh =
    "GCC -std=c11 -mavx512fp16 lowers a * b + c as vmulsh then vaddsh with c as the first source: "
    "a NaN c is returned before a NaN a or b; (0x7E01, 0x3C00, 0x7E03) -> 0x7E03, not 0x7E01";
constexpr std::string_view kVmulshVaddsh =
    "-std=c11 -mavx512fp16: a * b rounded to binary16 by vmulsh, then + c rounded again by vaddsh "
    "(ISO C does not contract): not a fused multiply-add; its results are the neighbours, "
    "flushes, overflows and other values the classifier names for an unfused product";
constexpr KnownDeviation kAddendNanTwoRoundings[] = {
    {Op::f16_mulAdd, DeviationKind::nan_sign, kAddendNanVaddsh, kAllModes},
    {Op::f16_mulAdd, DeviationKind::nan_payload, kAddendNanVaddsh, kAllModes},
    {Op::f16_mulAdd, DeviationKind::rounding, kVmulshVaddsh, kRneRtz},
    {Op::f16_mulAdd, DeviationKind::double_rounding, kVmulshVaddsh, kRne},
    {Op::f16_mulAdd, DeviationKind::ftz, kVmulshVaddsh, kAllModes},
    {Op::f16_mulAdd, DeviationKind::daz, kVmulshVaddsh, kAllModes},
    {Op::f16_mulAdd, DeviationKind::overflow, kVmulshVaddsh, kDirected},
    {Op::f16_mulAdd, DeviationKind::signed_zero, kVmulshVaddsh, kAllModes},
    {Op::f16_mulAdd, DeviationKind::other, kVmulshVaddsh, kAllModes},
};

#ifdef FPCONFORM_FLOAT16_EXPR
#define FPCONFORM_FLOAT16_DECLARE(set)                                               \
  extern "C" void fpconform_float16_##set##_add(const void*, void*, std::size_t);    \
  extern "C" void fpconform_float16_##set##_sub(const void*, void*, std::size_t);    \
  extern "C" void fpconform_float16_##set##_mul(const void*, void*, std::size_t);    \
  extern "C" void fpconform_float16_##set##_div(const void*, void*, std::size_t);    \
  extern "C" void fpconform_float16_##set##_mul_add_batch(const void*, void*, std::size_t); \
  extern "C" void fpconform_float16_##set##_from_double(const void*, void*, std::size_t);
#define FPCONFORM_FLOAT16_FNS(set)                                                    \
  &fpconform_float16_##set##_add, &fpconform_float16_##set##_sub,                     \
      &fpconform_float16_##set##_mul, &fpconform_float16_##set##_div,                 \
      &fpconform_float16_##set##_mul_add_batch
// (_Float16)d is a conversion, not an expression the flag sets change: offered by float16-c11
// alone (libgcc's __truncdfhf2, what every _Float16 program without AVX512-FP16 calls); all six
// sets were measured exact (vcvtsd2sh with -mavx512fp16), the others would repeat it.
#define FPCONFORM_FLOAT16_FROM_DOUBLE(set) &fpconform_float16_##set##_from_double
FPCONFORM_FLOAT16_DECLARE(c11)
FPCONFORM_FLOAT16_DECLARE(gnu11)
FPCONFORM_FLOAT16_DECLARE(c11_excess16)
FPCONFORM_FLOAT16_DECLARE(c11_avx512fp16)
FPCONFORM_FLOAT16_DECLARE(gnu11_avx512fp16)
FPCONFORM_FLOAT16_DECLARE(cxx20)
#else
#define FPCONFORM_FLOAT16_FNS(set) nullptr, nullptr, nullptr, nullptr, nullptr
#define FPCONFORM_FLOAT16_FROM_DOUBLE(set) nullptr
#endif

constexpr FlagSet kC11{"float16-c11",
                       "_Float16 operators, gcc -std=c11 -O2: evaluated in binary32 (excess "
                       "precision), narrowed by libgcc's __truncsfhf2",
                       false, FPCONFORM_FLOAT16_FNS(c11), FPCONFORM_FLOAT16_FROM_DOUBLE(c11),
                       kSwappedNansBinary32Sum};
constexpr FlagSet kGnu11{"float16-gnu11",
                         "_Float16 operators, gcc -std=gnu11 -O2: evaluated in binary32, "
                         "narrowed by libgcc's __truncsfhf2",
                         false, FPCONFORM_FLOAT16_FNS(gnu11), nullptr, kSwappedNansBinary32Sum};
constexpr FlagSet kC11Excess16{"float16-c11-excess16",
                               "_Float16 operators, gcc -std=c11 -fexcess-precision=16 -O2: "
                               "every operation narrowed to binary16",
                               false, FPCONFORM_FLOAT16_FNS(c11_excess16), nullptr, kSwappedNansTwoRoundings};
constexpr FlagSet kC11Avx512fp16{"float16-c11-avx512fp16",
                                 "_Float16 operators, gcc -std=c11 -mavx512fp16 -O2: "
                                 "vaddsh/vsubsh/vmulsh/vdivsh under MXCSR.RC",
                                 true, FPCONFORM_FLOAT16_FNS(c11_avx512fp16), nullptr, kAddendNanTwoRoundings};
constexpr FlagSet kGnu11Avx512fp16{"float16-gnu11-avx512fp16",
                                   "_Float16 operators, gcc -std=gnu11 -mavx512fp16 -O2 "
                                   "(contracts a * b + c to vfmadd...sh): the scalar *sh "
                                   "instructions under MXCSR.RC",
                                   true, FPCONFORM_FLOAT16_FNS(gnu11_avx512fp16), nullptr, {}};
constexpr FlagSet kCxx20{"float16-cxx20",
                         "_Float16 operators, g++ -std=c++20 -O2: every operation narrowed to "
                         "binary16 (GCC 12's C++ has no excess precision for _Float16)",
                         false, FPCONFORM_FLOAT16_FNS(cxx20), nullptr, kSwappedNansTwoRoundings};

// fesetround for the batch, restored after: the rounding mode is the only state the code reads.
class RoundingMode {
 public:
  explicit RoundingMode(int mode) : saved_(std::fegetround()) { std::fesetround(mode); }
  ~RoundingMode() { std::fesetround(saved_); }
  RoundingMode(const RoundingMode&) = delete;
  RoundingMode& operator=(const RoundingMode&) = delete;

 private:
  int saved_;
};

int fenv_mode(Rounding r) {
  switch (r) {
    case Rounding::rtz: return FE_TOWARDZERO;
    case Rounding::rdn: return FE_DOWNWARD;
    case Rounding::rup: return FE_UPWARD;
    default: return FE_TONEAREST;
  }
}

class Float16ExprBackend final : public Backend {
 public:
  explicit Float16ExprBackend(const FlagSet& s) : set_(s) {}
  std::string_view name() const override { return set_.name; }
  std::string_view description() const override { return set_.description; }
  BackendKind kind() const override { return BackendKind::peer; }
  bool implements(Op op, Rounding r) const override { return fn(op) != nullptr && r != Rounding::rna; }
  NanPolicy nan_policy() const override { return NanPolicy::x86; }
  std::span<const KnownDeviation> known_deviations() const override { return set_.known; }
  Availability available() const override {
    if (set_.add == nullptr)
      return {false, "built without GCC for x86-64: the flag sets are GCC's x86 options"};
    if (set_.avx512fp16) return require_cpu({"avx512fp16"});
    return {};
  }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n, Flags*) const override {
    const ExprFn f = fn(op);
    if (f == nullptr) std::abort();  // callers check implements() first
    const RoundingMode mode(fenv_mode(r));
    f(in, out, n);
  }

 private:
  ExprFn fn(Op op) const {
    switch (op) {
      case Op::f16_add: return set_.add;
      case Op::f16_sub: return set_.sub;
      case Op::f16_mul: return set_.mul;
      case Op::f16_div: return set_.div;
      case Op::f16_mulAdd: return set_.mul_add;
      case Op::f64_to_f16: return set_.from_double;
      default: return nullptr;
    }
  }

  const FlagSet& set_;
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(Float16ExprBackend, kC11);
FPCONFORM_REGISTER_BACKEND(Float16ExprBackend, kGnu11);
FPCONFORM_REGISTER_BACKEND(Float16ExprBackend, kC11Excess16);
FPCONFORM_REGISTER_BACKEND(Float16ExprBackend, kC11Avx512fp16);
FPCONFORM_REGISTER_BACKEND(Float16ExprBackend, kGnu11Avx512fp16);
FPCONFORM_REGISTER_BACKEND(Float16ExprBackend, kCxx20);

}  // namespace fpconform
