// The monotonicity pairs: each is a real raise of one term, FMA chains never fall on them, and
// every truncating block model the suite names does (so a unit of such a model shows it).
#include <gtest/gtest.h>

#include <cmath>

#include "checks/dot/monotone.hpp"
#include "oracles/dot/dot_model.hpp"

namespace fpconform {
namespace {

double value(const oracle::ExactDot& x) {
  return x.zero ? 0.0 : std::ldexp(static_cast<double>(x.sig), x.exp) * (x.negative ? -1 : 1);
}

// The raised dot product differs from its base in one term, and that term is larger.
TEST(DotMonotone, EachPairRaisesOneTerm) {
  for (const DotFormat& f : kDotFormats) {
    const Format& in = *f.format;
    const std::vector<DotCase> pairs = monotone_pairs(in, 64, 200, 3);
    ASSERT_GT(pairs.size(), 400u) << in.name;
    for (std::size_t i = 0; i < pairs.size(); i += 2) {
      const DotCase &lo = pairs[i], &hi = pairs[i + 1];
      ASSERT_EQ(lo.a.size(), 64u);
      ASSERT_EQ(lo.b, hi.b);
      std::size_t changed = 0;
      for (std::size_t j = 0; j < lo.a.size(); ++j) {
        if (lo.a[j] == hi.a[j]) continue;
        ++changed;
        const std::uint32_t no_c = 0;
        EXPECT_GT(value(oracle::exact_dot(in, {&hi.a[j], 1}, {&hi.b[j], 1}, no_c)),
                  value(oracle::exact_dot(in, {&lo.a[j], 1}, {&lo.b[j], 1}, no_c)))
            << in.name << " pair " << i / 2 << " (" << lo.what << ")";
      }
      if (changed == 0) {  // c raised
        EXPECT_GT(value(oracle::exact_dot(in, {}, {}, hi.c)), value(oracle::exact_dot(in, {}, {}, lo.c))) << lo.what;
      } else {
        EXPECT_EQ(changed, 1u) << lo.what;
        EXPECT_EQ(lo.c, hi.c) << lo.what;
      }
    }
  }
}

bool is_chain(const oracle::DotModel& m) { return m.block == 1 && m.align == oracle::DotAlign::exact; }

TEST(DotMonotone, ChainsNeverFallTruncatingBlocksDo) {
  for (const DotFormat& f : kDotFormats) {
    const Format& in = *f.format;
    const std::vector<DotCase> pairs = monotone_pairs(in, 64, 500, 1);
    for (const oracle::NamedDotModel& n : oracle::named_dot_models()) {
      if (!n.takes(in)) continue;
      std::vector<std::uint32_t> d;
      for (const DotCase& c : pairs) d.push_back(oracle::dot(n.model, in, c.a, c.b, c.c));
      const MonotoneCount m = count_decreases(d);
      EXPECT_GT(m.pairs, pairs.size() / 3) << n.name << " " << in.name << ": most pairs compared";
      if (is_chain(n.model)) EXPECT_EQ(m.decreases, 0u) << n.name << " " << in.name;
      if (n.model.align == oracle::DotAlign::truncate) EXPECT_GT(m.decreases, 0u) << n.name << " " << in.name;
    }
  }
}

// By hand: steps of 16, 25 bits kept, truncated (tensor-core-sm90). The first step's products
// (four bfloat16 products, then zeros) make 2 - 2^-24, truncated to 2 - 2^-23; the next step's
// sixteen of 2^-25 keep their bit below 2 and take the sum to 2 + 2^-22. Raise the first step's
// sum to exactly 2 and the 2^-25 bits are cut: d is 2.
TEST(DotMonotone, ATruncatingStepFallsWhenTheSumReachesTwo) {
  const oracle::DotModel& m = *oracle::find_dot_model("tensor-core-sm90");
  const std::vector<DotCase> pairs = monotone_pairs(kBfloat16, 64, 0, 1);
  bool seen = false;
  for (std::size_t i = 0; i < pairs.size(); i += 2) {
    if (pairs[i].what != "aimed: block 16, 25 bits, then 1, 1, ... times 2^-25") continue;
    seen = true;
    EXPECT_EQ(oracle::dot(m, kBfloat16, pairs[i].a, pairs[i].b, pairs[i].c), 0x40000001u);
    EXPECT_EQ(oracle::dot(m, kBfloat16, pairs[i + 1].a, pairs[i + 1].b, pairs[i + 1].c), 0x40000000u);
    const oracle::DotModel chain = *oracle::find_dot_model("ieee-fma-chain");
    EXPECT_LE(oracle::dot(chain, kBfloat16, pairs[i].a, pairs[i].b, pairs[i].c),
              oracle::dot(chain, kBfloat16, pairs[i + 1].a, pairs[i + 1].b, pairs[i + 1].c));
  }
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace fpconform
