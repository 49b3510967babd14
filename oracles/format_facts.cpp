#include "oracles/format_facts.hpp"

#include <cmath>

namespace fpconform::oracle {
namespace {

std::uint64_t bits(const Format& f, std::uint64_t exp, std::uint64_t frac) {
  return ((exp << f.frac_bits) | frac) << f.shift;
}

}  // namespace

FormatFacts format_facts(const Format& f) {
  FormatFacts x{};
  x.precision = f.frac_bits + 1;
  x.emax = static_cast<int>(f.max_finite_exp()) - f.bias;
  x.emin = f.emin();
  // (1 + frac / 2^p-1) * 2^e: every term a power of two or a small integer, so exact.
  const double max_sig = 1.0 + std::ldexp(static_cast<double>(f.max_finite_frac()), -f.frac_bits);
  x.max_finite = std::ldexp(max_sig, x.emax);
  x.min_normal = std::ldexp(1.0, x.emin);
  x.min_subnormal = std::ldexp(1.0, x.emin - f.frac_bits);
  x.epsilon = std::ldexp(1.0, -f.frac_bits);
  x.max_finite_bits = bits(f, f.max_finite_exp(), f.max_finite_frac());
  x.min_normal_bits = bits(f, 1, 0);
  x.min_subnormal_bits = bits(f, 0, 1);
  if (f.specials == Specials::e8m0) {  // every byte but 0xFF a power of two, 0x00 the smallest
    x.emin = -f.bias;
    x.min_normal = x.min_subnormal = std::ldexp(1.0, x.emin);
    x.min_normal_bits = x.min_subnormal_bits = 0;
    x.has_subnormals = false;
    x.specials = "no sign, no zero, no infinity, no subnormals; 0xFF is NaN, every other byte e is "
                 "2^(e - 127)";
    x.overflow = "converting (oracles/blocks/e8m0.hpp, CUDA's __nv_cvt_float_to_e8m0): |x| to a power "
                 "of two toward zero, up or to nearest; above 2^127 (infinity too) 2^127 when "
                 "saturating, else NaN; below 2^-127 (zero too) 2^-127";
    return x;
  }
  if (f.specials == Specials::ieee) {
    x.specials = "±inf (exponent all ones, fraction 0); NaN: exponent all ones, fraction not 0, "
                 "quiet when its top bit is set; ±0";
  } else if (f.specials == Specials::fn) {
    x.specials = "no infinity; one NaN each sign (exponent and fraction all ones); ±0";
  } else if (f.specials == Specials::fnuz) {
    x.specials = "no infinity; one NaN, the pattern of -0 (0x80); +0 only";
  } else {
    x.specials = "no infinity, no NaN (a NaN converts to +max finite); ±0";
  }
  // round_pack's rule (IEEE 754 7.4; OCP OFP8 for the saturating and infinity-less formats).
  x.overflow = f.saturating ? "±max finite, in every mode (infinity too)"
               : f.specials == Specials::ieee ? "±inf in rne, rna and toward its sign; else ±max finite"
               : f.specials == Specials::none ? "±max finite, in every mode (infinity too)"
                                              : "NaN in rne, rna and toward its sign (no infinity); else ±max finite";
  return x;
}

}  // namespace fpconform::oracle
