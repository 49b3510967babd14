// The INT8 quantization models: quantize, dequantize and the choice of scale.
#pragma once

#include <cstdint>
#include <span>

#include "fpconform/int8.hpp"

namespace fpconform::oracle {

// v rounded to an integer under r, exactly, from v's bits (integer-only). ±inf and magnitudes
// beyond 2^40 give ±2^40 (every quantized range clamps long before). NaN: std::domain_error.
std::int64_t round_to_integer(float v, QRounding r);

// q = clamp(round(fl(x / scale)) + zero_point, qmin, qmax). fl() is binary32 division, which
// IEEE 754 (5.4.1) rounds correctly (to nearest, ties to even), so it is the same on every
// conforming machine. scale: positive and finite; x: not NaN (std::domain_error; the model does
// not define it).
std::int32_t quantize(float x, float scale, std::int32_t zero_point, IntType t, QRounding r);

// The whole spec: out[i] = quantize(x[i], scales[c], zero_points[c]) with c = i % channels;
// out holds int8_t or uint8_t as spec.type says.
void quantize(std::span<const float> x, void* out, const QuantSpec& spec);

// fl((q - zero_point) * scale): one binary32 rounding.
float dequantize(std::int32_t q, float scale, std::int32_t zero_point);

struct QuantParams {
  float scale = 1;
  std::int32_t zero_point = 0;
};

// Symmetric, by max-abs: scale = fl(amax / 127), zero point 0 (s8) or 128 (u8). amax 0: scale 1.
QuantParams choose_symmetric(float amax, IntType t);
// Asymmetric, by min-max over [min(lo, 0), max(hi, 0)]: scale = fl((hi - lo) / (qmax - qmin)),
// zero_point = clamp(qmin - rne(lo / scale)) so that 0.0 is exactly representable.
QuantParams choose_min_max(float lo, float hi, IntType t);

}  // namespace fpconform::oracle
