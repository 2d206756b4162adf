// Structural queries over tile-level IR shared by the TT passes: where each tile op sits (its
// T.Kernel and enclosing loops), which variables an expression uses, the buffers an op touches.
// Everything is decided from node kinds and identities, never from names.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"

namespace tt::passes {

// A tile op (Copy, Gemm, Fill, Reduce) or element Store, with the loops enclosing it (outermost first).
struct TileOpSite {
  ir::Stmt stmt;
  const ir::KernelNode* kernel = nullptr;  // innermost enclosing T.Kernel; null outside any kernel
  std::vector<const ir::ForNode*> loops;
  const ir::ForNode* innermost_loop() const { return loops.empty() ? nullptr : loops.back(); }
};

// Every tile op and store in program (pre-)order.
std::vector<TileOpSite> collect_tile_ops(const ir::Stmt& body);
std::vector<const ir::KernelNode*> collect_kernels(const ir::Stmt& body);
// Every Allocate in program order.
std::vector<const ir::AllocateNode*> collect_allocations(const ir::Stmt& body);

bool uses_var(const ir::Expr& e, const ir::VarNode* var);
// Whether `s` is a T.fill / T.clear of `buffer` (an accumulator's clear starts a new accumulation).
bool is_fill_of(const ir::Stmt& s, const ir::Buffer& buffer);

// The buffers a tile op or store references, in operand order (Copy: src, dst; Gemm: a, b, c;
// Fill: dst; Reduce: src, dst; Store: loaded buffers, then the stored one), and whether each is
// written.
struct BufferUse {
  ir::Buffer buffer;
  bool write = false;
};
std::vector<BufferUse> buffer_uses(const ir::Stmt& op);

bool is_on_chip(ir::MemScope scope);

// On-chip buffer -> the global buffer a T.copy writes it to, for the blocks that compute writes (an element-wise
// map, an on-chip copy or a fill): such a write is packed straight into the global buffer's output CB, which the
// writer drains; the on-chip buffer's own CB is not written by it. Works before and after memory_space_lower_tt.
std::map<std::string, std::string> staged_outputs(const ir::Stmt& body);
// The global buffers whose output CB compute fills one tile at a time (staged from element-wise maps, fills and
// on-chip copies, in a kernel without a T.gemm, whose accumulator and epilogues are packed by sub-blocks): the
// writer drains them tile by tile, so their CB is a two-page ring whatever the block's size.
std::set<std::string> streamed_outputs(const ir::Stmt& body);

// Extents without unit dimensions: A[by*128, k*32] (128x32), a (1, 128, 32) region and the block
// Q[bz, bx*128:(bx+1)*128, by, 0:32] of a BSHD tensor are the same 128x32 tile block.
std::vector<int64_t> squeeze_unit_dims(const std::vector<int64_t>& v);

// "[128, 32]": shapes and grids in diagnostics.
std::string format_dims(const std::vector<int64_t>& v);  // Shared or Fragment: buffers that move through L1
// 1234567 -> "1,234,567": byte and tile counts in diagnostics.
std::string with_commas(int64_t v);

// The one PrimFunc of a module before split_device_kernels; reports an error (and returns null)
// otherwise, naming the pass that needs it.
ir::PrimFunc* single_func(ir::Module& module, const char* pass, DiagnosticList& diags);

// Every T.copy region of a global buffer whose start moves with the T.Kernel indices and constant loops stays
// inside the buffer at their largest values; else an [unsupported] error (a partial last block needs padding).
bool check_copy_bounds(const ir::Stmt& body, DiagnosticList& diags);

}  // namespace tt::passes
