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
 *   bad_op            lists op 99                                     -> refused, exit 2
 *   name_clash        calls itself "portable"                         -> refused, exit 2
 *   gemm_crash        a GEMM that dereferences NULL                   -> failed INT8 case
 *   overrun           writes one element past the end of out
 *   scribble          writes into its input
 *   nondeterministic  the result depends on how often it was called
 *   crash_on_input    convert dereferences NULL on the signaling NaN 0x7C01 only
 *   sweep_only        right only when a call's inputs are consecutive and ascending, as an
 *                     exhaustive sweep in order would give them; wrong in any other call
 *   tamper            wrong results, and every way its process has to change the verdict:
 *                     /proc/PPID/mem, ptrace, fake replies on every descriptor, "passed" on stdout
 *   fast_math         a constructor that sets FTZ and DAZ (FZ on Arm), as -ffast-math's crtfastmath
 *   leaves_rounding   convert leaves the rounding mode set to upward
 *   spawn             correct, but starts a process that escapes its process group and lives on
 *   chatty            correct, and writes to stdout and stderr on every call (and, once, the
 *                     descriptors its process holds)
 *   gemm_overrun      a GEMM that writes one element past the end of C
 *   gemm_scribble     a GEMM that writes into A
 *
 * The arithmetic ones (ABI version 2) add an f16_add in rne, correct but for their defect:
 *   arith_truncates   rounds f16_add toward zero                      -> rounding deviations
 *   arith_nan         every NaN result is 0x7E00 under the x86 policy -> NaN deviations
 *   arith_crash_on_input  dereferences NULL on the operands 0x7C01, 0x3C00 only
 *   arith_overrun     writes one element past the end of out
 *   arith_scribble    writes into its second operand b
 *   arith_in_conversions      lists f16_add among the conversions     -> refused, exit 2
 *   conversion_in_arithmetic  lists f16_to_f32 among the arithmetic   -> refused, exit 2
 *   bad_nan_policy    nan_policy 7                                    -> refused, exit 2
 *   null_arith        lists f16_add with arith NULL                   -> refused, exit 2
 *   abi_4             abi_version 4                                   -> refused, exit 2
 *   f64_in_abi_2      abi_version 2 listing f64_to_f16 (an ABI 3 op)   -> refused, exit 2
 */
#include <stdlib.h>
#include <string.h>

#if defined(BAD_TAMPER) || defined(BAD_SPAWN) || defined(BAD_CHATTY)
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include "fpconform/plugin.h"

#if defined(BAD_NO_ENTRY)
#define EXPORT /* hidden, as every other symbol */
#else
#define EXPORT __attribute__((visibility("default")))
#endif

#define STR2(x) #x
#define STR(x) STR2(x)

#include "f16_to_f32.h"

#if defined(BAD_ARITH_TRUNCATES) || defined(BAD_ARITH_NAN) || defined(BAD_ARITH_CRASH_ON_INPUT) || \
    defined(BAD_ARITH_OVERRUN) || defined(BAD_ARITH_SCRIBBLE) || defined(BAD_NULL_ARITH) ||       \
    defined(BAD_CONVERSION_IN_ARITHMETIC)
#define ARITH 1
#endif

#if defined(ARITH)
/* binary32 bits to binary16, to nearest even (or toward zero: truncate). NaNs quieted. */
static uint16_t f32_to_f16(uint32_t x, int truncate) {
  const uint16_t sign = (uint16_t)((x >> 16) & 0x8000u);
  const uint32_t exp = (x >> 23) & 0xFFu, frac = x & 0x7FFFFFu;
  if (exp == 0xFF) return (uint16_t)(sign | 0x7C00u | (frac ? 0x0200u | (frac >> 13) : 0));
  if (exp < 102) return sign; /* below 2^-25, half the least subnormal: zero either way */
  const uint32_t sig = frac | 0x800000u;
  const unsigned shift = exp >= 113 ? 13 : 126 - exp;
  const uint32_t q = sig >> shift, rest = sig & ((1u << shift) - 1), half = 1u << (shift - 1);
  const uint32_t r = q + (!truncate && (rest > half || (rest == half && (q & 1))));
  if (exp < 113) return (uint16_t)(sign | r);
  if (exp > 142) return (uint16_t)(sign | (truncate ? 0x7BFFu : 0x7C00u));
  const uint32_t h = ((exp - 112) << 10) + r - 0x400u;
  return (uint16_t)(sign | (h > 0x7C00u ? 0x7C00u : h));
}

