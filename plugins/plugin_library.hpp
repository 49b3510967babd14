// A plug-in's table in this process: dlopen, dlsym, the entry point, and the checks plugin.h
// lists. Used by the child that describes a plug-in and by the backends that run it (which load
// it in the process that converts, never in the one that selects backends).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "fpconform/plugin.h"

namespace fpconform {

// Loads `path` (RTLD_NOW | RTLD_LOCAL; never unloaded) and returns its table, unchecked. Throws
// std::runtime_error: "plug-in PATH: cannot be loaded: <dlerror>", "plug-in PATH: no symbol
// fpconform_plugin_entry (dlsym: ...)", "plug-in PATH: fpconform_plugin_entry returned null".
const fpconform_plugin& load_plugin_table(const std::string& path);

// Text from a plug-in as messages and reports can hold it: printable ASCII as is (newlines and
// tabs too when keep_lines), any other byte as \xNN.
std::string printable(std::string_view s, bool keep_lines = false);

// What is wrong with the table, in words ("ABI version 7, this fpconform speaks version 1",
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
  mutable const fpconform_plugin* table_ = nullptr;
};

}  // namespace fpconform
