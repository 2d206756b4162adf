// Front end on the reference GEMM (assets/examples/example_gemm.py): the IR's structure, its
// printed text, source spans, and -D overrides (K=2048 doubles the pipelined trip count).
#include "compiler/frontend/frontend.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "compiler/ir/printer.h"

namespace tt::frontend {
namespace {

using namespace tt::ir;

std::string reference_path() { return std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py"; }

std::vector<Module> lower_reference(const FrontendOptions& options, DiagnosticList& diags) {
  std::ifstream in(reference_path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return lower_source(SourceFile("example_gemm.py", text.str()), options, diags);
}

const SeqNode* as_seq(const Stmt& s) {
  EXPECT_EQ(s->kind, StmtKind::Seq);
  return as<SeqNode>(s);
}

std::string region_text(const Region& r) { return print_region(r); }

TEST(FrontendReferenceGemm, LowersToTheExpectedIr) {
  DiagnosticList diags;
  std::vector<Module> modules = lower_reference({}, diags);
  ASSERT_FALSE(diags.has_errors()) << render_diagnostics(diags, SourceFile());
  ASSERT_EQ(modules.size(), 1u);
  const Module& m = modules[0];
  EXPECT_EQ(m.name, "matmul");
  EXPECT_TRUE(m.attrs.empty());
  ASSERT_EQ(m.funcs.size(), 1u);
  const PrimFunc& f = m.funcs[0];
  EXPECT_EQ(f.name, "gemm");
  EXPECT_EQ(f.role, KernelRole::None);
  EXPECT_TRUE(f.attrs.empty());

  ASSERT_EQ(f.params.size(), 3u);
  const char* names[] = {"A", "B", "C"};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(f.params[i]->name, names[i]);
    EXPECT_EQ(f.params[i]->shape, (std::vector<int64_t>{1024, 1024}));
    EXPECT_EQ(f.params[i]->dtype, DataType::Float16);
    EXPECT_EQ(f.params[i]->scope, MemScope::Global);
  }

  ASSERT_EQ(f.body->kind, StmtKind::Kernel);
  auto* kernel = as<KernelNode>(f.body);
  EXPECT_EQ(kernel->grid, (std::vector<int64_t>{8, 8}));
  EXPECT_EQ(kernel->threads, 128);
  ASSERT_EQ(kernel->block_vars.size(), 2u);
  EXPECT_EQ(kernel->block_vars[0]->name, "bx");
  EXPECT_EQ(kernel->block_vars[1]->name, "by");

  const auto& body = as_seq(kernel->body)->stmts;
  ASSERT_EQ(body.size(), 6u);
  struct Alloc {
    const char* name;
    std::vector<int64_t> shape;
    DataType dtype;
    MemScope scope;
  } allocs[] = {{"A_shared", {128, 32}, DataType::Float16, MemScope::Shared},
                {"B_shared", {32, 128}, DataType::Float16, MemScope::Shared},
                {"C_local", {128, 128}, DataType::Float32, MemScope::Fragment}};
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(body[i]->kind, StmtKind::Allocate);
    const Buffer& b = as<AllocateNode>(body[i])->buffer;
    EXPECT_EQ(b->name, allocs[i].name);
    EXPECT_EQ(b->shape, allocs[i].shape);
    EXPECT_EQ(b->dtype, allocs[i].dtype);
    EXPECT_EQ(b->scope, allocs[i].scope);
  }
  const Buffer& a_shared = as<AllocateNode>(body[0])->buffer;
  const Buffer& b_shared = as<AllocateNode>(body[1])->buffer;
  const Buffer& c_local = as<AllocateNode>(body[2])->buffer;

  ASSERT_EQ(body[3]->kind, StmtKind::Fill);
  EXPECT_TRUE(as<FillNode>(body[3])->is_clear);
  EXPECT_EQ(as<FillNode>(body[3])->dst.buffer, c_local);

  ASSERT_EQ(body[4]->kind, StmtKind::For);
  auto* loop = as<ForNode>(body[4]);
  EXPECT_EQ(loop->for_kind, ForKind::Pipelined);
  EXPECT_EQ(loop->num_stages, 3);
  EXPECT_EQ(loop->var->name, "k");
  ASSERT_NE(as_int(loop->min), nullptr);
  EXPECT_EQ(*as_int(loop->min), 0);
  ASSERT_NE(as_int(loop->extent), nullptr);
  EXPECT_EQ(*as_int(loop->extent), 32);

  const auto& inner = as_seq(loop->body)->stmts;
  ASSERT_EQ(inner.size(), 3u);
  ASSERT_EQ(inner[0]->kind, StmtKind::Copy);
  auto* copy_a = as<CopyNode>(inner[0]);
  EXPECT_EQ(copy_a->src.buffer, f.params[0]);
  EXPECT_EQ(copy_a->src.extents, (std::vector<int64_t>{128, 32}));
  EXPECT_EQ(region_text(copy_a->src), "A[by * 128:by * 128 + 128, k * 32:k * 32 + 32]");
  EXPECT_EQ(copy_a->dst.buffer, a_shared);
  // The region starts use the very block and loop variables (identity, not just names).
  auto* start0 = as<BinaryNode>(copy_a->src.starts[0]);
  EXPECT_EQ(start0->a.get(), kernel->block_vars[1].get());
  auto* start1 = as<BinaryNode>(copy_a->src.starts[1]);
  EXPECT_EQ(start1->a.get(), loop->var.get());

  ASSERT_EQ(inner[1]->kind, StmtKind::Copy);
  auto* copy_b = as<CopyNode>(inner[1]);
  EXPECT_EQ(region_text(copy_b->src), "B[k * 32:k * 32 + 32, bx * 128:bx * 128 + 128]");
  EXPECT_EQ(copy_b->dst.buffer, b_shared);

  ASSERT_EQ(inner[2]->kind, StmtKind::Gemm);
  auto* gemm = as<GemmNode>(inner[2]);
  EXPECT_EQ(gemm->a.buffer, a_shared);
  EXPECT_EQ(gemm->b.buffer, b_shared);
  EXPECT_EQ(gemm->c.buffer, c_local);
  EXPECT_FALSE(gemm->transpose_a);
  EXPECT_FALSE(gemm->transpose_b);
  EXPECT_FALSE(gemm->clear_accum);

  ASSERT_EQ(body[5]->kind, StmtKind::Copy);
  auto* copy_c = as<CopyNode>(body[5]);
  EXPECT_EQ(copy_c->src.buffer, c_local);
  EXPECT_EQ(copy_c->dst.buffer, f.params[2]);
  EXPECT_EQ(region_text(copy_c->dst), "C[by * 128:by * 128 + 128, bx * 128:bx * 128 + 128]");
}

TEST(FrontendReferenceGemm, PrintsLikeTheSourceWithNumbers) {
  DiagnosticList diags;
  std::vector<Module> modules = lower_reference({}, diags);
  ASSERT_EQ(modules.size(), 1u);
  EXPECT_EQ(print_module(modules[0]).text,
            "# from tvm.script import tir as T\n"
            "# module matmul\n"
            "\n"
            "@T.prim_func\n"
            "def gemm(A: T.Tensor((1024, 1024), \"float16\"), B: T.Tensor((1024, 1024), \"float16\"), "
            "C: T.Tensor((1024, 1024), \"float16\")):\n"
            "    with T.Kernel(8, 8, threads=128) as (bx, by):\n"
            "        A_shared = T.alloc_shared((128, 32), \"float16\")\n"
            "        B_shared = T.alloc_shared((32, 128), \"float16\")\n"
            "        C_local = T.alloc_fragment((128, 128), \"float32\")\n"
            "        T.clear(C_local)\n"
            "        for k in T.Pipelined(32, num_stages=3):\n"
            "            T.copy(A[by * 128:by * 128 + 128, k * 32:k * 32 + 32], A_shared)\n"
            "            T.copy(B[k * 32:k * 32 + 32, bx * 128:bx * 128 + 128], B_shared)\n"
            "            T.gemm(A_shared, B_shared, C_local)\n"
            "        T.copy(C_local, C[by * 128:by * 128 + 128, bx * 128:bx * 128 + 128])\n");
}

TEST(FrontendReferenceGemm, SpansPointAtTheSource) {
  DiagnosticList diags;
  std::vector<Module> modules = lower_reference({}, diags);
  ASSERT_EQ(modules.size(), 1u);
  const PrimFunc& f = modules[0].funcs[0];
  EXPECT_EQ(f.span.begin.line, 9u);  // def gemm(
  EXPECT_EQ(f.params[0]->span.begin.line, 10u);
  EXPECT_EQ(f.params[0]->span.begin.col, 13u);
  auto* kernel = as<KernelNode>(f.body);
  EXPECT_EQ(kernel->span.begin.line, 14u);
  EXPECT_EQ(kernel->span.begin.col, 9u);
  EXPECT_EQ(kernel->span.end.line, 14u);  // the header, not the whole block
  const auto& body = as<SeqNode>(kernel->body)->stmts;
  EXPECT_EQ(body[0]->span.begin.line, 15u);
  EXPECT_EQ(body[3]->span.begin.line, 19u);
  auto* loop = as<ForNode>(body[4]);
  EXPECT_EQ(loop->span.begin.line, 21u);
  EXPECT_EQ(loop->var->span.begin.col, 17u);  // `k`
  const auto& inner = as<SeqNode>(loop->body)->stmts;
  EXPECT_EQ(inner[0]->span.begin.line, 22u);
  EXPECT_EQ(inner[0]->span.begin.col, 17u);
  // `by * block_M`: the folded start keeps the span of the Python expression.
  const Region& src = as<CopyNode>(inner[0])->src;
  EXPECT_EQ(src.starts[0]->span.begin.line, 22u);
  EXPECT_EQ(src.starts[0]->span.begin.col, 26u);
  EXPECT_EQ(src.starts[0]->span.end.col, 38u);
  EXPECT_EQ(inner[2]->span.begin.line, 24u);
  EXPECT_EQ(body[5]->span.begin.line, 26u);
  // Every printed line of the function maps back to a source line.
  PrintedIR printed = print_module(modules[0]);
  for (size_t i = 3; i < printed.line_spans.size(); ++i) EXPECT_TRUE(printed.line_spans[i].valid()) << "line " << i;
}

TEST(FrontendReferenceGemm, DefineKDoublesTheTripCount) {
  FrontendOptions options;
  options.defines["K"] = "2048";
  DiagnosticList diags;
  std::vector<Module> modules = lower_reference(options, diags);
  ASSERT_FALSE(diags.has_errors());
  ASSERT_EQ(modules.size(), 1u);
  const PrimFunc& f = modules[0].funcs[0];
  EXPECT_EQ(f.params[0]->shape, (std::vector<int64_t>{1024, 2048}));
  EXPECT_EQ(f.params[1]->shape, (std::vector<int64_t>{2048, 1024}));
  auto* kernel = as<KernelNode>(f.body);
  auto* loop = as<ForNode>(as<SeqNode>(kernel->body)->stmts[4]);
  ASSERT_NE(as_int(loop->extent), nullptr);
  EXPECT_EQ(*as_int(loop->extent), 64);
  EXPECT_EQ(kernel->grid, (std::vector<int64_t>{8, 8}));
}

TEST(FrontendReferenceGemm, DefinesTakePythonLiteralsAndBareStrings) {
  FrontendOptions options;
  options.defines["dtype"] = "bfloat16";       // bare word: a string
  options.defines["accum_dtype"] = "'float'";  // quoted string
  options.defines["M"] = "2 * 1024";           // constant arithmetic
  DiagnosticList diags;
  std::vector<Module> modules = lower_reference(options, diags);
  ASSERT_FALSE(diags.has_errors());
  const PrimFunc& f = modules[0].funcs[0];
  EXPECT_EQ(f.params[0]->dtype, DataType::BFloat16);
  EXPECT_EQ(f.params[0]->shape, (std::vector<int64_t>{2048, 1024}));
  EXPECT_EQ(as<KernelNode>(f.body)->grid, (std::vector<int64_t>{8, 16}));
}

TEST(FrontendReferenceGemm, SelectsByModuleOrPrimFuncName) {
  for (const char* name : {"matmul", "gemm"}) {
    FrontendOptions options;
    options.kernel = name;
    DiagnosticList diags;
    EXPECT_EQ(lower_reference(options, diags).size(), 1u) << name;
    EXPECT_FALSE(diags.has_errors());
  }
  FrontendOptions options;
  options.kernel = "conv";
  DiagnosticList diags;
  EXPECT_TRUE(lower_reference(options, diags).empty());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "no kernel named 'conv' in this file; available kernels: matmul (prim_func gemm)");
}

}  // namespace
}  // namespace tt::frontend
