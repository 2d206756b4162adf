// trace.json parsing into per-(core, CB) timelines.
#include "viewer/emu_trace.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace tt::viewer {

CbSample CbTimeline::at(uint64_t t) const {
  auto it = std::upper_bound(samples.begin(), samples.end(), t, [](uint64_t v, const CbSample& s) { return v < s.t; });
  if (it == samples.begin()) return {t, 0, 0};
  return *(it - 1);
}

uint32_t CbTimeline::peak_filled() const {
  uint32_t peak = 0;
  for (const CbSample& s : samples) peak = std::max(peak, s.filled);
  return peak;
}

std::vector<const CbTimeline*> EmuTrace::for_core(CoreXY core) const {
  std::vector<const CbTimeline*> out;
  for (const CbTimeline& c : cbs) {
    if (c.core == core) out.push_back(&c);
  }
  return out;
}

std::optional<EmuTrace> parse_emu_trace(const std::string& json_text, std::string& error) {
  try {
    nlohmann::json j = nlohmann::json::parse(json_text);
    if (j.value("version", 0) != 1) {
      error = "trace.json: unsupported version (expected 1)";
      return std::nullopt;
    }
    EmuTrace trace;
    trace.truncated = j.value("truncated", false);
    std::map<std::tuple<int64_t, int64_t, int>, size_t> slot;  // (y, x, cb) -> index in trace.cbs
    std::vector<std::tuple<int64_t, int64_t, int>> keys;
    for (const auto& cb : j.at("circular_buffers")) {
      CbTimeline t;
      auto core = cb.at("core").get<std::vector<int64_t>>();
      t.core = {core.at(0), core.at(1)};
      t.index = cb.at("index").get<int>();
      t.name = cb.value("name", "");
      t.num_pages = cb.at("num_pages").get<uint32_t>();
      trace.cbs.push_back(std::move(t));
    }
    std::sort(trace.cbs.begin(), trace.cbs.end(), [](const CbTimeline& a, const CbTimeline& b) {
      return std::tie(a.core.y, a.core.x, a.index) < std::tie(b.core.y, b.core.x, b.index);
    });
    for (size_t i = 0; i < trace.cbs.size(); ++i) slot[{trace.cbs[i].core.y, trace.cbs[i].core.x, trace.cbs[i].index}] = i;
    for (const auto& e : j.at("events")) {
      auto core = e.at("core").get<std::vector<int64_t>>();
      auto it = slot.find({core.at(1), core.at(0), e.at("cb").get<int>()});
      if (it == slot.end()) {
        error = "trace.json: event for an undeclared CB " + std::to_string(e.at("cb").get<int>()) + " on core (" +
                std::to_string(core.at(0)) + ", " + std::to_string(core.at(1)) + ")";
        return std::nullopt;
      }
      CbSample s{e.at("t").get<uint64_t>(), e.at("filled").get<uint32_t>(), e.at("reserved").get<uint32_t>()};
      trace.cbs[it->second].samples.push_back(s);
      trace.end_time = std::max(trace.end_time, s.t + 1);
    }
    for (CbTimeline& t : trace.cbs) {
      std::stable_sort(t.samples.begin(), t.samples.end(), [](const CbSample& a, const CbSample& b) { return a.t < b.t; });
    }
    return trace;
  } catch (const std::exception& e) {
    error = std::string("trace.json: ") + e.what();
    return std::nullopt;
  }
}

std::optional<EmuTrace> load_emu_trace(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = "cannot read '" + path + "'";
    return std::nullopt;
  }
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  auto trace = parse_emu_trace(text, error);
  if (trace) {
    trace->path = path;
    trace->json_text = std::move(text);
  }
  return trace;
}

}  // namespace tt::viewer
