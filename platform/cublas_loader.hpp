// cuBLAS and cuBLASLt are opened on first call, not at process start (cublas_loader.cpp).
#pragma once

#include <string>
#include <vector>

namespace fpconform::platform {

enum class CublasLibrary { cublas, lt };

struct CublasSymbol {
  CublasLibrary library;
  const char* name;
  bool found;  // the library opened and exports it
};

// Every function the backends call, each looked up (opening the libraries if not yet open).
std::vector<CublasSymbol> cublas_symbols();

// dlopen's message where the library did not open, else empty.
std::string cublas_load_error(CublasLibrary which);

}  // namespace fpconform::platform
