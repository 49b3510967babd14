#include "oracles/softfloat/oracle.hpp"

#include <stdexcept>
#include <string>

#include "oracles/softfloat/round_pack.hpp"
#include "oracles/softfloat/unpack.hpp"

namespace fpconform::oracle {
namespace {

// The whole conversion, for any pair of formats. Instantiated below with each operation's formats
// as constants so that the compiler folds them; the algorithm is the same for all.
[[gnu::always_inline]] inline Result convert_impl(const Format& src, const Format& dst,
                                                  std::uint64_t in, Rounding r, Tininess t) {
  const Unpacked a = unpack(src, in);
  switch (a.kind) {
    case Unpacked::Kind::zero:
      return {pack_zero(dst, a.sign), 0};
    case Unpacked::Kind::nan:
      return pack_nan(dst, src, a);
    case Unpacked::Kind::infinity:
      // OCP OFP8 saturation mode: infinity becomes the largest finite number. A format with no
      // infinity and no saturation has no valid result: NaN and invalid.
      if (dst.saturating || dst.specials == Specials::none)
        return {pack(dst, a.sign, dst.max_finite_exp(), dst.max_finite_frac()), 0};
      if (dst.specials == Specials::fn)
        return {pack(dst, a.sign, dst.exp_mask(), dst.frac_mask()), kInvalid};
      if (dst.specials == Specials::fnuz) return {pack(dst, true, 0, 0), kInvalid};
      return pack_infinity(dst, a.sign);
    case Unpacked::Kind::finite:
      break;
  }
  return round_pack(dst, a.sign, a.exp, a.sig, r, t);
}

template <const Format& Src, const Format& Dst>
Result convert_fixed(std::uint64_t in, Rounding r, Tininess t) {
  return convert_impl(Src, Dst, in, r, t);
}

}  // namespace

Result convert(const Format& src, const Format& dst, std::uint64_t in, Rounding r, Tininess t) {
  return convert_impl(src, dst, in, r, t);
}

Result f16_to_f32(std::uint16_t a) { return convert_fixed<kBinary16, kBinary32>(a, Rounding::rne, Tininess::after); }
Result bf16_to_f32(std::uint16_t a) { return convert_fixed<kBfloat16, kBinary32>(a, Rounding::rne, Tininess::after); }
Result e4m3_to_f32(std::uint8_t a) { return convert_fixed<kE4m3fn, kBinary32>(a, Rounding::rne, Tininess::after); }
Result e5m2_to_f32(std::uint8_t a) { return convert_fixed<kE5m2, kBinary32>(a, Rounding::rne, Tininess::after); }
Result f32_to_f16(std::uint32_t a, Rounding r, Tininess t) { return convert_fixed<kBinary32, kBinary16>(a, r, t); }
Result f32_to_bf16(std::uint32_t a, Rounding r, Tininess t) { return convert_fixed<kBinary32, kBfloat16>(a, r, t); }
Result f32_to_tf32(std::uint32_t a, Rounding r, Tininess t) { return convert_fixed<kBinary32, kTf32>(a, r, t); }
Result f32_to_e4m3(std::uint32_t a, Rounding r, Tininess t) { return convert_fixed<kBinary32, kE4m3fn>(a, r, t); }
Result f32_to_e4m3_sat(std::uint32_t a, Rounding r, Tininess t) { return convert_fixed<kBinary32, kE4m3fnSat>(a, r, t); }
Result f32_to_e5m2(std::uint32_t a, Rounding r, Tininess t) { return convert_fixed<kBinary32, kE5m2>(a, r, t); }
Result f32_to_e5m2_sat(std::uint32_t a, Rounding r, Tininess t) { return convert_fixed<kBinary32, kE5m2Sat>(a, r, t); }

namespace {
template <const Format& Src>
Result widen_fixed(std::uint32_t a) { return convert_fixed<Src, kBinary32>(a, Rounding::rne, Tininess::after); }
}  // namespace

Result convert(Op op, std::uint64_t in, Rounding r, Tininess t) {
  switch (op) {
    case Op::f16_to_f32: return f16_to_f32(static_cast<std::uint16_t>(in));
    case Op::bf16_to_f32: return bf16_to_f32(static_cast<std::uint16_t>(in));
    case Op::e4m3_to_f32: return e4m3_to_f32(static_cast<std::uint8_t>(in));
    case Op::e5m2_to_f32: return e5m2_to_f32(static_cast<std::uint8_t>(in));
    case Op::f32_to_f16: return f32_to_f16(in, r, t);
    case Op::f32_to_bf16: return f32_to_bf16(in, r, t);
    case Op::f32_to_tf32: return f32_to_tf32(in, r, t);
    case Op::f32_to_e4m3: return f32_to_e4m3(in, r, t);
    case Op::f32_to_e4m3_sat: return f32_to_e4m3_sat(in, r, t);
    case Op::f32_to_e5m2: return f32_to_e5m2(in, r, t);
    case Op::f32_to_e5m2_sat: return f32_to_e5m2_sat(in, r, t);
    case Op::e4m3fnuz_to_f32: return widen_fixed<kE4m3fnuz>(in);
    case Op::e5m2fnuz_to_f32: return widen_fixed<kE5m2fnuz>(in);
    case Op::e3m2_to_f32: return widen_fixed<kE3m2>(in);
    case Op::e2m3_to_f32: return widen_fixed<kE2m3>(in);
    case Op::e2m1_to_f32: return widen_fixed<kE2m1>(in);
    case Op::f32_to_e4m3fnuz: return convert_fixed<kBinary32, kE4m3fnuz>(in, r, t);
    case Op::f32_to_e5m2fnuz: return convert_fixed<kBinary32, kE5m2fnuz>(in, r, t);
    case Op::f32_to_e3m2: return convert_fixed<kBinary32, kE3m2>(in, r, t);
    case Op::f32_to_e2m3: return convert_fixed<kBinary32, kE2m3>(in, r, t);
    case Op::f32_to_e2m1: return convert_fixed<kBinary32, kE2m1>(in, r, t);
    case Op::f64_to_f32: return convert_fixed<kBinary64, kBinary32>(in, r, t);
    case Op::f64_to_f16: return convert_fixed<kBinary64, kBinary16>(in, r, t);
    case Op::f64_to_bf16: return convert_fixed<kBinary64, kBfloat16>(in, r, t);
    default:
      if (is_arithmetic(op))
        throw std::invalid_argument(std::string(name(op)) + " is arithmetic: oracle::evaluate");
  }
  return convert(*info(op).src, *info(op).dst, in, r, t);
}

}  // namespace fpconform::oracle
