#include "checks/int8/format_schemes.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>

#include "checks/int8/error.hpp"
#include "fpconform/format.hpp"
#include "oracles/blocks/int4.hpp"
#include "oracles/blocks/mx.hpp"
#include "oracles/blocks/nf4.hpp"
#include "oracles/blocks/nvfp4.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform {
namespace {

namespace bl = oracle::blocks;

std::vector<float> to_float(const std::vector<double>& v) { return {v.begin(), v.end()}; }

// One binary32 scale for the tensor, fl(amax / largest); each value fl(v / scale) rounded to
// nearest, saturating, and read back as fl(q * scale).
std::vector<float> scaled_fp8(std::span<const float> x, const Format& f, float largest, float amax) {
  const float scale = amax == 0 ? 1.0f : amax / largest;
  std::vector<float> out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::uint32_t q =
        oracle::convert(kBinary32, f, std::bit_cast<std::uint32_t>(x[i] / scale), Rounding::rne).bits;
    out[i] = std::bit_cast<float>(oracle::convert(f, kBinary32, q, Rounding::rne).bits) * scale;
  }
  return out;
}

std::vector<float> mx(std::span<const float> x, bl::MxElement e,
                      bl::ScaleRule rule = bl::ScaleRule::floor) {
  const bl::MxSpec spec{e, rule, bl::kMxBlock};
  return to_float(bl::mx_decode(bl::mx_quantize(x, spec), spec));
}

std::vector<float> int4(std::span<const float> x, bl::Int4Model m) {
  const int group = block_length(m == bl::Int4Model::q4_0 ? Scheme::q4_0 : Scheme::int4);
  return to_float(bl::int4_decode(bl::int4_quantize(x, m, group), group));
}

}  // namespace

bool is_format_scheme(Scheme s) { return !uses_int_gemm(s) && s != Scheme::fp16 && s != Scheme::bf16; }

int block_length(Scheme s) {
  switch (s) {
    case Scheme::mxfp8_e4m3: case Scheme::mxfp8_e5m2: case Scheme::mxfp6_e3m2:
    case Scheme::mxfp6_e2m3: case Scheme::mxfp4: case Scheme::mxint8:
    case Scheme::mxfp8_e4m3_rceil: case Scheme::mxfp4_rceil: case Scheme::mxfp4_even:
      return bl::kMxBlock;
    case Scheme::nvfp4: return bl::kNvfp4Block;
    case Scheme::nf4: return bl::kNf4Block;
    case Scheme::int4: case Scheme::int4_asym: return 128;
    case Scheme::q4_0: return 32;
    default: return 0;
  }
}

// One row's values read back.
std::vector<float> row_dequantized(Scheme s, std::span<const float> x, float tensor_amax) {
  switch (s) {
    case Scheme::fp8_e4m3: return scaled_fp8(x, kE4m3fnSat, 448.0f, tensor_amax);
    case Scheme::fp8_e5m2: return scaled_fp8(x, kE5m2Sat, 57344.0f, tensor_amax);
    case Scheme::mxfp8_e4m3: return mx(x, bl::MxElement::e4m3);
    case Scheme::mxfp8_e5m2: return mx(x, bl::MxElement::e5m2);
    case Scheme::mxfp6_e3m2: return mx(x, bl::MxElement::e3m2);
    case Scheme::mxfp6_e2m3: return mx(x, bl::MxElement::e2m3);
    case Scheme::mxfp4: return mx(x, bl::MxElement::e2m1);
    case Scheme::mxint8: return mx(x, bl::MxElement::int8);
    case Scheme::mxfp8_e4m3_rceil: return mx(x, bl::MxElement::e4m3, bl::ScaleRule::rceil);
    case Scheme::mxfp4_rceil: return mx(x, bl::MxElement::e2m1, bl::ScaleRule::rceil);
    case Scheme::mxfp4_even: return mx(x, bl::MxElement::e2m1, bl::ScaleRule::even);
    case Scheme::nvfp4:
      return to_float(bl::nvfp4_decode(
          bl::nvfp4_quantize(x, bl::BlockScaleRounding::nearest, tensor_amax)));
    case Scheme::nf4: return to_float(bl::nf4_decode(bl::nf4_quantize(x)));
    case Scheme::int4: return int4(x, bl::Int4Model::sym7);
    case Scheme::int4_asym: return int4(x, bl::Int4Model::asym);
    case Scheme::q4_0: return int4(x, bl::Int4Model::q4_0);
    default: break;
  }
  throw std::invalid_argument(std::string(name(s)) + " is not a number-format scheme");
}

std::vector<float> quantize_dequantize(Scheme s, std::span<const float> x, int rows, int cols) {
  if (!is_format_scheme(s))
    throw std::invalid_argument(std::string(name(s)) + " is not a number-format scheme");
  if (rows < 0 || cols < 0 ||
      x.size() != static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols))
    throw std::invalid_argument("quantize_dequantize: " + std::to_string(x.size()) +
                                " values for " + std::to_string(rows) + " x " + std::to_string(cols));
  float amax = 0;
  for (float v : x) amax = std::max(amax, std::fabs(v));
  std::vector<float> out;
  out.reserve(x.size());
  for (std::size_t i = 0; i < static_cast<std::size_t>(rows); ++i) {
    const auto row = row_dequantized(s, x.subspan(i * static_cast<std::size_t>(cols), static_cast<std::size_t>(cols)), amax);
    out.insert(out.end(), row.begin(), row.end());
  }
  return out;
}

}  // namespace fpconform
