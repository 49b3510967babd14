// Eigen's SGEMM with AVX2 and FMA (ymm packets, vfmadd231ps). Run only where the CPU reports
// avx2 and fma and FPCONFORM_DISABLE leaves them on (int8_speed.cpp chooses).
#if !defined(__AVX2__) || !defined(__FMA__) || defined(__AVX512F__)
#error "the AVX2 SGEMM must be built with -mavx2 -mfma and no AVX-512 (backends/sgemm_eigen/CMakeLists.txt)"
#endif
#define FPCONFORM_SGEMM_ISA avx2
#include "backends/sgemm_eigen/sgemm_eigen.inc"
