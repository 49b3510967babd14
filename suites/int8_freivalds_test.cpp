// The fast ways to decide C == A B: the blocked int8 reference (oracles/int8/gemm.hpp) against the
// definition, Freivalds' check (checks/int8/freivalds.hpp) on products wrong in known places, and
// check_gemm deciding the same either way (GemmReference).
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "checks/int8/check.hpp"
#include "checks/int8/freivalds.hpp"
#include "oracles/int8/gemm.hpp"

namespace fpconform {
namespace {

// The definition: c_ij = sum_p a_ip b_pj, one int64 product at a time, B read down its columns.
std::vector<std::int64_t> definition(GemmShape s, IntType t, const std::vector<std::uint8_t>& a,
                                     const std::vector<std::int8_t>& b) {
  std::vector<std::int64_t> c(std::size_t(s.m) * s.n);
  for (int i = 0; i < s.m; ++i)
    for (int j = 0; j < s.n; ++j)
      for (int p = 0; p < s.k; ++p) {
        const std::uint8_t raw = a[std::size_t(i) * s.k + p];
        const std::int64_t av = t == IntType::s8 ? std::int64_t{static_cast<std::int8_t>(raw)} : raw;
        c[std::size_t(i) * s.n + j] += av * b[std::size_t(p) * s.n + j];
      }
  return c;
}

// Random bytes, a third of them the types' extremes (s8 -128 and 127, u8 255 and 0; B -128, 127).
struct Operands {
  std::vector<std::uint8_t> a;
  std::vector<std::int8_t> b;
};
Operands operands(GemmShape s, std::uint64_t seed) {
  std::mt19937_64 g(seed);
  const auto byte = [&](std::uint8_t lo, std::uint8_t hi) {
    const std::uint64_t x = g();
    return x % 3 == 0 ? ((x >> 8) % 2 ? hi : lo) : static_cast<std::uint8_t>(x >> 56);
  };
  Operands o{std::vector<std::uint8_t>(std::size_t(s.m) * s.k), std::vector<std::int8_t>(std::size_t(s.k) * s.n)};
  for (auto& v : o.a) v = byte(0x80, 0xFF);  // s8: -128, -1; u8: 128, 255
  for (auto& v : o.b) v = static_cast<std::int8_t>(byte(0x80, 0x7F));
  return o;
}

std::vector<std::int32_t> as_int32(const std::vector<std::int64_t>& c) {
  return std::vector<std::int32_t>(c.begin(), c.end());  // wraps modulo 2^32 where it overflows
}

constexpr IntType kTypes[] = {IntType::s8, IntType::u8};

// ---- The blocked reference

TEST(BlockedReference, EqualsTheDefinitionOnRaggedShapes) {
  for (IntType t : kTypes)
    for (int m : {1, 2, 3, 7, 16, 17, 33, 64, 67})
      for (int n : {1, 2, 3, 7, 16, 17, 33, 64, 67})
        for (int k : {1, 2, 3, 31, 32, 33, 63, 64, 65, 67}) {
          const GemmShape s{m, n, k};
          const Operands o = operands(s, std::uint64_t(m * 10000 + n * 100 + k));
          std::vector<std::int64_t> c(std::size_t(m) * n);
          oracle::gemm_exact(s, t, o.a.data(), o.b.data(), c);
          ASSERT_EQ(c, definition(s, t, o.a, o.b)) << name(t) << " " << format_shape(s);
        }
}

// Products of -128 or 255 by -128 are the largest there are (|32640| for u8 A): K past one and two
// int32 chunks of 2^15 products, the whole sum beyond int32 for u8 (255 * -128 * 70000).
TEST(BlockedReference, ChunksOfExtremeProductsPastInt32) {
  for (IntType t : kTypes)
    for (int k : {32767, 32768, 32769, 65535, 65536, 65537, 70000}) {
      const GemmShape s{2, 3, k};
      Operands o = operands(s, std::uint64_t(k));
      std::fill(o.a.begin(), o.a.begin() + k, static_cast<std::uint8_t>(t == IntType::s8 ? 0x80 : 0xFF));  // row 0
      for (int p = 0; p < k; ++p) o.b[std::size_t(p) * s.n] = -128;                        // column 0
      std::vector<std::int64_t> c(6);
      oracle::gemm_exact(s, t, o.a.data(), o.b.data(), c);
      ASSERT_EQ(c, definition(s, t, o.a, o.b)) << name(t) << " k " << k;
      EXPECT_EQ(c[0], std::int64_t{k} * (t == IntType::s8 ? 16384 : -32640));
    }
}

TEST(BlockedReference, RowsAreThoseOfTheWholeProduct) {
  const GemmShape s{23, 19, 301};
  const Operands o = operands(s, 5);
  const std::vector<std::int8_t> bt = oracle::transpose_b(s, o.b.data());
  for (IntType t : kTypes) {
    const std::vector<std::int64_t> whole = definition(s, t, o.a, o.b);
    for (auto [row0, rows] : {std::pair{0, 23}, {0, 1}, {22, 1}, {5, 11}, {9, 0}}) {
      std::vector<std::int64_t> c(std::size_t(rows) * s.n);
      oracle::gemm_exact_rows(s, t, o.a.data(), bt.data(), row0, rows, c);
      EXPECT_TRUE(std::equal(c.begin(), c.end(), whole.begin() + std::ptrdiff_t(row0) * s.n))
          << name(t) << " rows " << row0 << " + " << rows;
    }
    std::vector<std::int64_t> two(2 * std::size_t(s.n));
    EXPECT_THROW(oracle::gemm_exact_rows(s, t, o.a.data(), bt.data(), 22, 2, two), std::invalid_argument);
    EXPECT_THROW(oracle::gemm_exact_rows(s, t, o.a.data(), bt.data(), 0, 1, two), std::invalid_argument);
  }
}

// ---- Freivalds' check

std::vector<int> flagged(GemmShape s, IntType t, const Operands& o, const std::vector<std::int32_t>& c,
                         std::uint64_t seed, int vectors = 2) {
  return freivalds_rows(s, t, o.a.data(), o.b.data(), c.data(), seed, vectors);
}

TEST(Freivalds, AcceptsTheExactProduct) {
  for (IntType t : kTypes)
    for (GemmShape s : {GemmShape{1, 1, 1}, GemmShape{17, 3, 255}, GemmShape{64, 67, 1023}})
      for (std::uint64_t seed : {1, 2, 3}) {
        const Operands o = operands(s, seed);
        EXPECT_EQ(flagged(s, t, o, as_int32(definition(s, t, o.a, o.b)), seed, 1), std::vector<int>{})
            << name(t) << " " << format_shape(s) << " seed " << seed;
      }
}

// One wrong element at a time: off by one either way, by a power of two, by a product of the
// first eight primes (which a modulus made of small factors would lose), in the first and last
// row and column. Only its row is flagged, for every seed.
TEST(Freivalds, FlagsExactlyTheRowOfOneWrongElement) {
  const GemmShape s{37, 29, 130};
  const struct {
    int row, col;
    std::int32_t error;
  } cases[] = {{0, 0, 1}, {36, 28, -1}, {36, 0, 1 << 30}, {0, 28, 2 * 3 * 5 * 7 * 11 * 13 * 17 * 19},
               {18, 14, -(1 << 20)}, {5, 28, 127}};
  for (IntType t : kTypes) {
    const Operands o = operands(s, 11);
    const std::vector<std::int32_t> exact = as_int32(definition(s, t, o.a, o.b));
    for (const auto& e : cases)
      for (std::uint64_t seed = 0; seed < 8; ++seed) {
        std::vector<std::int32_t> c = exact;
        c[std::size_t(e.row) * s.n + e.col] += e.error;
        EXPECT_EQ(flagged(s, t, o, c, seed, 1), std::vector<int>{e.row})
            << name(t) << " C[" << e.row << "][" << e.col << "] + " << e.error << " seed " << seed;
      }
  }
}

// Errors that cancel along a row (+e and -e) or down a column, in several rows at once: a check
// with r = (1, ..., 1) would pass the first.
TEST(Freivalds, FlagsEveryWrongRowWhenErrorsCancel) {
  const GemmShape s{20, 33, 64};
  const Operands o = operands(s, 4);
  std::vector<std::int32_t> c = as_int32(definition(s, IntType::u8, o.a, o.b));
  c[std::size_t(3) * s.n + 0] += 1000;
  c[std::size_t(3) * s.n + 32] -= 1000;
  c[std::size_t(7) * s.n + 5] += 1;
  c[std::size_t(19) * s.n + 5] -= 1;
  for (std::uint64_t seed = 0; seed < 8; ++seed)
    EXPECT_EQ(flagged(s, IntType::u8, o, c, seed), (std::vector<int>{3, 7, 19})) << "seed " << seed;
}

// u8 255 x 127 over K = 70000 is 2266950000, beyond int32: the int32 C holds it wrapped (2^32 less),
// which can never be the exact value, so the row is flagged.
TEST(Freivalds, FlagsAnElementWrappedToInt32) {
  const GemmShape s{3, 2, 70000};
  Operands o = operands(s, 9);
  std::fill(o.a.begin() + s.k, o.a.begin() + 2 * s.k, std::uint8_t{255});  // row 1
  for (int p = 0; p < s.k; ++p) o.b[std::size_t(p) * s.n + 1] = 127;       // column 1
  const std::vector<std::int64_t> exact = definition(s, IntType::u8, o.a, o.b);
  ASSERT_EQ(exact[3], 2266950000);
  ASSERT_TRUE(oracle::overflows_int32(exact[3]));
  for (std::uint64_t seed = 0; seed < 4; ++seed)
    EXPECT_EQ(flagged(s, IntType::u8, o, as_int32(exact), seed), std::vector<int>{1}) << "seed " << seed;
}

TEST(Freivalds, SaysItsBound) {
  EXPECT_EQ(freivalds_bound(1), "a wrong C passes with probability (2^61-1)^-1 < 2^-60");
  EXPECT_EQ(freivalds_bound(2), "a wrong C passes with probability (2^61-1)^-2 < 2^-121");
}

// ---- check_gemm, either way

// Exact, or a declared model, then the elements `wrong` changed by their error.
struct Wrong {
  int row, col;
  std::int32_t error;
};

class WrongKernel final : public GemmKernel {
 public:
  WrongKernel(GemmShape s, IntType t, const std::int8_t* b, GemmModel m, std::vector<Wrong> wrong)
      : s_(s), t_(t), b_(b, b + std::size_t(s.k) * s.n), m_(m), wrong_(std::move(wrong)) {}
  void run(const void* a, std::int32_t* c, int) const override {
    std::vector<std::int64_t> model(std::size_t(s_.m) * s_.n);
    oracle::gemm_model(m_, s_, t_, a, b_.data(), model);
    for (std::size_t i = 0; i < model.size(); ++i) c[i] = static_cast<std::int32_t>(model[i]);
    for (const Wrong& w : wrong_) c[std::size_t(w.row) * s_.n + w.col] += w.error;
  }

