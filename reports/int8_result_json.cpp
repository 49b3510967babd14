#include "reports/int8_result_json.hpp"

#include <charconv>
#include <limits>

#include "fpconform/error.hpp"
#include "reports/json_reader.hpp"

namespace fpconform {
namespace {

using nlohmann::json;

json shape_json(GemmShape s) { return {{"m", s.m}, {"n", s.n}, {"k", s.k}}; }

json gemm_json(const GemmExactness& g) {
  json j = {{"backend", g.backend},       {"shape", shape_json(g.shape)},
            {"a_type", name(g.a_type)},   {"inputs", g.inputs},
            {"status", name(g.status)},   {"elements", g.elements},
            {"mismatches", g.mismatches}, {"int32_overflows", g.int32_overflows},
            {"repro", g.repro},           {"seconds", number_json(g.seconds)}};
  if (!g.reason.empty()) j["reason"] = g.reason;
  if (!g.declared.empty()) j["declared"] = g.declared;
  if (!g.method.empty()) j["method"] = g.method;
  j["model"] = g.model;
  j["model_mismatches"] = g.model_mismatches;
  if (g.worst_row >= 0)
    j["worst"] = {{"row", g.worst_row},
                  {"col", g.worst_col},
                  {"expected", g.worst_expected},
                  {"got", g.worst_got}};
  return j;
}

json quant_json(const QuantExactness& q) {
  json j = {{"backend", q.backend},
            {"op", q.op},
            {"model", q.model},
            {"type", name(q.type)},
            {"scheme", q.scheme},
            {"inputs", q.inputs},
            {"status", name(q.status)},
            {"total", q.total},
            {"mismatches", q.mismatches},
            {"repro", q.repro},
            {"seconds", number_json(q.seconds)}};
  if (!q.reason.empty()) j["reason"] = q.reason;
  j["examples"] = json::array();
  for (const QuantExample& e : q.examples)
    j["examples"].push_back({{"input", e.input}, {"got", e.got}, {"expected", e.expected}});
  return j;
}

json difference_json(const ModelDifference& d) {
  json histogram = json::object();
  for (const auto& [diff, n] : d.histogram) histogram[std::to_string(diff)] = n;
  return {{"a", name(d.a)},
          {"b", name(d.b)},
          {"type", name(d.type)},
          {"multiplier", d.multiplier},
          {"zero_point", d.zero_point},
          {"inputs", d.inputs},
          {"total", d.total},
          {"histogram", histogram}};
}

json end_to_end_json(const EndToEnd& e) {
  return {{"dist", e.dist},
          {"scheme", e.scheme},
          {"shape", shape_json(e.shape)},
          {"backend", e.backend},
          {"seed", e.seed},
          {"sqnr_db", number_json(e.sqnr_db)},
          {"cosine", number_json(e.cosine)},
          {"max_abs", number_json(e.max_abs)},
          {"rel_frobenius", number_json(e.rel_frobenius)},
          {"repro", e.repro}};
}

json speed_json(const GemmSpeed& s) {
  return {{"backend", s.backend},
          {"shape", shape_json(s.shape)},
          {"threads", s.threads},
          {"seconds", number_json(s.seconds)},
          {"gops", number_json(s.gops)},
          {"fp32_ratio", number_json(s.fp32_ratio)},
          {"peak_gops", number_json(s.peak_gops)},
          {"peak_source", s.peak_source}};
}

json robustness_json(const GemmRobustness& r) {
  json j = {{"backend", r.backend}, {"a_type", name(r.a_type)},         {"status", name(r.status)},
            {"calls", r.calls},     {"problems", r.problems},           {"repro", r.repro},
            {"seconds", number_json(r.seconds)}};
  if (!r.reason.empty()) j["reason"] = r.reason;
  return j;
}

// Reads one field at a time and names it in every error: "FILE: int8.quant[1].total: ...".
class Reader : public JsonReader {
 public:
  using JsonReader::JsonReader;

