// The INT8 backend contract: quantize, requantize and int8 GEMM implementations under test, each
// registered by one line. A backend implements any subset and says which.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "fpconform/backend.hpp"
#include "fpconform/int8.hpp"

namespace fpconform {

// A GEMM with B already prepared (packed, reordered: whatever the backend does once per weight
// matrix, as inference does). run() may be called many times and from benchmarks.
class GemmKernel {
 public:
  virtual ~GemmKernel() = default;
  // A: m x k of the prepared a_type; C: m x n int32, overwritten. threads >= 1.
  virtual void run(const void* a, std::int32_t* c, int threads) const = 0;
};

class Int8Backend {
 public:
  virtual ~Int8Backend() = default;

  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual BackendKind kind() const = 0;
  virtual Availability available() const { return {}; }

  // Quantize float -> int8/uint8 under spec (see QuantSpec), bit-exact to the oracle's model.
  virtual bool quantizes(IntType, QRounding) const { return false; }
  virtual void quantize(const float* x, void* q, std::size_t n, const QuantSpec& spec) const;

  // Requantize int32 -> int8/uint8 under p.model, bit-exact to that model.
  virtual bool requantizes(RequantModel, IntType) const { return false; }
  virtual void requantize(const std::int32_t* acc, void* q, std::size_t n, const Requant& p) const;

  // int8/uint8 x int8 -> int32 GEMM. Exact unless gemm_model() names the model it computes
  // instead (the instruction's own spec, e.g. vpmaddubsw's int16 saturation) and
  // gemm_deviation() says why in words; the check reports every difference from the exact
  // product and holds the backend bit for bit to its declared model.
  virtual bool multiplies(IntType /*a_type*/) const { return false; }
  virtual std::unique_ptr<GemmKernel> prepare(GemmShape shape, IntType a_type,
                                              const std::int8_t* b) const;
  virtual GemmModel gemm_model() const { return GemmModel::exact; }
  virtual std::string_view gemm_deviation() const { return {}; }
};

// All INT8 backends compiled into this program, sorted by name.
std::span<const Int8Backend* const> int8_backends();
const Int8Backend* find_int8_backend(std::string_view name);
bool register_int8_backend(std::unique_ptr<Int8Backend> b);

}  // namespace fpconform

#define FPCONFORM_REGISTER_INT8_BACKEND(Type, ...)                                                \
  [[maybe_unused]] static const bool FPCONFORM_CONCAT(fpconform_int8_registered_, __LINE__) = \
      ::fpconform::register_int8_backend(std::make_unique<Type>(__VA_ARGS__))
