#include "checks/block_tally.hpp"

#include <cstring>

namespace fpconform {
namespace {

constexpr std::size_t kChunk = 64;
// A mismatch's code is kind << 4 | class; kMatch marks an element that matches.
constexpr unsigned kCodes = 256;
constexpr unsigned kMatch = 255;
static_assert(kDeviationKindCount < 15 && kCaseClassCount <= 16);

// The destination's fields as masks on its value (the container shifted down).
struct Dst {
  std::uint32_t shift, width_mask, sign_bit, abs_mask;
  std::uint32_t nan_above;   // |v| above this is NaN (IEEE: infinity's bits; fn: S.1111.110)
  std::uint32_t nan_word;    // v equal to this is NaN (fnuz: the -0 pattern; else none matches)
  std::uint32_t quiet_bit;   // fn's only NaN has it set: never signaling
  std::uint32_t min_normal;  // |v| in [1, min_normal) is subnormal
  bool ieee;

  explicit Dst(const Format& f)
      : shift(f.shift),
        width_mask(static_cast<std::uint32_t>((std::uint64_t{1} << f.width()) - 1)),
        sign_bit(1u << (f.width() - 1)),
        abs_mask(sign_bit - 1),
        nan_above(f.specials == Specials::ieee ? f.exp_mask() << f.frac_bits
                  : f.specials == Specials::fn ? abs_mask - 1
                                               : abs_mask),  // fnuz, none: no magnitude is NaN
        nan_word(f.specials == Specials::fnuz ? sign_bit : 0xFFFFFFFFu),
        quiet_bit(f.quiet_bit()),
        min_normal(1u << f.frac_bits),
        ieee(f.specials == Specials::ieee) {}
};

constexpr unsigned code(DeviationKind k, CaseClass c) {
  return static_cast<unsigned>(k) * kCaseClassCount + static_cast<unsigned>(c);
}

// cond ? a : b without a branch (the vectorizer gives up on the ternaries below).
constexpr std::uint32_t pick(bool cond, std::uint32_t a, std::uint32_t b) {
  return b ^ ((a ^ b) & (0u - static_cast<std::uint32_t>(cond)));
}
template <class E>
constexpr std::uint32_t u(E e) { return static_cast<std::uint32_t>(e); }

// Each pick overrides the ones before it: they run from the lowest precedence to the highest,
// the reverse of the order in which classify_deviation() and classify_case() test.
inline std::uint32_t element_code(const Dst& d, std::uint32_t x, std::uint32_t got,
                                  std::uint32_t expected, std::uint32_t toward,
                                  std::uint32_t away, bool tie, bool overflow) {
  using K = DeviationKind;
  using C = CaseClass;
  const std::uint32_t ax = x & 0x7FFFFFFFu;
  const bool in_nan = ax > 0x7F800000u, in_inf = ax == 0x7F800000u, in_zero = ax == 0;
  const bool in_sub = ax - 1 < 0x007FFFFFu, in_signaling = in_nan & ((x & 0x00400000u) == 0);
  const bool in_finite = !(in_nan | in_inf | in_zero);
  const std::uint32_t g = (got >> d.shift) & d.width_mask, e = (expected >> d.shift) & d.width_mask;
  const std::uint32_t ga = g & d.abs_mask, ea = e & d.abs_mask;
  const bool g_nan = (ga > d.nan_above) | (g == d.nan_word), g_zero = (ga == 0) & !g_nan;
  const bool g_signaling = g_nan & ((g & d.quiet_bit) == 0);
  const bool e_zero = ea == 0, e_sub = ea - 1 < d.min_normal - 1;

  std::uint32_t k = u(K::other);
  k = pick(in_finite & ((got == toward) | (got == away)), u(K::rounding), k);
  k = pick(g_zero & e_sub, u(K::ftz), k);
  k = pick(g_zero & in_sub, u(K::daz), k);
  k = pick(g_zero & e_zero, u(K::signed_zero), k);
  k = pick(overflow | in_inf, pick(g_nan & d.ieee, u(K::other), u(K::overflow)), k);
  std::uint32_t nan_kind = pick(((g ^ e) & d.sign_bit) != 0, u(K::nan_sign), u(K::nan_payload));
  nan_kind = pick(g_signaling, u(K::nan_quiet), nan_kind);
  nan_kind = pick(g_nan, nan_kind, u(K::nan_lost));
  k = pick(in_nan, nan_kind, k);

  std::uint32_t c = pick(tie, u(C::exact_tie), u(C::normal));
  c = pick(e_sub, u(C::underflow_subnormal), c);
  c = pick(e_zero, u(C::underflow_zero), c);
  c = pick(overflow, u(C::overflow), c);
  c = pick(in_sub, u(C::subnormal_input), c);
  c = pick(in_zero, u(C::zero), c);
  c = pick(in_inf, u(C::infinity), c);
  c = pick(in_nan, pick(in_signaling, u(C::signaling_nan), u(C::quiet_nan)), c);
  return pick(got == expected, kMatch, k << 4 | c);
}

// Whether finite magnitude ax reaches the overflow threshold (bitwise &: keeps loops vectorizable).
inline bool overflows(std::uint32_t ax, std::uint32_t overflow_from) {
  return (ax < 0x7F800000u) & (ax >= overflow_from);
}

// The codes of elements [k0, k0 + m) of a block whose inputs all have one sign.
template <class T>
void chunk_codes(const Dst& d, const BlockArrays& b, std::size_t k0, std::size_t m,
                 const T* away, std::uint32_t overflow_from, unsigned char* codes) {
  const auto* got = static_cast<const T*>(b.got) + k0;
  const auto* expected = static_cast<const T*>(b.expected) + k0;
  const auto* toward = static_cast<const T*>(b.toward) + k0;
  const auto* nearest_away = static_cast<const T*>(b.nearest_away) + k0;
  away += k0;
  const std::uint32_t x0 = b.first + static_cast<std::uint32_t>(k0);
  for (std::size_t i = 0; i < m; ++i) {
    const std::uint32_t x = x0 + static_cast<std::uint32_t>(i);
    const std::uint32_t ax = x & 0x7FFFFFFFu;
    const bool overflow = overflows(ax, overflow_from);
    const bool tie = (ax != 0) & (nearest_away[i] != nearest_away[i + 1]);
    codes[i] = static_cast<unsigned char>(
        element_code(d, x, got[i], expected[i], toward[i], away[i], tie, overflow));
  }
}

// Elements [begin, end) of a block, whose inputs share sign and exponent; returns how many
// mismatch.
template <class T>
std::uint64_t tally_range(const Dst& d, const BlockArrays& b, std::size_t begin, std::size_t end,
                          Tally& t, std::size_t cap, std::optional<BlockMismatch>& first) {
  const auto* got = static_cast<const T*>(b.got);
  const auto* expected = static_cast<const T*>(b.expected);
  const bool negative = (b.first + static_cast<std::uint32_t>(begin)) >> 31;
  const auto* away = static_cast<const T*>(negative ? b.down : b.up);
  // At most 0x7F800000 (none overflows): 32 bits keep the loop over a chunk vectorizable.
  const auto overflow_from = static_cast<std::uint32_t>(b.overflow_from[negative]);

  // Four histograms, so that runs of one code do not wait on one counter.
  std::array<std::array<std::uint32_t, kCodes>, 4> counts{};
  std::array<bool, kCodes> wanted{};  // codes of kinds that would keep an example from x on
  auto want = [&](std::uint32_t x) {
    std::array<bool, kDeviationKindCount> kinds;
    for (int k = 0; k < kDeviationKindCount; ++k)
      kinds[k] = t.wants(static_cast<DeviationKind>(k), x, cap);
    for (unsigned c = 0; c < kMatch; ++c) wanted[c] = (c >> 4) < kDeviationKindCount && kinds[c >> 4];
  };
  want(b.first + static_cast<std::uint32_t>(begin));
  unsigned char codes[kChunk];
  for (std::size_t k0 = begin; k0 < end; k0 += kChunk) {
    const std::size_t m = std::min(kChunk, end - k0);
    if (std::memcmp(got + k0, expected + k0, m * sizeof(T)) == 0) continue;
    chunk_codes<T>(d, b, k0, m, away, overflow_from, codes);
    bool any_wanted = false;
    for (std::size_t i = 0; i < m; ++i) {
      ++counts[i & 3][codes[i]];
      any_wanted |= wanted[codes[i]];
    }
    if (!any_wanted && first) continue;
    bool kept = false;
    for (std::size_t i = 0; i < m; ++i) {
      if (codes[i] == kMatch) continue;
      const std::uint32_t x = b.first + static_cast<std::uint32_t>(k0 + i);
      const auto kind = static_cast<DeviationKind>(codes[i] >> 4);
      const auto cls = static_cast<CaseClass>(codes[i] & 15);
      if (!first) first = BlockMismatch{x, kind, cls};
      if (!wanted[codes[i]]) continue;
      const Flags flags = overflows(x & 0x7FFFFFFFu, overflow_from) ? kOverflow | kInexact : 0;
      kept |= t.keep(x, Example{x, got[k0 + i], expected[k0 + i], 0, flags, false, cls, kind}, cap);
    }
    if (kept && k0 + m < end) want(b.first + static_cast<std::uint32_t>(k0 + m));
  }
  std::uint64_t mismatches = 0;
  for (unsigned c = 0; c < kMatch; ++c) {
    const std::uint64_t n = std::uint64_t{counts[0][c]} + counts[1][c] + counts[2][c] + counts[3][c];
    if (!n) continue;
    mismatches += n;
    t.by_kind[c >> 4] += n;
    t.by_class[c & 15] += n;
  }
  t.mismatches += mismatches;
  return mismatches;
}

// A block not aligned to 2^16 may span two exponents (or signs): one range per exponent.
template <class T>
std::optional<BlockMismatch> tally(const Dst& d, const BlockArrays& b, Tally& t, std::size_t cap) {
  std::optional<BlockMismatch> first;
  for (std::size_t begin = 0; begin < b.n;) {
    const std::uint64_t x = b.first + static_cast<std::uint64_t>(begin);
    const std::uint64_t next_exponent = ((x >> 23) + 1) << 23;
    const std::size_t end = static_cast<std::size_t>(std::min<std::uint64_t>(b.n, begin + (next_exponent - x)));
    t.by_exponent[(x >> 23) & 0xFF] += tally_range<T>(d, b, begin, end, t, cap, first);
    begin = end;
  }
  return first;
}

}  // namespace

std::optional<BlockMismatch> tally_block(const Format& dst, const BlockArrays& b, Tally& t,
                                         std::size_t cap) {
  const Dst d(dst);
  switch (dst.container_bits) {
    case 8: return tally<std::uint8_t>(d, b, t, cap);
    case 16: return tally<std::uint16_t>(d, b, t, cap);
    default: return tally<std::uint32_t>(d, b, t, cap);
  }
}

}  // namespace fpconform
