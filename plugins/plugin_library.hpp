// A plug-in's table in this process: dlopen, dlsym, the entry point, and the checks plugin.h
// lists. Used by the child that describes a plug-in and by the backends that run it (which load
// it in the process that converts, never in the one that selects backends).
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>

#include "fpconform/plugin.h"

namespace fpconform {

// The bytes of a version-1 table: its fields end at gemm_a_types.
inline constexpr std::size_t kPluginV1Size = offsetof(fpconform_plugin, arithmetic);

// Loads `path` (RTLD_NOW | RTLD_LOCAL; never unloaded) and returns a copy of its table, unchecked:
// the fields its version and struct_size say it has (a version-1 table's are those up to
// gemm_a_types), every other field zero, so nothing past the plug-in's own table is read. Throws
// std::runtime_error: "plug-in PATH: cannot be loaded: <dlerror>", "plug-in PATH: no symbol
// fpconform_plugin_entry (dlsym: ...)", "plug-in PATH: fpconform_plugin_entry returned null".
fpconform_plugin load_plugin_table(const std::string& path);

// Text from a plug-in as messages and reports can hold it: printable ASCII as is (newlines and
// tabs too when keep_lines), any other byte as \xNN.
std::string printable(std::string_view s, bool keep_lines = false);

// What is wrong with the table, in words ("ABI version 7, this fpconform speaks 1 and 2",
// "conversion 3 has unknown op 42"), or "" when nothing is.
std::string plugin_table_problem(const fpconform_plugin& t);

// The table of one plug-in, loaded on first use in the calling process (thread-safe).
class PluginLibrary {
 public:
  explicit PluginLibrary(std::string path) : path_(std::move(path)) {}
  const fpconform_plugin& table() const;

 private:
  std::string path_;
  mutable std::once_flag once_;
  mutable fpconform_plugin table_{};
};

}  // namespace fpconform
