#include "oracles/softfloat/arith.hpp"

#include "oracles/softfloat/add.hpp"
#include "oracles/softfloat/arith_block_avx512.hpp"
#include "oracles/softfloat/div.hpp"
#include "oracles/softfloat/mul.hpp"
#include "oracles/softfloat/mul_add.hpp"
#include "oracles/softfloat/mul_add_block_avx512.hpp"
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
    case Arith::mul_add:
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
    case Arith::mul_add:
    case Arith::none: break;
  }
}

// mulAdd's block: one (c, a), every b (operation.hpp, sweep_word).
template <const Format& F>
void mul_add_block(Op op, std::uint64_t first, std::size_t n, Rounding r, NanPolicy nan,
                   std::uint16_t* out) {
  if ((first & 0xFFFF) + n > 0x10000) {  // more than one (c, a): word by word
    for (std::size_t k = 0; k < n; ++k) {
      const Word w = sweep_word(op, first + k);
      out[k] = static_cast<std::uint16_t>(
          detail::mul_add_impl(F, F, static_cast<std::uint32_t>(w >> 32), (w >> 16) & 0xFFFF,
                               w & 0xFFFF, r, Tininess::after, nan).bits);
    }
    return;
  }
  const auto c = static_cast<std::uint32_t>(first >> 32);  // sweep_word: the index is c, a, b
  const auto a = static_cast<std::uint32_t>(first >> 16) & 0xFFFF;
  const auto b0 = static_cast<std::uint32_t>(first) & 0xFFFF;
  if (mul_add_block_avx512(op, a, c, b0, n, r, nan, out)) return;
  for (std::size_t k = 0; k < n; ++k)
    out[k] = static_cast<std::uint16_t>(
        detail::mul_add_impl(F, F, a, b0 + static_cast<std::uint32_t>(k), c, r, Tininess::after, nan).bits);
}

}  // namespace

void arith_block(Op op, std::uint64_t first, std::size_t n, Rounding r, NanPolicy nan,
                 std::uint16_t* out) {
  const OpInfo& i = info(op);
  if (i.arith == Arith::mul_add) {
    if (i.src == &kBinary16) return mul_add_block<kBinary16>(op, first, n, r, nan, out);
    if (i.src == &kBfloat16) return mul_add_block<kBfloat16>(op, first, n, r, nan, out);
  }
  const auto first32 = static_cast<std::uint32_t>(first);
  if (arith_block_avx512(op, first32, n, r, nan, out)) return;
  if (i.src == &kBinary16) return block_format<kBinary16>(i.arith, first32, n, r, nan, out);
  if (i.src == &kBfloat16) return block_format<kBfloat16>(i.arith, first32, n, r, nan, out);
  for (std::size_t k = 0; k < n; ++k)
    out[k] = static_cast<std::uint16_t>(arith(op, sweep_word(op, first + k), r, Tininess::after, nan).bits);
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

Result arith(Op op, Word word, Rounding r, Tininess t, NanPolicy nan) {
  return arith_into(op, word, *info(op).dst, r, t, nan);
}

Result arith_into(Op op, Word word, const Format& d, Rounding r, Tininess t, NanPolicy nan) {
  const OpInfo& i = info(op);
  const std::uint32_t a = operand(op, word, 0);
  const std::uint32_t b = i.arity > 1 ? operand(op, word, 1) : 0;
  const std::uint32_t c = i.arity > 2 ? operand(op, word, 2) : 0;
  if (&d == i.dst && i.arith != Arith::mul_add) {
    if (i.src == &kBinary16) return arith_fixed<kBinary16>(i.arith, a, b, r, t, nan);
    if (i.src == &kBfloat16) return arith_fixed<kBfloat16>(i.arith, a, b, r, t, nan);
  }
  switch (i.arith) {
    case Arith::add: return detail::add_impl(*i.src, d, a, b, false, r, t, nan);
    case Arith::sub: return detail::add_impl(*i.src, d, a, b, true, r, t, nan);
    case Arith::mul: return detail::mul_impl(*i.src, d, a, b, r, t, nan);
    case Arith::div: return detail::div_impl(*i.src, d, a, b, r, t, nan);
    case Arith::sqrt: return detail::sqrt_impl(*i.src, d, a, r, t, nan);
    case Arith::mul_add: return detail::mul_add_impl(*i.src, d, a, b, c, r, t, nan);
    case Arith::none: break;
  }
  return convert(*i.src, d, static_cast<std::uint32_t>(word), r, t);
}

Result evaluate(Op op, Word word, Rounding r, Tininess t, NanPolicy nan) {
  return is_arithmetic(op) ? arith(op, word, r, t, nan)
                           : convert(op, word, r, t);
}

}  // namespace fpconform::oracle
