#include "oracles/dot/dot_model.hpp"

#include <algorithm>
#include <bit>
#include <vector>

#include "oracles/dot/wide_sum.hpp"
#include "oracles/softfloat/oracle.hpp"
#include "oracles/softfloat/round_pack.hpp"
#include "oracles/softfloat/unpack.hpp"

namespace fpconform::oracle {
namespace {

// A term of a step: an exact product, or the accumulator.
struct Term {
  enum class Kind : std::uint8_t { zero, finite, infinity, nan } kind;
  bool sign;
  std::int32_t exp;    // finite: sig * 2^exp
  std::uint64_t sig;
  // finite: where the leading bit would be were every significand normalized to [1, 2): an
  // input's exponent field, a product's sum of its factors' (one below its leading bit when the
  // significands' product is 2 or more). Units that align to exponents align to this.
  std::int32_t nominal = 0;
};

Term term_of(const Format& f, std::uint32_t bits, bool daz) {
  const Unpacked u = unpack(f, bits);
  switch (u.kind) {
    case Unpacked::Kind::zero: return {Term::Kind::zero, u.sign, 0, 0};
    case Unpacked::Kind::infinity: return {Term::Kind::infinity, u.sign, 0, 0};
    case Unpacked::Kind::nan: return {Term::Kind::nan, u.sign, 0, 0};
    case Unpacked::Kind::finite: break;
  }
  const bool subnormal = ((bits >> (f.shift + f.frac_bits)) & f.exp_mask()) == 0;
  if (daz && subnormal) return {Term::Kind::zero, u.sign, 0, 0};
  return {Term::Kind::finite, u.sign, u.exp, u.sig, u.exp + f.frac_bits};
}

Term product(const Term& x, const Term& y) {
  const bool sign = x.sign != y.sign;
  if (x.kind == Term::Kind::nan || y.kind == Term::Kind::nan) return {Term::Kind::nan, sign, 0, 0};
  const bool inf = x.kind == Term::Kind::infinity || y.kind == Term::Kind::infinity;
  const bool zero = x.kind == Term::Kind::zero || y.kind == Term::Kind::zero;
  if (inf) return {zero ? Term::Kind::nan : Term::Kind::infinity, sign, 0, 0};
  if (zero) return {Term::Kind::zero, sign, 0, 0};
  return {Term::Kind::finite, sign, x.exp + y.exp, x.sig * y.sig, x.nominal + y.nominal};  // < 2^22 (tf32's 11-bit significands): exact
}

std::int32_t leading(const Term& t) { return t.exp + 63 - std::countl_zero(t.sig); }

// Drops the bits of t below 2^q: toward zero, or to nearest even.
Term aligned(Term t, std::int32_t q, DotAlign how) {
  if (t.kind != Term::Kind::finite || t.exp >= q) return t;
  const std::int32_t d = q - t.exp;
  std::uint64_t n = 0;
  if (how == DotAlign::truncate) {
    n = d >= 64 ? 0 : t.sig >> d;
  } else {
    n = detail::round_to_quantum(t.sign, t.exp, t.sig, q, Rounding::rne).n;
  }
  if (n == 0) return {Term::Kind::zero, t.sign, 0, 0};
  return {Term::Kind::finite, t.sign, q, n};
}

Term from_binary32(std::uint32_t bits) { return term_of(kBinary32, bits, false); }

std::uint32_t to_bits(const Term& t) {
  switch (t.kind) {
    case Term::Kind::nan: return kDotNaN;
    case Term::Kind::infinity: return (t.sign ? 0x80000000u : 0) | 0x7F800000u;
    case Term::Kind::zero: return t.sign ? 0x80000000u : 0;
    case Term::Kind::finite: break;
  }
  return 0;  // not reached: finite terms are rounded by step()
}

// |x| as WideSum::magnitude gives it: sig < 2^63 holds the top 62 bits and a sticky bit, the
// value sig * 2^exp; bit i of x weighs 2^(i + lo). x != 0.
void magnitude128(unsigned __int128 x, std::int32_t lo, std::int32_t& exp, std::uint64_t& sig) {
  const auto high64 = static_cast<std::uint64_t>(x >> 64);
  const int high = high64 ? 127 - std::countl_zero(high64) : 63 - std::countl_zero(static_cast<std::uint64_t>(x));
  const int low = high - 61;
  std::uint64_t bits = 0;
  bool sticky = false;
  if (low <= 0) {
    bits = static_cast<std::uint64_t>(x << -low);
  } else {
    bits = static_cast<std::uint64_t>(x >> low);
    sticky = (x & ((static_cast<unsigned __int128>(1) << low) - 1)) != 0;
  }
  sig = ((bits & ((std::uint64_t{1} << 62) - 1)) << 1) | sticky;
  exp = lo + low - 1;
}

// One step: the terms summed as the model says and rounded to binary32.
std::uint32_t step(const DotModel& m, std::span<const Term> terms) {
  bool pos_inf = false, neg_inf = false, all_negative = true;
  std::int32_t top = INT32_MIN;
  for (const Term& t : terms) {
    if (t.kind == Term::Kind::nan) return kDotNaN;
    if (t.kind == Term::Kind::infinity) (t.sign ? neg_inf : pos_inf) = true;
    if (t.kind == Term::Kind::finite) top = std::max(top, m.align_to_exponents ? t.nominal : leading(t));
    all_negative = all_negative && t.sign;
  }
  if (pos_inf && neg_inf) return kDotNaN;
  if (pos_inf || neg_inf) return to_bits({Term::Kind::infinity, neg_inf, 0, 0});
  // The finite terms, aligned once: they keep the bits above 2^(top - align_bits).
  thread_local std::vector<Term> kept;
  kept.clear();
  std::int32_t lo = INT32_MAX;
  for (const Term& t : terms) {
    if (t.kind != Term::Kind::finite) continue;
    const Term a = m.align == DotAlign::exact ? t : aligned(t, top - m.align_bits, m.align);
    if (a.kind != Term::Kind::finite) continue;  // aligned to nothing
    kept.push_back(a);
    lo = std::min(lo, a.exp);
  }
  // The exact sum: in 128 bits when the terms span at most 100 (the usual case; at most 64 terms
  // then stay below 2^107), else in the 640-bit WideSum. Both give the same magnitude and sign.
  bool zero = kept.empty(), negative = false;
  std::int32_t exp = 0;
  std::uint64_t sig = 0;
  if (!zero && top - lo <= 100 && kept.size() <= 64) {
    __int128 sum = 0;
    for (const Term& a : kept) {
      const auto v = static_cast<__int128>(static_cast<unsigned __int128>(a.sig) << (a.exp - lo));
      sum += a.sign ? -v : v;
    }
    zero = sum == 0;
    negative = sum < 0;
    if (!zero) magnitude128(static_cast<unsigned __int128>(negative ? -sum : sum), lo, exp, sig);
  } else if (!zero) {
    WideSum wide;
    for (const Term& a : kept) wide.add(a.sign, a.exp, a.sig);
    zero = wide.zero();
    negative = wide.negative();
    if (!zero) wide.magnitude(exp, sig);
  }
  // 6.3: an exact zero sum is +0 (-0 in roundTowardNegative), or -0 when every term is -0.
  if (zero) return all_negative || m.round == Rounding::rdn ? 0x80000000u : 0;
  std::uint32_t bits = 0;
  if (m.round_odd) {
    const Result r = round_pack(kBinary32, negative, exp, sig, Rounding::rtz, Tininess::after);
    bits = r.bits;
    if (r.flags & kOverflow) bits = (bits & 0x80000000u) | 0x7F800000u;
    else if (r.flags & kInexact) bits |= 1;
  } else {
    const Format& acc = m.acc_binary16 ? kBinary16 : kBinary32;
    const Result r = round_pack(acc, negative, exp, sig, m.round, Tininess::after);
    bits = m.acc_binary16 ? f16_to_f32(static_cast<std::uint16_t>(r.bits)).bits : r.bits;
    if (m.overflow_infinity && (r.flags & kOverflow)) bits = (bits & 0x80000000u) | 0x7F800000u;
  }
  if (m.ftz && (bits & 0x7F800000u) == 0) bits &= 0x80000000u;
  return bits;
}

// x + y, binary32 values, by one addition in m's rounding (nothing lost in alignment), flushed
// where ftz says: inside the unit m.ftz, outside it (a library's post-op) no flush.
std::uint32_t add32(const DotModel& m, std::uint32_t x, std::uint32_t y, bool ftz) {
  DotModel add;
  add.round = m.round;
  add.round_odd = m.round_odd;
  add.ftz = ftz;
  const Term two[] = {from_binary32(x), from_binary32(y)};
  return step(add, two);
}

// x + y by code outside the unit (a library's post-op, its sum of K chunks): an IEEE addition in
// the default rounding, to nearest even, with no flush, whatever the unit's own steps do.
std::uint32_t ieee_add(std::uint32_t x, std::uint32_t y) { return add32(DotModel{}, x, y, false); }

std::uint32_t chained(const DotModel& m, const Format& in, std::span<const std::uint32_t> a,
                      std::span<const std::uint32_t> b, std::uint32_t acc, std::uint32_t c) {
  DotModel chain = m;
  chain.chains = 1;
  chain.chain_span = 0;
  chain.c_last = false;
  const std::size_t k = a.size(), n = m.chains;
  const std::size_t span = m.chain_span > 0 ? static_cast<std::size_t>(m.chain_span) : k;
  std::vector<std::uint32_t> ca, cb;
  for (std::size_t s = 0; s < k; s += span) {
    const std::size_t end = std::min(k, s + span);
    std::uint32_t sum = 0;
    for (std::size_t j = 0; j < n; ++j) {
      ca.clear();
      cb.clear();
      for (std::size_t i = s + j; i < end; i += n) {
        ca.push_back(a[i]);
        cb.push_back(b[i]);
      }
      const std::uint32_t r = dot(chain, in, ca, cb, 0);
      sum = j == 0 ? r : add32(m, sum, r, m.ftz);
    }
    acc = add32(m, acc, sum, m.ftz);
  }
  return m.c_last ? ieee_add(acc, c) : acc;
}

}  // namespace

ExactDot exact_dot(const Format& in, std::span<const std::uint32_t> a, std::span<const std::uint32_t> b,
                   std::uint32_t c) {
  WideSum sum;
  const Term ct = from_binary32(c);
  if (ct.kind == Term::Kind::finite) sum.add(ct.sign, ct.exp, ct.sig);
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    const Term p = product(term_of(in, a[i], false), term_of(in, b[i], false));
    if (p.kind == Term::Kind::finite) sum.add(p.sign, p.exp, p.sig);
  }
  ExactDot r;
  r.zero = sum.zero();
  if (!r.zero) {
    r.negative = sum.negative();
    sum.magnitude(r.exp, r.sig);
  }
  return r;
}