  IntType int_type(const json& j, const std::string& field, const char* key) const {
    const std::string s = text(j, field, key);
    const auto t = parse_int_type(s);
    if (!t) fail(field + "." + key, "unknown type '" + s + "' (s8 or u8)");
    return *t;
  }
  RequantModel model(const json& j, const std::string& field, const char* key) const {
    const std::string s = text(j, field, key);
    const auto m = parse_requant_model(s);
    if (!m) fail(field + "." + key, "unknown model '" + s + "'");
    return *m;
  }
  GemmShape shape(const json& j, const std::string& field) const {
    const json& s = member(j, field, "shape");
    const std::string f = field + ".shape";
    constexpr std::int64_t kMax = std::numeric_limits<int>::max();
    return {static_cast<int>(integer(s, f, "m", 0, kMax)),
            static_cast<int>(integer(s, f, "n", 0, kMax)),
            static_cast<int>(integer(s, f, "k", 0, kMax))};
  }

  GemmExactness gemm(const json& j, const std::string& f) const {
    GemmExactness g;
    g.backend = text(j, f, "backend");
    g.shape = shape(j, f);
    g.a_type = int_type(j, f, "a_type");
    g.inputs = text(j, f, "inputs");
    g.status = status(j, f);
    g.reason = optional_text(j, f, "reason");
    g.declared = optional_text(j, f, "declared");
    g.method = optional_text(j, f, "method");
    if (j.contains("model")) g.model = text(j, f, "model");
    if (j.contains("model_mismatches")) g.model_mismatches = count(j, f, "model_mismatches");
    g.elements = count(j, f, "elements");
    g.mismatches = count(j, f, "mismatches");
    g.int32_overflows = count(j, f, "int32_overflows");
    if (j.contains("worst")) {
      const json& w = j.at("worst");
      const std::string wf = f + ".worst";
      g.worst_row = static_cast<int>(integer(w, wf, "row", 0, std::numeric_limits<int>::max()));
      g.worst_col = static_cast<int>(integer(w, wf, "col", 0, std::numeric_limits<int>::max()));
      g.worst_expected = integer(w, wf, "expected", std::numeric_limits<std::int64_t>::min(),
                                 std::numeric_limits<std::int64_t>::max());
      g.worst_got = int32(w, wf, "got");
    }
    g.repro = text(j, f, "repro");
    g.seconds = real(j, f, "seconds");
    return g;
  }

  QuantExactness quant(const json& j, const std::string& f) const {
    QuantExactness q;
    q.backend = text(j, f, "backend");
    q.op = text(j, f, "op");
    if (q.op != "quantize" && q.op != "requantize") fail(f + ".op", "unknown op '" + q.op + "'");
    q.model = text(j, f, "model");
    q.type = int_type(j, f, "type");
    q.scheme = text(j, f, "scheme");
    q.inputs = text(j, f, "inputs");
    q.status = status(j, f);
    q.reason = optional_text(j, f, "reason");
    q.total = count(j, f, "total");
    q.mismatches = count(j, f, "mismatches");
    const json& examples = array(j, f, "examples");
    for (std::size_t i = 0; i < examples.size(); ++i) {
      const std::string ef = f + ".examples[" + std::to_string(i) + "]";
      q.examples.push_back({text(examples[i], ef, "input"), int32(examples[i], ef, "got"),
                            int32(examples[i], ef, "expected")});
    }
    q.repro = text(j, f, "repro");
    q.seconds = real(j, f, "seconds");
    return q;
  }

  ModelDifference difference(const json& j, const std::string& f) const {
    ModelDifference d;
    d.a = model(j, f, "a");
    d.b = model(j, f, "b");
    d.type = int_type(j, f, "type");
    d.multiplier = real(j, f, "multiplier");
    d.zero_point = int32(j, f, "zero_point");
    d.inputs = text(j, f, "inputs");
    d.total = count(j, f, "total");
    const json& h = member(j, f, "histogram");
    if (!h.is_object()) fail(f + ".histogram", "expected an object of counts by difference");
    for (const auto& [key, v] : h.items()) {
      int diff = 0;
      const auto r = std::from_chars(key.data(), key.data() + key.size(), diff);
      if (key.empty() || r.ec != std::errc{} || r.ptr != key.data() + key.size())
        fail(f + ".histogram." + key, "expected an integer difference as the key");
      d.histogram[diff] = count(h, f + ".histogram", key.c_str());
    }
    return d;
  }

