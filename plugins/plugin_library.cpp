#include "plugins/plugin_library.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "fpconform/operation.hpp"

namespace fpconform {
namespace {

constexpr std::size_t kMaxName = 64;
constexpr std::size_t kMaxConversions = 1024;  // 55 distinct pairs exist; more is a broken table
constexpr std::size_t kMaxArithmetic = 1024;   // 50 distinct pairs exist

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

// "" or what is wrong with entry i of the conversions (arithmetic false) or the arithmetic list.
std::string entry_problem(const char* list, std::size_t i, const fpconform_conversion& e, bool arithmetic,
                          std::uint32_t abi_version) {
  const std::string entry = std::string(list) + " " + std::to_string(i);
  if (e.op >= kOps.size()) return entry + " has unknown op " + std::to_string(e.op);
  // The binary64 sources (64-bit input words) came with ABI 3.
  if (e.op >= FPCONFORM_F64_TO_F32 && abi_version < 3)
    return entry + " has op " + std::string(name(static_cast<Op>(e.op))) + ", a binary64 source: ABI 3, not " +
           std::to_string(abi_version);
  const Op op = static_cast<Op>(e.op);
  if (is_arithmetic(op) != arithmetic)
    return entry + " has op " + std::string(name(op)) + ", " +
           (arithmetic ? "a conversion: list it in conversions" : "an arithmetic op: list it in arithmetic");
  if (e.rounding > FPCONFORM_RNA) return entry + " has unknown rounding " + std::to_string(e.rounding);
  return "";
}

std::string hex(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%X", v);
  return buf;
}

}  // namespace

fpconform_plugin load_plugin_table(const std::string& path) {
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
  // abi_version and struct_size first, then no byte past what they say the table holds.
  fpconform_plugin copy{};
  std::memcpy(&copy, t, offsetof(fpconform_plugin, name));
  const std::size_t known = copy.abi_version == 2 || copy.abi_version == 3 ? sizeof(fpconform_plugin) : kPluginV1Size;
  std::memcpy(&copy, t, std::max(offsetof(fpconform_plugin, name), std::min<std::size_t>(copy.struct_size, known)));
  return copy;
}

std::string plugin_table_problem(const fpconform_plugin& t) {
  if (t.abi_version < 1 || t.abi_version > 3)
    return "ABI version " + std::to_string(t.abi_version) + ", this fpconform speaks 1, 2 and 3";
  const std::size_t size = t.abi_version == 1 ? kPluginV1Size : sizeof(fpconform_plugin);
  if (t.struct_size < size)
    return "struct_size " + std::to_string(t.struct_size) + " is smaller than version " +
           std::to_string(t.abi_version) + "'s " + std::to_string(size) + " bytes";
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
  for (std::size_t i = 0; i < t.conversion_count; ++i)
    if (std::string p = entry_problem("conversion", i, t.conversions[i], false, t.abi_version); !p.empty()) return p;
  const std::string arithmetic = std::to_string(t.arithmetic_count);
  if (t.arithmetic_count > kMaxArithmetic)
    return "arithmetic_count " + arithmetic + " is more than " + std::to_string(kMaxArithmetic);
  if (t.arithmetic_count && !t.arithmetic) return "arithmetic is null but arithmetic_count is " + arithmetic;
  if (t.arithmetic_count && !t.arith) return "arith is null but " + arithmetic + " arithmetic ops are listed";
  for (std::size_t i = 0; i < t.arithmetic_count; ++i)
    if (std::string p = entry_problem("arithmetic", i, t.arithmetic[i], true, t.abi_version); !p.empty()) return p;
  if (t.nan_policy > FPCONFORM_NAN_CANONICAL) return "nan_policy " + std::to_string(t.nan_policy) + " is unknown";
  if (t.gemm_a_types & ~(FPCONFORM_GEMM_S8_A | FPCONFORM_GEMM_U8_A))
    return "gemm_a_types " + hex(t.gemm_a_types) + " has unknown bits";
  if (t.gemm_a_types && !t.gemm) return "gemm is null but gemm_a_types is " + hex(t.gemm_a_types);
  return "";
}

const fpconform_plugin& PluginLibrary::table() const {
  std::call_once(once_, [this] { table_ = load_plugin_table(path_); });
  return table_;
}

}  // namespace fpconform
