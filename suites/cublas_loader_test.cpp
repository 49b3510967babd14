// cuBLAS and cuBLASLt are opened on first call (platform/cublas_loader.cpp): not at a process's
// start, and then with every function the backends call.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "platform/cublas_loader.hpp"

namespace fpconform::platform {
namespace {

bool mapped(const std::string& library) {
  std::ifstream maps("/proc/self/maps");
  std::stringstream s;
  s << maps.rdbuf();
  return s.str().find(library) != std::string::npos;
}

// Each test is its own process (gtest_discover_tests), so nothing has called cuBLAS yet.
TEST(CublasLoader, NeitherLibraryIsOpenAtStart) {
  EXPECT_FALSE(mapped("libcublasLt.so"));
  EXPECT_FALSE(mapped("libcublas.so"));
}

TEST(CublasLoader, EveryFunctionTheBackendsCallIsFound) {
  const auto symbols = cublas_symbols();
  EXPECT_EQ(cublas_load_error(CublasLibrary::cublas), "");
  EXPECT_EQ(cublas_load_error(CublasLibrary::lt), "");
  EXPECT_EQ(symbols.size(), 18u);
  for (const CublasSymbol& s : symbols) EXPECT_TRUE(s.found) << s.name;
  EXPECT_TRUE(mapped("libcublasLt.so"));
}

}  // namespace
}  // namespace fpconform::platform
