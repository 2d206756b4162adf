// The reference GEMM IR built in C++ (see test_ir_builders.h).
#include "tests/unit/test_ir_builders.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

namespace tt::test {

using namespace ir;

const SourceFile& example_gemm_source() {
  static const SourceFile source = [] {
    std::ifstream in(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return SourceFile("example_gemm.py", text.str());
  }();
  return source;
}

SourceSpan span_of(const std::string& snippet) {
  const SourceFile& src = example_gemm_source();
  size_t at = src.text().find(snippet);
  if (at == std::string::npos) return {};
  return SourceSpan{src.loc_at(static_cast<uint32_t>(at)), src.loc_at(static_cast<uint32_t>(at + snippet.size()))};
}

namespace {
int64_t ceildiv(int64_t a, int64_t b) { return (a + b - 1) / b; }
Region region(const Buffer& b, std::vector<Expr> starts, std::vector<int64_t> extents, SourceSpan span) {
  return Region{b, std::move(starts), std::move(extents), span};
}
}  // namespace

GemmParts make_gemm_parts(int64_t M, int64_t N, int64_t K, int64_t bM, int64_t bN, int64_t bK, DataType dtype,
                          DataType accum, int num_stages, bool transpose_b) {
  GemmParts p;
  p.func_span = span_of("def gemm(");
  p.kernel_span = span_of("with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):");
  p.a = make_buffer("A", {M, K}, dtype, MemScope::Global, span_of("A: T.Tensor((M, K), dtype)"));
  std::vector<int64_t> b_shape = transpose_b ? std::vector<int64_t>{N, K} : std::vector<int64_t>{K, N};
  p.b = make_buffer("B", b_shape, dtype, MemScope::Global, span_of("B: T.Tensor((K, N), dtype)"));
  p.c = make_buffer("C", {M, N}, dtype, MemScope::Global, span_of("C: T.Tensor((M, N), dtype)"));
  SourceSpan sa = span_of("A_shared = T.alloc_shared((block_M, block_K), dtype)");
  SourceSpan sb = span_of("B_shared = T.alloc_shared((block_K, block_N), dtype)");
  SourceSpan sc = span_of("C_local = T.alloc_fragment((block_M, block_N), accum_dtype)");
  p.a_shared = make_buffer("A_shared", {bM, bK}, dtype, MemScope::Shared, sa);
  std::vector<int64_t> bs_shape = transpose_b ? std::vector<int64_t>{bN, bK} : std::vector<int64_t>{bK, bN};
  p.b_shared = make_buffer("B_shared", bs_shape, dtype, MemScope::Shared, sb);
  p.c_local = make_buffer("C_local", {bM, bN}, accum, MemScope::Fragment, sc);
  p.alloc_a = make_allocate(p.a_shared, sa);
  p.alloc_b = make_allocate(p.b_shared, sb);
  p.alloc_c = make_allocate(p.c_local, sc);
  p.bx = make_var("bx", p.kernel_span);
  p.by = make_var("by", p.kernel_span);
  SourceSpan loop_span = span_of("for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):");
  p.k = make_var("k", loop_span);
  p.grid = {ceildiv(N, bN), ceildiv(M, bM)};

  SourceSpan clear_span = span_of("T.clear(C_local)");
  p.clear = make_fill(full_region(p.c_local, clear_span), float_imm(0.0), true, clear_span);
  SourceSpan ca = span_of("T.copy(A[by * block_M, k * block_K], A_shared)");
  p.copy_a = make_copy(region(p.a, {mul(p.by, int_imm(bM)), mul(p.k, int_imm(bK))}, {bM, bK}, ca),
                       full_region(p.a_shared, ca), ca);
  SourceSpan cb = span_of("T.copy(B[k * block_K, bx * block_N], B_shared)");
  Region b_src = transpose_b ? region(p.b, {mul(p.bx, int_imm(bN)), mul(p.k, int_imm(bK))}, {bN, bK}, cb)
                             : region(p.b, {mul(p.k, int_imm(bK)), mul(p.bx, int_imm(bN))}, {bK, bN}, cb);
  p.copy_b = make_copy(b_src, full_region(p.b_shared, cb), cb);
  SourceSpan gs = span_of("T.gemm(A_shared, B_shared, C_local)");
  p.gemm = make_gemm(full_region(p.a_shared, gs), full_region(p.b_shared, gs), full_region(p.c_local, gs), false,
                     transpose_b, false, gs);
  p.k_loop = make_for(p.k, int_imm(0), int_imm(ceildiv(K, bK)), num_stages > 0 ? ForKind::Pipelined : ForKind::Serial,
                      num_stages, seq({p.copy_a, p.copy_b, p.gemm}, loop_span), loop_span);
  SourceSpan co = span_of("T.copy(C_local, C[by * block_M, bx * block_N])");
  p.copy_out = make_copy(full_region(p.c_local, co),
                         region(p.c, {mul(p.by, int_imm(bM)), mul(p.bx, int_imm(bN))}, {bM, bN}, co), co);
  return p;
}

std::vector<Stmt> reference_body(const GemmParts& p) {
  return {p.alloc_a, p.alloc_b, p.alloc_c, p.clear, p.k_loop, p.copy_out};
}

Module make_module(const GemmParts& p, std::vector<Stmt> kernel_body) {
  Module m;
  m.name = "matmul";
  PrimFunc f;
  f.name = "gemm";
  f.params = {p.a, p.b, p.c};
  f.span = p.func_span;
  f.body = make_kernel(p.grid, {p.bx, p.by}, 128, seq(std::move(kernel_body), p.kernel_span), p.kernel_span);
  m.funcs.push_back(std::move(f));
  return m;
}

Module make_gemm_module(int64_t M, int64_t N, int64_t K, int64_t bM, int64_t bN, int64_t bK, DataType dtype,
                        DataType accum, int num_stages, bool transpose_b) {
  GemmParts p = make_gemm_parts(M, N, K, bM, bN, bK, dtype, accum, num_stages, transpose_b);
  return make_module(p, reference_body(p));
}

const DeviceModel& device(const std::string& name) {
  static std::map<std::string, DeviceModel> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  std::string error;
  auto dev = load_device(name, error);
  if (!dev) {
    ADD_FAILURE() << error;
    std::abort();
  }
  return cache.emplace(name, std::move(*dev)).first->second;
}

bool run_pass(Module& module, const std::string& name, const DeviceModel& dev, DiagnosticList& diags) {
  const PassInfo* pass = find_pass(name);
  if (!pass) {
    ADD_FAILURE() << "no pass named " << name;
    return false;
  }
  PassContext ctx{dev, example_gemm_source()};
  bool ok = pass->run(module, ctx, diags);
  return ok && !diags.has_errors();
}

bool run_through(Module& module, const std::string& last, const DeviceModel& dev, DiagnosticList& diags) {
  for (const PassInfo& pass : pipeline()) {
    if (!run_pass(module, pass.name, dev, diags)) return false;
    if (last == pass.name) return true;
  }
  ADD_FAILURE() << "no pass named " << last;
  return false;
}

std::vector<std::string> headlines(const DiagnosticList& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(diagnostic_headline(d, example_gemm_source().path()));
  return out;
}

std::vector<std::string> note_messages(const Diagnostic& d) {
  std::vector<std::string> out;
  for (const Diagnostic& n : d.notes) out.push_back(n.message);
  return out;
}

}  // namespace tt::test
