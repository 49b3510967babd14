#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "fpconform/int8_backend.hpp"

namespace fpconform {
namespace {

struct Registry {
  std::vector<std::unique_ptr<Int8Backend>> owned;
  std::vector<const Int8Backend*> sorted;
};

Registry& registry() {
  static Registry r;
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
  Registry& r = registry();
  if (find_int8_backend(b->name()) != nullptr)
    throw std::logic_error("int8 backend registered twice: " + std::string(b->name()));
  r.sorted.push_back(b.get());
  r.owned.push_back(std::move(b));
  std::sort(r.sorted.begin(), r.sorted.end(),
            [](const Int8Backend* x, const Int8Backend* y) { return x->name() < y->name(); });
  return true;
}

std::span<const Int8Backend* const> int8_backends() { return registry().sorted; }

const Int8Backend* find_int8_backend(std::string_view name) {
  for (const Int8Backend* b : registry().sorted)
    if (b->name() == name) return b;
  return nullptr;
}

}  // namespace fpconform
