// multicast_panels_tt: panel reuse across cores by NoC multicast, after tt-metal's
// matmul_multicore_reuse_mcast. For each panel of `tt.multicast` (a CB that every core of a row or a column
// fills with the same pages), one core per row/column (the sender: column 0 for a row, row 0 for a column)
// reads the panel from DRAM and multicasts it into the same CB pages of the others; receivers only make room
// and signal. Per K step, with the pages reserved:
//   sender:   <the DRAM reads>; barrier; noc_semaphore_wait(sender_sem, num_dests); noc_semaphore_set(sender_sem, 0);
//             noc_async_write_multicast(pages -> rectangle); noc_semaphore_set_multicast(receiver_sem -> rectangle)
//   receiver: noc_semaphore_set(receiver_sem, INVALID); noc_semaphore_inc(sender's sender_sem);
//             noc_semaphore_wait(receiver_sem, VALID)
// then cb_push_back as before. The sender's own receiver_sem holds VALID from the start (it is what the
// sender multicasts); a noc_async_atomic_barrier ends the reader.
// Pre:  split_device_kernels (a reader kernel whose panel CBs are filled between cb_reserve_back and
//       cb_push_back by NoC page reads only), tt.core_ranges with block (bx, by) on core (bx, by).
// Post: the reader's runtime args gain, per panel buffer X: X_mcast_sender, X_mcast_x0/y0/x1/y1 (the receiver
//       rectangle, NoC coordinates), X_mcast_num_dests, X_sender_x/y (the sender's NoC coordinates),
//       X_sender_sem, X_receiver_sem (semaphore ids); without tt.multicast panels the module is unchanged.
// Test: tests/unit/multicast_panels_test.cpp
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool multicast_panels_tt(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
