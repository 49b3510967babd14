#include "checks/dot/probe.hpp"

#include <algorithm>
#include <bit>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "checks/dot/crafted.hpp"
#include "checks/shuffle.hpp"
#include "oracles/softfloat/round_pack.hpp"
#include "oracles/softfloat/unpack.hpp"

namespace fpconform {
namespace {

using oracle::DotAlign;
using oracle::DotModel;

using P = CraftedProduct;

DotCase products(const Format& f, const std::vector<P>& ps, std::uint32_t c, std::string what) {
  return crafted_case(f, ps, c, std::move(what), kProbeK);
}

std::string pow2(int e) { return "2^" + std::to_string(e); }

}  // namespace

std::vector<DotCase> dot_probes(const Format& in) {
  std::vector<DotCase> v;
  const P one{false, 1, 0}, minus_one{true, 1, 0};
  const int s = probe_scale(in);
  // c = +-m * 2^e about the probes' 1 (moved as the products are).
  const auto C = [s](bool neg, std::uint64_t m, int e) { return enc(kBinary32, neg, m, e + s); };
  const std::uint32_t c_one = C(false, 1, 0);
  // Block size and alignment: 1 at position j among tiny terms (Fasi et al., 3.2).
  for (const P t : {P{false, 1, -24}, P{false, 3, -26}, P{false, 1, -26}})
    for (int j = 0; j < kProbeK; ++j) {
      std::vector<P> ps(kProbeK, t);
      ps[static_cast<std::size_t>(j)] = one;
      v.push_back(products(in, ps, 0, "1 at " + std::to_string(j) + ", " + std::to_string(t.m) + "*" + pow2(t.e) + " elsewhere"));
    }
  // Whether c joins the alignment: c large, every product tiny.
  for (const bool neg : {false, true})
    for (const int ce : {0, 10})
      for (const P t : {P{false, 1, -24}, P{false, 1, -25}, P{false, 3, -26}, P{false, 1, -28}, P{false, 5, -30}})
        v.push_back(products(in, std::vector<P>(kProbeK, t), C(neg, 1, ce),
                             "c = " + std::string(neg ? "-" : "") + pow2(ce) + ", products " + std::to_string(t.m) + "*" + pow2(t.e)));
  // Each step's rounding: above half an ulp of 1, an exact tie, a tie and a sticky bit.
  for (const bool neg : {false, true}) {
    v.push_back(products(in, {{neg, 3, -25}}, C(neg, 1, 0), "c = +-1, product 1.5*2^-24"));
    v.push_back(products(in, {{neg, 1, -24}}, C(neg, (1u << 23) + 1, -23), "c = +-(1 + 2^-23), a tie"));
    v.push_back(products(in, {{neg, 1, -24}, {neg, 1, -40}}, C(neg, 1, 0), "c = +-1, a tie and 2^-40"));
  }
  // The order within a pair: 1 and -1 about c = 3 * 2^-26.
  v.push_back(products(in, {one, minus_one}, C(false, 3, -26), "c = 3*2^-26, then 1, -1"));
  v.push_back(products(in, {minus_one, one}, C(false, 3, -26), "c = 3*2^-26, then -1, 1"));
  v.push_back(products(in, {one, minus_one, {false, 1, -40}, {false, 1, -40}}, 0, "1, -1, then 2^-40"));
  // Subnormal inputs (DAZ): the format's smallest subnormal times a power of two.
  {
    DotCase d = products(in, {}, 0, "a subnormal input");
    d.a[0] = oracle::pack(in, false, 0, 1);  // the smallest subnormal
    d.b[0] = enc(in, false, 1, in.frac_bits);  // 2^frac: product stays small
    v.push_back(d);
    d.c = c_one;
    d.what = "c = 1 and a subnormal input";
    v.push_back(d);
  }
  v.push_back(products(in, {}, enc(kBinary32, false, 1, -130), "c subnormal (2^-130), no products"));
  v.push_back(products(in, {}, enc(kBinary32, true, 3, -140), "c subnormal (-3*2^-140), no products"));
  // A subnormal step result (FTZ): bfloat16 products reach binary32's subnormals.
  if (in.exp_bits >= 8) {
    v.push_back(products(in, {{true, 1, -126}}, enc(kBinary32, false, 3, -127), "1.5*2^-126 - 2^-126"));
    v.push_back(products(in, {{false, 3, -150}}, 0, "product 3*2^-150"));
    v.push_back(products(in, {{false, 3, -150}}, enc(kBinary32, false, 1, -126), "2^-126 + 3*2^-150"));
  }
  // Alignment to the exponents before normalizing: 1.5 * 1.5 = 2.25 leads at 2^1 but its
  // exponents sum to 0, so the tiny terms keep one bit more than its leading bit gives them.
  for (const int e : {-23, -24, -25, -26, -27}) {
    DotCase d = products(in, std::vector<P>(kProbeK, P{false, 1, e}), 0, "1.5 * 1.5, then 2^" + std::to_string(e) + " elsewhere");
    if (d.a.empty()) continue;
    d.a[0] = enc(in, false, 3, -1 + s / 2);
    d.b[0] = enc(in, false, 3, -1 + s - s / 2);
    v.push_back(d);
  }
  // Overflow in a truncating step: infinity, or the largest finite number (bfloat16 reaches it).
  if (in.exp_bits >= 8)
    for (const bool neg : {false, true})
      v.push_back(products(in, {{neg, 1, 127}, {neg, 1, 127}}, 0, neg ? "-2^127 - 2^127" : "2^127 + 2^127"));
  // FP8 cannot hold some of them: those are dropped (the 16-bit formats and tf32 hold every one).
  const auto unheld = std::remove_if(v.begin(), v.end(), [](const DotCase& d) { return d.a.empty(); });
  if (unheld != v.end() && in.container_bits != 8) throw std::logic_error("dot_probes: a probe " + std::string(in.name) + " cannot hold");
  v.erase(unheld, v.end());
  std::vector<DotCase> random = dot_cases(in, kProbeK, 400, 0x5EED0D07);
  v.insert(v.end(), random.begin(), random.end());
  return v;
}

std::vector<DotCase> dot_cases(const Format& in, int k, std::size_t count, std::uint64_t seed) {
  SplitMix64 g(seed);
  const auto uniform = [&](std::uint64_t n) { return g.next() % n; };
  const int lo = in.emin(), hi = static_cast<int>(in.max_finite_exp()) - in.bias;
  std::vector<DotCase> v(count);
  for (std::size_t j = 0; j < count; ++j) {
    DotCase& d = v[j];
    d.what = "random";
    // A window of exponents: mostly about 1, sometimes anywhere in the format's range.
    const int span = std::min(hi - lo, 24);
    const int base = uniform(4) == 0 ? lo + static_cast<int>(uniform(static_cast<std::uint64_t>(hi - lo - span + 1)))
                                     : -span / 2;
    const auto value = [&](bool neg) {
      const int e = base + static_cast<int>(uniform(static_cast<std::uint64_t>(span + 1)));
      const std::uint64_t m = (std::uint64_t{1} << in.frac_bits) | (g.next() & in.frac_mask());
      return enc(in, neg, m, e - in.frac_bits);
    };
    for (int i = 0; i < k; ++i) {
      const std::uint64_t kind = uniform(100);
      std::uint32_t a = 0, b = 0;
      if (kind < 15 && i > 0) {  // cancel the previous product
        a = d.a.back() ^ oracle::pack(in, true, 0, 0);
        b = d.b.back();
      } else if (kind < 22) {  // a subnormal factor
        // One draw per statement: the order of two draws in one expression is unspecified, and
        // GCC took them in different orders on x86-64 and aarch64 (different cases, one seed).
        const std::uint64_t sign = uniform(2);
        const std::uint64_t frac = g.next() & in.frac_mask();
        a = oracle::pack(in, sign != 0, 0, static_cast<std::uint32_t>(frac));
        b = value(false);
      } else if (kind < 25) {
        a = oracle::pack(in, uniform(2) != 0, 0, 0);  // a signed zero
        b = value(uniform(2));
      } else {
        a = value(uniform(2));
        b = value(uniform(2));
      }
      d.a.push_back(a);
      d.b.push_back(b);
    }
    if (uniform(64) == 0) {  // an infinity or a NaN among the operands (E4M3 has only its NaN)
      const std::uint32_t inf = oracle::pack(in, false, in.exp_mask(), 0);
      const std::uint32_t nan = oracle::pack(in, false, in.exp_mask(),
                                             in.specials == Specials::fn ? static_cast<std::uint32_t>(in.frac_mask()) : 1);
      d.a[uniform(static_cast<std::uint64_t>(k))] = uniform(2) && in.specials == Specials::ieee ? inf : nan;
    }
    const std::uint64_t ck = uniform(8);
    const int ce = base * 2 + static_cast<int>(uniform(static_cast<std::uint64_t>(2 * span + 1)));
    if (ck == 0) {
      d.c = 0;
    } else if (ck == 1) {
      d.c = static_cast<std::uint32_t>(g.next() & 0x807FFFFFu);  // subnormal
    } else {
      const std::uint64_t m = (1u << 23) | (g.next() & 0x7FFFFF);
      const bool neg = uniform(2);
      d.c = enc(kBinary32, neg, m, std::clamp(ce, -126, 127) - 23);
    }
  }
  return v;
}

// Models no input can tell apart, and the one kept:
// - pair order in steps of more than one product: a step's exact sum does not depend on it;
// - binary16 products rounded or not: a product of two binary16 numbers is exact in binary32
//   (22 bits, 2^-48 .. 2^32); for the same reason, block 1 with c joining or after;
// - block 1, products rounded: the step is that product rounded, then c added: c after;
// - block 1 with c after: one term, nothing to align;
// - block 2, c after, rounded to 23 bits: the larger product (at most 16 bits in bfloat16) is
//   even on that grid and the smaller cannot reach a carry's double rounding, so it is exact;
//   for binary16 no probe tells them apart either;
// - chains whose sum is added to c inside the unit or outside it (c last), without DAZ, and
//   without FTZ or for binary16 (whose sums are never subnormal: see below): the same addition;
// - binary16 under DAZ, or with c last: no step's result is subnormal (c's subnormals read as
//   zero or added outside the steps, every other sum a multiple of 2^-48 or of a normal c's
//   ulp), so FTZ is unseen: kept as ftz=yes.
// - alignment to exponents when nothing is aligned; overflow to infinity where the step's
//   rounding gives infinity anyway (rne, odd), and for binary16, whose products (below 2^32)
//   cannot carry a step past binary32's largest number, c included (its ulp there is 2^104).
DotModel canonical_dot_model(DotModel m, const Format& in) {
  const bool half = in.exp_bits < 8;
  if (m.block != 1) m.swap_pairs = false;  // a step's sum does not depend on order
  if (half) m.round_products = false;       // binary16 products are exact in binary32
  if (m.block == 1 && m.round_products) {   // one product a step, rounded, then c added
    m.round_products = false;
    m.c_joins = false;
  }
  if (m.block == 1 && (!m.c_joins || half)) {
    if (!m.c_joins) m.align = DotAlign::exact;  // one term: nothing to align
    if (half && m.align == DotAlign::exact) m.c_joins = true;
  }
  if (m.block == 2 && !m.c_joins && m.align == DotAlign::rne && m.align_bits == 23) m.align = DotAlign::exact;
  if (m.chains > 1 && m.c_last && !m.daz && (!m.ftz || half)) {  // c added in or out of the unit
    m.c_last = false;
    m.ftz = false;
  }
  if (m.align == DotAlign::exact) m.align_bits = 0;
  if (half && (m.daz || m.c_last)) m.ftz = true;
  if (m.align == DotAlign::exact) m.align_to_exponents = false;  // nothing aligned
  if (half || m.round == Rounding::rne || m.round_odd) m.overflow_infinity = false;
  // A step whose terms (its products and the accumulator) are each cut to align_bits below the
  // top one sums exactly in binary32's 24 bits when align_bits + 2 + log2(terms) fit: its rounding
  // never acts (FP8 units keeping 10 to 16 bits).
  if (m.align != DotAlign::exact && m.c_joins && m.align_bits + 2 + std::bit_width(static_cast<unsigned>(m.block)) <= 24) {
    m.round = Rounding::rne;
    m.round_odd = false;
    m.overflow_infinity = false;
  }
  return m;
}

DotModel recoverable_dot_model(DotModel m, const Format& in) {
  if (m.chain_span >= kProbeK) m.chain_span = 0;
  // A step as long as the probes is all of them: c added after it (rounded to nearest) or at the
  // end outside the unit is one addition; the check at k = 64 tells them apart.
  m = canonical_dot_model(m, in);
  if (m.block >= kProbeK && !m.c_joins && m.round == Rounding::rne && !m.round_odd) {
    m.c_joins = true;
    m.c_last = true;
  }
  return canonical_dot_model(m, in);
}

std::vector<DotModel> candidate_dot_models(const Format& in) {
  std::vector<DotModel> v;
  std::set<std::string> seen;
  // Alignment: exact, or 23 to 28 bits kept (the 16-bit units'), truncated or to nearest; FP8
  // units 10 to 16 (DeepSeek-V3's "about 14 bits") either way, and 23 to 25 truncated (sm_90's
  // 16-bit steps truncate to 25), and steps of 32 products. FP8's few significand bits and narrow
  // range leave 26 to 28 bits indistinguishable from exact, and (E4M3 with DAZ) 24 and 25 bits to
  // nearest from 25 truncated, by any probe here.
  const bool fp8 = in.container_bits == 8;
  std::vector<std::pair<DotAlign, int>> aligns{{DotAlign::exact, 0}};
  for (const DotAlign how : {DotAlign::truncate, DotAlign::rne}) {
    if (fp8)
      for (int bits = 10; bits <= 16; ++bits) aligns.emplace_back(how, bits);
    if (!fp8 || how == DotAlign::truncate)
      for (int bits = 23; bits <= (fp8 ? 25 : 28); ++bits) aligns.emplace_back(how, bits);
  }
  std::vector<int> blocks{1, 2, 4, 8, 16};
  if (fp8) blocks.push_back(32);
  for (const int block : blocks)
    for (const bool joins : {true, false})
      for (const auto& [how, bits] : aligns)
        for (const int r : {0, 1, 2})  // rne, rtz, to odd
          for (const bool daz : {false, true})
            for (const bool ftz : {false, true})
              for (const bool swap : {false, true})
                for (const bool last : {false, true})
                  for (const bool rounded : {false, true})
                    for (const int chains : {1, 2}) {
                      if (last && !joins) continue;  // c after each step, or c at the end
                      // Two chains (AMX): of FMA chains, in natural order, c added at their end
                      // (or last, outside the unit).
                      if (chains == 2 && (block != 1 || !joins || swap || rounded)) continue;
                      DotModel m;
                      m.block = block;
                      m.c_joins = joins;
                      m.align = how;
                      m.align_bits = bits;
                      m.round = r == 1 ? Rounding::rtz : Rounding::rne;
                      m.round_odd = r == 2;
                      m.daz = daz;
                      m.ftz = ftz;
                      m.swap_pairs = swap;
                      m.c_last = last;
                      m.round_products = rounded;
                      m.chains = chains;
                      m = recoverable_dot_model(m, in);  // blocks of kProbeK: one of two
                      if (seen.insert(oracle::describe(m)).second) v.push_back(m);
                    }
  // Tensor cores as measured on sm_90: aligned to the exponents before normalizing, and a
  // truncating step that overflows gives infinity; blocks of 4 and more, truncated alignment,
  // no DAZ.
  for (const DotModel& base : std::vector<DotModel>(v)) {
    if (base.block < 4 || base.align != DotAlign::truncate || base.round != Rounding::rtz || base.round_odd ||
        base.daz || base.chains != 1 || base.round_products)
      continue;
    for (const bool exponents : {false, true})
      for (const bool overflow : {false, true}) {
        DotModel m = base;
        m.align_to_exponents = exponents;
        m.overflow_infinity = overflow;
        m = canonical_dot_model(m, in);
        if (seen.insert(oracle::describe(m)).second) v.push_back(m);
      }
  }
  // binary16 accumulators (AVX512-FP16 FMA chains): an IEEE chain in rne or rtz.
  if (&in == &kBinary16)
    for (const Rounding r : {Rounding::rne, Rounding::rtz}) {
      DotModel m;
      m.acc_binary16 = true;
      m.round = r;
      v.push_back(canonical_dot_model(m, in));
    }
  return v;
}

bool same_result(std::uint32_t x, std::uint32_t y) {
  const auto nan = [](std::uint32_t v) { return (v & 0x7F800000u) == 0x7F800000u && (v & 0x7FFFFFu); };
  return x == y || (nan(x) && nan(y));
}

std::optional<DotModel> fit_dot_blocking(const DotModel& m, const Format& in,
                                        const std::vector<DotCase>& cases, const std::vector<std::uint32_t>& got,
                                        int k) {
  const std::size_t n = std::min<std::size_t>(cases.size(), 2000);
  std::vector<int> spans{0};
  if (m.chains > 1)
    for (int span = kProbeK; span < k; span *= 2) spans.push_back(span);
  for (const int span : spans) {
    std::vector<int> chunks{0};
    // Every multiple of 8 to 64, then of 32 (the probes' width): oneDNN's AMX kernel blocks K
    // = 2048 in 1984s and K = 4096 in 928s (GEMMs of 4096 x 4096), sizes no power of two.
    for (int chunk = 8; chunk < k; chunk += chunk < 64 ? 8 : 32) chunks.push_back(chunk);
    for (const int chunk : chunks) {
      if (span == 0 && chunk == 0) continue;  // m itself
      DotModel c = m;
      c.chain_span = span;
      c.chunk = chunk;
      std::size_t i = 0;
      while (i < n && same_result(oracle::dot(c, in, cases[i].a, cases[i].b, cases[i].c), got[i])) ++i;
      if (i == n) return c;
    }
  }
  return std::nullopt;
}

std::vector<std::uint32_t> run_cases(const DotBackend& b, const Format& in, const std::vector<DotCase>& cases) {
  std::vector<std::uint32_t> d(cases.size());
  std::size_t i = 0;
  while (i < cases.size()) {  // batches of one k
    const std::size_t k = cases[i].a.size();
    std::size_t j = i;
    std::vector<std::uint32_t> a, bb;
    std::vector<std::uint32_t> c;
    for (; j < cases.size() && cases[j].a.size() == k && j - i < 4096; ++j) {
      a.insert(a.end(), cases[j].a.begin(), cases[j].a.end());
      bb.insert(bb.end(), cases[j].b.begin(), cases[j].b.end());
      c.push_back(cases[j].c);
    }
    b.dot(in, static_cast<int>(k), a.data(), bb.data(), c.data(), d.data() + i, j - i);
    i = j;
  }
  return d;
}

std::vector<std::uint32_t> model_results(const DotModel& m, const Format& in, const std::vector<DotCase>& cases) {
  std::vector<std::uint32_t> d;
  d.reserve(cases.size());
  for (const DotCase& c : cases) d.push_back(oracle::dot(m, in, c.a, c.b, c.c));
  return d;
}

DotInference infer_dot_model(const Format& in, const std::vector<std::uint32_t>& got,
                             const std::vector<DotCase>& probes) {
  if (got.size() != probes.size()) throw std::invalid_argument("infer_dot_model: one result per probe");
  DotInference r;
  r.probes = probes.size();
  r.nearest_misses = probes.size() + 1;
  for (const DotModel& m : candidate_dot_models(in)) {
    std::size_t misses = 0, first = 0;
    for (std::size_t i = 0; i < probes.size(); ++i) {
      const std::uint32_t want = oracle::dot(m, in, probes[i].a, probes[i].b, probes[i].c);
      if (same_result(want, got[i])) continue;
      if (misses++ == 0) first = i;
      if (!r.consistent.empty() || misses > r.nearest_misses) break;  // cannot be the nearest
    }
    if (misses == 0) r.consistent.push_back(m);
    else if (misses < r.nearest_misses) {
      r.nearest_misses = misses;
      r.nearest = m;
      r.nearest_miss = probes[first].what;
    }
  }
  return r;
}

}  // namespace fpconform
