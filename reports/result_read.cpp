#include "reports/result_read.hpp"

#include <charconv>
#include <fstream>

#include <nlohmann/json.hpp>

#include "fpconform/error.hpp"
#include "fpconform/operation.hpp"
#include "reports/dot_result_json.hpp"
#include "reports/int8_result_json.hpp"
#include "reports/result_json.hpp"

namespace fpconform {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw InputError(path_ + ": " + field + ": " + what);
  }

  const json& member(const json& j, const std::string& field, const std::string& key) const {
    if (!j.is_object() || !j.contains(key)) fail(field + (field.empty() ? "" : ".") + key, "missing");
    return j.at(key);
  }
  std::string text(const json& j, const std::string& field, const std::string& key) const {
    const json& v = member(j, field, key);
    if (!v.is_string()) fail(field + "." + key, "expected a string");
    return v.get<std::string>();
  }
  std::uint64_t count(const json& v, const std::string& field) const {
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<std::int64_t>() >= 0))
      fail(field, "expected a count");
    return v.get<std::uint64_t>();
  }
  // A container (32 bits at most), or an input word (48 bits at most: mulAdd).
  std::uint64_t hex_value(const json& j, const std::string& field, const std::string& key,
                          std::uint64_t max = 0xFFFFFFFFull) const {
    const std::string h = text(member(j, field, key), field + "." + key, "hex");
    try {
      std::size_t used = 0;
      const unsigned long long v = std::stoull(h, &used, 16);
      if (used == h.size() && v <= max) return v;
    } catch (const std::exception&) {
    }
    fail(field + "." + key + ".hex", "cannot read '" + h + "' as hex");
  }
  Flags flags_value(const json& j, const std::string& field, const std::string& key) const {
    const std::string h = text(j, field, key);  // "0x01" as written, or "01"
    const std::size_t skip = h.starts_with("0x") || h.starts_with("0X") ? 2 : 0;
    std::uint32_t v = 0;
    const auto [end, ec] = std::from_chars(h.data() + skip, h.data() + h.size(), v, 16);
    if (h.size() == skip || ec != std::errc{} || end != h.data() + h.size() || v > 0xFF)
      fail(field + "." + key, "cannot read '" + h + "' as a hex flags byte");
    return static_cast<Flags>(v);
  }

  // An optional array of strings.
  void strings(const json& j, const std::string& field, const std::string& key,
               std::vector<std::string>& out) const {
    if (!j.contains(key)) return;
    const json& g = j.at(key);
    if (!g.is_array()) fail(field + "." + key, "expected an array of strings");
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (!g[i].is_string()) fail(field + "." + key + "[" + std::to_string(i) + "]", "expected a string");
      out.push_back(g[i].get<std::string>());
    }
  }

  template <typename E, std::size_t N>
  void counts(const json& j, const std::string& field, std::array<std::uint64_t, N>& out,
              auto parse) const {
    if (!j.is_object()) fail(field, "expected an object of counts");
    for (const auto& [k, v] : j.items()) {
      const std::optional<E> e = parse(k);
      if (!e) fail(field + "." + k, "unknown name");
      out[static_cast<std::size_t>(*e)] = count(v, field + "." + k);
    }
  }

  Machine machine(const json& j) const {
    Machine m;
    const auto str = [&](const char* key) {
      return j.contains(key) ? text(j, "machine", key) : std::string();
    };
    m.cpu_model = str("cpu_model");
    m.cpu_flags = str("cpu_flags");
    m.compiler = str("compiler");
    m.os = str("os");
    m.gpu = str("gpu");
    if (j.contains("cores")) m.cores = static_cast<unsigned>(count(j.at("cores"), "machine.cores"));
    if (j.contains("libraries")) {
      const json& l = j.at("libraries");
      if (!l.is_object()) fail("machine.libraries", "expected an object of versions");
      for (const auto& [k, v] : l.items()) {
        if (!v.is_string()) fail("machine.libraries." + k, "expected a string");
        m.libraries[k] = v.get<std::string>();
      }
    }
    return m;
  }

  Run run(const json& j, const std::string& field) const {
    Run r;
    r.backend = text(j, field, "backend");
    r.op = text(j, field, "op");
    r.rounding = text(j, field, "rounding");
    r.inputs = text(j, field, "inputs");
    r.profile = text(j, field, "profile");
    const std::string status = text(j, field, "status");
    if (status == "passed") r.status = Status::passed;
    else if (status == "failed") r.status = Status::failed;
    else if (status == "skipped") r.status = Status::skipped;
    else if (status == "unimplemented") r.status = Status::unimplemented;
    else fail(field + ".status", "unknown status '" + status + "'");
    if (j.contains("reason")) r.reason = text(j, field, "reason");
    if (j.contains("shard")) r.shard = text(j, field, "shard");
    if (j.contains("seed")) r.seed = count(j.at("seed"), field + ".seed");
    if (j.contains("backend_args")) r.backend_args = text(j, field, "backend_args");
    r.total = count(member(j, field, "total"), field + ".total");
    r.mismatches = count(member(j, field, "mismatches"), field + ".mismatches");
    r.untolerated = count(member(j, field, "untolerated"), field + ".untolerated");
    r.flags_compared = member(j, field, "flags_compared").get<bool>();
    r.seconds = member(j, field, "seconds").get<double>();
    counts<CaseClass>(member(j, field, "by_class"), field + ".by_class", r.by_class, parse_case_class);
    counts<DeviationKind>(member(j, field, "by_kind"), field + ".by_kind", r.by_kind,
                          parse_deviation_kind);
    if (j.contains("by_exponent")) {
      const json& e = j.at("by_exponent");
      if (!e.is_array()) fail(field + ".by_exponent", "expected an array of counts");
      for (std::size_t i = 0; i < e.size(); ++i)
        r.by_exponent.push_back(count(e[i], field + ".by_exponent[" + std::to_string(i) + "]"));
    }
    if (j.contains("baselined")) r.baselined = count(j.at("baselined"), field + ".baselined");
    if (j.contains("stale")) r.stale = member(j, field, "stale").get<bool>();
    strings(j, field, "gate", r.gate);
    strings(j, field, "problems", r.problems);
    if (j.contains("output")) {
      if (!j.at("output").is_string()) fail(field + ".output", "expected a string");
      r.output = j.at("output").get<std::string>();
    }
    const json& examples = member(j, field, "examples");
    if (!examples.is_array()) fail(field + ".examples", "expected an array");
    // An input word is as wide as the op's operands together (a binary64 source's is 64 bits).
    const std::optional<Op> op = parse_op(r.op);
    const std::uint64_t input_max = !op || input_bits(*op) >= 64 ? ~std::uint64_t{0}
                                                                 : (std::uint64_t{1} << input_bits(*op)) - 1;
    for (std::size_t i = 0; i < examples.size(); ++i) {
      const std::string f = field + ".examples[" + std::to_string(i) + "]";
      const json& x = examples[i];
      Example e{};
      e.input = hex_value(x, f, "input", input_max);
      e.got = static_cast<std::uint32_t>(hex_value(x, f, "got"));
      e.expected = static_cast<std::uint32_t>(hex_value(x, f, "expected"));
      const auto cls = parse_case_class(text(x, f, "class"));
      if (!cls) fail(f + ".class", "unknown class");
      const auto kind = parse_deviation_kind(text(x, f, "kind"));
      if (!kind) fail(f + ".kind", "unknown kind");
      e.case_class = *cls;
      e.kind = *kind;
      e.flags_compared = x.contains("got_flags");
      if (e.flags_compared) {
        e.got_flags = flags_value(x, f, "got_flags");
        e.expected_flags = flags_value(x, f, "expected_flags");
      }
      r.examples.push_back(e);
    }
    return r;
  }

 private:
  std::string path_;
};

}  // namespace

