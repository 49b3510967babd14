/* An example vendor plug-in for fpconform: binary16 <-> binary32 in portable C, correct under
 * IEEE 754-2019 (round to nearest, ties to even; subnormals; overflow to infinity; NaNs quieted
 * with their sign and top payload bits), binary16 add and multiply rounded to nearest even with
 * x86's NaNs, and an exact int8 GEMM. It needs nothing from fpconform but plugin.h.
 *
 *   binary32  s eeeeeeee fffffffffffffffffffffff   (bias 127)
 *   binary16  s eeeee    ffffffffff                (bias 15)
 */
#include <string.h>

#include "fpconform/plugin.h"

#define EXPORT __attribute__((visibility("default")))

static uint32_t f16_to_f32(uint16_t h) {
  const uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1Fu;
  uint32_t frac = h & 0x3FFu;
  if (exp == 0x1F) /* infinity; a NaN keeps its payload, made quiet */
    return sign | 0x7F800000u | (frac ? 0x00400000u : 0) | (frac << 13);
  if (exp != 0) return sign | ((exp + 127 - 15) << 23) | (frac << 13);
  if (frac == 0) return sign;
  /* Subnormal: frac * 2^-24. Normalize until the implicit bit (bit 10) is set. */
  uint32_t e = 127 - 14;
  while (!(frac & 0x400u)) {
    frac <<= 1;
    --e;
  }
  return sign | (e << 23) | ((frac & 0x3FFu) << 13);
}

/* Rounds sig >> shift to nearest, ties to even (1 <= shift <= 31). */
static uint32_t shift_rne(uint32_t sig, unsigned shift) {
  const uint32_t q = sig >> shift;
  const uint32_t rest = sig & ((1u << shift) - 1);
  const uint32_t half = 1u << (shift - 1);
  return q + (rest > half || (rest == half && (q & 1)));
}

static uint16_t f32_to_f16_rne(uint32_t x) {
  const uint16_t sign = (uint16_t)((x >> 16) & 0x8000u);
  const uint32_t exp = (x >> 23) & 0xFFu;
  const uint32_t frac = x & 0x7FFFFFu;
  if (exp == 0xFF) /* infinity; a NaN keeps its top payload bits, made quiet */
    return (uint16_t)(sign | 0x7C00u | (frac ? 0x0200u | (frac >> 13) : 0));
  if (exp == 0) return sign; /* zero or binary32 subnormal: below half the least binary16 */
  const uint32_t sig = frac | 0x800000u; /* 24 bits: value = sig * 2^(exp - 150) */
  if (exp >= 113) {
    /* Normal range: drop 13 bits; a carry out of the fraction moves into the exponent, and
     * from the largest finite number into infinity, as round-to-nearest requires. */
    if (exp > 142) return (uint16_t)(sign | 0x7C00u);
    return (uint16_t)(sign | (((exp - 112) << 10) + shift_rne(sig, 13) - 0x400u));
  }
  /* Subnormal result: the value in units of 2^-24 is sig * 2^(exp - 126). A carry into bit 10
   * gives the least normal number's encoding, which is right. */
  const unsigned shift = 126 - exp; /* 14 .. 125 */
  if (shift > 24) return sign;      /* below a quarter of the least subnormal */
  return (uint16_t)(sign | shift_rne(sig, shift));
}

static int convert(uint32_t op, uint32_t rounding, const void* in, void* out, size_t n,
                   uint8_t* flags) {
  (void)flags; /* reports_flags is 0: fpconform passes NULL */
  const unsigned char* src = (const unsigned char*)in;
  unsigned char* dst = (unsigned char*)out;
  if (op == FPCONFORM_F16_TO_F32) {
    for (size_t i = 0; i < n; ++i) {
      uint16_t h;
      memcpy(&h, src + 2 * i, 2); /* buffers may be unaligned */
      const uint32_t f = f16_to_f32(h);
      memcpy(dst + 4 * i, &f, 4);
    }
    return 0;
  }
  if (op == FPCONFORM_F32_TO_F16 && rounding == FPCONFORM_RNE) {
    for (size_t i = 0; i < n; ++i) {
      uint32_t f;
      memcpy(&f, src + 4 * i, 4);
      const uint16_t h = f32_to_f16_rne(f);
      memcpy(dst + 2 * i, &h, 2);
    }
    return 0;
  }
  if (op == FPCONFORM_F64_TO_F32 && rounding == FPCONFORM_RNE) { /* ABI 3: 8-byte inputs */
    for (size_t i = 0; i < n; ++i) {
      double d;
      memcpy(&d, src + 8 * i, 8);
      const float f = (float)d; /* one rounding, in the default mode (to nearest even) */
      memcpy(dst + 4 * i, &f, 4);
    }
    return 0;
  }
  return 1; /* not in the table: fpconform never asks */
}

