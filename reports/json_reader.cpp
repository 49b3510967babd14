#include "reports/json_reader.hpp"

#include <cmath>
#include <limits>

#include "fpconform/error.hpp"

namespace fpconform {

using nlohmann::json;

void JsonReader::fail(const std::string& field, const std::string& what) const {
  throw InputError(where_ + ": " + field + ": " + what);
}

const json& JsonReader::member(const json& j, const std::string& field, const char* key) const {
  if (!j.is_object()) fail(field, "expected an object");
  if (!j.contains(key)) fail(field + "." + key, "missing");
  return j.at(key);
}

std::string JsonReader::text(const json& j, const std::string& field, const char* key) const {
  const json& v = member(j, field, key);
  if (!v.is_string()) fail(field + "." + key, "expected a string");
  return v.get<std::string>();
}

std::string JsonReader::optional_text(const json& j, const std::string& field, const char* key) const {
  return j.contains(key) ? text(j, field, key) : std::string();
}

std::uint64_t JsonReader::count(const json& j, const std::string& field, const char* key) const {
  const json& v = member(j, field, key);
  if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
    fail(field + "." + key, "expected a count");
  return v.get<std::uint64_t>();
}

std::int64_t JsonReader::integer(const json& j, const std::string& field, const char* key, std::int64_t lo,
                                 std::int64_t hi) const {
  const json& v = member(j, field, key);
  if (!v.is_number_integer() || (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(hi)) ||
      v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
    fail(field + "." + key, "expected an integer in " + std::to_string(lo) + ".." + std::to_string(hi));
  return v.get<std::int64_t>();
}

std::int32_t JsonReader::int32(const json& j, const std::string& field, const char* key) const {
  return static_cast<std::int32_t>(
      integer(j, field, key, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max()));
}

bool JsonReader::boolean(const json& j, const std::string& field, const char* key) const {
  const json& v = member(j, field, key);
  if (!v.is_boolean()) fail(field + "." + key, "expected true or false");
  return v.get<bool>();
}

double JsonReader::real(const json& j, const std::string& field, const char* key) const {
  const json& v = member(j, field, key);
  if (v.is_number()) return v.get<double>();
  if (v == "inf") return std::numeric_limits<double>::infinity();
  if (v == "-inf") return -std::numeric_limits<double>::infinity();
  if (v == "nan") return std::numeric_limits<double>::quiet_NaN();
  fail(field + "." + key, "expected a number (or \"inf\", \"-inf\", \"nan\")");
}

const json& JsonReader::array(const json& j, const std::string& field, const char* key) const {
  const json& v = member(j, field, key);
  if (!v.is_array()) fail(field + "." + key, "expected an array");
  return v;
}

Status JsonReader::status(const json& j, const std::string& field) const {
  const std::string s = text(j, field, "status");
  for (Status v : {Status::passed, Status::failed, Status::skipped, Status::unimplemented})
    if (s == name(v)) return v;
  fail(field + ".status", "unknown status '" + s + "'");
}

json number_json(double v) {
  if (std::isfinite(v)) return v;
  return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

}  // namespace fpconform
