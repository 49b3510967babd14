#include <iterator>

#include "backends/named_registry.hpp"
#include "fpconform/dot_backend.hpp"

namespace fpconform {
namespace {

NamedRegistry<DotBackend>& registry() {
  static NamedRegistry<DotBackend> r;
  return r;
}

}  // namespace

bool register_dot_backend(std::unique_ptr<DotBackend> b) {
  registry().add(std::move(b), "dot backend");
  return true;
}

std::span<const DotBackend* const> dot_backends() { return registry().sorted(); }

const DotBackend* find_dot_backend(std::string_view name) { return registry().find(name); }

const Format* find_dot_format(std::string_view name) {
  for (const DotFormat& f : kDotFormats)
    if (name == f.arg || name == f.format->name) return f.format;
  return nullptr;
}

std::string dot_format_names(std::string_view sep, std::string_view last) {
  std::string s;
  const std::size_t n = std::size(kDotFormats);
  for (std::size_t i = 0; i < n; ++i) {
    if (i) s += i + 1 == n ? last : sep;
    s += kDotFormats[i].arg;
  }
  return s;
}

}  // namespace fpconform
