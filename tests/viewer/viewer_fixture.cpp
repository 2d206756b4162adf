// Viewer fixtures: results built by hand so viewer tests do not depend on the engine's progress.
#include "viewer_fixture.h"

#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"

namespace tt::viewer::testing {

namespace {

SourceSpan line_span(const SourceFile& f, uint32_t first, uint32_t last) {
  if (first == 0 || first > f.line_count()) return {};
  uint32_t begin = static_cast<uint32_t>(f.line(first).data() - f.text().data());
  std::string_view l = f.line(std::min<uint32_t>(last, static_cast<uint32_t>(f.line_count())));
  uint32_t end = static_cast<uint32_t>(l.data() - f.text().data() + l.size());
  return {f.loc_at(begin), f.loc_at(end)};
}

}  // namespace

std::string fixture_source() {
  return R"(import tilelang
import tilelang.language as T


@tilelang.jit(out_idx=[-1])
def matmul(M, N, K, block_M, block_N, block_K, dtype="float16", accum_dtype="float"):

    @T.prim_func
    def gemm(
            A: T.Tensor((M, K), dtype),
            B: T.Tensor((K, N), dtype),
            C: T.Tensor((M, N), dtype),
    ):
        with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):
            A_shared = T.alloc_shared((block_M, block_K), dtype)
            B_shared = T.alloc_shared((block_K, block_N), dtype)
            C_local = T.alloc_fragment((block_M, block_N), accum_dtype)

            T.clear(C_local)

            for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):
                T.copy(A[by * block_M, k * block_K], A_shared)
                T.copy(B[k * block_K, bx * block_N], B_shared)
                T.gemm(A_shared, B_shared, C_local)

            T.copy(C_local, C[by * block_M, bx * block_N])

    return gemm


kernel = matmul(1280, 1280, 1024, 128, 128, 32)
)";
}

DeviceModel fixture_device() {
  DeviceModel d;
  d.name = "fixture_n150";
  d.display_name = "Fixture n150";
  d.arch = "wormhole_b0";
  d.grid_x = 8;
  d.grid_y = 8;
  d.l1_bytes = 1499136;
  d.l1_reserved_bytes = 102400;
  d.max_circular_buffers = 32;
  d.dst_tiles_16bit = 16;
  d.dst_tiles_32bit = 8;
  d.tile_bytes = {{"float16", 2048}, {"bfloat16", 2048}, {"float32", 4096}};
  d.data_formats = {{"float16", "Float16"}, {"bfloat16", "Float16_b"}, {"float32", "Float32"}};
  d.supported_dtypes = {"float16", "bfloat16", "float32"};
  return d;
}

