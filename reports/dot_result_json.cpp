#include "reports/dot_result_json.hpp"

#include <charconv>
#include <limits>

#include "fpconform/error.hpp"
#include "reports/fields.hpp"
#include "reports/json_reader.hpp"

namespace fpconform {
namespace {

using nlohmann::json;

json point_json(const DotError& e) {
  return {{"k", e.k}, {"cases", e.cases}, {"median_u", number_json(e.median)}, {"max_u", number_json(e.max)}};
}

json error_json(const DotErrorResult& e) {
  json j = {{"backend", e.backend}, {"format", e.format}, {"signs", e.signs}, {"seed", e.seed}, {"repro", e.repro}};
  if (!e.skipped.empty()) j["skipped"] = e.skipped;
  j["points"] = json::array();
  for (const DotError& p : e.points) j["points"].push_back(point_json(p));
  return j;
}

class Reader : public JsonReader {
 public:
  using JsonReader::JsonReader;

  std::uint32_t hex32(const json& j, const std::string& field, const char* key) const {
    const std::string h = text(j, field, key);  // "0x3F800000", as hex() writes it
    std::uint32_t v = 0;
    const std::size_t skip = h.starts_with("0x") || h.starts_with("0X") ? 2 : 0;
    const auto [end, ec] = std::from_chars(h.data() + skip, h.data() + h.size(), v, 16);
    if (h.size() == skip || ec != std::errc{} || end != h.data() + h.size())
      fail(field + "." + key, "cannot read '" + h + "' as a hex binary32");
    return v;
  }

  DotUnitResult unit(const json& j, const std::string& f) const {
    DotUnitResult u;
    u.backend = text(j, f, "backend");
    u.format = text(j, f, "format");
    u.status = status(j, f);
    if (u.status == Status::unimplemented) fail(f + ".status", "a dot-product unit is passed, failed or skipped");
    if (u.status == Status::skipped) {
      u.reason = text(j, f, "reason");
      u.repro = optional_text(j, f, "repro");
      return u;
    }
    u.declared_name = text(j, f, "declared_name");
    u.declared = text(j, f, "declared");
    u.published_name = text(j, f, "published_name");
    u.published = text(j, f, "published");
    u.inferred = text(j, f, "inferred");
    u.inferred_short = text(j, f, "inferred_short");
    u.inferred_unique = boolean(j, f, "inferred_unique");
    u.candidates = count(j, f, "candidates");
    u.probes = count(j, f, "probes");
    u.probe_k = static_cast<int>(integer(j, f, "probe_k", 0, std::numeric_limits<int>::max()));
    if (j.contains("miss")) {
      const json& m = j.at("miss");
      const std::string mf = f + ".miss";
      u.miss_model = text(m, mf, "model");
      u.miss_probes = count(m, mf, "probes");
      u.first_miss = text(m, mf, "first");
    }
    u.against = text(j, f, "against");
    u.k = static_cast<int>(integer(j, f, "k", 1, std::numeric_limits<int>::max()));
    u.cases = count(j, f, "cases");
    u.seed = count(j, f, "seed");
    u.differ = count(j, f, "differ");
    if (j.contains("first")) {
      const json& x = j.at("first");
      const std::string xf = f + ".first";
      u.first = DotDiffer{count(x, xf, "case"), hex32(x, xf, "c"), hex32(x, xf, "got"), hex32(x, xf, "model")};
      u.first_repro = text(j, f, "first_repro");
    }
    if (j.contains("monotone")) {  // results written before the pairs have none
      const json& m = j.at("monotone");
      const std::string mf = f + ".monotone";
      u.monotone_pairs = count(m, mf, "pairs");
      u.monotone_decreases = count(m, mf, "decreases");
      u.model_decreases = count(m, mf, "model_decreases");
      u.pair_differ = count(m, mf, "differ");
      u.monotone_first = optional_text(m, mf, "first");
      u.monotone_note = optional_text(m, mf, "note");
    }
    u.repro = text(j, f, "repro");
    u.seconds = real(j, f, "seconds");
    return u;
  }

