// The dot-product contract: units that compute d = c + sum a_i * b_i from 16-bit (binary16,
// bfloat16), 8-bit (E4M3, E5M2) or tf32 operands into a binary32 accumulator, each registered by
// one line. How a unit accumulates is what is checked: it may declare a named model
// (oracles/dot/dot_model.hpp) and is held to it bit for bit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "fpconform/backend.hpp"
#include "fpconform/format.hpp"

namespace fpconform {

class DotBackend {
 public:
  virtual ~DotBackend() = default;

  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual BackendKind kind() const = 0;
  virtual Availability available() const { return {}; }

  virtual bool takes(const Format& in) const = 0;  // binary16, bfloat16, e4m3fn, e5m2, tf32
  // The named model it claims to compute, or empty: then its inferred model is only reported.
  virtual std::string_view declared_model() const { return {}; }
  // The model its vendor's documentation gives, where that is not the declared one: the probes
  // show how far the documentation is from the unit.
  virtual std::string_view published_model() const { return {}; }
  // The recording (fpconform dot --record) a replayed unit answers from, or empty.
  virtual std::string_view recording() const { return {}; }

  // count dot products of length k: a and b hold count * k containers, one in each word's low
  // bits (product j's elements at j * k; tf32's is the whole word, its low 13 bits zero; units
  // that read packed 16- or 8-bit arrays pack them with dot_operands.hpp), c and d count binary32
  // bit patterns.
  virtual void dot(const Format& in, int k, const std::uint32_t* a, const std::uint32_t* b,
                   const std::uint32_t* c, std::uint32_t* d, std::size_t count) const = 0;
};

// The operand formats of the dot family, each with the short name `dot --format` takes.
struct DotFormat {
  const Format* format;
  std::string_view arg;
};
inline constexpr DotFormat kDotFormats[] = {
    {&kBfloat16, "bf16"}, {&kBinary16, "f16"}, {&kE4m3fn, "e4m3"}, {&kE5m2, "e5m2"}, {&kTf32, "tf32"}};

// By its short name or its format's name ("bf16" or "bfloat16"); nullptr for neither.
const Format* find_dot_format(std::string_view name);
// The short names: "bf16, f16, e4m3, e5m2 or tf32" (last = " or "), "bf16,f16,...,tf32" (both ",").
std::string dot_format_names(std::string_view sep = ", ", std::string_view last = " or ");

// All dot-product backends compiled into this program, sorted by name.
std::span<const DotBackend* const> dot_backends();
const DotBackend* find_dot_backend(std::string_view name);
bool register_dot_backend(std::unique_ptr<DotBackend> b);

}  // namespace fpconform

#define FPCONFORM_REGISTER_DOT_BACKEND(Type, ...)                                                \
  [[maybe_unused]] static const bool FPCONFORM_CONCAT(fpconform_dot_registered_, __LINE__) = \
      ::fpconform::register_dot_backend(std::make_unique<Type>(__VA_ARGS__))
