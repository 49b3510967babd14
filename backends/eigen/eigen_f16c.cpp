// Eigen compiled with -mavx2 -mf16c -mfma, with EIGEN_HAS_FP16_C: Eigen::half converts with
// _cvtss_sh(f, 0) / _cvtsh_ss (vcvtps2ph / vcvtph2ps); the tensor casts use AVX packets,
// _mm256_cvtps_ph / _mm256_cvtph_ps for half and F32ToBf16 / Bf16ToF32 (integer AVX2 code) for
// bfloat16. Run only where require_cpu agrees.
//
// EIGEN_HAS_FP16_C is defined here because Eigen 3.4.0 never defines it under GCC:
// ConfigureVectorization.h tests __F16C__ && (!defined(EIGEN_COMP_CLANG) ||
// EIGEN_COMP_CLANG>=380), and Macros.h defines EIGEN_COMP_CLANG as 0 on GCC. A GCC build of
// Eigen 3.4.0 with -mf16c therefore converts half with the software code that the eigen instance
// runs; this unit runs the F16C code Eigen selects under clang (and in later Eigen under GCC).
#if !defined(__F16C__) || !defined(__AVX2__)
#error "the F16C path must be built with -mavx2 -mf16c -mfma (CMakeLists.txt)"
#endif
#define EIGEN_HAS_FP16_C
#define FPCONFORM_EIGEN_PATH f16c
#include "backends/eigen/kernels.inc"
