// NF4 (QLoRA, Dettmers et al. 2023): 4-bit codes into a table of 16 values, normal quantiles in
// [-1, 1], in blocks of 64 with one binary32 absmax each. The model is bitsandbytes' own
// (kQuantizeBlockwise, dQuantizeNF4): n = fl(v * fl(1 / absmax)), then the code whose table value
// is nearest, the thresholds being bitsandbytes' binary32 literals (the midpoints of neighbouring
// table values, each within one ulp), and a value exactly on a threshold going to the LOWER code (bitsandbytes compares with >). A code reads back
// as fl(table[code] * absmax). A block of zeros has absmax 0: every code is 7 (0.0).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace fpconform::oracle::blocks {

inline constexpr int kNf4Block = 64;

// bitsandbytes' NF4 table rounded to binary32, code 0 to 15 (code 7 is 0).
extern const std::array<float, 16> kNf4Table;

std::uint8_t nf4_code(float normalized);  // the nearest code, ties to the lower

struct Nf4Quantized {
  std::vector<float> absmax;         // one per block
  std::vector<std::uint8_t> codes;   // one per value, 0..15
};

// NaN or infinity: std::domain_error.
Nf4Quantized nf4_quantize(std::span<const float> x, int block = kNf4Block);
std::vector<double> nf4_decode(const Nf4Quantized& q, int block = kNf4Block);

}  // namespace fpconform::oracle::blocks
