#include "oracles/blocks/mx.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "fpconform/format.hpp"
#include "oracles/blocks/e8m0.hpp"
#include "oracles/int8/quantize.hpp"
#include "oracles/softfloat/oracle.hpp"

namespace fpconform::oracle::blocks {
namespace {

const Format& format(MxElement e) {
  switch (e) {
    case MxElement::e4m3: return kE4m3fnSat;
    case MxElement::e5m2: return kE5m2Sat;
    case MxElement::e3m2: return kE3m2;
    case MxElement::e2m3: return kE2m3;
    case MxElement::e2m1: return kE2m1;
    case MxElement::int8: break;
  }
  throw std::invalid_argument("MXINT8 has no floating-point element format");
}

// floor(log2 |v|) of a finite nonzero binary32, from its bits.
int floor_log2(float v) {
  const std::uint32_t bits = std::bit_cast<std::uint32_t>(v) & 0x7FFFFFFFu;
  const int biased = static_cast<int>(bits >> 23);
  if (biased != 0) return biased - 127;
  return (31 - std::countl_zero(bits)) - 149;
}

// amax rounded to p significant bits, ties to even: its floor(log2), which is one more than
// amax's when the rounding carries into the next binade. Exact: doubles hold every step.
int floor_log2_rounded(float amax, int p) {
  const int e = floor_log2(amax);
  const double ulp = std::ldexp(1.0, e - (p - 1));
  const double q = static_cast<double>(amax) / ulp;  // in [2^(p-1), 2^p), exact
  const double below = std::floor(q);
  const double rem = q - below;
  const bool up = rem > 0.5 || (rem == 0.5 && std::fmod(below, 2.0) != 0);
  return (up ? below + 1 : below) >= std::ldexp(1.0, p) ? e + 1 : e;
}

}  // namespace

std::string_view name(MxElement e) {
  switch (e) {
    case MxElement::e4m3: return "e4m3";
    case MxElement::e5m2: return "e5m2";
    case MxElement::e3m2: return "e3m2";
    case MxElement::e2m3: return "e2m3";
    case MxElement::e2m1: return "e2m1";
    case MxElement::int8: return "int8";
  }
  return "?";
}

std::string_view name(ScaleRule r) {
  switch (r) {
    case ScaleRule::floor: return "floor";
    case ScaleRule::ceil: return "ceil";
    case ScaleRule::even: return "even";
    case ScaleRule::rceil: return "rceil";
  }
  return "?";
}

std::optional<ScaleRule> parse_scale_rule(std::string_view s) {
  for (ScaleRule r : {ScaleRule::floor, ScaleRule::ceil, ScaleRule::even, ScaleRule::rceil})
    if (s == name(r)) return r;
  return std::nullopt;
}

double max_elem(MxElement e) {
  switch (e) {
    case MxElement::e4m3: return 448;
    case MxElement::e5m2: return 57344;
    case MxElement::e3m2: return 28;
    case MxElement::e2m3: return 7.5;
    case MxElement::e2m1: return 6;
    case MxElement::int8: return 127.0 / 64;
  }
  return 0;
}

int emax_elem(MxElement e) {
  switch (e) {
    case MxElement::e4m3: return 8;
    case MxElement::e5m2: return 15;
    case MxElement::e3m2: return 4;
    case MxElement::e2m3: return 2;
    case MxElement::e2m1: return 2;
    case MxElement::int8: return 0;
  }
  return 0;
}

int precision(MxElement e) {
  return e == MxElement::int8 ? 7 : format(e).frac_bits + 1;
}

double e8m0_value(std::uint8_t scale) {
  return scale == kE8m0Nan ? std::numeric_limits<double>::quiet_NaN()
                           : std::ldexp(1.0, int{scale} - 127);
}

std::uint8_t shared_scale(float amax, MxElement e, ScaleRule r) {
  if (!(amax >= 0) || std::isinf(amax)) return kE8m0Nan;
  int x = -127;
  if (amax > 0) {
    switch (r) {
      case ScaleRule::floor: x = floor_log2(amax) - emax_elem(e); break;
      case ScaleRule::ceil:
        // amax * 2^-x lies in max_elem's binade or the one above it.
        x = floor_log2(amax) - floor_log2(static_cast<float>(max_elem(e)));
        if (std::ldexp(static_cast<double>(amax), -x) > max_elem(e)) ++x;
        break;
      case ScaleRule::even: x = floor_log2_rounded(amax, precision(e)) - emax_elem(e); break;
      case ScaleRule::rceil:  // the quotient to E8M0 rounding up, saturating: PTX cvt.rp.satfinite
        return f32_to_e8m0(amax * (1.0f / static_cast<float>(max_elem(e))), E8m0Rounding::up, true);
    }
  }
  return static_cast<std::uint8_t>(std::clamp(x, -127, 127) + 127);
}

std::uint8_t quantize_element(float v, std::uint8_t scale, MxElement e) {
  if (scale == kE8m0Nan || std::isnan(v) || std::isinf(v)) return 0;
  // v / X exactly: a double holds v * 2^-x for every binary32 v and |x| <= 127.
  const double y = std::ldexp(static_cast<double>(v), 127 - int{scale});
  if (e == MxElement::int8) {
    const std::int64_t q = std::clamp<std::int64_t>(
        round_to_integer(static_cast<float>(y * 64), QRounding::rne), -127, 127);
    return static_cast<std::uint8_t>(static_cast<std::int8_t>(q));
  }
  const Format& f = format(e);
  const std::uint32_t sign = std::signbit(v) ? 1u << (f.width() - 1) : 0u;
  // Below 2^-126 every element format's nearest value is zero (their smallest subnormal is
  // 2^-16 or more); above, y is a binary32 number and the oracle rounds it once.
  if (std::fabs(y) < 0x1p-126) return static_cast<std::uint8_t>(sign);
  const auto bits = std::bit_cast<std::uint32_t>(static_cast<float>(y));
  return static_cast<std::uint8_t>(convert(kBinary32, f, bits, Rounding::rne).bits);
}

double decode_element(std::uint8_t code, std::uint8_t scale, MxElement e) {
  const double x = e8m0_value(scale);
  if (e == MxElement::int8) return static_cast<std::int8_t>(code) / 64.0 * x;
  const std::uint32_t bits = convert(format(e), kBinary32, code, Rounding::rne).bits;
  return static_cast<double>(std::bit_cast<float>(bits)) * x;
}

MxQuantized mx_quantize(std::span<const float> x, const MxSpec& spec) {
  if (spec.block < 1) throw std::invalid_argument("mx_quantize: block size below 1");
  const auto block = static_cast<std::size_t>(spec.block);
  MxQuantized q;
  q.codes.resize(x.size());
  q.scales.resize((x.size() + block - 1) / block);
  for (std::size_t b = 0; b < q.scales.size(); ++b) {
    const std::size_t first = b * block, last = std::min(first + block, x.size());
    float amax = 0;
    for (std::size_t i = first; i < last; ++i) {
      if (std::isnan(x[i]) || std::isinf(x[i])) {
        amax = std::numeric_limits<float>::quiet_NaN();
        break;
      }
      amax = std::max(amax, std::fabs(x[i]));
    }
    q.scales[b] = shared_scale(amax, spec.element, spec.rule);
    for (std::size_t i = first; i < last; ++i)
      q.codes[i] = quantize_element(x[i], q.scales[b], spec.element);
  }
  return q;
}

std::vector<double> mx_decode(const MxQuantized& q, const MxSpec& spec) {
  const auto block = static_cast<std::size_t>(spec.block);
  if (spec.block < 1 || q.scales.size() != (q.codes.size() + block - 1) / block)
    throw std::invalid_argument("mx_decode: " + std::to_string(q.scales.size()) +
                                " scales for " + std::to_string(q.codes.size()) + " codes");
  std::vector<double> out(q.codes.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = decode_element(q.codes[i], q.scales[i / block], spec.element);
  return out;
}

}  // namespace fpconform::oracle::blocks
