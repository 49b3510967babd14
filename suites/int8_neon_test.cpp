// The NEON INT8 GEMMs by hand. neon-smlal16 (int16 pair sums) is wrong exactly where two
// (-128)(-128) products share an int16 lane, right on small data, and its declared model
// smlal-pair-wrap reproduces it bit for bit; neon-sdot is exact on the same corners. Off aarch64
// (or without the CPU feature) each test is skipped with the backend's reason.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fpconform/int8_backend.hpp"
#include "oracles/int8/gemm.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

class NeonGemm : public testing::Test {
 protected:
  // The backend, or skipped with its reason.
  const Int8Backend* use(std::string_view name) {
    const Int8Backend* b = find_int8_backend(name);
    if (b == nullptr) {
      ADD_FAILURE() << name << " is not compiled in";
      reason_ = "not compiled in";
      return nullptr;
    }
    if (const Availability a = b->available(); !a.ok) {
      reason_ = a.reason;
      return nullptr;
    }
    return b;
  }
  std::string reason_;
};

std::vector<std::int32_t> run(const Int8Backend& b, GemmShape s, const GemmOperands& ops) {
  std::vector<std::int32_t> c(std::size_t(s.m) * s.n, 0x5A5A5A5A);
  b.prepare(s, IntType::s8, ops.b.data())->run(ops.a.data(), c.data(), 1);
  return c;
}

std::vector<std::int64_t> model(GemmModel m, GemmShape s, const GemmOperands& ops) {
  std::vector<std::int64_t> c(std::size_t(s.m) * s.n);
  oracle::gemm_model(m, s, IntType::s8, ops.a.data(), ops.b.data(), c);
  return c;
}

// corner-min, s8: A and B all -128. Pairs (k, k + 1) of 16384 + 16384 = 32768 read back as
// -32768 in int16; an odd K's last product, 16384, stands alone.
struct CornerMinCase {
  int k;
  std::int64_t exact, smlal16;
};
constexpr CornerMinCase kCornerMin[] = {
    {2, 32768, -32768},               // 1x2:2x1
    {3, 49152, -32768 + 16384},       // one wrapped pair, one product alone
    {4, 65536, -65536},               // two wrapped pairs
    {5, 81920, -65536 + 16384},
    {255, 255 * 16384, 127 * -32768 + 16384},
};

TEST_F(NeonGemm, Smlal16WrapsOnCornerMin) {
  const Int8Backend* b = use("neon-smlal16");
  if (b == nullptr) GTEST_SKIP() << reason_;
  for (const CornerMinCase& c : kCornerMin)
    for (int n : {1, 3, 17}) {  // 17: one whole 16-column panel and one ragged
      const GemmShape s{.m = 2, .n = n, .k = c.k};
      const GemmOperands ops = gemm_operands(Pattern::corner_min, s, IntType::s8, 7);
      ASSERT_EQ(std::int8_t(ops.a[0]), -128) << "corner-min is not what this test assumes";
      ASSERT_EQ(ops.b[0], -128) << "corner-min is not what this test assumes";
      const std::vector<std::int32_t> got = run(*b, s, ops);
      const std::vector<std::int64_t> exact = model(GemmModel::exact, s, ops);
      for (std::size_t e = 0; e < got.size(); ++e) {
        EXPECT_EQ(exact[e], c.exact) << format_shape(s) << " element " << e;
        EXPECT_EQ(got[e], c.smlal16) << format_shape(s) << " element " << e << ": exact " << exact[e];
      }
    }
}

TEST_F(NeonGemm, Smlal16IsExactOnSmallData) {
  const Int8Backend* b = use("neon-smlal16");
  if (b == nullptr) GTEST_SKIP() << reason_;
  for (GemmShape s : ragged_shapes()) {
    const GemmOperands ops = gemm_operands(Pattern::small, s, IntType::s8, 7);
    const std::vector<std::int32_t> got = run(*b, s, ops);
    const std::vector<std::int64_t> want = model(GemmModel::exact, s, ops);
    EXPECT_EQ(std::vector<std::int64_t>(got.begin(), got.end()), want) << format_shape(s);
  }
}

// Bit for bit on every pattern, and different from the exact product on corner-min, so the
// model describes the deviation rather than hiding it.
TEST_F(NeonGemm, Smlal16IsItsDeclaredModel) {
  const Int8Backend* b = use("neon-smlal16");
  if (b == nullptr) GTEST_SKIP() << reason_;
  ASSERT_EQ(b->gemm_model(), GemmModel::smlal_pair_wrap);
  EXPECT_FALSE(b->multiplies(IntType::u8));
  for (GemmShape s : ragged_shapes())
    for (Pattern p : {Pattern::full_range, Pattern::small, Pattern::corner_max, Pattern::corner_min,
                      Pattern::alternating}) {
      const GemmOperands ops = gemm_operands(p, s, IntType::s8, 7);
      const std::vector<std::int32_t> got = run(*b, s, ops);
      const std::vector<std::int64_t> want = model(GemmModel::smlal_pair_wrap, s, ops);
      std::size_t differ = 0;
      for (std::size_t e = 0; e < got.size(); ++e) differ += oracle::overflows_int32(want[e]) ? 0 : got[e] != want[e];
      EXPECT_EQ(differ, 0u) << format_shape(s) << " " << name(p);
      if (p == Pattern::corner_min && s.k >= 2) {
        EXPECT_NE(want, model(GemmModel::exact, s, ops)) << format_shape(s);
      }
    }
}

TEST_F(NeonGemm, SdotIsExactOnTheCorners) {
  const Int8Backend* b = use("neon-sdot");
  if (b == nullptr) GTEST_SKIP() << reason_;
  for (const CornerMinCase& c : kCornerMin) {
    const GemmShape s{.m = 5, .n = 17, .k = c.k};
    const GemmOperands ops = gemm_operands(Pattern::corner_min, s, IntType::s8, 7);
    for (std::int32_t v : run(*b, s, ops)) EXPECT_EQ(v, c.exact) << format_shape(s);
  }
  // u8 A, through a - 128 and 128 colsum(B): 255 x -128 (corner-min) and 255 x 127 (corner-max).
  for (auto [p, product] : {std::pair{Pattern::corner_min, -255 * 128}, std::pair{Pattern::corner_max, 255 * 127}}) {
    const GemmShape s{.m = 5, .n = 17, .k = 255};
    const GemmOperands ops = gemm_operands(p, s, IntType::u8, 7);
    std::vector<std::int32_t> c(std::size_t(s.m) * s.n);
    b->prepare(s, IntType::u8, ops.b.data())->run(ops.a.data(), c.data(), 2);
    for (std::int32_t v : c) EXPECT_EQ(v, product * 255) << format_shape(s) << " " << name(p);
  }
}

}  // namespace
}  // namespace fpconform