static uint32_t float_bits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

static float bits_float(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

/* a + b or a * b in binary16, rounded to nearest even. Both operands widen to binary32 exactly;
 * the product is exact there (22 bits), the sum is rounded once there and again to binary16,
 * which gives the correctly rounded sum since binary32's 24 bits are >= 2p + 2 for binary16's
 * p = 11 (Figueroa, "When is double rounding innocuous?", 1995). NaNs are chosen here, not left
 * to the compiler's operand order: x86's rule, the first NaN operand quieted, and for an invalid
 * operation (inf - inf, 0 * inf) the negative default NaN 0xFE00. */
static uint16_t f16_add_mul(uint32_t op, uint16_t a, uint16_t b) {
  if ((a & 0x7FFFu) > 0x7C00u) return (uint16_t)(a | 0x0200u);
  if ((b & 0x7FFFu) > 0x7C00u) return (uint16_t)(b | 0x0200u);
  const float x = bits_float(f16_to_f32(a)), y = bits_float(f16_to_f32(b));
  const float r = op == FPCONFORM_F16_ADD ? x + y : x * y;
  if (r != r) return 0xFE00u;
  return f32_to_f16_rne(float_bits(r));
}

/* out[i] = a[i] op b[i]; c is NULL for two-operand ops. */
static int arith(uint32_t op, uint32_t rounding, const void* a, const void* b, const void* c,
                 void* out, size_t n, uint8_t* flags) {
  (void)c;
  (void)flags;
  if ((op != FPCONFORM_F16_ADD && op != FPCONFORM_F16_MUL) || rounding != FPCONFORM_RNE) return 1;
  for (size_t i = 0; i < n; ++i) {
    uint16_t x, y;
    memcpy(&x, (const unsigned char*)a + 2 * i, 2);
    memcpy(&y, (const unsigned char*)b + 2 * i, 2);
    const uint16_t r = f16_add_mul(op, x, y);
    memcpy((unsigned char*)out + 2 * i, &r, 2);
  }
  return 0;
}

/* C = A x B exactly: int8 or uint8 A (m x k), int8 B (k x n), int32 C (m x n), all row-major.
 * A sum that does not fit int32 wraps (fpconform flags those and does not compare them). */
static int gemm(int a_unsigned, int m, int n, int k, const void* a, const int8_t* b, int32_t* c) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      int64_t sum = 0;
      for (int p = 0; p < k; ++p) {
        const int32_t x = a_unsigned ? ((const uint8_t*)a)[(size_t)i * k + p]
                                     : ((const int8_t*)a)[(size_t)i * k + p];
        sum += (int64_t)x * b[(size_t)p * n + j];
      }
      c[(size_t)i * n + j] = (int32_t)(uint32_t)(uint64_t)sum;
    }
  return 0;
}

static const fpconform_conversion kConversions[] = {
    {FPCONFORM_F16_TO_F32, FPCONFORM_RNE}, /* widening: exact, listed with RNE */
    {FPCONFORM_F32_TO_F16, FPCONFORM_RNE},
    {FPCONFORM_F64_TO_F32, FPCONFORM_RNE},
};

static const fpconform_conversion kArithmetic[] = {
    {FPCONFORM_F16_ADD, FPCONFORM_RNE},
    {FPCONFORM_F16_MUL, FPCONFORM_RNE},
};

static const fpconform_plugin kPlugin = {
    .abi_version = FPCONFORM_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(fpconform_plugin),
    .name = "vendor-example",
    .description = "example vendor plug-in: binary16 <-> binary32, binary64 -> binary32, binary16 add and multiply and an int8 GEMM in portable C",
    .conversions = kConversions,
    .conversion_count = sizeof kConversions / sizeof kConversions[0],
    .convert = convert,
    .reports_flags = 0,
    .tininess_before = 0,
    .gemm = gemm,
    .gemm_a_types = FPCONFORM_GEMM_S8_A | FPCONFORM_GEMM_U8_A,
    .arithmetic = kArithmetic,
    .arithmetic_count = sizeof kArithmetic / sizeof kArithmetic[0],
    .arith = arith,
    .nan_policy = FPCONFORM_NAN_X86,
};

EXPORT const fpconform_plugin* fpconform_plugin_entry(void) { return &kPlugin; }
