#include "plugins/plugin_loader.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include <nlohmann/json.hpp>

#include "plugins/plugin_backend.hpp"
#include "plugins/leftovers.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/subject.hpp"
#include "fpconform/error.hpp"
#include "fpconform/int8_backend.hpp"
#include "checks/isolate.hpp"

namespace fpconform {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxDescription = 1000;

// In the child: the table, checked, as JSON; {"error": "..."} when it is refused.
std::string describe_here(const std::string& path) {
  const fpconform_plugin t = load_plugin_table(path);
  if (const std::string problem = plugin_table_problem(t); !problem.empty())
    return json{{"error", problem}}.dump();
  json j = {{"name", t.name},
            {"description", t.description ? std::string(t.description, ::strnlen(t.description, kMaxDescription)) : ""},
            {"reports_flags", t.reports_flags != 0},
            {"tininess_before", t.tininess_before != 0},
            {"gemm_a_types", t.gemm_a_types},
            {"nan_policy", t.nan_policy},
            {"conversions", json::array()},
            {"arithmetic", json::array()}};
  for (std::size_t i = 0; i < t.conversion_count; ++i)
    j["conversions"].push_back({t.conversions[i].op, t.conversions[i].rounding});
  for (std::size_t i = 0; i < t.arithmetic_count; ++i)
    j["arithmetic"].push_back({t.arithmetic[i].op, t.arithmetic[i].rounding});
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

PluginInfo parse_description(const std::string& path, const std::string& text) {
  PluginInfo info;
  info.path = path;
  try {
    const json j = json::parse(text);
    if (j.contains("error")) throw InputError("plug-in " + path + ": " + j.at("error").get<std::string>());
    info.name = j.at("name").get<std::string>();
    info.description = j.at("description").get<std::string>();
    info.reports_flags = j.at("reports_flags").get<bool>();
    info.tininess_before = j.at("tininess_before").get<bool>();
    info.gemm_a_types = j.at("gemm_a_types").get<std::uint32_t>();
    info.nan_policy = static_cast<NanPolicy>(j.at("nan_policy").get<std::uint32_t>());
    for (const char* list : {"conversions", "arithmetic"}) {
      auto& pairs = list == std::string_view("arithmetic") ? info.arithmetic : info.conversions;
      for (const json& c : j.at(list)) {
        const auto op = static_cast<Op>(c.at(0).get<std::uint32_t>());
        const auto r = static_cast<Rounding>(c.at(1).get<std::uint32_t>());
        const std::pair<Op, Rounding> pair{op, r};
        if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end()) pairs.push_back(pair);
      }
    }
  } catch (const json::exception& e) {
    throw InputError("plug-in " + path + ": unreadable description from the loading process: " +
                     e.what());
  }
  return info;
}

}  // namespace

PluginInfo describe_plugin(const std::string& path, std::chrono::milliseconds timeout) {
  std::fflush(nullptr);  // the child must not write out a copy of what is buffered here
  become_subreaper();
  const ChildOutcome o = run_isolated([&] { return describe_here(path); }, timeout);
  // What loading started does not outlive it; loading it again in its subject starts it again,
  // and every run reports it there.
  kill_leftovers(-1, Subject::running());
  if (o.completed) return parse_description(path, o.output);
  if (o.failure.starts_with("threw: plug-in ")) throw InputError(o.failure.substr(7));
  const char* what = o.failure.starts_with("killed by signal") ? "crashed"
                     : o.failure.starts_with("timed out")      ? "hung"
                                                               : "failed";
  throw InputError("plug-in " + path + " " + what + " while loading: " + o.failure);
}

const Backend* register_plugin(const std::string& path, std::chrono::milliseconds timeout) {
  PluginInfo info = describe_plugin(path, timeout);
  if (const Backend* b = find_backend(info.name))
    throw InputError("plug-in " + path + ": name '" + info.name + "' is already a backend" +
                     (is_plugin(*b) ? " (another plug-in's)" : ""));
  if (info.gemm_a_types && find_int8_backend(info.name))
    throw InputError("plug-in " + path + ": name '" + info.name + "' is already an INT8 backend");
  auto subject = std::make_shared<Subject>(info.path, info.name);
  if (info.gemm_a_types) register_int8_backend(std::make_unique<PluginInt8Backend>(info, subject));
  auto backend = std::make_unique<PluginBackend>(std::move(info), std::move(subject));
  const Backend* registered = backend.get();
  register_backend(std::move(backend));
  return registered;
}

}  // namespace fpconform