std::pair<std::vector<ResultsFile>, Profile> read_results_files(const std::vector<std::string>& paths) {
  std::vector<ResultsFile> files;
  for (const std::string& p : paths) {
    files.push_back(read_results(p));
    if (files.back().profile != files.front().profile)
      throw InputError(p + ": profile: '" + files.back().profile + "', " + paths.front() + " says '" +
                       files.front().profile + "'");
  }
  if (files.empty()) throw InputError("no results files given");
  const auto profile = parse_profile(files.front().profile);
  if (!profile) throw InputError(paths.front() + ": profile: unknown profile '" + files.front().profile + "'");
  return {std::move(files), *profile};
}

Run run_from_json(const json& j, const std::string& source) {
  try {
    return Reader(source).run(j, "run");
  } catch (const json::exception& e) {
    throw InputError(source + ": " + e.what());
  }
}

ResultsFile read_results(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError(path + ": cannot open");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for a number like 1e99999
    throw InputError(path + ": not JSON: " + e.what());
  }
  const Reader r(path);
  if (!doc.is_object() || !doc.contains("schema") || doc["schema"] != kResultsSchema)
    r.fail("schema", std::string("expected \"") + kResultsSchema + "\"");
  ResultsFile f;
  f.command = r.text(doc, "", "command");
  f.profile = r.text(doc, "", "profile");
  if (doc.contains("date")) f.date = r.text(doc, "", "date");
  if (doc.contains("machine")) f.machine = r.machine(doc.at("machine"));
  const json& runs = r.member(doc, "", "runs");
  if (!runs.is_array()) r.fail("runs", "expected an array");
  try {
    for (std::size_t i = 0; i < runs.size(); ++i)
      f.runs.push_back(r.run(runs[i], "runs[" + std::to_string(i) + "]"));
  } catch (const json::exception& e) {
    throw InputError(path + ": " + e.what());
  }
  if (doc.contains("int8")) f.int8 = int8_from_json(doc.at("int8"), path);
  if (doc.contains("dot")) f.dot = dot_from_json(doc.at("dot"), path);
  return f;
}

}  // namespace fpconform
