// libFuzzer: TestFloat lines (vectors/vector_file.hpp). A TestFloat file does not carry its op
// and rounding: the first byte picks them (op = byte mod the ops' count, rounding = the quotient
// mod the roundings' count: every pair is one byte); the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fpconform/operation.hpp"
#include "suites/fuzz/fuzz_vectors_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace fpconform;
  if (size == 0) return 0;
  static_assert(kOps.size() * kRoundings.size() <= 256);
  const TestFloatContext context{kOps[data[0] % kOps.size()].op,
                                 kRoundings[data[0] / kOps.size() % kRoundings.size()]};
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  return fuzz::guarded(
      [&] { fuzz::read_and_round_trip(bytes, VectorFormat::testfloat, context); });
}
