// cuBLAS and cuBLASLt, loaded when first called rather than linked: every process that links them
// runs their static initializers at start, about half a second of page faults (541 MB of
// cuBLASLt), and every test process of the suite linked them through the backends. Here each
// function the backends call is defined under cuBLAS's own name (the headers' declarations check
// each signature) and forwards to the library, opened with dlopen on first use. Without the
// library a call returns CUBLAS_STATUS_NOT_INITIALIZED.
#include "platform/cublas_loader.hpp"

#include <dlfcn.h>

#include <cublasLt.h>
#include <cublas_v2.h>

#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

#define FPCONFORM_STR2(x) #x
#define FPCONFORM_STR(x) FPCONFORM_STR2(x)

namespace fpconform::platform {
namespace {

struct Library {
  void* handle = nullptr;
  std::string error;
};

// The soname first (LD_LIBRARY_PATH, ld.so.conf), then the toolkit this was built with.
Library open_library(const std::string& soname) {
  Library l;
  l.handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (l.handle != nullptr) return l;
  const char* why = dlerror();
  l.error = why != nullptr ? why : "dlopen failed";
#ifdef FPCONFORM_CUBLAS_DIR
  l.handle = dlopen((std::string(FPCONFORM_CUBLAS_DIR) + "/" + soname).c_str(), RTLD_NOW | RTLD_LOCAL);
  if (l.handle != nullptr) l.error.clear();
#endif
  // The calls below then return CUBLAS_STATUS_NOT_INITIALIZED: say once why.
  if (l.handle == nullptr) std::fprintf(stderr, "fpconform: cuBLAS not loaded: %s\n", l.error.c_str());
  return l;
}

const Library& library(CublasLibrary which) {
  static const Library cublas = open_library("libcublas.so." FPCONFORM_STR(CUBLAS_VER_MAJOR));
  static const Library lt = open_library("libcublasLt.so." FPCONFORM_STR(CUBLAS_VER_MAJOR));
  return which == CublasLibrary::cublas ? cublas : lt;
}

void* symbol(CublasLibrary which, const char* name) {
  const Library& l = library(which);
  return l.handle == nullptr ? nullptr : dlsym(l.handle, name);
}

}  // namespace

// Each function the backends call: library, return type, name (the exported one: cublas_v2.h
// maps cublasCreate to cublasCreate_v2), parameters, arguments.
#define FPCONFORM_CUBLAS_FUNCTIONS(X)                                                               \
  X(cublas, cublasStatus_t, cublasCreate_v2, (cublasHandle_t * h), (h))                            \
  X(cublas, cublasStatus_t, cublasDestroy_v2, (cublasHandle_t h), (h))                             \
  X(cublas, cublasStatus_t, cublasSetStream_v2, (cublasHandle_t h, cudaStream_t s), (h, s))        \
  X(cublas, cublasStatus_t, cublasGemmEx,                                                          \
    (cublasHandle_t h, cublasOperation_t ta, cublasOperation_t tb, int m, int n, int k,            \
     const void* alpha, const void* a, cudaDataType at, int lda, const void* b, cudaDataType bt,   \
     int ldb, const void* beta, void* c, cudaDataType ct, int ldc, cublasComputeType_t compute,    \
     cublasGemmAlgo_t algo),                                                                       \
    (h, ta, tb, m, n, k, alpha, a, at, lda, b, bt, ldb, beta, c, ct, ldc, compute, algo))          \
  X(lt, cublasStatus_t, cublasLtCreate, (cublasLtHandle_t * h), (h))                               \
  X(lt, cublasStatus_t, cublasLtDestroy, (cublasLtHandle_t h), (h))                                \
  X(lt, cublasStatus_t, cublasLtMatmul,                                                            \
    (cublasLtHandle_t h, cublasLtMatmulDesc_t desc, const void* alpha, const void* a,              \
     cublasLtMatrixLayout_t ad, const void* b, cublasLtMatrixLayout_t bd, const void* beta,        \
     const void* c, cublasLtMatrixLayout_t cd, void* d, cublasLtMatrixLayout_t dd,                 \
     const cublasLtMatmulAlgo_t* algo, void* ws, size_t ws_bytes, cudaStream_t s),                 \
    (h, desc, alpha, a, ad, b, bd, beta, c, cd, d, dd, algo, ws, ws_bytes, s))                     \
  X(lt, cublasStatus_t, cublasLtMatrixLayoutCreate,                                                \
    (cublasLtMatrixLayout_t * l, cudaDataType t, uint64_t rows, uint64_t cols, int64_t ld),        \
    (l, t, rows, cols, ld))                                                                        \
  X(lt, cublasStatus_t, cublasLtMatrixLayoutDestroy, (cublasLtMatrixLayout_t l), (l))              \
  X(lt, cublasStatus_t, cublasLtMatmulDescCreate,                                                  \
    (cublasLtMatmulDesc_t * d, cublasComputeType_t compute, cudaDataType_t scale),                 \
    (d, compute, scale))                                                                           \
  X(lt, cublasStatus_t, cublasLtMatmulDescDestroy, (cublasLtMatmulDesc_t d), (d))                  \
  X(lt, cublasStatus_t, cublasLtMatmulDescSetAttribute,                                            \
    (cublasLtMatmulDesc_t d, cublasLtMatmulDescAttributes_t attr, const void* buf, size_t size),   \
    (d, attr, buf, size))                                                                          \
  X(lt, cublasStatus_t, cublasLtMatmulPreferenceCreate, (cublasLtMatmulPreference_t * p), (p))     \
  X(lt, cublasStatus_t, cublasLtMatmulPreferenceDestroy, (cublasLtMatmulPreference_t p), (p))    \
  X(lt, cublasStatus_t, cublasLtMatmulPreferenceSetAttribute,                                      \
    (cublasLtMatmulPreference_t p, cublasLtMatmulPreferenceAttributes_t attr, const void* buf,     \
     size_t size),                                                                                 \
    (p, attr, buf, size))                                                                          \
  X(lt, cublasStatus_t, cublasLtMatmulAlgoGetHeuristic,                                            \
    (cublasLtHandle_t h, cublasLtMatmulDesc_t desc, cublasLtMatrixLayout_t ad,                     \
     cublasLtMatrixLayout_t bd, cublasLtMatrixLayout_t cd, cublasLtMatrixLayout_t dd,              \
     cublasLtMatmulPreference_t p, int requested, cublasLtMatmulHeuristicResult_t results[],       \
     int* returned),                                                                               \
    (h, desc, ad, bd, cd, dd, p, requested, results, returned))                                    \
  X(lt, const char*, cublasLtGetStatusName, (cublasStatus_t s), (s))                               \
  X(lt, const char*, cublasLtGetStatusString, (cublasStatus_t s), (s))

std::vector<CublasSymbol> cublas_symbols() {
  std::vector<CublasSymbol> out;
#define FPCONFORM_NAME(lib, ret, name, params, args) \
  out.push_back({CublasLibrary::lib, #name, symbol(CublasLibrary::lib, #name) != nullptr});
  FPCONFORM_CUBLAS_FUNCTIONS(FPCONFORM_NAME)
#undef FPCONFORM_NAME
  return out;
}

std::string cublas_load_error(CublasLibrary which) { return library(which).error; }

}  // namespace fpconform::platform

namespace {

template <typename R>
R not_loaded() {
  if constexpr (std::is_same_v<R, const char*>)
    return "cuBLAS not loaded";
  else
    return CUBLAS_STATUS_NOT_INITIALIZED;
}

}  // namespace

#define FPCONFORM_FORWARD(lib, ret, name, params, args)                                           \
  extern "C" ret CUBLASWINAPI name params {                                                       \
    using Fn = ret(*) params;                                                                     \
    static const auto f = reinterpret_cast<Fn>(                                                   \
        fpconform::platform::symbol(fpconform::platform::CublasLibrary::lib, #name));             \
    return f != nullptr ? f args : not_loaded<ret>();                                             \
  }
FPCONFORM_CUBLAS_FUNCTIONS(FPCONFORM_FORWARD)
#undef FPCONFORM_FORWARD
