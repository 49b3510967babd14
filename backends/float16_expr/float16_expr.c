/* The same _Float16 source lines, compiled once per flag set (CMakeLists.txt names them): what
 * each set of GCC's flags makes of `a + b`, `a - b`, `a * b`, `a / b`, `a * b + c` and of
 * `(_Float16)d` for a double d. FLAGSET
 * names the functions; the file is C, and C++ for the cxx20 set (float16_expr_cxx.cpp). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FPCONFORM_CAT2(a, b) a##b
#define FPCONFORM_CAT(a, b) FPCONFORM_CAT2(a, b)
#define FPCONFORM_FN(op) FPCONFORM_CAT(FPCONFORM_CAT(fpconform_float16_, FLAGSET), op)

/* Buffers may be unaligned: every word goes through memcpy. */
static _Float16 half_at(const unsigned char* p, size_t i, int high) {
  uint32_t w;
  memcpy(&w, p + 4 * i, 4);
  const uint16_t x = (uint16_t)(high ? w >> 16 : w & 0xFFFF);
  _Float16 v;
  memcpy(&v, &x, 2);
  return v;
}

static void store_half(unsigned char* p, size_t i, _Float16 v) { memcpy(p + 2 * i, &v, 2); }

#define FPCONFORM_BINARY(op, expr)                                                  \
  void FPCONFORM_FN(op)(const void* in, void* out, size_t n) {                      \
    const unsigned char* src = (const unsigned char*)in;                           \
    unsigned char* dst = (unsigned char*)out;                                      \
    for (size_t i = 0; i < n; ++i) {                                               \
      const _Float16 a = half_at(src, i, 1), b = half_at(src, i, 0);               \
      store_half(dst, i, expr);                                                    \
    }                                                                              \
  }

FPCONFORM_BINARY(_add, a + b)
FPCONFORM_BINARY(_sub, a - b)
FPCONFORM_BINARY(_mul, a * b)
FPCONFORM_BINARY(_div, a / b)

/* The line whose meaning the flags change (contraction, excess precision): f16_mulAdd. Its
 * lowering is checked by check_lowering.cmake on this function. */
_Float16 FPCONFORM_FN(_mul_add)(_Float16 a, _Float16 b, _Float16 c) { return a * b + c; }

static _Float16 half_of(uint16_t x) {
  _Float16 v;
  memcpy(&v, &x, 2);
  return v;
}

/* f16_mulAdd's words are 48 bits in 64: a, b, c. */
void FPCONFORM_FN(_mul_add_batch)(const void* in, void* out, size_t n) {
  const unsigned char* src = (const unsigned char*)in;
  unsigned char* dst = (unsigned char*)out;
  for (size_t i = 0; i < n; ++i) {
    uint64_t w;
    memcpy(&w, src + 8 * i, 8);
    store_half(dst, i, FPCONFORM_FN(_mul_add)(half_of((uint16_t)(w >> 32)),
                                              half_of((uint16_t)(w >> 16)), half_of((uint16_t)w)));
  }
}

/* f64_to_f16: a double's conversion, as C writes it (8-byte words in). */
void FPCONFORM_FN(_from_double)(const void* in, void* out, size_t n) {
  const unsigned char* src = (const unsigned char*)in;
  unsigned char* dst = (unsigned char*)out;
  for (size_t i = 0; i < n; ++i) {
    double d;
    memcpy(&d, src + 8 * i, 8);
    store_half(dst, i, (_Float16)d);
  }
}

#ifdef __cplusplus
}
#endif