CompileResult make_gemm_result(const SourceFile& source, int64_t blocks) {
  CompileResult r;
  r.source = source;
  r.device = fixture_device();
  KernelResult k;
  k.name = "matmul";
  k.ok = true;

  // IR: the front end's shape of the kernel, with spans on the statements.
  using namespace ir;
  Buffer a = make_buffer("A", {1280, 1024}, DataType::Float16, MemScope::Global, line_span(source, 10, 10));
  Buffer b = make_buffer("B", {1024, 1280}, DataType::Float16, MemScope::Global, line_span(source, 11, 11));
  Buffer c = make_buffer("C", {1280, 1280}, DataType::Float16, MemScope::Global, line_span(source, 12, 12));
  Buffer as = make_buffer("A_shared", {128, 32}, DataType::Float16, MemScope::Shared, line_span(source, 15, 15));
  Buffer bs = make_buffer("B_shared", {32, 128}, DataType::Float16, MemScope::Shared, line_span(source, 16, 16));
  Buffer cl = make_buffer("C_local", {128, 128}, DataType::Float32, MemScope::Fragment, line_span(source, 17, 17));
  Var bx = make_var("bx"), by = make_var("by"), kv = make_var("k");
  Stmt loop = make_for(
      kv, int_imm(0), int_imm(32), ForKind::Pipelined, 3,
      seq({make_copy({a, {mul(by, int_imm(128)), mul(kv, int_imm(32))}, {128, 32}, {}}, full_region(as), line_span(source, 22, 22)),
           make_copy({b, {mul(kv, int_imm(32)), mul(bx, int_imm(128))}, {32, 128}, {}}, full_region(bs), line_span(source, 23, 23)),
           make_gemm(full_region(as), full_region(bs), full_region(cl), false, false, false, line_span(source, 24, 24))}),
      line_span(source, 21, 24));
  Stmt body = seq({make_allocate(as, line_span(source, 15, 15)), make_allocate(bs, line_span(source, 16, 16)),
                   make_allocate(cl, line_span(source, 17, 17)),
                   make_fill(full_region(cl), float_imm(0), true, line_span(source, 19, 19)), loop,
                   make_copy(full_region(cl), {c, {mul(by, int_imm(128)), mul(bx, int_imm(128))}, {128, 128}, {}},
                             line_span(source, 26, 26))});
  PrimFunc f;
  f.name = "gemm";
  f.params = {a, b, c};
  f.body = make_kernel({10, 10}, {bx, by}, 128, body, line_span(source, 14, 26));
  f.span = line_span(source, 8, 26);
  k.module.name = "matmul";
  k.module.funcs.push_back(f);

  auto record = [&](const char* name, bool changed) {
    PrintedIR p = print_module(k.module);
    PassRecord rec;
    rec.name = name;
    rec.ir_text = p.text;
    rec.line_spans = p.line_spans;
    rec.changed = changed;
    rec.micros = 42;
    k.trace.passes.push_back(rec);
  };
  record("frontend", true);

  CircularBuffer cba{"A_shared", 0, "float16", "Float16", 2048, 4, 3, 12, 24576, "input", "reader", "compute", as->span};
  CircularBuffer cbb{"B_shared", 1, "float16", "Float16", 2048, 4, 3, 12, 24576, "input", "reader", "compute", bs->span};
  CircularBuffer cbc{"C_local", 24, "float32", "Float32", 4096, 16, 1, 16, 65536, "intermediate", "compute", "writer", cl->span};
  set_circular_buffer(k.module, cba);
  set_circular_buffer(k.module, cbb);
  set_circular_buffer(k.module, cbc);
  record("propagate_tt_layout", true);

  WorkPartition wp;
  wp.grid_tiles = {40, 40};
  wp.block_grid = {10, 10};
  wp.block_tiles = {4, 4};
  wp.num_blocks = blocks;
  wp.core_grid = {8, 8};
  RuntimeArgs ra;
  ra.reader = {"a_addr", "b_addr", "start_block", "num_blocks"};
  ra.compute = {"start_block", "num_blocks"};
  ra.writer = {"c_addr", "start_block", "num_blocks"};
  int64_t start = 0;
  for (int64_t i = 0; i < 64; ++i) {
    int64_t count = blocks / 64 + (i < blocks % 64 ? 1 : 0);
    wp.cores.push_back({i % 8, i / 8, start, count});
    RuntimeArgs::PerCore pc{i % 8, i / 8, {}, {}, {}};
    pc.reader = {{0, "A"}, {0, "B"}, {start, ""}, {count, ""}};
    pc.compute = {{start, ""}, {count, ""}};
    pc.writer = {{0, "C"}, {start, ""}, {count, ""}};
    ra.cores.push_back(pc);
    start += count;
  }
  set_work_partition(k.module, wp);
  set_runtime_args(k.module, ra);
  record("layout_aware_work_partition_tt", true);

  // Generated files: each line's provenance is a source line (0 = none).
  auto artifact = [&](const char* name, std::vector<std::pair<const char*, uint32_t>> lines) {
    Artifact art;
    art.name = name;
    for (auto& [text, line] : lines) {
      art.text += std::string(text) + "\n";
      art.provenance.push_back(line ? line_span(source, line, line) : SourceSpan{});
    }
    k.artifacts.push_back(std::move(art));
  };
  artifact("reader.cpp", {{"// reader kernel of matmul", 0},
                          {"#include \"dataflow_api.h\"", 0},
                          {"void kernel_main() {", 14},
                          {"  uint32_t a_addr = get_arg_val<uint32_t>(0);", 10},
                          {"  for (uint32_t k = 0; k < 32; ++k) {", 21},
                          {"    cb_reserve_back(tt::CBIndex::c_0, 4);", 22},
                          {"    noc_async_read_tile(tile, a_gen, get_write_ptr(tt::CBIndex::c_0));", 22},
                          {"    cb_push_back(tt::CBIndex::c_0, 4);", 22},
                          {"    cb_reserve_back(tt::CBIndex::c_1, 4);", 23},
                          {"  }", 21},
                          {"}", 14}});
  artifact("compute.cpp", {{"// compute kernel of matmul", 0},
                           {"namespace NAMESPACE {", 0},
                           {"void MAIN {", 14},
                           {"  mm_init(tt::CBIndex::c_0, tt::CBIndex::c_1, tt::CBIndex::c_24);", 24},
                           {"  for (uint32_t k = 0; k < 32; ++k) {", 21},
                           {"    matmul_tiles(tt::CBIndex::c_0, tt::CBIndex::c_1, 0, 0, 0, false);", 24},
                           {"  }", 21},
                           {"}", 14},
                           {"}  // namespace NAMESPACE", 0}});
  artifact("writer.cpp", {{"// writer kernel of matmul", 0},
                          {"void kernel_main() {", 14},
                          {"  cb_wait_front(tt::CBIndex::c_24, 16);", 26},
                          {"  noc_async_write_tile(tile, c_gen, get_read_ptr(tt::CBIndex::c_24));", 26},
                          {"}", 14}});
  artifact("tt.plan.json", {{R"({"schema_version": 1, "core_grid": [8, 8], "layouts": {"A": {"memory": "DRAM"}}})", 0}});
  r.kernels.push_back(std::move(k));
  return r;
}

