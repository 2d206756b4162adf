// Trace recording and trace.json writing; see trace.h.
#include "trace.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "circular_buffer.h"
#include "core.h"
#include "kernel_thread.h"
#include "numeric.h"

namespace ttemu {

namespace {
const char* kind_name(Trace::Kind k) {
  switch (k) {
    case Trace::Kind::Reserve:
      return "reserve";
    case Trace::Kind::Push:
      return "push";
    case Trace::Kind::Wait:
      return "wait";
    case Trace::Kind::Pop:
      return "pop";
  }
  return "?";
}
}  // namespace

void Trace::record(Kind kind, const KernelThread& t, const CircularBuffer& cb, std::uint32_t pages) {
  const std::uint64_t now = clock_++;
  if (events_.size() >= kMaxEvents) {
    truncated_ = true;
    return;
  }
  events_.push_back({now, kind, static_cast<std::uint8_t>(t.role), static_cast<std::uint16_t>(t.core->index),
                     static_cast<std::uint8_t>(cb.index), pages, cb.filled, cb.reserved});
}

void Trace::write(const std::filesystem::path& file, const std::vector<const Core*>& cores) const {
  using nlohmann::json;
  json j;
  j["version"] = 1;
  j["time_unit"] = "event";
  j["truncated"] = truncated_;
  json jc = json::array(), jcb = json::array();
  for (const Core* c : cores) {
    jc.push_back({c->x, c->y});
    for (const auto& cb : c->cbs) {
      if (!cb) continue;
      jcb.push_back({{"core", {c->x, c->y}},
                     {"index", cb->index},
                     {"name", cb->name},
                     {"data_format", format_name(cb->format)},
                     {"page_size", cb->page_size},
                     {"num_pages", cb->num_pages},
                     {"l1_address", cb->l1_address}});
    }
  }
  j["cores"] = std::move(jc);
  j["circular_buffers"] = std::move(jcb);
  json ev = json::array();
  for (const Event& e : events_) {
    const Core* c = cores.at(e.core);
    ev.push_back({{"t", e.t},
                  {"kind", kind_name(e.kind)},
                  {"core", {c->x, c->y}},
                  {"cb", e.cb},
                  {"kernel", role_name(static_cast<Role>(e.role))},
                  {"pages", e.pages},
                  {"filled", e.filled},
                  {"reserved", e.reserved}});
  }
  j["events"] = std::move(ev);
  std::ofstream(file) << j.dump() << '\n';
}

}  // namespace ttemu
