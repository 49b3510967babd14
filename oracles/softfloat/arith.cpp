#include "oracles/softfloat/arith.hpp"

#include "oracles/softfloat/add.hpp"
#include "oracles/softfloat/arith_block_avx512.hpp"
#include "oracles/softfloat/div.hpp"
#include "oracles/softfloat/mul.hpp"
#include "oracles/softfloat/mul_add.hpp"
#include "oracles/softfloat/sqrt.hpp"

namespace fpconform::oracle {
namespace {

// One instance per format, so that the compiler folds the format's constants.
template <const Format& F>
[[gnu::always_inline]] inline Result arith_fixed(Arith which, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan) {
  switch (which) {
    case Arith::add: return detail::add_impl(F, F, a, b, false, r, t, nan);
    case Arith::sub: return detail::add_impl(F, F, a, b, true, r, t, nan);
    case Arith::mul: return detail::mul_impl(F, F, a, b, r, t, nan);
    case Arith::div: return detail::div_impl(F, F, a, b, r, t, nan);
    case Arith::sqrt: return detail::sqrt_impl(F, F, a, r, t, nan);
    case Arith::none: break;
  }
  return {};
}

template <const Format& F, Arith A>
void block_fixed(std::uint32_t first, std::size_t n, Rounding r, NanPolicy nan, std::uint16_t* out) {
  const int bits = F.container_bits;
  const std::uint32_t mask = (1u << bits) - 1;
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t w = first + static_cast<std::uint32_t>(k);
    const std::uint32_t a = A == Arith::sqrt ? w & mask : w >> bits, b = w & mask;
    out[k] = static_cast<std::uint16_t>(arith_fixed<F>(A, a, b, r, Tininess::after, nan).bits);
  }
}

template <const Format& F>
void block_format(Arith which, std::uint32_t first, std::size_t n, Rounding r, NanPolicy nan,
                  std::uint16_t* out) {
  switch (which) {
    case Arith::add: return block_fixed<F, Arith::add>(first, n, r, nan, out);
    case Arith::sub: return block_fixed<F, Arith::sub>(first, n, r, nan, out);
    case Arith::mul: return block_fixed<F, Arith::mul>(first, n, r, nan, out);
    case Arith::div: return block_fixed<F, Arith::div>(first, n, r, nan, out);
    case Arith::sqrt: return block_fixed<F, Arith::sqrt>(first, n, r, nan, out);
    case Arith::none: break;
  }
}

}  // namespace

void arith_block(Op op, std::uint32_t first, std::size_t n, Rounding r, NanPolicy nan,
                 std::uint16_t* out) {
  if (arith_block_avx512(op, first, n, r, nan, out)) return;
  const OpInfo& i = info(op);
  if (i.src == &kBinary16) return block_format<kBinary16>(i.arith, first, n, r, nan, out);
  if (i.src == &kBfloat16) return block_format<kBfloat16>(i.arith, first, n, r, nan, out);
  for (std::size_t k = 0; k < n; ++k)
    out[k] = static_cast<std::uint16_t>(arith(op, first + static_cast<std::uint32_t>(k), r, Tininess::after, nan).bits);
}

Result add(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan) {
  return detail::add_impl(f, f, a, b, false, r, t, nan);
}
Result sub(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan) {
  return detail::add_impl(f, f, a, b, true, r, t, nan);
}
Result mul(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan) {
  return detail::mul_impl(f, f, a, b, r, t, nan);
}
Result div(const Format& f, std::uint32_t a, std::uint32_t b, Rounding r, Tininess t, NanPolicy nan) {
  return detail::div_impl(f, f, a, b, r, t, nan);
}
Result sqrt(const Format& f, std::uint32_t a, Rounding r, Tininess t, NanPolicy nan) {
  return detail::sqrt_impl(f, f, a, r, t, nan);
}

Result mul_add(const Format& f, std::uint32_t a, std::uint32_t b, std::uint32_t c, Rounding r,
               Tininess t, NanPolicy nan) {
  return detail::mul_add_impl(f, f, a, b, c, r, t, nan);
}

Result arith(Op op, std::uint32_t word, Rounding r, Tininess t, NanPolicy nan) {
  const OpInfo& i = info(op);
  const std::uint32_t a = operand(op, word, 0);
  const std::uint32_t b = i.arity > 1 ? operand(op, word, 1) : 0;
  if (i.src == &kBinary16) return arith_fixed<kBinary16>(i.arith, a, b, r, t, nan);
  if (i.src == &kBfloat16) return arith_fixed<kBfloat16>(i.arith, a, b, r, t, nan);
  switch (i.arith) {
    case Arith::add: return add(*i.src, a, b, r, t, nan);
    case Arith::sub: return sub(*i.src, a, b, r, t, nan);
    case Arith::mul: return mul(*i.src, a, b, r, t, nan);
    case Arith::div: return div(*i.src, a, b, r, t, nan);
    case Arith::sqrt: return sqrt(*i.src, a, r, t, nan);
    case Arith::none: break;
  }
  return convert(op, word, r, t);
}

Result arith_into(Op op, std::uint32_t word, const Format& d, Rounding r, Tininess t, NanPolicy nan) {
  const OpInfo& i = info(op);
  const std::uint32_t a = operand(op, word, 0);
  const std::uint32_t b = i.arity > 1 ? operand(op, word, 1) : 0;
  switch (i.arith) {
    case Arith::add: return detail::add_impl(*i.src, d, a, b, false, r, t, nan);
    case Arith::sub: return detail::add_impl(*i.src, d, a, b, true, r, t, nan);
    case Arith::mul: return detail::mul_impl(*i.src, d, a, b, r, t, nan);
    case Arith::div: return detail::div_impl(*i.src, d, a, b, r, t, nan);
    case Arith::sqrt: return detail::sqrt_impl(*i.src, d, a, r, t, nan);
    case Arith::none: break;
  }
  return convert(*i.src, d, word, r, t);
}

Result evaluate(Op op, std::uint32_t word, Rounding r, Tininess t, NanPolicy nan) {
  return is_arithmetic(op) ? arith(op, word, r, t, nan) : convert(op, word, r, t);
}

}  // namespace fpconform::oracle
