// Eigen's SGEMM for the architecture's baseline: SSE2 on x86-64 (kept off AVX whatever -march the
// build uses, backends/sgemm_eigen/CMakeLists.txt), NEON on aarch64. Runs on every CPU.
#if defined(__x86_64__) && defined(__AVX__)
#error "the baseline SGEMM must be built with -mno-avx (backends/sgemm_eigen/CMakeLists.txt)"
#endif
#define FPCONFORM_SGEMM_ISA baseline
#include "backends/sgemm_eigen/sgemm_eigen.inc"
