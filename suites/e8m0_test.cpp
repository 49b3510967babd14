// E8M0 conversions: the oracle's model worked by hand, and CUDA's host __nv_cvt_float_to_e8m0
// against it on a dense sample of binary32 (every sign and exponent with fractions at the
// rounding edges), or on all 2^32 inputs when FPCONFORM_E8M0_ALL is set (label exhaustive).
#include <gtest/gtest.h>

#include <cstdio>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>
#include <vector>

#include "backends/cuda_host/e8m0_host.hpp"
#include "oracles/blocks/e8m0.hpp"

namespace fpconform::oracle::blocks {
namespace {

constexpr auto rz = E8m0Rounding::toward_zero;
constexpr auto ru = E8m0Rounding::up;
constexpr auto rn = E8m0Rounding::nearest;
float f(std::uint32_t bits) { return std::bit_cast<float>(bits); }

TEST(E8m0Model, PowersOfTwoInEachDirection) {
  EXPECT_EQ(f32_to_e8m0(1.0f, rz, true), 127);
  EXPECT_EQ(f32_to_e8m0(1.0f, ru, true), 127);
  EXPECT_EQ(f32_to_e8m0(1.5f, rz, true), 127);
  EXPECT_EQ(f32_to_e8m0(1.5f, ru, true), 128);
  EXPECT_EQ(f32_to_e8m0(1.5f, rn, true), 128);  // the tie goes up
  EXPECT_EQ(f32_to_e8m0(std::nextafter(1.5f, 0.0f), rn, true), 127);
  EXPECT_EQ(f32_to_e8m0(-3.0f, ru, true), 129);  // the sign is dropped
  EXPECT_EQ(f32_to_e8m0(0x1p127f, rz, false), 0xFE);
}

TEST(E8m0Model, ClippingSaturationAndNan) {
  EXPECT_EQ(f32_to_e8m0(0.0f, ru, true), 0x00);            // zero: clipped to 2^-127
  EXPECT_EQ(f32_to_e8m0(f(0x00400000), rz, true), 0x00);   // 2^-127 itself (subnormal)
  EXPECT_EQ(f32_to_e8m0(f(0x00600000), rz, true), 0x00);   // 1.5 * 2^-127
  EXPECT_EQ(f32_to_e8m0(f(0x00600000), ru, true), 0x01);   // up to 2^-126
  EXPECT_EQ(f32_to_e8m0(f(0x00000001), ru, true), 0x00);   // 2^-149 up is 2^-149: clipped
  EXPECT_EQ(f32_to_e8m0(0x1.fffffep127f, rz, false), 0xFE);
  EXPECT_EQ(f32_to_e8m0(0x1.fffffep127f, ru, true), 0xFE);  // 2^128 saturates
  EXPECT_EQ(f32_to_e8m0(0x1.fffffep127f, ru, false), 0xFF);
  EXPECT_EQ(f32_to_e8m0(INFINITY, rz, true), 0xFE);
  EXPECT_EQ(f32_to_e8m0(-INFINITY, rz, false), 0xFF);
  EXPECT_EQ(f32_to_e8m0(NAN, rz, true), 0xFF);
  EXPECT_EQ(e8m0_to_f32(0x00), 0x1p-127f);
  EXPECT_EQ(e8m0_to_f32(0xFE), 0x1p127f);
  EXPECT_TRUE(std::isnan(e8m0_to_f32(0xFF)));
}

// Every sign and exponent with the fractions where a direction matters, and random ones.
std::vector<std::uint32_t> sample() {
  std::vector<std::uint32_t> out;
  std::mt19937 rng(8);
  const std::uint32_t edges[] = {0, 1, 2, 0x3FFFFF, 0x400000, 0x400001, 0x7FFFFE, 0x7FFFFF};
  for (std::uint32_t high = 0; high < 512; ++high) {
    for (std::uint32_t frac : edges) out.push_back(high << 23 | frac);
    for (int i = 0; i < 120; ++i) out.push_back(high << 23 | (rng() & 0x7FFFFF));
  }
  return out;
}

struct Mode {
  bool up, saturate;
};
constexpr Mode kModes[] = {{false, true}, {false, false}, {true, true}, {true, false}};

// Inputs [first, last) whose CUDA result differs from the model, the first few kept.
std::uint64_t differences(const std::vector<std::uint32_t>* list, std::uint64_t first,
                          std::uint64_t last, Mode m, std::vector<std::uint32_t>& shown) {
  std::uint64_t n = 0;
  for (std::uint64_t i = first; i < last; ++i) {
    const std::uint32_t bits = list ? (*list)[i] : static_cast<std::uint32_t>(i);
    const float x = f(bits);
    if (cuda_host::f32_to_e8m0(x, m.up, m.saturate) != f32_to_e8m0(x, m.up ? ru : rz, m.saturate)) {
      if (shown.size() < 5) shown.push_back(bits);
      ++n;
    }
  }
  return n;
}

TEST(E8m0CudaHost, AgreesWithTheModelInBothDirectionsItAccepts) {
  const std::string why = cuda_host::e8m0_unavailable();
  if (!why.empty()) GTEST_SKIP() << "cuda-host: " << why;
  const bool all = std::getenv("FPCONFORM_E8M0_ALL") != nullptr;
  const std::vector<std::uint32_t> inputs = all ? std::vector<std::uint32_t>{} : sample();
  const std::uint64_t total = all ? std::uint64_t{1} << 32 : inputs.size();
  for (Mode m : kModes) {
    std::vector<std::uint32_t> shown[2];
    std::uint64_t counts[2] = {0, 0};
    std::thread second([&] { counts[1] = differences(all ? nullptr : &inputs, total / 2, total, m, shown[1]); });
    counts[0] = differences(all ? nullptr : &inputs, 0, total / 2, m, shown[0]);
    second.join();
    const std::uint64_t n = counts[0] + counts[1];
    std::string examples;
    for (const auto& s : shown)
      for (std::uint32_t b : s) {
        char line[96];
        std::snprintf(line, sizeof line, "\n  x = 0x%08X: cuda 0x%02X, model 0x%02X", b,
                      cuda_host::f32_to_e8m0(f(b), m.up, m.saturate),
                      f32_to_e8m0(f(b), m.up ? ru : rz, m.saturate));
        examples += line;
      }
    std::cout << "cuda-host e8m0 " << (m.up ? "ru" : "rz") << (m.saturate ? " satfinite" : " nosat")
              << ": " << n << " of " << total << (all ? " (all binary32)" : " (sample)")
              << " differ" << examples << "\n";
    EXPECT_EQ(n, 0u) << (m.up ? "ru" : "rz") << (m.saturate ? " satfinite" : " nosat") << examples;
  }
}

}  // namespace
}  // namespace fpconform::oracle::blocks