 private:
  GemmShape s_;
  IntType t_;
  std::vector<std::int8_t> b_;
  GemmModel m_;
  std::vector<Wrong> wrong_;
};

class WrongBackend final : public Int8Backend {
 public:
  WrongBackend(GemmModel m, std::vector<Wrong> wrong) : m_(m), wrong_(std::move(wrong)) {}
  std::string_view name() const override { return "wrong"; }
  std::string_view description() const override { return "test: wrong in known places"; }
  BackendKind kind() const override { return BackendKind::mutant; }
  bool multiplies(IntType) const override { return true; }
  std::unique_ptr<GemmKernel> prepare(GemmShape s, IntType t, const std::int8_t* b) const override {
    return std::make_unique<WrongKernel>(s, t, b, m_, wrong_);
  }
  GemmModel gemm_model() const override { return m_; }
  std::string_view gemm_deviation() const override { return m_ == GemmModel::exact ? "" : "declared"; }

 private:
  GemmModel m_;
  std::vector<Wrong> wrong_;
};

void expect_same_decision(const GemmExactness& full, const GemmExactness& fast) {
  EXPECT_EQ(full.method, GemmExactness::kFullReference);
  EXPECT_TRUE(fast.method.starts_with("freivalds: 2 random vectors")) << fast.method;
  EXPECT_EQ(fast.status, full.status);
  EXPECT_EQ(fast.mismatches, full.mismatches);
  EXPECT_EQ(fast.model_mismatches, full.model_mismatches);
  EXPECT_EQ(fast.int32_overflows, full.int32_overflows);
  EXPECT_EQ(fast.worst_row, full.worst_row);
  EXPECT_EQ(fast.worst_col, full.worst_col);
  EXPECT_EQ(fast.worst_expected, full.worst_expected);
  EXPECT_EQ(fast.worst_got, full.worst_got);
  EXPECT_EQ(fast.reason, full.reason);
}

TEST(CheckGemmReference, FreivaldsAndFullAgreeOnScatteredWrongElements) {
  const GemmShape s{70, 45, 200};
  // Three elements equally far off, two in one unit of rows and one in another: the worst is the
  // first in row-major order, (12, 44).
  const WrongBackend b(GemmModel::exact,
                       {{69, 44, -5}, {20, 1, 700}, {12, 44, 700}, {12, 3, 2}, {40, 0, -700}, {0, 0, 1}});
  for (IntType t : kTypes) {
    const GemmExactness full = check_gemm(b, s, t, Pattern::full_range, 3, GemmReference::full);
    const GemmExactness fast = check_gemm(b, s, t, Pattern::full_range, 3, GemmReference::freivalds);
    expect_same_decision(full, fast);
    EXPECT_EQ(full.mismatches, 6u);
    EXPECT_EQ(full.worst_row, 12);
    EXPECT_EQ(full.worst_col, 44);
    EXPECT_NE(fast.method.find("; 5 flagged rows recomputed exactly"), std::string::npos) << fast.method;
    EXPECT_NE(fast.repro.find(" --reference freivalds"), std::string::npos) << fast.repro;
  }
}

// maddubs-sign saturates pair sums on alternating inputs: wrong in many rows, as declared; one
// element more is off the model too.
TEST(CheckGemmReference, FreivaldsAndFullAgreeOnADeclaredModel) {
  const GemmShape s{33, 17, 64};
  for (const auto& wrong : {std::vector<Wrong>{}, std::vector<Wrong>{{32, 16, 3}}}) {
    const WrongBackend b(GemmModel::maddubs_sign, wrong);
    const GemmExactness full = check_gemm(b, s, IntType::u8, Pattern::alternating, 1, GemmReference::full);
    const GemmExactness fast = check_gemm(b, s, IntType::u8, Pattern::alternating, 1, GemmReference::freivalds);
    expect_same_decision(full, fast);
    EXPECT_GT(full.mismatches, 100u);
    EXPECT_EQ(full.model_mismatches, wrong.size());
  }
}

// u8 corner-max, K = 70000: every exact element is 2266950000, beyond int32; an exact kernel's C
// holds it wrapped. Counted as overflows both ways, never as mismatches.
TEST(CheckGemmReference, FreivaldsAndFullAgreeOnInt32Overflows) {
  const WrongBackend b(GemmModel::exact, {});
  const GemmShape s{2, 3, 70000};
  const GemmExactness full = check_gemm(b, s, IntType::u8, Pattern::corner_max, 1, GemmReference::full);
  const GemmExactness fast = check_gemm(b, s, IntType::u8, Pattern::corner_max, 1, GemmReference::freivalds);
  expect_same_decision(full, fast);
  EXPECT_EQ(full.int32_overflows, 6u);
  EXPECT_EQ(full.mismatches, 0u);
  EXPECT_NE(fast.method.find("; 2 flagged rows"), std::string::npos) << fast.method;
}

TEST(CheckGemmReference, AutoIsFullBelowTheThreshold) {
  const WrongBackend b(GemmModel::exact, {});
  const GemmExactness r = check_gemm(b, {64, 64, 64}, IntType::s8, Pattern::full_range, 1);
  EXPECT_EQ(r.method, GemmExactness::kFullReference);
  EXPECT_EQ(r.repro.find("--reference"), std::string::npos) << r.repro;
  EXPECT_EQ(parse_gemm_reference("auto"), GemmReference::automatic);
  EXPECT_EQ(parse_gemm_reference("freivalds"), GemmReference::freivalds);
  EXPECT_EQ(parse_gemm_reference("full"), GemmReference::full);
  EXPECT_EQ(parse_gemm_reference("exact"), std::nullopt);
}

}  // namespace
}  // namespace fpconform
