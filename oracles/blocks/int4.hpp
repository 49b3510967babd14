// INT4 with one binary32 scale per group of consecutive values (group-wise weight quantization),
// three named models; every fl() is one binary32 operation, rounded to nearest even:
//   sym7:  [-7, 7]   scale = fl(amax / 7), q = clamp(rne(fl(v / scale)), -7, 7)
//   q4_0:  [-8, 7]   llama.cpp's Q4_0 (quantize_row_q4_0_ref): m the value of largest magnitude
//                    (its sign kept, the first one on a tie), d = fl(m / -8),
//                    q = min(15, trunc(fl(fl(v * fl(1 / d)) + 8.5))) - 8 (ties round up), and
//                    the scale stored is d rounded to binary16 (to nearest even), which is what
//                    reads back: the codes were chosen with the unrounded d
//   asym:  [0, 15]   with a zero point, as the INT8 min-max model: lo = min(min v, 0),
//                    hi = max(max v, 0), scale = fl((hi - lo) / 15),
//                    z = clamp(-rne(fl(lo / scale)), 0, 15), q = clamp(rne(fl(v / scale)) + z, 0, 15)
// A code reads back as fl((q - z) * scale) (z = 0 for the symmetric models). A group of zeros
// has scale 1 (sym7, asym) or 0 (q4_0, whose codes are then all 0 - 8 + 8, read back as 0).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace fpconform::oracle::blocks {

enum class Int4Model : std::uint8_t { sym7, q4_0, asym };
std::string_view name(Int4Model m);  // sym7, q4_0, asym
std::optional<Int4Model> parse_int4_model(std::string_view s);

struct Int4Quantized {
  std::vector<float> scales;               // one per group
  std::vector<std::int8_t> zero_points;    // one per group (0 for sym7 and q4_0)
  std::vector<std::int8_t> codes;          // one per value: -8..7 (sym7, q4_0) or 0..15 (asym)
};

// NaN or infinity: std::domain_error.
Int4Quantized int4_quantize(std::span<const float> x, Int4Model m, int group);
std::vector<double> int4_decode(const Int4Quantized& q, int group);

}  // namespace fpconform::oracle::blocks
