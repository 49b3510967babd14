#include "plugins/plugin_library.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace fpconform {
namespace {

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxConversions = 1024;  // 55 distinct pairs exist; more is a broken table

}  // namespace

std::string printable(std::string_view s, bool keep_lines) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c >= 0x20 && c < 0x7F) || (keep_lines && (c == '\n' || c == '\t'))) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  return out;
}

namespace {

bool name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::string hex(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%X", v);
  return buf;
}

}  // namespace

const fpconform_plugin& load_plugin_table(const std::string& path) {
  // dlopen searches the library path for a bare file name; --plugin names a file.
  const std::string file = path.find('/') == std::string::npos ? "./" + path : path;
  void* handle = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* e = ::dlerror();
    throw std::runtime_error("plug-in " + path + ": cannot be loaded: " + (e ? e : "unknown error"));
  }
  ::dlerror();
  void* entry = ::dlsym(handle, FPCONFORM_PLUGIN_ENTRY);
  if (!entry) {
    const char* e = ::dlerror();
    throw std::runtime_error("plug-in " + path + ": no symbol " FPCONFORM_PLUGIN_ENTRY " (dlsym: " +
                             (e ? e : "null") + ")");
  }
  const fpconform_plugin* t = reinterpret_cast<fpconform_plugin_entry_fn>(entry)();
  if (!t) throw std::runtime_error("plug-in " + path + ": " FPCONFORM_PLUGIN_ENTRY " returned null");
  return *t;
}

std::string plugin_table_problem(const fpconform_plugin& t) {
  if (t.abi_version != FPCONFORM_PLUGIN_ABI_VERSION)
    return "ABI version " + std::to_string(t.abi_version) + ", this fpconform speaks version " +
           std::to_string(FPCONFORM_PLUGIN_ABI_VERSION);
  if (t.struct_size < sizeof(fpconform_plugin))
    return "struct_size " + std::to_string(t.struct_size) + " is smaller than version " +
           std::to_string(FPCONFORM_PLUGIN_ABI_VERSION) + "'s " +
           std::to_string(sizeof(fpconform_plugin)) + " bytes";
  if (!t.name) return "name is null";
  const std::size_t len = ::strnlen(t.name, kMaxName + 1);
  bool ok = len >= 1 && len <= kMaxName;
  for (std::size_t i = 0; ok && i < len; ++i) ok = name_char(t.name[i]);
  if (!ok)
    return "name '" + printable(std::string_view(t.name, std::min(len, kMaxName))) + (len > kMaxName ? "..." : "") +
           "' is not 1.." + std::to_string(kMaxName) + " characters of [A-Za-z0-9._-]";
  const std::string count = std::to_string(t.conversion_count);
  if (t.conversion_count > kMaxConversions)
    return "conversion_count " + count + " is more than " + std::to_string(kMaxConversions);
  if (t.conversion_count && !t.conversions) return "conversions is null but conversion_count is " + count;
  if (t.conversion_count && !t.convert) return "convert is null but " + count + " conversions are listed";
  for (std::size_t i = 0; i < t.conversion_count; ++i) {
    if (t.conversions[i].op > FPCONFORM_F32_TO_E5M2_SAT)
      return "conversion " + std::to_string(i) + " has unknown op " + std::to_string(t.conversions[i].op);
    if (t.conversions[i].rounding > FPCONFORM_RNA)
      return "conversion " + std::to_string(i) + " has unknown rounding " +
             std::to_string(t.conversions[i].rounding);
  }
  if (t.gemm_a_types & ~(FPCONFORM_GEMM_S8_A | FPCONFORM_GEMM_U8_A))
    return "gemm_a_types " + hex(t.gemm_a_types) + " has unknown bits";
  if (t.gemm_a_types && !t.gemm) return "gemm is null but gemm_a_types is " + hex(t.gemm_a_types);
  return "";
}

const fpconform_plugin& PluginLibrary::table() const {
  std::call_once(once_, [this] { table_ = &load_plugin_table(path_); });
  return *table_;
}

}  // namespace fpconform
