// Test helpers shared by the pass tests: the reference GEMM built in C++ with the IR builders (spans
// point into assets/examples/example_gemm.py), device loading, running the pipeline up to a pass,
// and diagnostics rendered as `file:line:col: error: message` headlines.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/diagnostics.h"
#include "compiler/ir/ir.h"
#include "compiler/passes/pass_manager.h"
#include "compiler/target/device.h"

namespace tt::test {

// The reference source (assets/examples/example_gemm.py) and spans of snippets in it.
const SourceFile& example_gemm_source();
SourceSpan span_of(const std::string& snippet);  // first occurrence; invalid span when absent

// Every node of the reference GEMM, so tests can rebuild variants from the pieces.
struct GemmParts {
  ir::Buffer a, b, c;  // global parameters
  ir::Buffer a_shared, b_shared, c_local;
  ir::Var bx, by, k;
  ir::Stmt alloc_a, alloc_b, alloc_c, clear, copy_a, copy_b, gemm, k_loop, copy_out;
  std::vector<int64_t> grid;  // {ceildiv(N, bN), ceildiv(M, bM)}
  SourceSpan kernel_span, func_span;
};

// The reference kernel's pieces for any shape: C = A @ B (B is (N, K) when transpose_b).
GemmParts make_gemm_parts(int64_t M, int64_t N, int64_t K, int64_t bM, int64_t bN, int64_t bK,
                          DataType dtype = DataType::Float16, DataType accum = DataType::Float32, int num_stages = 3,
                          bool transpose_b = false);

// Assembles `body` (the statements inside T.Kernel) into a one-function module "matmul"/"gemm".
ir::Module make_module(const GemmParts& p, std::vector<ir::Stmt> kernel_body);
// The kernel body of the reference: allocs, clear, the K loop, the output copy.
std::vector<ir::Stmt> reference_body(const GemmParts& p);

// The reference GEMM as the front end produces it for matmul(M, N, K, bM, bN, bK, ...).
ir::Module make_gemm_module(int64_t M, int64_t N, int64_t K, int64_t bM, int64_t bN, int64_t bK,
                            DataType dtype = DataType::Float16, DataType accum = DataType::Float32, int num_stages = 3,
                            bool transpose_b = false);

// A device from assets/devices (aborts the test on failure), cached per name.
const DeviceModel& device(const std::string& name = "wormhole_n150");

// Runs pipeline passes in order up to and including `last`; stops at the first failure.
bool run_through(ir::Module& module, const std::string& last, const DeviceModel& dev, DiagnosticList& diags);
// Runs just the one named pass.
bool run_pass(ir::Module& module, const std::string& name, const DeviceModel& dev, DiagnosticList& diags);

// `example_gemm.py:22:17: error: ...` per diagnostic (notes not included).
std::vector<std::string> headlines(const DiagnosticList& diags);
// The messages of a diagnostic's notes.
std::vector<std::string> note_messages(const Diagnostic& d);

}  // namespace tt::test
