#include "checks/dot/error.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "checks/dot/probe.hpp"
#include "checks/dot/repro.hpp"
#include "checks/shuffle.hpp"
#include "oracles/dot/dot_model.hpp"
#include "oracles/softfloat/round_pack.hpp"

namespace fpconform {

std::vector<DotError> dot_error_vs_k(const DotBackend& b, const Format& in, std::span<const int> ks,
                                     std::size_t cases, bool mixed_signs, std::uint64_t seed) {
  std::vector<DotError> out;
  for (const int k : ks) {
    SplitMix64 g(seed ^ static_cast<std::uint64_t>(k));
    const auto element = [&] {  // (1.f) * 2^e, e in [-8, -1]
      const std::uint64_t m = (std::uint64_t{1} << in.frac_bits) | (g.next() & in.frac_mask());
      const int e = -1 - static_cast<int>(g.next() % 8);
      const bool neg = mixed_signs && (g.next() & 1);
      return oracle::round_pack(in, neg, e - in.frac_bits, m, Rounding::rne, Tininess::after).bits;
    };
    std::vector<DotCase> batch(cases);
    for (DotCase& d : batch) {
      for (int i = 0; i < k; ++i) d.a.push_back(element()), d.b.push_back(element());
      d.c = 0;
    }
    const std::vector<std::uint32_t> got = run_cases(b, in, batch);
    std::vector<double> errors;
    for (std::size_t j = 0; j < cases; ++j) {
      const oracle::ExactDot x = oracle::exact_dot(in, batch[j].a, batch[j].b, 0);
      if (x.zero) continue;
      const double exact = std::ldexp(static_cast<double>(x.sig), x.exp) * (x.negative ? -1 : 1);
      const double d = std::bit_cast<float>(got[j]);
      errors.push_back(std::abs(d - exact) / std::abs(exact) / 0x1p-24);
    }
    DotError e{k, errors.size(), 0, 0};
    if (!errors.empty()) {
      std::sort(errors.begin(), errors.end());
      e.median = errors[errors.size() / 2];
      e.max = errors.back();
    }
    out.push_back(e);
  }
  return out;
}

DotErrorResult measure_dot_error(const DotBackend& b, const Format& in, std::span<const int> ks,
                                 std::size_t cases, bool mixed_signs, std::uint64_t seed) {
  DotErrorResult r;
  r.backend = b.name();
  r.format = in.name;
  r.signs = mixed_signs ? "mixed" : "positive";
  r.seed = seed;
  r.repro = dot_error_repro(b, in, ks, cases, mixed_signs, seed);
  if (const Availability av = b.available(); !av.ok) {
    r.skipped = av.reason;
    return r;
  }
  r.points = dot_error_vs_k(b, in, ks, cases, mixed_signs, seed);
  return r;
}

}  // namespace fpconform
