// Trace recording and trace.json writing; see trace.h.
#include "trace.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

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

void Trace::set_groups(int groups) {
  streams_ = std::vector<Stream>(static_cast<std::size_t>(std::max(1, groups)));
  max_per_stream_ = (kMaxEvents + streams_.size() - 1) / streams_.size();
}

void Trace::record(Kind kind, const KernelThread& t, const CircularBuffer& cb, std::uint32_t pages) {
  Stream& s = streams_[t.group];
  ++s.clock;
  if (s.events.size() >= max_per_stream_) return;
  s.events.push_back({kind, static_cast<std::uint8_t>(t.role), static_cast<std::uint16_t>(t.core->index),
                      static_cast<std::uint8_t>(cb.index), pages, cb.filled, cb.reserved});
}

std::uint64_t Trace::clock() const {
  std::uint64_t n = 0;
  for (const Stream& s : streams_) n += s.clock;
  return n;
}

bool Trace::truncated() const {
  return std::any_of(streams_.begin(), streams_.end(), [](const Stream& s) { return s.clock > s.events.size(); });
}

void Trace::write(const std::filesystem::path& file, const std::vector<const Core*>& cores) const {
  using nlohmann::json;
  json j;
  j["version"] = 1;
  j["time_unit"] = "event";
  j["truncated"] = truncated();
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
  // The events (hundreds of thousands for a large GEMM) are written directly, not built as json values (a
  // map per event took longer than the emulated kernels). The bytes are the ones json::dump gives: keys in
  // sorted order, no spaces, names that need no escaping; they go where dump puts the empty "events" array.
  j["events"] = json::array();
  const std::string text = j.dump();
  const std::string empty_events = "\"events\":[]";
  const std::size_t at = text.find(empty_events);  // a key inside a string value would have escaped quotes
  std::string out;
  std::size_t total = 0, longest = 0;
  for (const Stream& s : streams_) {
    total += s.events.size();
    longest = std::max(longest, s.events.size());
  }
  out.reserve(text.size() + total * 112);
  out.append(text, 0, at).append("\"events\":[");
  char number[24];
  const auto append_number = [&](auto v) {
    const auto end = std::to_chars(number, number + sizeof number, v).ptr;
    out.append(number, end);
  };
  // Round-robin over the groups' streams: the k-th event of every group, then the (k+1)-th.
  std::uint64_t t = 0;
  for (std::size_t k = 0; k < longest; ++k)
    for (const Stream& s : streams_) {
      if (k >= s.events.size()) continue;
      const Event& e = s.events[k];
      const Core* c = cores.at(e.core);
      out.append(t ? ",{\"cb\":" : "{\"cb\":");
      append_number(static_cast<unsigned>(e.cb));
      out.append(",\"core\":[");
      append_number(c->x);
      out.push_back(',');
      append_number(c->y);
      out.append("],\"filled\":");
      append_number(e.filled);
      out.append(",\"kernel\":\"").append(role_name(static_cast<Role>(e.role))).append("\",\"kind\":\"");
      out.append(kind_name(e.kind)).append("\",\"pages\":");
      append_number(e.pages);
      out.append(",\"reserved\":");
      append_number(e.reserved);
      out.append(",\"t\":");
      append_number(t++);
      out.push_back('}');
    }
  out.push_back(']');
  out.append(text, at + empty_events.size());
  out.push_back('\n');
  std::ofstream(file, std::ios::binary).write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace ttemu
