// `tt.multicast` as JSON in the module attrs; see tt_multicast.h.
#include "compiler/ir/tt_multicast.h"

namespace tt::ir {

using nlohmann::json;

std::vector<std::string> MulticastPlan::semaphores() const {
  std::vector<std::string> out;
  for (const PanelMulticast& p : panels) {
    out.push_back(p.sender_semaphore());
    out.push_back(p.receiver_semaphore());
  }
  return out;
}

json to_json_value(const MulticastPlan& v) {
  json panels = json::array();
  for (const PanelMulticast& p : v.panels)
    panels.push_back(json{{"cb", p.cb}, {"buffer", p.buffer}, {"shared_by", p.shared_by}});
  json j{{"panels", panels}};
  if (!v.fallback.empty()) j["fallback"] = v.fallback;
  return j;
}

void set_multicast_plan(Module& m, const MulticastPlan& v) { m.attrs[kMulticastKey] = to_json_value(v); }

std::optional<MulticastPlan> get_multicast_plan(const Module& m) {
  auto it = m.attrs.find(kMulticastKey);
  if (it == m.attrs.end()) return std::nullopt;
  try {
    MulticastPlan v;
    for (const json& p : it->second.at("panels")) {
      PanelMulticast panel{p.at("cb").get<std::string>(), p.at("buffer").get<std::string>(),
                           p.at("shared_by").get<std::string>()};
      if (panel.shared_by != "row" && panel.shared_by != "column") return std::nullopt;
      v.panels.push_back(std::move(panel));
    }
    if (it->second.contains("fallback")) v.fallback = it->second.at("fallback").get<std::string>();
    return v;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

}  // namespace tt::ir