CompileResult make_failed_result(const SourceFile& source, uint32_t line) {
  CompileResult r;
  r.source = source;
  r.device = fixture_device();
  r.diagnostics.error(line_span(source, line, line), "unsupported construct in the kernel body");
  return r;
}

CompileResult make_large_result(size_t source_lines, size_t ir_lines, size_t passes) {
  std::string src;
  for (size_t i = 0; i < source_lines; ++i) {
    src += "    x_" + std::to_string(i) + " = T.alloc_shared((block_M, block_K), dtype)  # line " + std::to_string(i + 1) + "\n";
  }
  CompileResult r;
  r.source = SourceFile("large.py", src);
  r.device = fixture_device();
  KernelResult k;
  k.name = "large";
  k.ok = true;
  for (size_t p = 0; p < passes; ++p) {
    PassRecord rec;
    rec.name = "pass_" + std::to_string(p);
    rec.changed = true;
    rec.ir_text.reserve(ir_lines * 64);
    for (size_t i = 0; i < ir_lines; ++i) {
      // Each pass rewrites every 1000th line, so consecutive diffs are small but real.
      rec.ir_text += "        T.tt.cb_wait_front(A_shared@cb0, " + std::to_string((i % 1000 == 0) ? p : 4) +
                     ")  # ir " + std::to_string(i) + "\n";
      auto line = static_cast<uint32_t>(i % source_lines + 1);
      rec.line_spans.push_back(line_span(r.source, line, line));
    }
    k.trace.passes.push_back(std::move(rec));
  }
  r.kernels.push_back(std::move(k));
  return r;
}

}  // namespace tt::viewer::testing
