#include "oracles/softfloat/oracle.hpp"
#include "oracles/softfloat/unpacked.hpp"

namespace fpconform::oracle {

Result convert(const Format& src, const Format& dst, std::uint32_t in, Rounding r, Tininess t) {
  const Unpacked a = unpack(src, in);
  switch (a.kind) {
    case Unpacked::Kind::zero:
      return {pack(dst, a.sign, 0, 0), 0};
    case Unpacked::Kind::nan:
      return pack_nan(dst, src, a);
    case Unpacked::Kind::infinity:
      // OCP OFP8 saturation mode: infinity becomes the largest finite number. A format with no
      // infinity and no saturation has no valid result: NaN and invalid.
      if (dst.saturating) return {pack(dst, a.sign, dst.max_finite_exp(), dst.max_finite_frac()), 0};
      if (dst.specials == Specials::fn) return {pack(dst, a.sign, dst.exp_mask(), dst.frac_mask()), kInvalid};
      return pack_infinity(dst, a.sign);
    case Unpacked::Kind::finite:
      break;
  }
  return round_pack(dst, a.sign, a.exp, a.sig, r, t);
}

Result convert(Op op, std::uint32_t in, Rounding r, Tininess t) {
  const OpInfo& i = info(op);
  return convert(*i.src, *i.dst, in, r, t);
}

Result f16_to_f32(std::uint16_t a) { return convert(kBinary16, kBinary32, a, Rounding::rne); }
Result bf16_to_f32(std::uint16_t a) { return convert(kBfloat16, kBinary32, a, Rounding::rne); }
Result e4m3_to_f32(std::uint8_t a) { return convert(kE4m3fn, kBinary32, a, Rounding::rne); }
Result e5m2_to_f32(std::uint8_t a) { return convert(kE5m2, kBinary32, a, Rounding::rne); }
Result f32_to_f16(std::uint32_t a, Rounding r, Tininess t) { return convert(kBinary32, kBinary16, a, r, t); }
Result f32_to_bf16(std::uint32_t a, Rounding r, Tininess t) { return convert(kBinary32, kBfloat16, a, r, t); }
Result f32_to_tf32(std::uint32_t a, Rounding r, Tininess t) { return convert(kBinary32, kTf32, a, r, t); }
Result f32_to_e4m3(std::uint32_t a, Rounding r, Tininess t) { return convert(kBinary32, kE4m3fn, a, r, t); }
Result f32_to_e4m3_sat(std::uint32_t a, Rounding r, Tininess t) { return convert(kBinary32, kE4m3fnSat, a, r, t); }
Result f32_to_e5m2(std::uint32_t a, Rounding r, Tininess t) { return convert(kBinary32, kE5m2, a, r, t); }
Result f32_to_e5m2_sat(std::uint32_t a, Rounding r, Tininess t) { return convert(kBinary32, kE5m2Sat, a, r, t); }

}  // namespace fpconform::oracle
