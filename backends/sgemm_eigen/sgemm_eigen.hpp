// The builds of Eigen's FP32 SGEMM behind SgemmEigen (fpconform/sgemm.hpp): one translation unit per
// ISA, sgemm_eigen_<isa>.cpp, each compiling the body sgemm_eigen.inc with its own -m flags.
// Nothing here is inline or a template: a unit compiled with -mavx512f would emit it as a weak
// symbol with AVX-512 code, and the linker keeps one copy of a weak symbol for the whole program.
#pragma once

namespace fpconform::sgemm_eigen {

// C = A B on row-major float matrices copied in when made.
class Build {
 public:
  virtual ~Build();  // defined in sgemm_eigen.cpp, so that the vtable is emitted there only
  virtual void run(int threads) = 0;  // Eigen::setNbThreads(threads) for the call
  virtual const float* c() const = 0;  // M x N, row-major
};

// Raw owning pointers: a std::unique_ptr made here would be a template instantiated in each unit.
// Call one only where the CPU has its features (sgemm_eigen.cpp chooses).
Build* make_baseline(int m, int n, int k, const float* a, const float* b);
#if defined(__x86_64__)
Build* make_avx2(int m, int n, int k, const float* a, const float* b);
Build* make_avx512(int m, int n, int k, const float* a, const float* b);
#endif

}  // namespace fpconform::sgemm_eigen