std::string describe(const DotModel& m) {
  std::string s = "block=" + std::to_string(m.block) + " align=";
  s += m.align == DotAlign::exact ? "exact"
       : (m.align == DotAlign::truncate ? "truncate:" : "rne:") + std::to_string(m.align_bits);
  s += m.c_joins ? " c=joins" : " c=after";
  s += " round=" + (m.round_odd ? std::string("odd") : std::string(name(m.round)));
  s += m.daz ? " daz=yes" : " daz=no";
  s += m.ftz ? " ftz=yes" : " ftz=no";
  s += m.swap_pairs ? " order=odd-first" : " order=natural";
  if (m.c_last) s += ", c last";
  if (m.chunk) s += ", K in chunks of " + std::to_string(m.chunk);
  if (m.round_products) s += ", products rounded";
  if (m.align_to_exponents) s += ", aligned to exponent sums";
  if (m.overflow_infinity) s += ", overflow to infinity";
  if (m.acc_binary16) s += ", binary16 accumulator";
  if (m.chains > 1)
    s += ", " + std::to_string(m.chains) + " chains" +
         (m.chain_span ? " in spans of " + std::to_string(m.chain_span) : std::string());
  return s;
}

std::uint32_t dot(const DotModel& m, const Format& in, std::span<const std::uint32_t> a,
                  std::span<const std::uint32_t> b, std::uint32_t c) {
  const std::size_t k = std::min(a.size(), b.size());
  if (m.chunk > 0 && k > static_cast<std::size_t>(m.chunk)) {
    DotModel part = m;
    part.chunk = 0;
    part.c_last = false;
    const auto n = static_cast<std::size_t>(m.chunk);
    std::uint32_t acc = 0;
    for (std::size_t s = 0; s < k; s += n) {
      const std::size_t len = std::min(n, k - s);
      const std::uint32_t first = s == 0 && !m.c_last ? c : 0;
      const std::uint32_t sum = dot(part, in, a.subspan(s, len), b.subspan(s, len), first);
      acc = s == 0 ? sum : ieee_add(acc, sum);
    }
    return m.c_last ? ieee_add(acc, c) : acc;
  }
  std::uint32_t acc = m.c_last ? 0
                     : term_of(kBinary32, c, m.daz).kind == Term::Kind::zero ? c & 0x80000000u : c;
  if (m.chains > 1) return chained(m, in, a.first(k), b.first(k), acc, c);
  if (m.acc_binary16) acc = f16_to_f32(static_cast<std::uint16_t>(f32_to_f16(acc, Rounding::rne).bits)).bits;
  std::vector<Term> terms;
  for (std::size_t s = 0; s < k; s += static_cast<std::size_t>(m.block)) {
    terms.clear();
    if (m.c_joins) terms.push_back(from_binary32(acc));
    for (std::size_t i = s; i < std::min(k, s + static_cast<std::size_t>(m.block)); ++i) {
      const std::size_t j = m.swap_pairs ? (i % 2 == 0 ? (i + 1 < k ? i + 1 : i) : i - 1) : i;
      Term p = product(term_of(in, a[j], m.daz), term_of(in, b[j], m.daz));
      if (m.round_products && p.kind == Term::Kind::finite) {
        DotModel one = m;  // the step's rounding of a single exact term
        one.align = DotAlign::exact;
        const Term single[] = {p};
        p = from_binary32(step(one, single));
      }
      terms.push_back(p);
    }
    if (m.c_joins) {
      acc = step(m, terms);
    } else {
      acc = add32(m, acc, step(m, terms), m.ftz);  // c + the rounded block sum
    }
  }
  return m.c_last ? ieee_add(acc, c) : acc;
}

}  // namespace fpconform::oracle