/* a + b: exact in binary64, rounded once. x86's NaNs: the first NaN operand quieted, else 0xFE00. */
static uint16_t f16_add(uint16_t a, uint16_t b) {
  if ((a & 0x7FFFu) > 0x7C00u) return (uint16_t)(a | 0x0200u);
  if ((b & 0x7FFFu) > 0x7C00u) return (uint16_t)(b | 0x0200u);
  float x, y;
  const uint32_t xa = f16_to_f32(a), yb = f16_to_f32(b);
  memcpy(&x, &xa, 4);
  memcpy(&y, &yb, 4);
#if defined(BAD_ARITH_TRUNCATES)
  const double sum = (double)x + (double)y; /* exact: at most 40 significant bits */
  const float f = (float)sum; /* to nearest; one step back where that went up in magnitude */
  uint32_t u;
  memcpy(&u, &f, 4);
  if ((sum > 0 && f > sum) || (sum < 0 && f < sum)) u -= 1;
  const int truncate = 1;
#else
  const float f = x + y;
  uint32_t u;
  memcpy(&u, &f, 4);
  const int truncate = 0;
#endif
  if (f != f) return 0xFE00u;
  return f32_to_f16(u, truncate);
}

__attribute__((unused)) static int arith(uint32_t op, uint32_t rounding, const void* a, const void* b, const void* c,
                 void* out, size_t n, uint8_t* flags) {
  (void)rounding, (void)c, (void)flags;
  if (op != FPCONFORM_F16_ADD) return 1;
  for (size_t i = 0; i < n; ++i) {
    uint16_t x, y;
    memcpy(&x, (const unsigned char*)a + 2 * i, 2);
    memcpy(&y, (const unsigned char*)b + 2 * i, 2);
    uint16_t r = f16_add(x, y);
#if defined(BAD_ARITH_NAN)
    if ((r & 0x7FFFu) > 0x7C00u) r = 0x7E00u;
#elif defined(BAD_ARITH_CRASH_ON_INPUT)
    if (x == 0x7C01 && y == 0x3C00) *(volatile int*)NULL = 1;
#endif
    memcpy((unsigned char*)out + 2 * i, &r, 2);
  }
#if defined(BAD_ARITH_OVERRUN)
  const uint16_t past = 0xBEEF;
  memcpy((unsigned char*)out + 2 * n, &past, 2);
#elif defined(BAD_ARITH_SCRIBBLE)
  if (n) memset((void*)b, 0xA5, 2);
#endif
  return 0;
}
#endif

#if defined(BAD_FAST_MATH)
__attribute__((constructor)) static void set_ftz_daz(void) {
#if defined(__x86_64__)
  __builtin_ia32_ldmxcsr(__builtin_ia32_stmxcsr() | 0x8040u); /* FTZ (bit 15), DAZ (bit 6) */
#elif defined(__aarch64__)
  uint64_t fpcr;
  __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
  __asm__ volatile("msr fpcr, %0" : : "r"(fpcr | (1u << 24))); /* FZ */
#endif
}
#endif

#if defined(BAD_LEAVES_ROUNDING)
static void round_upward(void) {
#if defined(__x86_64__)
  __builtin_ia32_ldmxcsr((__builtin_ia32_stmxcsr() & ~0x6000u) | 0x4000u); /* RC = 10: up */
#elif defined(__aarch64__)
  uint64_t fpcr;
  __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
  __asm__ volatile("msr fpcr, %0" : : "r"((fpcr & ~(3ull << 22)) | (1ull << 22))); /* RP */
#endif
}
#endif

#if defined(BAD_TAMPER)
static void tamper(void) {
  static int done;
  if (done++) return;
  const pid_t judge = getppid();
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/mem", (int)judge);
  const int mem = open(path, O_RDWR);
  printf("tamper: open %s: %s\n", path, mem < 0 ? strerror(errno) : "opened");
  if (mem >= 0) close(mem);
  printf("tamper: ptrace attach: %s\n",
         ptrace(PTRACE_ATTACH, judge, 0, 0) < 0 ? strerror(errno) : "attached");
  char fake[4096];
  memset(fake, 0, sizeof fake);
  for (int fd = 0; fd < 256; ++fd) send(fd, fake, 256, MSG_DONTWAIT | MSG_NOSIGNAL);
  puts("fpconform: all runs passed");
  fflush(stdout);
}
#endif

#if defined(BAD_SPAWN)
static void spawn(void) {
  static int done;
  if (done++) return;
  const pid_t child = fork();
  if (child == 0) {
    setsid(); /* out of the subject's process group */
    if (fork() == 0) {
      execl("/bin/sleep", "sleep", SPAWN_MARKER, (char*)NULL);
      _exit(127);
    }
    _exit(0); /* the grandchild is an orphan now */
  }
  waitpid(child, NULL, 0);
}
#endif

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
#elif defined(BAD_TAMPER)
  tamper();
