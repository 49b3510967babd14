// Reading a results section's JSON one field at a time, naming the field in every error:
// "FILE: int8.quant[1].total: expected a count". Shared by the sections' strict readers.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "reports/result.hpp"

namespace fpconform {

class JsonReader {
 public:
  explicit JsonReader(std::string where) : where_(std::move(where)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& what) const;

  const nlohmann::json& member(const nlohmann::json& j, const std::string& field, const char* key) const;
  std::string text(const nlohmann::json& j, const std::string& field, const char* key) const;
  std::string optional_text(const nlohmann::json& j, const std::string& field, const char* key) const;
  std::uint64_t count(const nlohmann::json& j, const std::string& field, const char* key) const;
  std::int64_t integer(const nlohmann::json& j, const std::string& field, const char* key, std::int64_t lo,
                       std::int64_t hi) const;
  std::int32_t int32(const nlohmann::json& j, const std::string& field, const char* key) const;
  bool boolean(const nlohmann::json& j, const std::string& field, const char* key) const;
  // A number, or "inf", "-inf", "nan" (JSON has no number for them: see number_json).
  double real(const nlohmann::json& j, const std::string& field, const char* key) const;
  const nlohmann::json& array(const nlohmann::json& j, const std::string& field, const char* key) const;
  Status status(const nlohmann::json& j, const std::string& field) const;

 private:
  std::string where_;
};

// A double as JSON: non-finite ones as "inf", "-inf", "nan".
nlohmann::json number_json(double v);

}  // namespace fpconform
