#include <stdexcept>
#include <string>
#include <vector>

#include "backends/named_registry.hpp"
#include "fpconform/int8_backend.hpp"

namespace fpconform {
namespace {

NamedRegistry<Int8Backend>& registry() {
  static NamedRegistry<Int8Backend> r;
  return r;
}

[[noreturn]] void not_implemented(const Int8Backend& b, const char* what) {
  throw std::logic_error(std::string(b.name()) + " does not implement " + what);
}

}  // namespace

void Int8Backend::quantize(const float*, void*, std::size_t, const QuantSpec&) const {
  not_implemented(*this, "quantize");
}

void Int8Backend::requantize(const std::int32_t*, void*, std::size_t, const Requant&) const {
  not_implemented(*this, "requantize");
}

std::unique_ptr<GemmKernel> Int8Backend::prepare(GemmShape, IntType, const std::int8_t*) const {
  not_implemented(*this, "gemm");
}

bool register_int8_backend(std::unique_ptr<Int8Backend> b) {
  registry().add(std::move(b), "int8 backend");
  return true;
}

std::span<const Int8Backend* const> int8_backends() { return registry().sorted(); }

const Int8Backend* find_int8_backend(std::string_view name) { return registry().find(name); }

}  // namespace fpconform
