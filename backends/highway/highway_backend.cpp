// Google Highway's DemoteTo / PromoteTo between binary32 and float16_t / bfloat16_t, one backend
// instance per target Highway compiles here: hwy/foreach_target.h re-includes this file once per
// target, each time inside its own namespace (N_AVX2, N_SSE4, N_SCALAR, ...). Each instance calls
// its target's code directly; HWY_DYNAMIC_DISPATCH would only ever run the best one, and the
// result of these conversions depends on the code path (F16C instructions or integer emulation).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "backends/highway/highway_backend.cpp"
#include "hwy/foreach_target.h"  // before highway.h
#include "hwy/highway.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#ifndef FPCONFORM_HIGHWAY_KERNELS_
#define FPCONFORM_HIGHWAY_KERNELS_
namespace fpconform::highway {

using BatchFn = void (*)(const void* in, void* out, std::size_t n);

// What one target compiled: its Highway target bit and a batch loop per operation.
struct Kernels {
  std::int64_t target;
  BatchFn f32_to_f16, f16_to_f32, f32_to_bf16, bf16_to_f32;
};

}  // namespace fpconform::highway
#endif

// ---- per target: compiled once for each, with that target's instruction set -------------------
HWY_BEFORE_NAMESPACE();
namespace fpconform::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// binary32 <-> Narrow (hwy::float16_t or hwy::bfloat16_t) over a whole vector of binary32 lanes
// at a time. Blocks pass through aligned local arrays: the caller's buffers may be unaligned, and
// a tail shorter than a vector is padded there, so nothing past either buffer is read or written
// (1.0.3 has no LoadN / StoreN).
template <typename Narrow, bool kDemote>
void Batch(const void* in, void* out, std::size_t n) {
  const hn::ScalableTag<float> df;
  const hn::Rebind<Narrow, decltype(df)> dn;
  using In = std::conditional_t<kDemote, float, Narrow>;
  using Out = std::conditional_t<kDemote, Narrow, float>;
  HWY_ALIGN In src[hn::MaxLanes(df)] = {};
  HWY_ALIGN Out dst[hn::MaxLanes(df)];
  const auto* from = static_cast<const unsigned char*>(in);
  auto* to = static_cast<unsigned char*>(out);
  const std::size_t lanes = hn::Lanes(df);
  for (std::size_t i = 0; i < n; i += lanes) {
    const std::size_t count = std::min(lanes, n - i);
    std::memcpy(src, from + i * sizeof(In), count * sizeof(In));
    if constexpr (kDemote) {
      hn::Store(hn::DemoteTo(dn, hn::Load(df, src)), dn, dst);
    } else {
      hn::Store(hn::PromoteTo(df, hn::Load(dn, src)), df, dst);
    }
    std::memcpy(to + i * sizeof(Out), dst, count * sizeof(Out));
  }
}

// Data only: the backend class, and everything else that runs before a target is known to be
// supported, stays outside this per-target code.
constexpr highway::Kernels kKernels{HWY_TARGET, &Batch<hwy::float16_t, true>,
                                    &Batch<hwy::float16_t, false>, &Batch<hwy::bfloat16_t, true>,
                                    &Batch<hwy::bfloat16_t, false>};

}  // namespace fpconform::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

// ---- once: the backend class and the registration of every target compiled ------------------
#if HWY_ONCE
#include <array>
#include <cctype>
#include <iterator>
#include <span>
#include <string>
#include <string_view>

#include "fpconform/backend.hpp"
#include "platform/cpu.hpp"