namespace fpconform::oracle {

std::uint8_t dot_operand_class(const Format& in) {
  return in.container_bits == 8 ? kDotFp8 : in.container_bits == 32 ? kDotTf32 : kDot16;
}

bool NamedDotModel::takes(const Format& in) const {
  return (operands & dot_operand_class(in)) && (!model.acc_binary16 || &in == &kBinary16);
}

std::span<const NamedDotModel> named_dot_models() {
  using enum DotAlign;
  static const NamedDotModel kModels[] = {
      {"ieee-fma-chain", {1, exact, 0, true, Rounding::rne, false, false, false},
       "IEEE 754-2019 5.4.1 fusedMultiplyAdd, one per element in order", kDot16 | kDotTf32},
      {"vdpbf16ps", {1, exact, 0, true, Rounding::rne, true, true, true},
       "Intel SDM, VDPBF16PS: per lane, element 2j+1 then 2j, each an FP32 FMA with DAZ, FTZ, RNE"},
      {"tdpbf16ps", {1, exact, 0, true, Rounding::rne, true, true, false},
       "Intel Intrinsics Guide, __tile_dpbf16ps: element 2k then 2k+1, each += in FP32 (DAZ, FTZ, RNE)"},
      {"tdpbf16ps-pair", {2, exact, 0, false, Rounding::rne, true, true, false},
       "Intel SDM's description of TDPBF16PS as issue 21 reads it: a pair's products summed, then C added"},
      {"bfdotadd", {2, exact, 0, false, Rounding::rne, true, true, false, false, 0, true, true},
       "Arm ARM BFDotAdd without FEAT_EBF16 (BFDOT, BFMMLA): each product, their sum, then the "
       "addition to the accumulator rounded to odd; inputs and results flushed"},
      {"tdpbf16ps-even-odd", {1, exact, 0, true, Rounding::rne, true, true, false, false, 0, false, false, 2, 32},
       "measured (fpconform dot, Intel Xeon with AMX, 2026-12): per 32-element instruction, even and odd "
       "elements in two FMA chains from +0 (DAZ, FTZ, RNE), their sum, then C added; not the Intrinsics "
       "Guide's single chain"},
      {"fp16-fma-chain",
       {1, exact, 0, true, Rounding::rne, false, false, false, false, 0, false, false, 1, 0, true},
       "IEEE 754-2019 fusedMultiplyAdd in binary16, one per element in order (vfmadd231ph; c rounded "
       "to binary16 first)"},
      {"tensor-core-v100", {4, truncate, 23, true, Rounding::rtz, false, false, false},
       "Fasi, Higham, Mikaitis, Pranesh 2021: 4 products and c aligned to the largest, truncated, RZ"},
      {"tensor-core-a100", {8, truncate, 23, true, Rounding::rtz, false, false, false},
       "Khattak, Mikaitis: A100 blocks of 8 (alignment bits assumed 23: not yet checked on hardware)"},
      {"tensor-core-h100", {16, truncate, 23, true, Rounding::rtz, false, false, false},
       "Khattak, Mikaitis: H100 blocks of 16 (alignment bits assumed 23; sm_90 as measured is "
       "tensor-core-sm90)"},
      {"tensor-core-sm90",
       {.block = 16, .align = truncate, .align_bits = 25, .round = Rounding::rtz, .align_to_exponents = true,
        .overflow_infinity = true},
       "measured (fpconform dot --record, NVIDIA H200, sm_90, through cuBLAS 13.1, 2026-12-04): steps "
       "of 16 products and the accumulator, aligned to the largest exponent sum keeping 25 bits, "
       "truncated, each step truncated to binary32 but overflowing to infinity"},
      {"cublas-sm90",
       {.block = 16, .align = truncate, .align_bits = 25, .round = Rounding::rtz, .c_last = true,
        .align_to_exponents = true, .overflow_infinity = true},
       "measured as tensor-core-sm90: cublasGemmEx (16-bit A, B; f32 C; CUBLAS_COMPUTE_32F) runs its "
       "steps from +0 over all of K (16 to 4096 seen, no split), then adds beta * C to nearest"},
      {"cublas-sm90-k8",
       {.block = 8, .align = truncate, .align_bits = 25, .round = Rounding::rtz, .c_last = true,
        .align_to_exponents = true, .overflow_infinity = true},
       "measured as cublas-sm90, the kernel cuBLAS picked for K = 17 (and, bfloat16, for a 539 x 539 "
       "GEMM): the same steps, of 8 products"},
      {"hopper-fp8-published",
       {.block = 32, .align = truncate, .align_bits = 13, .round = Rounding::rtz, .c_last = true},
       "published, not measured: Khattak and Mikaitis give Hopper's FP8 steps as 32 products, "
       "truncated; DeepSeek-V3's report says its FP8 accumulation keeps about 14 bits (13 below the "
       "leading one); C added at the end as cuBLAS does for 16-bit inputs. A GPU run settles it",
       kDotFp8},
      {"cublas-sm90-tf32-published",
       {.block = 8, .align = truncate, .align_bits = 25, .round = Rounding::rtz, .c_last = true,
        .align_to_exponents = true, .overflow_infinity = true},
       "published step, the rest measured for 16-bit inputs; not measured for tf32: Khattak and "
       "Mikaitis's H100 model (north-numerical-computing/MATLAB-tensor-core, H100TC.m) takes tf32 "
       "in steps of 8 products where 16-bit inputs take 16, every other parameter the same; those "
       "are cublas-sm90's as measured on an H200 (25 bits kept, truncated, aligned to exponent "
       "sums, C added at the end). A GPU run settles it",
       kDotTf32},
  };
  return kModels;
}

const DotModel* find_dot_model(std::string_view name) {
  for (const NamedDotModel& m : named_dot_models())
    if (m.name == name) return &m.model;
  return nullptr;
}

}  // namespace fpconform::oracle
