// The CB occupancy trace of an emulated run (compiler/emu writes it as trace.json): per core and
// CB, the filled/reserved page counts over logical time. Parsing and queries, no drawing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "viewer/selection.h"

namespace tt::viewer {

struct CbSample {
  uint64_t t = 0;
  uint32_t filled = 0, reserved = 0;  // pages after the event at time t
};

struct CbTimeline {
  CoreXY core;
  int index = -1;
  std::string name;
  uint32_t num_pages = 0;
  std::vector<CbSample> samples;  // sorted by t
  // Occupancy at time t: the last sample at or before t (zeros before the first).
  CbSample at(uint64_t t) const;
  uint32_t peak_filled() const;
};

struct EmuTrace {
  std::string path;
  std::string json_text;  // the trace.json it was parsed from (File > Export writes it back)
  uint64_t end_time = 0;  // one past the last event
  bool truncated = false;
  std::vector<CbTimeline> cbs;  // by core (row-major y, x), then CB index
  std::vector<const CbTimeline*> for_core(CoreXY core) const;
};

// Parses trace.json (version 1). A malformed file is an error naming what is wrong.
std::optional<EmuTrace> parse_emu_trace(const std::string& json_text, std::string& error);
std::optional<EmuTrace> load_emu_trace(const std::string& path, std::string& error);

}  // namespace tt::viewer
