// The conversion fpconform recommends: correct in every rounding mode, integer-only, written from
// the format rules (narrow.hpp, widen.hpp), one template per direction for every format.
#include <array>
#include <cstring>
#include <type_traits>

#include "backends/portable/arith.hpp"
#include "backends/portable/narrow.hpp"
#include "backends/portable/widen.hpp"
#include "fpconform/backend.hpp"

namespace fpconform {
namespace {

template <const Format& F>
using Container = std::conditional_t<
    F.container_bits == 8, std::uint8_t,
    std::conditional_t<F.container_bits == 16, std::uint16_t,
                       std::conditional_t<F.container_bits == 32, std::uint32_t, std::uint64_t>>>;

// flatten: in this file of some 300 instantiations GCC's inliner came to leave shift_right_jam
// an out-of-line call inside the loop, and a call stops vectorization (the loops ran scalar,
// 116 M conversions/s a core on a Zen 5); flattened, each loop is the whole conversion, inlined.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define FPCONFORM_BATCH_LOOP __attribute__((target_clones("avx2", "default"), flatten))
#elif defined(__GNUC__)
#define FPCONFORM_BATCH_LOOP __attribute__((flatten))
#else
#define FPCONFORM_BATCH_LOOP
#endif

// One batch loop per (source, destination, mode); memcpy keeps unaligned buffers legal and
// compiles to plain vector loads and stores. On x86-64 each loop is also built for AVX2 and
// picked at load time: the same integer code, eight lanes wide and with the unsigned compares
// and variable shifts SSE2 lacks (2.5 to 3 times the baseline build's rate).
template <const Format& S, const Format& D, auto Convert>
FPCONFORM_BATCH_LOOP
void batch(const void* in, void* out, std::size_t n) {
  using In = Container<S>;
  using Out = Container<D>;
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; ++i) {
    In a;
    std::memcpy(&a, src + i * sizeof(In), sizeof(In));
    const auto b = static_cast<Out>(Convert(a));
    std::memcpy(dst + i * sizeof(Out), &b, sizeof(Out));
  }
}

using BatchFn = void (*)(const void*, void*, std::size_t);

template <const Format& D>
constexpr std::array<BatchFn, kRoundings.size()> narrowing() {
  return {&batch<kBinary32, D, portable::narrow<D, Rounding::rne>>,
          &batch<kBinary32, D, portable::narrow<D, Rounding::rtz>>,
          &batch<kBinary32, D, portable::narrow<D, Rounding::rdn>>,
          &batch<kBinary32, D, portable::narrow<D, Rounding::rup>>,
          &batch<kBinary32, D, portable::narrow<D, Rounding::rna>>};
}

template <const Format& D>
constexpr std::array<BatchFn, kRoundings.size()> narrowing_from_binary64() {
  return {&batch<kBinary64, D, portable::narrow_from_binary64<D, Rounding::rne>>,
          &batch<kBinary64, D, portable::narrow_from_binary64<D, Rounding::rtz>>,
          &batch<kBinary64, D, portable::narrow_from_binary64<D, Rounding::rdn>>,
          &batch<kBinary64, D, portable::narrow_from_binary64<D, Rounding::rup>>,
          &batch<kBinary64, D, portable::narrow_from_binary64<D, Rounding::rna>>};
}

// Arithmetic: the input word is the operands side by side, the first in the high half
// (operation.hpp); one result container each.
template <const Format& F, Rounding R, std::uint32_t (*Op2)(std::uint32_t, std::uint32_t)>
std::uint32_t on_pair(std::uint32_t word) {
  return Op2(word >> 16, word & 0xFFFF);
}

template <const Format& F, template <const Format&, Rounding> class Fn>
constexpr std::array<BatchFn, kRoundings.size()> binary_row() {
  return {&batch<kBinary32, F, on_pair<F, Rounding::rne, Fn<F, Rounding::rne>::f>>,
          &batch<kBinary32, F, on_pair<F, Rounding::rtz, Fn<F, Rounding::rtz>::f>>,
          &batch<kBinary32, F, on_pair<F, Rounding::rdn, Fn<F, Rounding::rdn>::f>>,
          &batch<kBinary32, F, on_pair<F, Rounding::rup, Fn<F, Rounding::rup>::f>>,
          &batch<kBinary32, F, on_pair<F, Rounding::rna, Fn<F, Rounding::rna>::f>>};
}

// mulAdd's word is 48 bits in 64: a, b, c.
template <const Format& F, Rounding R>
FPCONFORM_BATCH_LOOP
void mul_add_batch(const void* in, void* out, std::size_t n) {
  const auto* src = static_cast<const unsigned char*>(in);
  auto* dst = static_cast<unsigned char*>(out);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t w;
    std::memcpy(&w, src + i * 8, 8);
    const auto r = static_cast<std::uint16_t>(portable::arith::mul_add<F, R>(
        static_cast<std::uint32_t>(w >> 32), (w >> 16) & 0xFFFF, w & 0xFFFF));
    std::memcpy(dst + i * 2, &r, 2);
  }
}