  DotErrorResult error(const json& j, const std::string& f) const {
    DotErrorResult e;
    e.backend = text(j, f, "backend");
    e.format = text(j, f, "format");
    e.signs = text(j, f, "signs");
    e.seed = count(j, f, "seed");
    e.repro = text(j, f, "repro");
    e.skipped = optional_text(j, f, "skipped");
    const json& points = array(j, f, "points");
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string pf = f + ".points[" + std::to_string(i) + "]";
      e.points.push_back({static_cast<int>(integer(points[i], pf, "k", 1, std::numeric_limits<int>::max())),
                          count(points[i], pf, "cases"), real(points[i], pf, "median_u"),
                          real(points[i], pf, "max_u")});
    }
    return e;
  }
};

}  // namespace

json to_json(const DotUnitResult& u) {
  if (u.status == Status::skipped)
    return {{"backend", u.backend}, {"format", u.format}, {"status", name(u.status)}, {"reason", u.reason},
            {"repro", u.repro}};
  json j = {{"backend", u.backend},
            {"format", u.format},
            {"status", name(u.status)},
            {"declared", u.declared},
            {"declared_name", u.declared_name},
            {"inferred", u.inferred},
            {"inferred_short", u.inferred_short},
            {"inferred_unique", u.inferred_unique},
            {"candidates", u.candidates},
            {"published_name", u.published_name},
            {"published", u.published},
            {"probes", u.probes},
            {"probe_k", u.probe_k},
            {"against", u.against},
            {"k", u.k},
            {"cases", u.cases},
            {"seed", u.seed},
            {"differ", u.differ},
            {"repro", u.repro},
            {"seconds", number_json(u.seconds)}};
  if (u.monotone_pairs || !u.monotone_note.empty()) {
    j["monotone"] = {{"pairs", u.monotone_pairs}, {"decreases", u.monotone_decreases},
                     {"model_decreases", u.model_decreases}, {"differ", u.pair_differ}};
    if (!u.monotone_first.empty()) j["monotone"]["first"] = u.monotone_first;
    if (!u.monotone_note.empty()) j["monotone"]["note"] = u.monotone_note;
  }
  if (!u.miss_model.empty())
    j["miss"] = {{"model", u.miss_model}, {"probes", u.miss_probes}, {"first", u.first_miss}};
  if (u.first) {
    j["first"] = {{"case", u.first->index},
                  {"c", hex(kBinary32, u.first->c)},
                  {"got", hex(kBinary32, u.first->got)},
                  {"model", hex(kBinary32, u.first->model)}};
    j["first_repro"] = u.first_repro;
  }
  return j;
}

json to_json(const DotResults& r) {
  json j = json::object();
  if (!r.units.empty()) {
    j["units"] = json::array();
    for (const DotUnitResult& u : r.units) j["units"].push_back(to_json(u));
  }
  if (!r.error.empty()) {
    j["error_vs_k"] = json::array();
    for (const DotErrorResult& e : r.error) j["error_vs_k"].push_back(error_json(e));
  }
  return j;
}

DotResults dot_from_json(const json& j, const std::string& where) {
  const Reader r(where);
  if (!j.is_object()) r.fail("dot", "expected an object");
  DotResults out;
  try {
    if (j.contains("units")) {
      const json& a = r.array(j, "dot", "units");
      for (std::size_t i = 0; i < a.size(); ++i) out.units.push_back(r.unit(a[i], "dot.units[" + std::to_string(i) + "]"));
    }
    if (j.contains("error_vs_k")) {
      const json& a = r.array(j, "dot", "error_vs_k");
      for (std::size_t i = 0; i < a.size(); ++i)
        out.error.push_back(r.error(a[i], "dot.error_vs_k[" + std::to_string(i) + "]"));
    }
  } catch (const json::exception& e) {
    throw InputError(where + ": dot: " + e.what());
  }
  return out;
}

}  // namespace fpconform
