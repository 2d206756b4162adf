// Export of the viewer's tables and documents as files: the core-grid table (per core: work range
// and runtime args) and the L1 table (reserved region + CBs) as CSV, the plan and the emulation
// trace as JSON. Plain functions over a KernelResult, so tests check them without a window.
#pragma once

#include <string>

#include "compiler/compiler.h"

namespace tt::viewer {

// One row per worker core of the partition, idle cores included:
// x,y,state,start_block,num_blocks,reader_args,compute_args,writer_args (args as "name=value;...").
// Empty when the kernel has no partition yet.
std::string core_grid_csv(const KernelResult& kernel);
// One row for the reserved region, one per CB, one total row:
// region,cb_index,data_format,page_size,num_pages,bytes,percent_l1,producer,consumer.
std::string l1_table_csv(const KernelResult& kernel, const DeviceModel& device);
// RFC 4180 quoting: fields with a comma, quote or newline are quoted, quotes doubled.
std::string csv_field(const std::string& text);

}  // namespace tt::viewer
