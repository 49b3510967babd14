// What the general INT8 tests cannot reach in the amx backend (backends/int8_amx/):
// - int32 wraps: TDPBSSD and TDPBUSD add products into int32 with neither saturation nor
//   exception (Intel SDM vol. 2), so C is the exact product mod 2^32 — also when the sum passes
//   2^31 partway along thousands of chunks (64 k each) chained into one accumulator tile. The
//   general tests skip elements that overflow int32; these ask only for them.
// - A read in place and A copied: the backend reads A's rows where they lie only when A is
//   64-byte aligned (and k a multiple of 64). Test vectors land wherever malloc puts them, so
//   here A is placed on purpose, aligned and 16 bytes past, on shapes across K, N and M blocks.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "fpconform/int8_backend.hpp"
#include "oracles/int8/gemm.hpp"
#include "vectors/int8_inputs.hpp"

namespace fpconform {
namespace {

const Int8Backend& amx() {
  const Int8Backend* b = find_int8_backend("amx");
  if (b == nullptr) std::abort();  // compiled into every build, unavailable off x86-64
  return *b;
}

// Every test here skips, with the reason, where amx is unavailable.
class AmxTest : public testing::Test {
 protected:
  void SetUp() override {
    if (const Availability av = amx().available(); !av.ok) GTEST_SKIP() << "amx unavailable: " << av.reason;
  }
};
class Int8AmxWrap : public AmxTest {};
class Int8AmxPlacement : public AmxTest {};

// C from amx with 1 and 2 threads, each element against want; at most 4 differences shown.
void expect_c(GemmShape s, IntType a_type, const std::uint8_t* a, const std::vector<std::int8_t>& b,
              const std::vector<std::int32_t>& want, const std::string& what) {
  const auto kernel = amx().prepare(s, a_type, b.data());
  for (int threads : {1, 2}) {
    std::vector<std::int32_t> c(want.size(), 0x5A5A5A5A);
    kernel->run(a, c.data(), threads);
    int wrong = 0;
    for (std::size_t e = 0; e < c.size(); ++e)
      if (c[e] != want[e] && ++wrong <= 4)
        ADD_FAILURE() << what << ", " << format_shape(s) << " A " << name(a_type) << ", " << threads
                      << " threads: C[" << e / s.n << "][" << e % s.n << "] = " << c[e] << ", expected "
                      << want[e];
    EXPECT_EQ(wrong, 0) << what << ", " << threads << " threads";
  }
}

// ---- int32 wraps ----

// 2^17 + 64 k: (-128) x (-128) sums to 2^31 + 2^20 in each element, 255 x (-128) to -2^32 + 14688256.
constexpr int kLongK = 131072 + 64;

// Every element of C exceeds int32 and must come back as its exact value mod 2^32.
void expect_wraps(GemmShape s, IntType a_type, std::uint8_t a_byte, std::int8_t b_value) {
  const std::vector<std::uint8_t> a(std::size_t(s.m) * s.k, a_byte);
  const std::vector<std::int8_t> b(std::size_t(s.k) * s.n, b_value);
  std::vector<std::int64_t> exact(std::size_t(s.m) * s.n);
  oracle::gemm_exact(s, a_type, a.data(), b.data(), exact);
  std::vector<std::int32_t> wrapped(exact.size());
  for (std::size_t e = 0; e < exact.size(); ++e) {
    ASSERT_TRUE(oracle::overflows_int32(exact[e])) << "element " << e << " fits int32: nothing wraps";
    wrapped[e] = static_cast<std::int32_t>(static_cast<std::uint32_t>(exact[e]));
  }
  expect_c(s, a_type, a.data(), b, wrapped, "the exact sum mod 2^32");
}

TEST_F(Int8AmxWrap, S8SumPastInt32MaxWraps) {
  expect_wraps({.m = 16, .n = 16, .k = kLongK}, IntType::s8, 0x80, -128);
}

TEST_F(Int8AmxWrap, U8SumPastInt32MinWraps) {
  expect_wraps({.m = 16, .n = 16, .k = kLongK}, IntType::u8, 0xFF, -128);
}

// The same through the tails: rows and columns past a tile, k past a chunk.
TEST_F(Int8AmxWrap, S8WrapsThroughTails) {
  expect_wraps({.m = 17, .n = 33, .k = kLongK + 5}, IntType::s8, 0x80, -128);
}

// ---- A in place and copied ----

// k a multiple of 64 throughout. 40 x 600 x 4160: a last partial step of rows, two N blocks
// (512 columns) with a ragged last step, three K blocks (2048 k); 1100 x 40 x 128: two M blocks
// (1024 rows) and a partial step; 64 x 64 x 64: one step.
constexpr GemmShape kWholeChunks[] = {{.m = 40, .n = 600, .k = 4160},
                                      {.m = 1100, .n = 40, .k = 128},
                                      {.m = 64, .n = 64, .k = 64}};

TEST_F(Int8AmxPlacement, AlignedAndMisalignedAMatchTheExactProduct) {
  for (GemmShape s : kWholeChunks)
    for (IntType t : {IntType::s8, IntType::u8}) {
      const GemmOperands ops = gemm_operands(Pattern::full_range, s, t, 5);
      std::vector<std::int64_t> exact(std::size_t(s.m) * s.n);
      oracle::gemm_exact(s, t, ops.a.data(), ops.b.data(), exact);
      std::vector<std::int32_t> want(exact.size());
      for (std::size_t e = 0; e < exact.size(); ++e) {
        ASSERT_FALSE(oracle::overflows_int32(exact[e])) << "element " << e << " does not fit int32";
        want[e] = static_cast<std::int32_t>(exact[e]);
      }
      std::vector<std::uint8_t> buffer(ops.a.size() + 128);
      const std::uintptr_t base = reinterpret_cast<std::uintptr_t>(buffer.data());
      for (std::size_t past : {0, 16}) {
        std::uint8_t* a = buffer.data() + ((64 - base % 64) % 64 + past);
        std::memcpy(a, ops.a.data(), ops.a.size());
        expect_c(s, t, a, ops.b, want, "A " + std::to_string(past) + " bytes past 64-byte alignment");
      }
    }
}

}  // namespace
}  // namespace fpconform
