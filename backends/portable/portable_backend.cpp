// The conversion fpconform recommends: correct in every rounding mode, integer-only, written from
// the format rules (narrow.hpp, widen.hpp), one template per direction for every format.
#include <array>
#include <cstring>
#include <type_traits>

#include "backends/portable/narrow.hpp"
#include "backends/portable/widen.hpp"
#include "fpconform/backend.hpp"

namespace fpconform {
namespace {

template <const Format& F>
using Container = std::conditional_t<F.container_bits == 8, std::uint8_t,
                                     std::conditional_t<F.container_bits == 16, std::uint16_t,
                                                        std::uint32_t>>;

// One batch loop per (source, destination, mode); memcpy keeps unaligned buffers legal and
// compiles to plain vector loads and stores. On x86-64 each loop is also built for AVX2 and
// picked at load time: the same integer code, eight lanes wide and with the unsigned compares
// and variable shifts SSE2 lacks (2.5 to 3 times the baseline build's rate).
template <const Format& S, const Format& D, auto Convert>
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
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

// Indexed by Op, then by Rounding (the enumerations' order); widening ops ignore the mode.
template <const Format& S>
constexpr std::array<BatchFn, kRoundings.size()> widening_row() {
  constexpr BatchFn f = &batch<S, kBinary32, portable::widen<S>>;
  return {f, f, f, f, f};
}

constexpr std::array<std::array<BatchFn, kRoundings.size()>, 11> kTable{
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
};

// The table above is written in the enumerations' order; these keep it honest.
static_assert(kOps[static_cast<int>(Op::f32_to_e5m2_sat)].op == Op::f32_to_e5m2_sat);
static_assert(static_cast<int>(Op::f32_to_e5m2_sat) == 10 && kOps[11].arith != Arith::none);
static_assert(static_cast<int>(Rounding::rna) == 4);

class PortableBackend final : public Backend {
 public:
  std::string_view name() const override { return "portable"; }
  std::string_view description() const override {
    return "branch-light integer C++: one generic narrowing and one widening template, every "
           "rounding mode";
  }
  BackendKind kind() const override { return BackendKind::builtin; }
  bool implements(Op op, Rounding) const override { return static_cast<std::size_t>(op) < kTable.size(); }

  void convert(Op op, Rounding r, const void* in, void* out, std::size_t n,
               Flags*) const override {  // no flags: reports_flags() is false
    kTable[static_cast<std::size_t>(op)][static_cast<std::size_t>(r)](in, out, n);
  }
};

}  // namespace

FPCONFORM_REGISTER_BACKEND(PortableBackend);

}  // namespace fpconform