template <const Format& F>
constexpr std::array<BatchFn, kRoundings.size()> mul_add_row() {
  return {&mul_add_batch<F, Rounding::rne>, &mul_add_batch<F, Rounding::rtz>,
          &mul_add_batch<F, Rounding::rdn>, &mul_add_batch<F, Rounding::rup>,
          &mul_add_batch<F, Rounding::rna>};
}

template <const Format& F>
constexpr std::array<BatchFn, kRoundings.size()> sqrt_row() {
  return {&batch<F, F, portable::arith::sqrt<F, Rounding::rne>>,
          &batch<F, F, portable::arith::sqrt<F, Rounding::rtz>>,
          &batch<F, F, portable::arith::sqrt<F, Rounding::rdn>>,
          &batch<F, F, portable::arith::sqrt<F, Rounding::rup>>,
          &batch<F, F, portable::arith::sqrt<F, Rounding::rna>>};
}

// The four binary operations as class templates, so that a row can name them by format and mode.
template <const Format& F, Rounding R>
struct Add { static constexpr auto f = &portable::arith::add<F, R>; };
template <const Format& F, Rounding R>
struct Sub { static constexpr auto f = &portable::arith::sub<F, R>; };
template <const Format& F, Rounding R>
struct Mul { static constexpr auto f = &portable::arith::mul<F, R>; };
template <const Format& F, Rounding R>
struct Div { static constexpr auto f = &portable::arith::div<F, R>; };

// Indexed by Op, then by Rounding (the enumerations' order); widening ops ignore the mode.
template <const Format& S>
constexpr std::array<BatchFn, kRoundings.size()> widening_row() {
  constexpr BatchFn f = &batch<S, kBinary32, portable::widen<S>>;
  return {f, f, f, f, f};
}

