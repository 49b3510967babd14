// Eigen's SGEMM with AVX-512 and FMA (zmm packets). Run only where the CPU reports avx512f,
// avx512bw, avx512vl and fma and FPCONFORM_DISABLE leaves them on (int8_speed.cpp chooses).
#if !defined(__AVX512F__) || !defined(__AVX512BW__) || !defined(__AVX512VL__) || !defined(__FMA__)
#error "the AVX-512 SGEMM must be built with -mavx512f -mavx512bw -mavx512vl -mfma (backends/sgemm_eigen/CMakeLists.txt)"
#endif
#define FPCONFORM_SGEMM_ISA avx512
#include "backends/sgemm_eigen/sgemm_eigen.inc"
