#include "checks/dot/crafted.hpp"

#include <bit>

#include "oracles/softfloat/round_pack.hpp"
#include "oracles/softfloat/unpack.hpp"

namespace fpconform {

std::uint32_t enc(const Format& f, bool neg, std::uint64_t m, int e) {
  if (m == 0) return oracle::pack(f, neg, 0, 0);
  return oracle::round_pack(f, neg, e, m, Rounding::rne, Tininess::after).bits;
}

bool holds(const Format& f, std::uint64_t m, int e) {
  if (m == 0) return true;
  const oracle::Result r = oracle::round_pack(f, false, e, m, Rounding::rne, Tininess::after);
  return !(r.flags & (kInexact | kOverflow)) && oracle::unpack(f, r.bits).kind == oracle::Unpacked::Kind::finite;
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> factors(const Format& f, bool neg, std::uint64_t m, int e) {
  if (m == 0) return std::pair{enc(f, neg, 0, 0), enc(f, false, 1, 0)};
  const int lm = 63 - std::countl_zero(m);
  const int lead = e + lm;
  int la = lead >= 0 ? lead / 2 : -((-lead + 1) / 2);
  int lb = lead - la;
  // FP8: both factors normal where they can be, so that a unit with DAZ still sees the product.
  const int emax = static_cast<int>(f.max_finite_exp()) - f.bias;
  if (f.container_bits == 8 && la < f.emin() && lead - f.emin() <= emax) la = f.emin(), lb = lead - la;
  if (f.container_bits == 8 && lb < f.emin() && lead - f.emin() <= emax) lb = f.emin(), la = lead - lb;
  if (!holds(f, m, la - lm) || !holds(f, 1, lb)) return std::nullopt;
  return std::pair{enc(f, neg, m, la - lm), enc(f, false, 1, lb)};
}

int probe_scale(const Format& in) {
  if (in.container_bits != 8) return 0;
  return 2 * (static_cast<int>(in.max_finite_exp()) - in.bias) - 2;
}

DotCase crafted_case(const Format& f, const std::vector<CraftedProduct>& ps, std::uint32_t c, std::string what, int k) {
  DotCase d;
  d.c = c;
  d.what = std::move(what);
  for (int i = 0; i < k; ++i) {
    const CraftedProduct p = i < static_cast<int>(ps.size()) ? ps[static_cast<std::size_t>(i)] : CraftedProduct{false, 0, 0};
    const auto ab = factors(f, p.neg, p.m, p.e + probe_scale(f));
    if (!ab) return DotCase{};
    d.a.push_back(ab->first);
    d.b.push_back(ab->second);
  }
  return d;
}

}  // namespace fpconform