constexpr std::array<std::array<BatchFn, kRoundings.size()>, kOps.size()> kTable{
    widening_row<kBinary16>(),   // f16_to_f32
    widening_row<kBfloat16>(),   // bf16_to_f32
    widening_row<kE4m3fn>(),     // e4m3_to_f32
    widening_row<kE5m2>(),       // e5m2_to_f32
    narrowing<kBinary16>(),      // f32_to_f16
    narrowing<kBfloat16>(),      // f32_to_bf16
    narrowing<kTf32>(),          // f32_to_tf32
    narrowing<kE4m3fn>(),        // f32_to_e4m3
    narrowing<kE4m3fnSat>(),     // f32_to_e4m3_sat
    narrowing<kE5m2>(),          // f32_to_e5m2
    narrowing<kE5m2Sat>(),       // f32_to_e5m2_sat
    binary_row<kBinary16, Add>(),  // f16_add
    binary_row<kBinary16, Sub>(),  // f16_sub
    binary_row<kBinary16, Mul>(),  // f16_mul
    binary_row<kBinary16, Div>(),  // f16_div
    sqrt_row<kBinary16>(),         // f16_sqrt
    binary_row<kBfloat16, Add>(),  // bf16_add
    binary_row<kBfloat16, Sub>(),  // bf16_sub
    binary_row<kBfloat16, Mul>(),  // bf16_mul
    binary_row<kBfloat16, Div>(),  // bf16_div
    sqrt_row<kBfloat16>(),         // bf16_sqrt
    mul_add_row<kBinary16>(),      // f16_mulAdd
    mul_add_row<kBfloat16>(),      // bf16_mulAdd
    widening_row<kE4m3fnuz>(),     // e4m3fnuz_to_f32
    widening_row<kE5m2fnuz>(),     // e5m2fnuz_to_f32
    widening_row<kE3m2>(),         // e3m2_to_f32
    widening_row<kE2m3>(),         // e2m3_to_f32
    widening_row<kE2m1>(),         // e2m1_to_f32
    narrowing<kE4m3fnuz>(),        // f32_to_e4m3fnuz
    narrowing<kE5m2fnuz>(),        // f32_to_e5m2fnuz
    narrowing<kE3m2>(),            // f32_to_e3m2
    narrowing<kE2m3>(),            // f32_to_e2m3
    narrowing<kE2m1>(),            // f32_to_e2m1
    narrowing_from_binary64<kBinary32>(),   // f64_to_f32
    narrowing_from_binary64<kBinary16>(),   // f64_to_f16
    narrowing_from_binary64<kBfloat16>(),   // f64_to_bf16
    narrowing_from_binary64<kE4m3fn>(),     // f64_to_e4m3
    narrowing_from_binary64<kE4m3fnSat>(),  // f64_to_e4m3_sat
    narrowing_from_binary64<kE5m2>(),       // f64_to_e5m2
    narrowing_from_binary64<kE5m2Sat>(),    // f64_to_e5m2_sat
    narrowing_from_binary64<kE4m3fnuz>(),   // f64_to_e4m3fnuz
    narrowing_from_binary64<kE5m2fnuz>(),   // f64_to_e5m2fnuz
    narrowing_from_binary64<kE3m2>(),       // f64_to_e3m2
    narrowing_from_binary64<kE2m3>(),       // f64_to_e2m3
    narrowing_from_binary64<kE2m1>(),       // f64_to_e2m1
};

// The table above is written in the enumerations' order; these keep it honest.
static_assert(kOps[static_cast<int>(Op::f32_to_e5m2_sat)].op == Op::f32_to_e5m2_sat);
static_assert(static_cast<int>(Op::f32_to_e5m2_sat) == 10 && kOps[11].arith != Arith::none);
static_assert(kOps[static_cast<int>(Op::f16_add)].arith == Arith::add &&
              kOps[static_cast<int>(Op::bf16_sqrt)].arith == Arith::sqrt &&
              kOps[static_cast<int>(Op::bf16_mulAdd)].arith == Arith::mul_add);
static_assert(static_cast<int>(Op::e4m3fnuz_to_f32) == 23 && static_cast<int>(Op::f32_to_e2m1) == 32 &&
              static_cast<int>(Op::f64_to_f32) == 33 && kOps.size() == kTable.size());
static_assert(static_cast<int>(Rounding::rna) == 4);

class PortableBackend final : public Backend {
 public:
  std::string_view name() const override { return "portable"; }
  std::string_view description() const override {
    return "branch-light integer C++: one generic narrowing and one widening template, every "
           "rounding mode; f16/bf16 add, sub, mul, div, sqrt, mulAdd rounded once from an exact or "
           "sticky significand (arith.hpp), x86 NaNs";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  NanPolicy nan_policy() const override { return NanPolicy::x86; }
  bool implements(Op op, Rounding) const override { return static_cast<std::size_t>(op) < kTable.size(); }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags*) const override {  // no flags: reports_flags() is false
    kTable[static_cast<std::size_t>(op)][static_cast<std::size_t>(r)](in, out, n);
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(PortableBackend);

}  // namespace fpconform
