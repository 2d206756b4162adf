// infer_tt_layout: stamps `tt.buffer.<name>` (BufferLayout) on every global (parameter) buffer.
// Pre:  lower_tile_ops succeeded. A `tt.buffer.<name>` already present is a user annotation: its
//       memory/layout/shard_grid/shard_shape win over the defaults (DRAM, interleaved) and are validated.
// Post: every parameter has a complete layout: dtype and data format from the device, 32x32 tiles,
//       tiles per dim, bytes, role (input/output/inout/unused from the body's accesses). Errors: a
//       dtype the device does not support, a non-tile-aligned dim, a rank < 2 buffer, more tiles than
//       32-bit page ids address, DRAM buffers that together exceed the device's DRAM, an invalid
//       annotation (bad memory/layout, shard grid not fitting the worker grid or not dividing the tiles).
// Test: tests/unit/infer_tt_layout_test.cpp
#pragma once

#include "compiler/passes/pass_manager.h"

namespace tt::passes {

bool infer_tt_layout(ir::Module& module, const PassContext& ctx, DiagnosticList& diags);

}  // namespace tt::passes
