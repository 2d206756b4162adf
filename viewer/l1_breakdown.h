// Per-core L1 usage as plain data: the reserved region plus one segment per CB, against the
// device's L1 size, with overflow detection. The L1 panel and its tests use this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/ir/tt_metadata.h"
#include "compiler/target/device.h"

namespace tt::viewer {

struct L1Segment {
  std::string label;     // "reserved" or the CB's buffer name
  int cb_index = -1;     // -1 for the reserved region
  int64_t offset = 0;    // bytes from the bottom of L1
  int64_t bytes = 0;
  double percent = 0;    // of l1_bytes
  bool overflows = false;  // extends past l1_bytes
};

struct L1Breakdown {
  int64_t l1_bytes = 0;
  int64_t reserved_bytes = 0;
  int64_t cb_bytes = 0;   // sum of CB sizes
  int64_t used_bytes = 0; // reserved + CBs
  int64_t free_bytes = 0; // may be negative
  bool overflow = false;
  std::vector<L1Segment> segments;  // reserved first, then CBs in index order
};

L1Breakdown compute_l1_breakdown(const DeviceModel& device, const std::vector<ir::CircularBuffer>& cbs);
// "96.0 KiB", "1.43 MiB", "512 B".
std::string format_bytes(int64_t bytes);

}  // namespace tt::viewer
