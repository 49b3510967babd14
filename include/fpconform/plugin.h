/* fpconform's plug-in ABI: how a vendor's shared library offers its conversions, its arithmetic
 * (and, optionally, an int8 GEMM) to `fpconform check --plugin path/to/libvendor.so`. Plain C, no
 * fpconform headers or libraries needed to build a plug-in: copy nothing, include this file.
 *
 * A plug-in exports one function, FPCONFORM_PLUGIN_ENTRY ("fpconform_plugin_entry"), returning a
 * pointer to a table that lives as long as the library is loaded. The loader checks, and refuses
 * with a clear error (exit status 2):
 *   - the symbol is exported;
 *   - abi_version is 1, 2 or 3 (FPCONFORM_PLUGIN_ABI_VERSION): a version-1 table (the fields up to
 *     gemm_a_types) loads unchanged and offers no arithmetic; version 3 has version 2's table and
 *     adds the binary64 sources (ops 33..44), which an older table may not list;
 *   - struct_size >= the version's size (later minor additions only append fields);
 *   - name is non-null, 1..64 characters of [A-Za-z0-9._-];
 *   - every conversion's op is a conversion, every arithmetic entry's op an arithmetic op, every
 *     rounding known; convert is non-null when there are conversions, arith when there is
 *     arithmetic; nan_policy is known; gemm is non-null when gemm_a_types is nonzero.
 * The plug-in is then loaded only in a subject process that computes and judges nothing: fpconform
 * hands it inputs in shared memory (read-only there), in an order it cannot predict, copies the
 * output words back and compares them with its oracle in its own process. A crash, a hang, a
 * write outside the output buffers (each ends at a guard page, canaries before it), a process left
 * running, or a changed floating-point control register (MXCSR, FPCR) fails the run, with the
 * first input that crashes it where there is one. The subject has no controlling terminal, no
 * capabilities, no core files, a 16 GiB address space and a CPU-time limit per run; what it
 * writes to stdout and stderr is shown with the run.
 */
#ifndef FPCONFORM_PLUGIN_H
#define FPCONFORM_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FPCONFORM_PLUGIN_ABI_VERSION 3u
#define FPCONFORM_PLUGIN_ENTRY "fpconform_plugin_entry"

/* Operations, named and numbered as fpconform names them (a stable part of the ABI; later ones
 * are appended). Values travel in their storage words: uint8_t (E4M3, E5M2), uint16_t
 * (binary16, bfloat16), uint32_t (binary32; TF32 as binary32 with the 13 low fraction bits
 * zero); FP6 and FP4 in the low bits of a uint8_t; binary64 in a uint64_t (version 3).
 * Conversions (0..10, 23..) go to convert, arithmetic (11..22; version 2) to arith. */
enum fpconform_op {
  FPCONFORM_F16_TO_F32 = 0,
  FPCONFORM_BF16_TO_F32 = 1,
  FPCONFORM_E4M3_TO_F32 = 2,
  FPCONFORM_E5M2_TO_F32 = 3,
  FPCONFORM_F32_TO_F16 = 4,
  FPCONFORM_F32_TO_BF16 = 5,
  FPCONFORM_F32_TO_TF32 = 6,
  FPCONFORM_F32_TO_E4M3 = 7,
  FPCONFORM_F32_TO_E4M3_SAT = 8,
  FPCONFORM_F32_TO_E5M2 = 9,
  FPCONFORM_F32_TO_E5M2_SAT = 10,
  /* Version 2: arithmetic on one format, operands and result in its storage words. */
  FPCONFORM_F16_ADD = 11, /* a + b */
  FPCONFORM_F16_SUB = 12, /* a - b */
  FPCONFORM_F16_MUL = 13, /* a * b */
  FPCONFORM_F16_DIV = 14, /* a / b */
  FPCONFORM_F16_SQRT = 15, /* sqrt(a) */
  FPCONFORM_BF16_ADD = 16,
  FPCONFORM_BF16_SUB = 17,
  FPCONFORM_BF16_MUL = 18,
  FPCONFORM_BF16_DIV = 19,
  FPCONFORM_BF16_SQRT = 20,
  FPCONFORM_F16_MULADD = 21, /* a * b + c, rounded once (fusedMultiplyAdd) */
  FPCONFORM_BF16_MULADD = 22,
  /* Appended in version 2: FP8 without -0 or infinity (fnuz), OCP MX FP6 and FP4. */
  FPCONFORM_E4M3FNUZ_TO_F32 = 23,
  FPCONFORM_E5M2FNUZ_TO_F32 = 24,
  FPCONFORM_E3M2_TO_F32 = 25,
  FPCONFORM_E2M3_TO_F32 = 26,
  FPCONFORM_E2M1_TO_F32 = 27,
  FPCONFORM_F32_TO_E4M3FNUZ = 28,
  FPCONFORM_F32_TO_E5M2FNUZ = 29,
  FPCONFORM_F32_TO_E3M2 = 30,
  FPCONFORM_F32_TO_E2M3 = 31,
  FPCONFORM_F32_TO_E2M1 = 32,
  /* Appended in version 3: binary64 sources, rounded once (in: uint64_t words). */
  FPCONFORM_F64_TO_F32 = 33,
  FPCONFORM_F64_TO_F16 = 34,
  FPCONFORM_F64_TO_BF16 = 35,
  FPCONFORM_F64_TO_E4M3 = 36,
  FPCONFORM_F64_TO_E4M3_SAT = 37,
  FPCONFORM_F64_TO_E5M2 = 38,
  FPCONFORM_F64_TO_E5M2_SAT = 39,
  FPCONFORM_F64_TO_E4M3FNUZ = 40,
  FPCONFORM_F64_TO_E5M2FNUZ = 41,
  FPCONFORM_F64_TO_E3M2 = 42,
  FPCONFORM_F64_TO_E2M3 = 43,
  FPCONFORM_F64_TO_E2M1 = 44
};

