// `tt.multicast`: which input panels the cores of a row or a column share, so that one core per row/column
// reads each panel from DRAM and multicasts it to the others (tt-metal's matmul_multicore_reuse_mcast).
// Stamped by layout_aware_work_partition_tt together with the 2-D core mapping it needs; consumed by
// multicast_panels_tt (reader protocol, runtime args), codegen (semaphores) and the performance counts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"

namespace tt::ir {

// One input CB whose pages are the same for every core of a row (same y) or a column (same x) of the
// core grid, because its copy's source index does not use the block variable that varies along it.
struct PanelMulticast {
  std::string cb;         // the on-chip buffer / CB name (A_shared)
  std::string buffer;     // the global buffer its pages come from (A)
  std::string shared_by;  // "row": sender in column 0 multicasts along x; "column": sender in row 0, along y
  // Semaphores (one id each, in creation order: panel i has 2i and 2i+1): the sender's counts receivers
  // ready for the next panel, the receivers' is set VALID by the sender once the panel has landed.
  std::string sender_semaphore() const { return buffer + "_sender_sem"; }
  std::string receiver_semaphore() const { return buffer + "_receiver_sem"; }
};

struct MulticastPlan {
  std::vector<PanelMulticast> panels;  // empty: every core streams its own panels
  std::string fallback;                // why there is no multicast (empty when there is, or nothing to share)
  // Semaphore names in id order.
  std::vector<std::string> semaphores() const;
};

inline constexpr const char* kMulticastKey = "tt.multicast";

nlohmann::json to_json_value(const MulticastPlan& v);
void set_multicast_plan(Module& m, const MulticastPlan& v);
// nullopt when absent or malformed.
std::optional<MulticastPlan> get_multicast_plan(const Module& m);

}  // namespace tt::ir
