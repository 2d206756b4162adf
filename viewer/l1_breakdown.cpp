// L1 breakdown arithmetic and byte formatting.
#include "viewer/l1_breakdown.h"

#include <cstdio>
#include <cstdlib>

namespace tt::viewer {

L1Breakdown compute_l1_breakdown(const DeviceModel& device, const std::vector<ir::CircularBuffer>& cbs) {
  L1Breakdown b;
  b.l1_bytes = device.l1_bytes;
  b.reserved_bytes = device.l1_reserved_bytes;
  auto pct = [&](int64_t v) { return b.l1_bytes > 0 ? 100.0 * static_cast<double>(v) / static_cast<double>(b.l1_bytes) : 0.0; };
  int64_t offset = 0;
  b.segments.push_back({"reserved", -1, 0, b.reserved_bytes, pct(b.reserved_bytes), b.reserved_bytes > b.l1_bytes});
  offset = b.reserved_bytes;
  for (const ir::CircularBuffer& cb : cbs) {
    L1Segment s{cb.name, cb.index, offset, cb.bytes, pct(cb.bytes), offset + cb.bytes > b.l1_bytes};
    b.segments.push_back(s);
    offset += cb.bytes;
    b.cb_bytes += cb.bytes;
  }
  b.used_bytes = offset;
  b.free_bytes = b.l1_bytes - b.used_bytes;
  b.overflow = b.used_bytes > b.l1_bytes;
  return b;
}

std::string format_bytes(int64_t bytes) {
  char buf[64];
  double v = static_cast<double>(std::llabs(bytes));
  const char* sign = bytes < 0 ? "-" : "";
  if (v >= 1024.0 * 1024.0) std::snprintf(buf, sizeof buf, "%s%.2f MiB", sign, v / (1024.0 * 1024.0));
  else if (v >= 1024.0) std::snprintf(buf, sizeof buf, "%s%.1f KiB", sign, v / 1024.0);
  else std::snprintf(buf, sizeof buf, "%s%lld B", sign, static_cast<long long>(v));
  return buf;
}

}  // namespace tt::viewer
