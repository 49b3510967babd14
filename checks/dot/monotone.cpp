#include "checks/dot/monotone.hpp"

#include <bit>
#include <cmath>
#include <string>

#include "checks/dot/crafted.hpp"
#include "checks/shuffle.hpp"
#include "oracles/softfloat/unpack.hpp"

namespace fpconform {
namespace {

// x moved one step toward +infinity (up) or -infinity, or nothing where that is not a finite
// number of f.
std::optional<std::uint32_t> step(const Format& f, std::uint32_t x, bool up) {
  const std::uint32_t sign = oracle::pack(f, true, 0, 0);
  const std::uint32_t unit = oracle::pack(f, false, 0, 1);  // one step of the container
  const bool neg = x & sign;
  const std::uint32_t mag = x & ~sign;
  std::uint32_t y;
  if (mag == 0) y = up ? unit : sign | unit;  // from either zero to the smallest subnormal
  else y = neg == up ? x - unit : x + unit;
  const oracle::Unpacked u = oracle::unpack(f, y);
  if (u.kind != oracle::Unpacked::Kind::finite && u.kind != oracle::Unpacked::Kind::zero) return std::nullopt;
  return y;
}

// The aimed pair for block b and a bits, or nothing where f cannot hold it. n = min(a, 24) bits
// below 1 make 2 - 2^-n (binary32 cannot hold more below 2; rounded toward zero, 2 - 2^-24 is
// 2 - 2^-23): all-ones significands of p bits, the last (2^p - 1) * 2^-n, whose raise adds 2^-n.
// The next block: products of m * 2^-a (m odd: the 2^-a bit that only the lower binade keeps),
// the first m0 * 2^-a (m0 odd: the sum's low bits decide, after a step's rounding to binary32,
// whether what the raise lost shows).
void aimed(const Format& f, int k, int b, int a, std::uint64_t m, std::uint64_t m0, std::vector<DotCase>& out) {
  const int p = f.frac_bits + 1, n = std::min(a, 24);
  std::vector<CraftedProduct> ps;
  // 2 - 2^(p - n): bits 2^0 down to 2^(p - n), in runs of p from the top.
  for (int hi = 0; hi >= p - n; hi -= p) {
    const int r = std::min(p, hi - (p - n) + 1);
    ps.push_back({false, (std::uint64_t{1} << r) - 1, hi - r + 1});
  }
  if (static_cast<int>(ps.size()) >= b || 2 * b > k) return;  // the raised one must join them
  const std::size_t raised = ps.size();
  ps.push_back({false, (std::uint64_t{1} << p) - 1, -n});
  ps.resize(static_cast<std::size_t>(b), {false, 0, 0});
  for (int i = 0; i < b; ++i) ps.push_back({false, i == 0 ? m0 : m, -a});
  const std::string what = "aimed: block " + std::to_string(b) + ", " + std::to_string(a) + " bits, then " +
                           std::to_string(m0) + ", " + std::to_string(m) + ", ... times 2^-" + std::to_string(a);
  DotCase base = crafted_case(f, ps, 0, what, k);
  if (base.a.empty()) return;
  DotCase up = base;
  const std::optional<std::uint32_t> x = step(f, base.a[raised], true);
  if (!x) return;
  up.a[raised] = *x;
  out.push_back(std::move(base));
  out.push_back(std::move(up));
}

// c = 2 - 2^-23 raised to 2, then k products of 2^-a.
void aimed_c(const Format& f, int k, int a, std::vector<DotCase>& out) {
  const int s = probe_scale(f);
  DotCase base = crafted_case(f, std::vector<CraftedProduct>(static_cast<std::size_t>(k), {false, 1, -a}),
                              enc(kBinary32, false, (1u << 24) - 1, -23 + s), "aimed: c, " + std::to_string(a) + " bits", k);
  if (base.a.empty()) return;
  DotCase up = base;
  up.c = enc(kBinary32, false, 1, 1 + s);
  out.push_back(std::move(base));
  out.push_back(std::move(up));
}

}  // namespace

std::vector<DotCase> monotone_pairs(const Format& in, int k, std::size_t random, std::uint64_t seed) {
  std::vector<DotCase> v;
  std::vector<int> bits;
  for (int a = 10; a <= 16; ++a) bits.push_back(a);
  for (int a = 23; a <= 28; ++a) bits.push_back(a);
  for (const int a : bits) {
    for (int b = 2; b <= 32; b *= 2)
      for (const std::uint64_t m : {1, 3})
        for (const std::uint64_t m0 : {1, 3, 5, 7}) aimed(in, k, b, a, m, m0, v);
    aimed_c(in, k, a, v);
  }
  // Bases other than the check's own cases ("MONO"), and the raised element drawn from a stream
  // of its own (the same seed would replay the bases' first draws).
  const std::vector<DotCase> bases = dot_cases(in, k, random, seed ^ 0x4D4F4E4FULL);
  SplitMix64 g(seed ^ 0x52414953ULL);  // "RAIS"
  for (const DotCase& base : bases) {
    // One element whose product can rise: b finite and nonzero, a one step up or down.
    for (int tries = 0; tries < 8; ++tries) {
      const std::size_t i = g.next() % base.a.size();
      const oracle::Unpacked ub = oracle::unpack(in, base.b[i]);
      if (ub.kind != oracle::Unpacked::Kind::finite) continue;
      const oracle::Unpacked ua = oracle::unpack(in, base.a[i]);
      if (ua.kind != oracle::Unpacked::Kind::finite && ua.kind != oracle::Unpacked::Kind::zero) continue;
      const std::optional<std::uint32_t> x = step(in, base.a[i], !ub.sign);
      if (!x) continue;
      DotCase low = base;
      low.what = "random: element " + std::to_string(i) + " raised";
      DotCase up = low;
      up.a[i] = *x;
      v.push_back(std::move(low));
      v.push_back(std::move(up));
      break;
    }
  }
  return v;
}

MonotoneCount count_decreases(const std::vector<std::uint32_t>& d) {
  MonotoneCount m;
  for (std::size_t i = 0; i + 1 < d.size(); i += 2) {
    const float lo = std::bit_cast<float>(d[i]), hi = std::bit_cast<float>(d[i + 1]);
    if (std::isnan(lo) || std::isnan(hi)) continue;
    ++m.pairs;
    if (hi < lo && m.decreases++ == 0) m.first = i / 2;
  }
  return m;
}

}  // namespace fpconform