namespace fpconform {
namespace {

// Highway's table of targets compiled here (best first, nullptr where not compiled), then its
// fallback; the fallback is the static target again when no EMU128/SCALAR was compiled.
constexpr const highway::Kernels* kCompiled[] = {HWY_CHOOSE_TARGET_LIST(kKernels),
                                                 HWY_CHOOSE_FALLBACK(kKernels)};

// The CPU features each x86 target needs beyond the target it implies (Highway's targets.cc
// groups), as FPCONFORM_DISABLE names them: disabling one disables the instance.
struct TargetFeatures {
  std::int64_t target, implies;
  std::string_view own;  // space-separated
};
constexpr TargetFeatures kTargetFeatures[] = {
#if HWY_ARCH_X86
    {HWY_AVX3_DL, HWY_AVX3,
     "avx512vnni avx512vbmi avx512vbmi2 avx512bitalg avx512vpopcntdq vaes vpclmulqdq"},
    {HWY_AVX3, HWY_AVX2, "avx512f avx512vl avx512dq avx512bw"},
    {HWY_AVX2, HWY_SSE4, "avx2 avx f16c fma bmi2"},
    {HWY_SSE4, HWY_SSSE3, "sse4.2 sse4.1 pclmul aes"},
    {HWY_SSSE3, 0, "ssse3"},
#endif
    {0, 0, ""},
};

const TargetFeatures& features_of(std::int64_t target) {
  for (const TargetFeatures& t : kTargetFeatures)
    if (t.target == target) return t;
  return kTargetFeatures[std::size(kTargetFeatures) - 1];  // EMU128, SCALAR: none
}

// The first of target's features (its own first, then those of the targets it implies) that
// FPCONFORM_DISABLE disables; empty when none is.
std::string_view disabled_feature(std::int64_t target) {
  for (std::int64_t t = target; t != 0; t = features_of(t).implies) {
    std::string_view list = features_of(t).own;
    while (!list.empty()) {
      const std::size_t space = list.find(' ');
      const std::string_view f = list.substr(0, space);
      if (feature_disabled(f)) return f;
      list.remove_prefix(space == std::string_view::npos ? list.size() : space + 1);
    }
  }
  return {};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// What each code path does, read from the 1.0.3 headers (x86_128/256/512-inl.h, scalar-inl.h,
// emu128-inl.h) and found by the suites (edge + random:1000000 and exhaustive sweeps).
//
// bfloat16, every target: DemoteTo keeps the top 16 bits (bits >> 16; 1.0.3 leaves
// vcvtneps2bf16 as a TODO), PromoteTo shifts them back (<< 16).
constexpr KnownDeviation kBf16Truncated[] = {
    {Op::f32_to_bf16, DeviationKind::rounding,
     "DemoteTo to bfloat16_t keeps the top 16 bits (bits >> 16): truncation toward zero, not "
     "round-to-nearest-even, on every target of Highway 1.0.3"},
    {Op::f32_to_bf16, DeviationKind::daz,
     "truncation: binary32 subnormals 0x00008001..0x0000FFFF (above half the smallest bfloat16 "
     "subnormal) come out +-0 where nearest gives 0x0001; classified daz (subnormal input read "
     "as zero) though the cause is truncation"},
    {Op::f32_to_bf16, DeviationKind::overflow,
     "truncation: from the overflow threshold 0x7F7F8000 (max finite + half an ulp) up to "
     "0x7F7FFFFF the result is max finite 0x7F7F, not infinity"},
    {Op::f32_to_bf16, DeviationKind::nan_lost,
     "truncation: a NaN whose payload lies only in the low 16 bits (0x7F800001..0x7F80FFFF, "
     "either sign) becomes infinity 0x7F80"},
    {Op::f32_to_bf16, DeviationKind::nan_quiet,
     "truncation: a signaling NaN keeps its top payload bits as they are, the quiet bit is not "
     "set, so it stays signaling"},
    {Op::bf16_to_f32, DeviationKind::nan_quiet,
     "PromoteTo from bfloat16_t is a shift left by 16: a signaling NaN stays signaling"},
};

// binary16 without F16C (HWY_TARGET >= HWY_SSE4, SCALAR, EMU128): integer emulation. DemoteTo
// clamps the exponent to 15, truncates the fraction (m >> 13, or >> 13 + k below 2^-14) and
// returns +0 below 2^-24; PromoteTo rebiases every exponent by 112, 31 included.
constexpr KnownDeviation kF16Emulated[] = {
    {Op::f32_to_f16, DeviationKind::rounding,
     "no F16C: DemoteTo to float16_t truncates the fraction (mantissa >> 13; >> 13 + k for "
     "subnormal results): round toward zero, not round-to-nearest-even"},
    {Op::f32_to_f16, DeviationKind::ftz,
     "no F16C: below 2^-24 (exponent < -24) the result is 0, though nearest rounds "
     "(2^-25, 2^-24) to the smallest subnormal 0x0001"},
    {Op::f32_to_f16, DeviationKind::overflow,
     "no F16C: the exponent is clamped to 15, never to infinity: 65520 and above, and "
     "+-infinity, become finite 0x7800..0x7BFF (32768..65504, truncated fraction kept)"},
    {Op::f32_to_f16, DeviationKind::nan_lost,
     "no F16C: NaNs take the same clamped-exponent path and become finite 0x7800..0x7BFF"},
    {Op::f32_to_f16, DeviationKind::signed_zero,
     "no F16C: the zero returned below 2^-24 (-0 and binary32 subnormals included) is always "
     "+0: the sign is dropped"},
    {Op::f16_to_f32, DeviationKind::overflow,
     "no F16C: PromoteTo from float16_t rebiases exponent 31 like any other (31 + 112 = 143): "
     "+-infinity becomes +-65536 (0x47800000)"},
    {Op::f16_to_f32, DeviationKind::nan_lost,
     "no F16C: likewise every binary16 NaN becomes a finite number, 0x47802000..0x47FFE000 "
     "(65536 + payload, sign kept)"},
};

template <std::size_t A, std::size_t B>
constexpr std::array<KnownDeviation, A + B> join(const KnownDeviation (&a)[A],
                                                 const KnownDeviation (&b)[B]) {
  std::array<KnownDeviation, A + B> out{};
  std::copy(std::begin(a), std::end(a), out.begin());
  std::copy(std::begin(b), std::end(b), out.begin() + A);
  return out;
}
constexpr auto kF16EmulatedBf16Truncated = join(kF16Emulated, kBf16Truncated);

std::span<const KnownDeviation> known_for(std::int64_t target) {
#if HWY_ARCH_X86
  // vcvtps2ph (immediate rounding 0: nearest even) and vcvtph2ps: binary16 bit-exact. AVX3 is
  // the same instructions on zmm and the same bfloat16 code (x86_512-inl.h); the same counts as
  // AVX2 on all 2^32 inputs on an Intel Xeon and an AMD Zen 5.
  if (target == HWY_AVX2 || target == HWY_AVX3 || target == HWY_AVX3_DL) return kBf16Truncated;
  if (target == HWY_SSE4 || target == HWY_SSSE3) return kF16EmulatedBf16Truncated;
#endif
  if (target == HWY_SCALAR || target == HWY_EMU128) return kF16EmulatedBf16Truncated;
#if HWY_ARCH_ARM_A64
  // NEON, SVE, SVE2 (arm_neon-inl.h, arm_sve-inl.h): binary16 through FCVTN/FCVTL (bit-exact),
  // bfloat16 the same truncating shifts as everywhere; observed under qemu-aarch64 -cpu max.
  return kBf16Truncated;
#else
  return {};  // not examined (other architectures): held to bit-exactness
#endif
}

class HighwayBackend final : public Backend {
 public:
  explicit HighwayBackend(const highway::Kernels& k)
      : k_(k),
        target_(hwy::TargetName(k.target)),
        name_("highway-" + lower(target_)),
        description_("Google Highway " + std::to_string(HWY_MAJOR) + "." +
                     std::to_string(HWY_MINOR) + "." + std::to_string(HWY_PATCH) +
                     " DemoteTo/PromoteTo (float16_t, bfloat16_t), " + target_ +
                     " target called directly") {}

  std::string_view name() const override { return name_; }
  std::string_view description() const override { return description_; }
  BackendKind kind() const override { return BackendKind::peer; }

  // Highway documents no rounding-mode argument: its users get round-to-nearest-even where the
  // code path gives it and otherwise what known_deviations() says.
  bool implements(Op op, Rounding r) const override {
    switch (op) {
      case Op::f16_to_f32:
      case Op::bf16_to_f32: return true;
      case Op::f32_to_f16:
      case Op::f32_to_bf16: return r == Rounding::rne;
      default: return false;
    }
  }

  Availability available() const override {
    if (feature_disabled(name_)) return {false, name_ + " disabled by FPCONFORM_DISABLE"};
    if (const std::string_view f = disabled_feature(k_.target); !f.empty())
      return {false, std::string(f) + " disabled by FPCONFORM_DISABLE"};
    if ((hwy::SupportedTargets() & k_.target) == 0)
      return {false, "CPU lacks Highway target " + target_ + " (" +
                         std::string(features_of(k_.target).own) + ")"};
    return {};
  }

  std::span<const KnownDeviation> known_deviations() const override {
    return known_for(k_.target);
  }

  void convert(Op op, Rounding, const void* in, void* out, std::size_t n,
               Flags*) const override {  // no flags: reports_flags() is false
    switch (op) {
      case Op::f32_to_f16: return k_.f32_to_f16(in, out, n);
      case Op::f16_to_f32: return k_.f16_to_f32(in, out, n);
      case Op::f32_to_bf16: return k_.f32_to_bf16(in, out, n);
      case Op::bf16_to_f32: return k_.bf16_to_f32(in, out, n);
      default: break;  // not implemented (implements() says so): out is left as it is
    }
  }

 private:
  highway::Kernels k_;
  std::string target_, name_, description_;
};

// One instance per target compiled in.
[[maybe_unused]] const bool kRegistered = [] {
  std::int64_t seen = 0;
  for (const highway::Kernels* k : kCompiled) {
    if (k == nullptr || (seen & k->target) != 0) continue;
    seen |= k->target;
    register_backend(std::make_unique<HighwayBackend>(*k));
  }
  return true;
}();

FPCONFORM_REGISTER_LIBRARY("Highway", std::to_string(HWY_MAJOR) + "." + std::to_string(HWY_MINOR) + "." +
                                          std::to_string(HWY_PATCH));

}  // namespace
}  // namespace fpconform
#endif  // HWY_ONCE
