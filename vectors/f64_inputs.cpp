#include "vectors/f64_inputs.hpp"

#include <algorithm>

#include "vectors/splitmix.hpp"

namespace fpconform {
namespace {

constexpr std::uint64_t kFrac = (std::uint64_t{1} << 52) - 1;

Word compose(bool sign, int e, std::uint64_t frac) {  // e: unbiased, a binary64 normal
  return (Word{sign} << 63) | (static_cast<Word>(e + 1023) << 52) | (frac & kFrac);
}

// Low fraction bits a format with `frac_bits` and smallest normal exponent `emin` drops from a
// binary64 normal of exponent e (53 or more: all of them).
int dropped(int frac_bits, int emin, int e) { return 52 - frac_bits + std::max(0, emin - e); }

// The exponents worth trying for dst: from three binades below its smallest subnormal to two
// above its largest finite value, inside binary64's normal range.
std::pair<int, int> window(const Format& dst) {
  const int emax = static_cast<int>(dst.max_finite_exp()) - dst.bias;
  return {std::max(-1022, dst.emin() - dst.frac_bits - 3), std::min(1023, emax + 2)};
}

}  // namespace

std::vector<Word> f64_edge_inputs(Op op) {
  const Format& dst = *info(op).dst;
  const auto [lo, hi] = window(dst);
  std::vector<Word> v;
  for (const bool sign : {false, true}) {
    for (int e = lo; e <= hi; ++e) {
      const int k = dropped(dst.frac_bits, dst.emin(), e);
      std::vector<std::uint64_t> fr{0, 1, kFrac, kFrac - 1, std::uint64_t{1} << 51};
      if (k >= 1 && k <= 52) {
        const std::uint64_t half = std::uint64_t{1} << (k - 1);
        const std::uint64_t low = (std::uint64_t{1} << k) - 1;
        const std::uint64_t lsb = k < 52 ? std::uint64_t{1} << k : 0;
        const std::uint64_t above = kFrac & ~low;
        // binary32's half ulp at e, where binary32 keeps more bits than dst: moving the midpoint
        // by less than it makes binary32 round onto the midpoint; by exactly it, a binary32 tie
        // (the midpoint is even in binary32) that rounds onto it too.
        const int k32 = dropped(23, -126, e);
        std::vector<std::uint64_t> d{0, 1, half, half - 1, half + 1, low};
        if (k32 >= 1 && k32 < k) {
          const std::uint64_t t = std::uint64_t{1} << (k32 - 1);
          for (const std::uint64_t u : {t, t / 2, t - 1, t + 1}) {
            d.push_back(half + u);
            d.push_back(half - u);
          }
        }
        for (const std::uint64_t base : {std::uint64_t{0}, lsb, above & ~lsb, above})
          for (const std::uint64_t x : d) fr.push_back((base | x) & kFrac);
      }
      for (const std::uint64_t f : fr) v.push_back(compose(sign, e, f));
    }
    const Word s = Word{sign} << 63;
    // binary64's own extremes: subnormals, the smallest and largest normals.
    for (const std::uint64_t f : {std::uint64_t{1}, std::uint64_t{2}, kFrac, std::uint64_t{1} << 51})
      v.push_back(s | f);
    for (const int e : {-1022, -1000, -200, 200, 1000, 1023})
      for (const std::uint64_t f : {std::uint64_t{0}, std::uint64_t{1}, kFrac}) v.push_back(compose(sign, e, f));
    // Infinity and NaN payloads: quiet, signaling, the lowest bit dst keeps, only bits it drops.
    const std::uint64_t kept_low = std::uint64_t{1} << (52 - dst.frac_bits);
    for (const std::uint64_t f :
         {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{1} << 51, (std::uint64_t{1} << 51) | 1, kFrac,
          kFrac >> 1, kept_low, kept_low - 1, (std::uint64_t{1} << 51) | kept_low, std::uint64_t{0x0005555555555555},
          std::uint64_t{0x000AAAAAAAAAAAAA}, std::uint64_t{0x20000000}, std::uint64_t{0x000FFFFFE0000000}})
      v.push_back(s | (Word{0x7FF} << 52) | f);
  }
  v.push_back(0);
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

Word f64_random_input(Op op, std::uint64_t seed, std::uint64_t i) {
  const Format& dst = *info(op).dst;
  const std::uint64_t h = splitmix64(seed * 0x100000001B3ull + i);
  const std::uint64_t g = splitmix64(h);
  if ((h & 3) == 0) return g;  // any pattern: mostly far outside dst's range, a NaN now and then
  const bool sign = (h >> 63) & 1;
  auto [lo, hi] = window(dst);
  if ((h & 3) != 1) {  // midpoints: from the smallest subnormal's binade to the largest finite's
    lo = std::max(lo, dst.emin() - dst.frac_bits);
    hi = std::min(hi, static_cast<int>(dst.max_finite_exp()) - dst.bias);
  }
  const int e = lo + static_cast<int>((h >> 8) % static_cast<std::uint64_t>(hi - lo + 1));
  const int k = dropped(dst.frac_bits, dst.emin(), e);
  if ((h & 3) == 1 || k < 2 || k > 52) return compose(sign, e, g);
  // A midpoint of dst, moved by t with |t| at most binary32's half ulp (or a few binary64 ulps
  // where binary32 keeps no more than dst).
  const std::uint64_t half = std::uint64_t{1} << (k - 1);
  const std::uint64_t low = (std::uint64_t{1} << k) - 1;
  const int k32 = dropped(23, -126, e);
  const std::uint64_t reach = k32 >= 1 && k32 < k ? std::uint64_t{1} << (k32 - 1) : 4;
  const std::uint64_t r = splitmix64(g);
  const std::uint64_t t = r % (reach + 1);
  const std::uint64_t frac = (g & kFrac & ~low) | ((r >> 63) ? half + t : half - t);
  return compose(sign, e, frac);
}

}  // namespace fpconform
