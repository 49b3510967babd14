/* The smallest useful plug-in: binary16 -> binary32, exact, so it must pass the strict profile.
 *
 *   binary16  s eeeee ffffffffff           binary32  s eeeeeeee fffffffffffffffffffffff
 *   normal:   exponent rebias 15 -> 127, fraction << 13
 *   subnormal (e = 0, f != 0): f * 2^-24, normalized into a binary32 normal
 *   e = 31:   infinity (f = 0) or NaN; a signaling NaN is quieted (IEEE 754-2019 6.2.1), its
 *             payload kept: sign | 0x7F800000 | 0x00400000 | f << 13
 */
#include <fpconform/plugin.h>
#include <string.h>

static uint32_t f16_to_f32_bits(uint16_t h) {
  uint32_t sign = (uint32_t)(h >> 15) << 31;
  uint32_t exponent = (h >> 10) & 0x1Fu;
  uint32_t fraction = h & 0x3FFu;
  if (exponent == 0x1Fu)
    return fraction == 0 ? sign | 0x7F800000u : sign | 0x7F800000u | 0x00400000u | fraction << 13;
  if (exponent != 0)
    return sign | (exponent + 127 - 15) << 23 | fraction << 13;
  if (fraction == 0)
    return sign;
  uint32_t shift = 0; /* until the leading 1 reaches the implicit bit, 2^10 */
  while ((fraction & 0x400u) == 0) {
    fraction <<= 1;
    ++shift;
  }
  return sign | (127 - 14 - shift) << 23 | (fraction & 0x3FFu) << 13;
}

static int convert(uint32_t op, uint32_t rounding, const void* in, void* out, size_t n,
                   uint8_t* flags) {
  (void)rounding; /* exact: every mode gives the same result */
  (void)flags;    /* reports_flags is 0 */
  if (op != FPCONFORM_F16_TO_F32)
    return 1;
  const unsigned char* src = in;
  unsigned char* dst = out;
  for (size_t i = 0; i < n; ++i) { /* buffers may be unaligned */
    uint16_t h;
    memcpy(&h, src + 2 * i, sizeof h);
    uint32_t f = f16_to_f32_bits(h);
    memcpy(dst + 4 * i, &f, sizeof f);
  }
  return 0;
}

static const fpconform_conversion conversions[] = {{FPCONFORM_F16_TO_F32, FPCONFORM_RNE}};

static const fpconform_plugin plugin = {
    .abi_version = FPCONFORM_PLUGIN_ABI_VERSION,
    .struct_size = sizeof(fpconform_plugin),
    .name = "tiny-f16",
    .description = "binary16 to binary32 in portable C (fpconform's package test)",
    .conversions = conversions,
    .conversion_count = sizeof conversions / sizeof conversions[0],
    .convert = convert,
    .reports_flags = 0,
    .tininess_before = 0,
    .gemm = NULL,
    .gemm_a_types = 0,
};

const fpconform_plugin* fpconform_plugin_entry(void) { return &plugin; }
