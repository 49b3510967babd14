// Formats are data: one description per format, one oracle algorithm for all of them.
#pragma once

#include <cstdint>
#include <string_view>

namespace fpconform {

// How the all-ones exponent is used.
enum class Specials : std::uint8_t {
  ieee,  // all-ones exponent: fraction 0 is infinity, anything else NaN (MSB of fraction = quiet)
  fn,    // OCP "fn" (finite, NaN): no infinities; S.1111.111 is the only NaN, S.1111.110 is max
  fnuz,  // "fnuz" (finite, NaN, unsigned zero; AMD, Graphcore): no infinities, no -0; the one NaN
         // is the pattern -0 would have (1.0000.000), and every other pattern is a number
  none,  // OCP MX FP6 and FP4: no infinities, no NaN; every pattern is a number
  e8m0,  // OCP MX's scale: no sign bit, no fraction, no zero, no infinity; the byte e is 2^(e -
         // bias), 0xFF the NaN. Described by `fpconform formats`; its conversions are the named
         // models of oracles/blocks/e8m0.hpp (toward zero, up, nearest), not operations
};

struct Format {
  std::string_view name;
  int exp_bits;
  int frac_bits;
  int bias;
  int container_bits;  // width of the storage word the value travels in (8, 16, 32 or 64)
  int shift;           // position of the value's LSB in the container (tf32: 13)
  Specials specials;
  bool saturating;  // overflow and infinity give the largest finite value (OCP saturation mode)

  constexpr int width() const { return (specials == Specials::e8m0 ? 0 : 1) + exp_bits + frac_bits; }
  constexpr int emin() const { return 1 - bias; }  // exponent of the smallest normal
  constexpr std::uint32_t exp_mask() const { return (1u << exp_bits) - 1; }
  // 64-bit: binary64's fraction is 52 bits (a source format only).
  constexpr std::uint64_t frac_mask() const { return (std::uint64_t{1} << frac_bits) - 1; }
  constexpr std::uint64_t quiet_bit() const { return std::uint64_t{1} << (frac_bits - 1); }
  // Largest biased exponent of a finite number, and the largest fraction it may carry.
  constexpr std::uint32_t max_finite_exp() const {
    return specials == Specials::ieee || specials == Specials::e8m0 ? exp_mask() - 1 : exp_mask();
  }
  constexpr std::uint64_t max_finite_frac() const {
    return specials == Specials::fn ? frac_mask() - 1 : frac_mask();
  }
  constexpr bool has_negative_zero() const { return specials != Specials::fnuz && specials != Specials::e8m0; }
  constexpr bool has_nan() const { return specials != Specials::none; }
  // The value's own bits (width() of them), before the shift into the container.
  constexpr std::uint64_t value_mask() const {
    return width() == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << width()) - 1;
  }
  constexpr std::uint64_t container_mask() const {
    return container_bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << container_bits) - 1;
  }
};

//                                     name        e   f  bias cont shift specials        sat
// binary64 is a source only (f64_to_*): no operation's result is wider than binary32.
inline constexpr Format kBinary64{"binary64", 11, 52, 1023, 64, 0, Specials::ieee, false};
inline constexpr Format kBinary32{"binary32", 8, 23, 127, 32, 0, Specials::ieee, false};
inline constexpr Format kBinary16{"binary16", 5, 10, 15, 16, 0, Specials::ieee, false};
inline constexpr Format kBfloat16{"bfloat16", 8, 7, 127, 16, 0, Specials::ieee, false};
inline constexpr Format kTf32{"tf32", 8, 10, 127, 32, 13, Specials::ieee, false};
inline constexpr Format kE5m2{"e5m2", 5, 2, 15, 8, 0, Specials::ieee, false};
inline constexpr Format kE5m2Sat{"e5m2-sat", 5, 2, 15, 8, 0, Specials::ieee, true};
inline constexpr Format kE4m3fn{"e4m3fn", 4, 3, 7, 8, 0, Specials::fn, false};
inline constexpr Format kE4m3fnSat{"e4m3fn-sat", 4, 3, 7, 8, 0, Specials::fn, true};
inline constexpr Format kE4m3fnuz{"e4m3fnuz", 4, 3, 8, 8, 0, Specials::fnuz, false};
inline constexpr Format kE5m2fnuz{"e5m2fnuz", 5, 2, 16, 8, 0, Specials::fnuz, false};
// OCP MX v1.0's FP6 and FP4 elements: no infinity, so a conversion clamps to +-max finite; a NaN
// has no encoding and its conversion is the implementation's choice: the oracle gives +max finite
// and invalid, as CUDA's cuda_fp6.h and cuda_fp4.h document theirs.
inline constexpr Format kE3m2{"e3m2", 3, 2, 3, 8, 0, Specials::none, true};
inline constexpr Format kE2m3{"e2m3", 2, 3, 1, 8, 0, Specials::none, true};
inline constexpr Format kE2m1{"e2m1", 2, 1, 1, 8, 0, Specials::none, true};
inline constexpr Format kE8m0{"e8m0", 8, 0, 127, 8, 0, Specials::e8m0, false};

// Every format above, widest first: what `fpconform formats` describes.
inline constexpr const Format* kFormats[] = {&kBinary64, &kBinary32, &kTf32,     &kBinary16,   &kBfloat16,
                                             &kE5m2,     &kE5m2Sat,  &kE4m3fn,     &kE4m3fnSat,
                                             &kE5m2fnuz, &kE4m3fnuz, &kE3m2,       &kE2m3,
                                             &kE2m1,     &kE8m0};

}  // namespace fpconform
