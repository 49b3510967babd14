/* The test plug-ins' exact binary16 -> binary32 widening (plain C: a plug-in links nothing of
 * fpconform's). */
#ifndef FPCONFORM_TEST_F16_TO_F32_H
#define FPCONFORM_TEST_F16_TO_F32_H

#include <stdint.h>

static uint32_t f16_to_f32(uint16_t h) {
  const uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1Fu;
  uint32_t frac = h & 0x3FFu;
  if (exp == 0x1F) return sign | 0x7F800000u | (frac ? 0x00400000u : 0) | (frac << 13);
  if (exp != 0) return sign | ((exp + 112) << 23) | (frac << 13);
  if (frac == 0) return sign;
  uint32_t e = 113;
  while (!(frac & 0x400u)) {
    frac <<= 1;
    --e;
  }
  return sign | (e << 23) | ((frac & 0x3FFu) << 13);
}

#endif
