/* Plug-ins with one defect each, for the loader's and the isolation's tests (and the robustness
 * checks'). One source, built once per defect with -DBAD_<DEFECT> (CMakeLists.txt): a correct
 * f16_to_f32 in which exactly that defect is planted.
 *
 *   crash             convert dereferences NULL                       -> SIGSEGV in the child
 *   abort             convert calls abort()                           -> SIGABRT in the child
 *   hang              convert never returns                           -> killed at the timeout
 *   fails             convert returns 5                               -> failed run, its reason
 *   wrong_abi         abi_version 7                                   -> refused, exit 2
 *   null_name         name is NULL                                    -> refused, exit 2
 *   no_entry          fpconform_plugin_entry is not exported          -> refused, exit 2
 *   bad_op            lists op 42                                     -> refused, exit 2
 *   name_clash        calls itself "portable"                         -> refused, exit 2
 *   gemm_crash        a GEMM that dereferences NULL                   -> failed INT8 case
 *   overrun           writes one element past the end of out
 *   scribble          writes into its input
 *   nondeterministic  the result depends on how often it was called
 */
#include <stdlib.h>
#include <string.h>

#include "fpconform/plugin.h"

#if defined(BAD_NO_ENTRY)
#define EXPORT /* hidden, as every other symbol */
#else
#define EXPORT __attribute__((visibility("default")))
#endif

#define STR2(x) #x
#define STR(x) STR2(x)

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

static int convert(uint32_t op, uint32_t rounding, const void* in, void* out, size_t n,
                   uint8_t* flags) {
  (void)rounding;
  (void)flags;
  if (op != FPCONFORM_F16_TO_F32) return 1;
#if defined(BAD_CRASH)
  *(volatile int*)NULL = 1;
#elif defined(BAD_ABORT)
  abort();
#elif defined(BAD_HANG)
  for (volatile int spin = 1; spin;) {
  }
#elif defined(BAD_FAILS)
  return 5;
#endif
  const unsigned char* src = (const unsigned char*)in;
  unsigned char* dst = (unsigned char*)out;
  for (size_t i = 0; i < n; ++i) {
    uint16_t h;
    memcpy(&h, src + 2 * i, 2);
    uint32_t f = f16_to_f32(h);
#if defined(BAD_NONDETERMINISTIC)
    static unsigned calls; /* every third element converted since loading is off by one */
    if (++calls % 3 == 0) f ^= 1;
#endif
    memcpy(dst + 4 * i, &f, 4);
  }
#if defined(BAD_OVERRUN)
  const uint32_t past = 0xDEADBEEFu;
  memcpy(dst + 4 * n, &past, 4);
#elif defined(BAD_SCRIBBLE)
  if (n) memset((void*)in, 0xA5, 2);
#endif
  return 0;
}

#if defined(BAD_GEMM_CRASH)
static int gemm(int a_unsigned, int m, int n, int k, const void* a, const int8_t* b, int32_t* c) {
  (void)a_unsigned, (void)m, (void)n, (void)k, (void)a, (void)b, (void)c;
  *(volatile int*)NULL = 1;
  return 0;
}
#define GEMM gemm
#define GEMM_TYPES (FPCONFORM_GEMM_S8_A | FPCONFORM_GEMM_U8_A)
#else
#define GEMM NULL
#define GEMM_TYPES 0
#endif

static const fpconform_conversion kConversions[] = {
    {FPCONFORM_F16_TO_F32, FPCONFORM_RNE},
#if defined(BAD_BAD_OP)
    {42, FPCONFORM_RNE},
#endif
};

static const fpconform_plugin kPlugin = {
#if defined(BAD_WRONG_ABI)
    .abi_version = 7,
#else
    .abi_version = FPCONFORM_PLUGIN_ABI_VERSION,
#endif
    .struct_size = sizeof(fpconform_plugin),
#if defined(BAD_NULL_NAME)
    .name = NULL,
#elif defined(BAD_NAME_CLASH)
    .name = "portable",
#else
    .name = "bad-" STR(BAD_NAME),
#endif
    .description = "a plug-in with one planted defect: " STR(BAD_NAME),
    .conversions = kConversions,
    .conversion_count = sizeof kConversions / sizeof kConversions[0],
    .convert = convert,
    .reports_flags = 0,
    .tininess_before = 0,
    .gemm = GEMM,
    .gemm_a_types = GEMM_TYPES,
};

EXPORT const fpconform_plugin* fpconform_plugin_entry(void) { return &kPlugin; }