  EndToEnd end_to_end(const json& j, const std::string& f) const {
    EndToEnd e;
    e.dist = text(j, f, "dist");
    e.scheme = text(j, f, "scheme");
    e.shape = shape(j, f);
    e.backend = text(j, f, "backend");
    e.seed = count(j, f, "seed");
    e.sqnr_db = real(j, f, "sqnr_db");
    e.cosine = real(j, f, "cosine");
    e.max_abs = real(j, f, "max_abs");
    e.rel_frobenius = real(j, f, "rel_frobenius");
    e.repro = text(j, f, "repro");
    return e;
  }

  GemmSpeed speed(const json& j, const std::string& f) const {
    GemmSpeed s;
    s.backend = text(j, f, "backend");
    s.shape = shape(j, f);
    // 0: timed on a GPU.
    s.threads = static_cast<int>(integer(j, f, "threads", 0, std::numeric_limits<int>::max()));
    s.seconds = real(j, f, "seconds");
    s.gops = real(j, f, "gops");
    s.fp32_ratio = real(j, f, "fp32_ratio");
    s.peak_gops = real(j, f, "peak_gops");
    s.peak_source = text(j, f, "peak_source");
    return s;
  }

  GemmRobustness robustness(const json& j, const std::string& f) const {
    GemmRobustness r;
    r.backend = text(j, f, "backend");
    r.a_type = int_type(j, f, "a_type");
    r.status = status(j, f);
    r.reason = optional_text(j, f, "reason");
    r.calls = count(j, f, "calls");
    const json& problems = array(j, f, "problems");
    for (std::size_t i = 0; i < problems.size(); ++i) {
      if (!problems[i].is_string())
        fail(f + ".problems[" + std::to_string(i) + "]", "expected a string");
      r.problems.push_back(problems[i].get<std::string>());
    }
    r.repro = text(j, f, "repro");
    r.seconds = real(j, f, "seconds");
    return r;
  }

  // Every element of j[key] (an optional array) read by read(element, "int8.key[i]").
  template <typename T, typename Read>
  void each(const json& j, const char* key, std::vector<T>& out, Read read) const {
    if (!j.contains(key)) return;
    const json& a = array(j, "int8", key);
    for (std::size_t i = 0; i < a.size(); ++i)
      out.push_back(read(a[i], std::string("int8.") + key + "[" + std::to_string(i) + "]"));
  }
};

}  // namespace

json to_json(const Int8Results& r) {
  json j = json::object();
  const auto add = [&j](const char* key, const auto& items, auto write) {
    if (items.empty()) return;
    j[key] = json::array();
    for (const auto& item : items) j[key].push_back(write(item));
  };
  add("gemm", r.gemm, gemm_json);
  add("quant", r.quant, quant_json);
  add("model_differences", r.model_differences, difference_json);
  add("end_to_end", r.end_to_end, end_to_end_json);
  add("speed", r.speed, speed_json);
  add("robustness", r.robustness, robustness_json);
  return j;
}

Int8Results int8_from_json(const json& j, const std::string& where) {
  const Reader r(where);
  if (!j.is_object()) r.fail("int8", "expected an object");
  Int8Results out;
  try {
    r.each(j, "gemm", out.gemm, [&](const json& x, const std::string& f) { return r.gemm(x, f); });
    r.each(j, "quant", out.quant,
           [&](const json& x, const std::string& f) { return r.quant(x, f); });
    r.each(j, "model_differences", out.model_differences,
           [&](const json& x, const std::string& f) { return r.difference(x, f); });
    r.each(j, "end_to_end", out.end_to_end,
           [&](const json& x, const std::string& f) { return r.end_to_end(x, f); });
    r.each(j, "speed", out.speed,
           [&](const json& x, const std::string& f) { return r.speed(x, f); });
    r.each(j, "robustness", out.robustness,
           [&](const json& x, const std::string& f) { return r.robustness(x, f); });
  } catch (const json::exception& e) {
    throw InputError(where + ": int8: " + e.what());
  }
  return out;
}

}  // namespace fpconform