/* Which NaN the arithmetic returns (IEEE 754-2019 6.2.3 leaves it to the implementation); the
 * NaN fpconform expects follows it.
 *   X86:             the first operand that is a NaN, quieted; an invalid operation without NaN
 *                    operands (0 * inf, inf - inf) gives the negative default NaN (0xFE00, 0xFFC0)
 *   ARM:             a signaling NaN before a quiet one, the first of each, quieted; the
 *                    default NaN is positive (0x7E00, 0x7FC0)
 *   ARM_DEFAULT_NAN: every NaN result is the positive default NaN (Arm with FPCR.DN)
 *   CANONICAL:       every NaN result is 0x7FFF */
enum fpconform_nan_policy {
  FPCONFORM_NAN_X86 = 0,
  FPCONFORM_NAN_ARM = 1,
  FPCONFORM_NAN_ARM_DEFAULT_NAN = 2,
  FPCONFORM_NAN_CANONICAL = 3
};

/* Rounding modes. Widening conversions are exact: list them with FPCONFORM_RNE. */
enum fpconform_rounding {
  FPCONFORM_RNE = 0, /* roundTiesToEven */
  FPCONFORM_RTZ = 1, /* roundTowardZero */
  FPCONFORM_RDN = 2, /* roundTowardNegative */
  FPCONFORM_RUP = 3, /* roundTowardPositive */
  FPCONFORM_RNA = 4  /* roundTiesToAway */
};

/* TestFloat's flag bits, for plug-ins that report IEEE exceptions. */
#define FPCONFORM_FLAG_INEXACT 0x01u
#define FPCONFORM_FLAG_UNDERFLOW 0x02u
#define FPCONFORM_FLAG_OVERFLOW 0x04u
#define FPCONFORM_FLAG_INVALID 0x10u

/* One (op, rounding) pair a plug-in implements: a conversion, or (version 2) an arithmetic op. */
typedef struct fpconform_conversion {
  uint32_t op;       /* enum fpconform_op */
  uint32_t rounding; /* enum fpconform_rounding */
} fpconform_conversion;

/* Converts n elements: in holds n source words, out receives n destination words. Buffers may
 * be unaligned, n may be 0; in must not be written. flags is NULL, or (when reports_flags) n
 * bytes to fill with the exceptions of each element. Called from any thread, possibly from two
 * at once. Returns 0, or nonzero on failure (the run is then reported failed). */
typedef int (*fpconform_convert_fn)(uint32_t op, uint32_t rounding, const void* in, void* out,
                                    size_t n, uint8_t* flags);

/* Arithmetic on n elements (version 2): out[i] = op(a[i], b[i], c[i]), each array n storage
 * words of the op's format. b is NULL for a one-operand op (sqrt), c for one of fewer than three.
 * Buffers may be unaligned, n may be 0; a, b and c must not be written. flags as for convert.
 * Called from any thread, possibly from two at once. Returns 0, or nonzero on failure. */
typedef int (*fpconform_arith_fn)(uint32_t op, uint32_t rounding, const void* a, const void* b,
                                  const void* c, void* out, size_t n, uint8_t* flags);

/* Int8 GEMM: C (m x n int32, row-major) = A (m x k, row-major; int8 when a_unsigned is 0, uint8
 * otherwise) times B (k x n int8, row-major), exactly. Returns 0, or nonzero on failure. */
typedef int (*fpconform_gemm_fn)(int a_unsigned, int m, int n, int k, const void* a,
                                 const int8_t* b, int32_t* c);

#define FPCONFORM_GEMM_S8_A 0x1u
#define FPCONFORM_GEMM_U8_A 0x2u

typedef struct fpconform_plugin {
  uint32_t abi_version; /* FPCONFORM_PLUGIN_ABI_VERSION */
  uint32_t struct_size; /* sizeof(fpconform_plugin) */
  const char* name;     /* the backend's name in every report */
  const char* description;
  const fpconform_conversion* conversions; /* the (op, rounding) pairs it implements */
  size_t conversion_count;
  fpconform_convert_fn convert;
  int reports_flags;   /* nonzero: convert fills flags */
  int tininess_before; /* nonzero: underflow is detected before rounding (as on Arm) */
  fpconform_gemm_fn gemm;  /* optional: NULL when there is none */
  uint32_t gemm_a_types;   /* FPCONFORM_GEMM_S8_A | FPCONFORM_GEMM_U8_A, 0 without gemm */
  /* Version 2 (a version-1 table ends above). */
  const fpconform_conversion* arithmetic; /* the (arithmetic op, rounding) pairs it implements */
  size_t arithmetic_count;
  fpconform_arith_fn arith;
  uint32_t nan_policy; /* enum fpconform_nan_policy, for its arithmetic */
} fpconform_plugin;

/* The entry point, exported by the plug-in with C linkage. */
typedef const fpconform_plugin* (*fpconform_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* FPCONFORM_PLUGIN_H */