#elif defined(BAD_SPAWN)
  spawn();
#elif defined(BAD_LEAVES_ROUNDING)
  round_upward();
#elif defined(BAD_CHATTY)
  static int listed;
  if (!listed++) { /* "0=/dev/null 1=/memfd:... 3=socket:[...]": its descriptors */
    DIR* d = opendir("/proc/self/fd");
    printf("chatty: descriptors:");
    for (struct dirent* e; d && (e = readdir(d));) {
      if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d)) continue;
      char link[320], target[256];
      snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
      const ssize_t k = readlink(link, target, sizeof target - 1);
      target[k > 0 ? k : 0] = 0;
      printf(" %s=%s", e->d_name, target);
    }
    printf("\n");
    if (d) closedir(d);
  }
  printf("chatty: converting %zu elements\n", n);
  fprintf(stderr, "chatty: a word on stderr\n");
  fflush(stdout);
#endif
#if defined(BAD_SWEEP_ONLY)
  int consecutive = 1;
  for (size_t i = 1; i < n && consecutive; ++i) {
    uint16_t a, b;
    memcpy(&a, (const unsigned char*)in + 2 * (i - 1), 2);
    memcpy(&b, (const unsigned char*)in + 2 * i, 2);
    consecutive = b == (uint16_t)(a + 1);
  }
#endif
  const unsigned char* src = (const unsigned char*)in;
  unsigned char* dst = (unsigned char*)out;
  for (size_t i = 0; i < n; ++i) {
    uint16_t h;
    memcpy(&h, src + 2 * i, 2);
    uint32_t f = f16_to_f32(h);
#if defined(BAD_CRASH_ON_INPUT)
    if (h == 0x7C01) *(volatile int*)NULL = 1;
#elif defined(BAD_SWEEP_ONLY)
    if (!consecutive) f ^= 1;
#elif defined(BAD_TAMPER)
    f = 0;
#endif
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
#elif defined(BAD_GEMM_OVERRUN) || defined(BAD_GEMM_SCRIBBLE)
/* Exact, with the one planted stray write. */
static int gemm(int a_unsigned, int m, int n, int k, const void* a, const int8_t* b, int32_t* c) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      int32_t s = 0;
      for (int p = 0; p < k; ++p) {
        const int x = a_unsigned ? ((const uint8_t*)a)[i * k + p] : ((const int8_t*)a)[i * k + p];
        s += x * b[p * n + j];
      }
      c[i * n + j] = s;
    }
#if defined(BAD_GEMM_OVERRUN)
  c[m * n] = 0x0DEADBEE;
#else
  ((int8_t*)a)[0] ^= 1;
#endif
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
    {99, FPCONFORM_RNE},
#elif defined(BAD_F64_IN_ABI_2)
    {FPCONFORM_F64_TO_F16, FPCONFORM_RNE},
#elif defined(BAD_ARITH_IN_CONVERSIONS)
    {FPCONFORM_F16_ADD, FPCONFORM_RNE},
#endif
};

#if defined(ARITH)
static const fpconform_conversion kArithmetic[] = {
#if defined(BAD_CONVERSION_IN_ARITHMETIC)
    {FPCONFORM_F16_TO_F32, FPCONFORM_RNE},
#else
    {FPCONFORM_F16_ADD, FPCONFORM_RNE},
#endif
};
#define ARITHMETIC kArithmetic
#define ARITHMETIC_COUNT (sizeof kArithmetic / sizeof kArithmetic[0])
#if defined(BAD_NULL_ARITH)
#define ARITH_FN NULL
#else
#define ARITH_FN arith
#endif
#else
#define ARITHMETIC NULL
#define ARITHMETIC_COUNT 0
#define ARITH_FN NULL
#endif

static const fpconform_plugin kPlugin = {
#if defined(BAD_WRONG_ABI)
    .abi_version = 7,
#elif defined(BAD_ABI_4)
    .abi_version = 4,
#elif defined(BAD_F64_IN_ABI_2)
    .abi_version = 2,
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
    .arithmetic = ARITHMETIC,
    .arithmetic_count = ARITHMETIC_COUNT,
    .arith = ARITH_FN,
#if defined(BAD_BAD_NAN_POLICY)
    .nan_policy = 7,
#else
    .nan_policy = FPCONFORM_NAN_X86,
#endif
};

EXPORT const fpconform_plugin* fpconform_plugin_entry(void) { return &kPlugin; }
