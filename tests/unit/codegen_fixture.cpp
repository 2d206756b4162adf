// Builds the GEMM kernel IR that tensorize_tt + split_device_kernels produce, by hand: reader (NoC reads
// of A/B blocks per K step), compute (matmul_tiles into DST, spilling partials to C_local when the block
// does not fit DST), writer (NoC writes of C in the compute kernel's pack order).
#include "codegen_fixture.h"

#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include "compiler/ir/tt_metadata.h"

namespace tt::testing {

using namespace ir;

namespace {

SourceSpan span_of(const SourceFile& src, const std::string& needle) {
  size_t at = src.text().find(needle);
  if (at == std::string::npos) return {};
  return SourceSpan{src.loc_at(static_cast<uint32_t>(at)), src.loc_at(static_cast<uint32_t>(at + needle.size()))};
}

// `for name in range(extent)`, or just the body at 0 when the loop would run once (as tensorize_tt's
// serial_loop does).
Stmt loop(const std::string& name, int64_t extent, const std::function<Stmt(Expr)>& body, SourceSpan span = {}) {
  if (extent == 1) return body(int_imm(0));
  Var v = make_var(name, span);
  return make_for(v, int_imm(0), int_imm(extent), ForKind::Serial, 0, body(v), span);
}

Stmt call(TTIntrinsic op, std::vector<Expr> args, SourceSpan span) { return tt_call(op, std::move(args), span); }
Expr i(int64_t v) { return int_imm(v); }

struct Spans {
  SourceSpan func, kernel, k_loop, copy_a, copy_b, gemm, clear, copy_c, a_param, b_param, c_param, a_alloc, b_alloc,
      c_alloc;
};

}  // namespace

SourceFile example_gemm_source() {
  const std::string path = std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py";
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return SourceFile("example_gemm.py", text.str());
}

BuiltKernel build_gemm_kernel(const GemmFixture& p) {
  BuiltKernel out;
  out.source = example_gemm_source();
  std::string error;
  auto device = load_device(p.device, error);
  if (!device) {
    std::cerr << "codegen fixture: " << error << "\n";
    std::abort();
  }
  out.device = *device;
  const DeviceModel& dev = out.device;
  const SourceFile& src = out.source;
  Spans s{span_of(src, "def gemm("),
          span_of(src, "with T.Kernel(T.ceildiv(N, block_N), T.ceildiv(M, block_M), threads=128) as (bx, by):"),
          span_of(src, "for k in T.Pipelined(T.ceildiv(K, block_K), num_stages=3):"),
          span_of(src, "T.copy(A[by * block_M, k * block_K], A_shared)"),
          span_of(src, "T.copy(B[k * block_K, bx * block_N], B_shared)"),
          span_of(src, "T.gemm(A_shared, B_shared, C_local)"),
          span_of(src, "T.clear(C_local)"),
          span_of(src, "T.copy(C_local, C[by * block_M, bx * block_N])"),
          span_of(src, "A: T.Tensor((M, K), dtype)"),
          span_of(src, "B: T.Tensor((K, N), dtype)"),
          span_of(src, "C: T.Tensor((M, N), dtype)"),
          span_of(src, "A_shared = T.alloc_shared((block_M, block_K), dtype)"),
          span_of(src, "B_shared = T.alloc_shared((block_K, block_N), dtype)"),
          span_of(src, "C_local = T.alloc_fragment((block_M, block_N), accum_dtype)")};

  const DataType dt = *parse_dtype(p.dtype);
  const DataType acc = *parse_dtype(p.accum_dtype);
  const int64_t tb = *dev.tile_bytes_of(dt), acc_tb = *dev.tile_bytes_of(acc);
  const std::string fmt = *dev.data_format_of(dt), acc_fmt = *dev.data_format_of(acc);
  const int64_t mt = p.m / 32, nt = p.n / 32, kt = p.k / 32;
  const int64_t bm = p.block_m / 32, bn = p.block_n / 32, bk = p.block_k / 32;
  const int64_t gx = p.n / p.block_n, gy = p.m / p.block_m, k_iters = p.k / p.block_k;
  const int64_t cap = dev.dst_capacity(acc);
  const bool spill = bm * bn > cap;
  const int64_t sn = bn, sm = spill ? cap / bn : bm, nsub = bm / sm, sub = sm * sn;

  Module m;
  m.name = "gemm";
  // Buffers.
  auto layout = [&](const std::string& name, std::vector<int64_t> shape, const std::string& role) {
    BufferLayout l;
    l.name = name;
    l.shape = shape;
    l.dtype = p.dtype;
    l.data_format = fmt;
    l.tile_bytes = tb;
    l.tiles = {shape[0] / 32, shape[1] / 32};
    l.num_tiles = l.tiles[0] * l.tiles[1];
    l.bytes = l.num_tiles * tb;
    l.role = role;
    set_buffer_layout(m, l);
  };
  layout("A", {p.m, p.k}, "input");
  layout("B", p.transpose_b ? std::vector<int64_t>{p.n, p.k} : std::vector<int64_t>{p.k, p.n}, "input");
  layout("C", {p.m, p.n}, "output");
  // Circular buffers: inputs from c_0, outputs from c_16, intermediates from c_24.
  auto cb = [&](const std::string& name, int index, const std::string& dtype, const std::string& format,
                int64_t page, int64_t per_stage, int64_t depth, const std::string& role, const std::string& producer,
                const std::string& consumer) {
    CircularBuffer c;
    c.name = name;
    c.index = index;
    c.dtype = dtype;
    c.data_format = format;
    c.page_size = page;
    c.tiles_per_stage = per_stage;
    c.depth = depth;
    c.num_pages = per_stage * depth;
    c.bytes = c.num_pages * page;
    c.role = role;
    c.producer = producer;
    c.consumer = consumer;
    set_circular_buffer(m, c);
    return cb_ref(name, index);
  };
  Expr cb_a = cb("A_shared", 0, p.dtype, fmt, tb, bm * bk, p.num_stages, "input", "reader", "compute");
  Expr cb_b = cb("B_shared", 1, p.dtype, fmt, tb, bk * bn, p.num_stages, "input", "reader", "compute");
  Expr cb_c = cb("C", 16, p.dtype, fmt, tb, sub, 2, "output", "compute", "writer");
  Expr cb_acc = spill ? cb("C_local", 24, dtype_name(acc), acc_fmt, acc_tb, sub, nsub, "intermediate", "compute",
                           "compute")
                      : nullptr;
  // CB references carry the span of the buffer they hold.
  cb_a = cb_ref("A_shared", 0, s.a_alloc);
  cb_b = cb_ref("B_shared", 1, s.b_alloc);
  cb_c = cb_ref("C", 16, s.c_param);
  if (spill) cb_acc = cb_ref("C_local", 24, s.c_alloc);

  // Work partition and runtime arguments.
  WorkPartition wp;
  wp.grid_tiles = {mt, nt};
  wp.block_grid = {gy, gx};
  wp.block_tiles = {bm, bn};
  wp.num_blocks = gx * gy;
  wp.core_grid = {dev.grid_x, dev.grid_y};
  const int64_t cores = dev.grid_x * dev.grid_y, per = wp.num_blocks / cores, extra = wp.num_blocks % cores;
  RuntimeArgs ra;
  ra.reader = {"A_addr", "B_addr", "start_block", "num_blocks"};
  ra.compute = {"start_block", "num_blocks"};
  ra.writer = {"C_addr", "start_block", "num_blocks"};
  int64_t start = 0;
  for (int64_t y = 0; y < dev.grid_y; ++y) {
    for (int64_t x = 0; x < dev.grid_x; ++x) {
      const int64_t idx = y * dev.grid_x + x, count = per + (idx < extra ? 1 : 0);
      wp.cores.push_back({x, y, count ? start : 0, count});
      if (count) {
        RuntimeArgValue a{0, "A"}, b{0, "B"}, c{0, "C"}, st{start, ""}, n{count, ""};
        ra.cores.push_back({x, y, {a, b, st, n}, {st, n}, {c, st, n}});
      }
      start += count;
    }
  }
  set_work_partition(m, wp);
  set_runtime_args(m, ra);
  GemmInfo g;
  g.a = "A_shared";
  g.b = "B_shared";
  g.c = "C_local";
  g.transpose_b = p.transpose_b;
  g.accum_dtype = dtype_name(acc);
  g.m = p.block_m;
  g.n = p.block_n;
  g.k = p.block_k;
  g.reduction_var = "k";
  g.k_iters = k_iters;
  g.num_stages = p.num_stages;
  set_gemm_info(m, g);

  // The persistent loop every kernel shares: block = start_block + b, (by, bx) row-major.
  auto persistent = [&](Expr start_block, Expr num_blocks, const std::function<Stmt(Expr, Expr)>& body) {
    Var b = make_var("b", s.kernel), block = make_var("block", s.kernel), by = make_var("by", s.kernel),
        bx = make_var("bx", s.kernel);
    std::vector<Stmt> inner;
    if (start_block) inner.push_back(make_let(block, add(start_block, b), s.kernel));
    if (start_block) inner.push_back(make_let(by, floordiv(block, i(gx)), s.kernel));
    if (start_block) inner.push_back(make_let(bx, floormod(block, i(gx)), s.kernel));
    inner.push_back(body(by, bx));
    return make_for(b, i(0), num_blocks, ForKind::Persistent, 0, seq(inner), s.kernel);
  };
  auto k_loop = [&](const std::function<Stmt(Expr)>& body) {
    Var k = make_var("k", s.k_loop);
    return make_for(k, i(0), i(k_iters), ForKind::Pipelined, p.num_stages, body(k), s.k_loop);
  };
  auto b_page = [&](Expr kk, Expr j) { return p.transpose_b ? add(mul(j, i(bk)), kk) : add(mul(kk, i(bn)), j); };

  auto params = [&]() {
    return std::vector<Buffer>{make_buffer("A", {p.m, p.k}, dt, MemScope::Global, s.a_param),
                               make_buffer("B", {p.k, p.n}, dt, MemScope::Global, s.b_param),
                               make_buffer("C", {p.m, p.n}, dt, MemScope::Global, s.c_param)};
  };
  auto func = [&](const std::string& suffix, KernelRole role, std::vector<Stmt> body) {
    PrimFunc f;
    f.name = "gemm_" + suffix;
    f.params = params();
    f.body = seq(std::move(body));
    f.role = role;
    f.span = s.func;
    return f;
  };

  // Reader.
  {
    Var a_addr = make_var("A_addr", s.a_param), b_addr = make_var("B_addr", s.b_param),
        st = make_var("start_block", s.kernel), nb = make_var("num_blocks", s.kernel);
    Stmt body = persistent(st, nb, [&](Expr by, Expr bx) {
      return k_loop([&](Expr k) {
        std::vector<Stmt> v;
        v.push_back(call(TTIntrinsic::CbReserveBack, {cb_a, i(bm * bk)}, s.copy_a));
        v.push_back(loop("i", bm, [&](Expr ii) {
          return loop("kk", bk, [&](Expr kk) {
            Expr tile = add(mul(add(mul(by, i(bm)), ii), i(kt)), add(mul(k, i(bk)), kk));
            return call(TTIntrinsic::NocReadTile, {string_imm("A"), tile, cb_a, add(mul(ii, i(bk)), kk)}, s.copy_a);
          });
        }));
        v.push_back(call(TTIntrinsic::CbReserveBack, {cb_b, i(bk * bn)}, s.copy_b));
        v.push_back(loop("kk", bk, [&](Expr kk) {
          return loop("j", bn, [&](Expr j) {
            Expr tile = p.transpose_b ? add(mul(add(mul(bx, i(bn)), j), i(kt)), add(mul(k, i(bk)), kk))
                                      : add(mul(add(mul(k, i(bk)), kk), i(nt)), add(mul(bx, i(bn)), j));
            return call(TTIntrinsic::NocReadTile, {string_imm("B"), tile, cb_b, b_page(kk, j)}, s.copy_b);
          });
        }));
        v.push_back(call(TTIntrinsic::NocReadBarrier, {}, s.copy_b));
        v.push_back(call(TTIntrinsic::CbPushBack, {cb_a, i(bm * bk)}, s.copy_a));
        v.push_back(call(TTIntrinsic::CbPushBack, {cb_b, i(bk * bn)}, s.copy_b));
        return seq(v);
      });
    });
    m.funcs.push_back(func("reader", KernelRole::Reader,
                           {make_let(a_addr, runtime_arg("A_addr", 0), s.a_param),
                            make_let(b_addr, runtime_arg("B_addr", 1), s.b_param),
                            make_let(st, runtime_arg("start_block", 2), s.kernel),
                            make_let(nb, runtime_arg("num_blocks", 3), s.kernel), body}));
  }

  // Compute.
  {
    Var nb = make_var("num_blocks", s.kernel);
    const Expr tr = i(p.transpose_b ? 1 : 0);
    auto matmuls = [&](Expr row0) {
      return loop("i", sm, [&](Expr ii) {
        return loop("j", sn, [&](Expr j) {
          return loop("kk", bk, [&](Expr kk) {
            Expr a_tile = add(mul(add(row0, ii), i(bk)), kk);
            return call(TTIntrinsic::MatmulTiles, {cb_a, cb_b, a_tile, b_page(kk, j), add(mul(ii, i(sn)), j)}, s.gemm);
          });
        });
      });
    };
    auto pack = [&](Expr to, SourceSpan span) {
      return seq({call(TTIntrinsic::CbReserveBack, {to, i(sub)}, span),
                  loop("t", sub, [&](Expr t) { return call(TTIntrinsic::PackTile, {t, to}, span); }),
                  call(TTIntrinsic::CbPushBack, {to, i(sub)}, span)});
    };
    Stmt body = persistent(nullptr, nb, [&](Expr, Expr) {
      auto wait_inputs = [&]() {
        return seq({call(TTIntrinsic::CbWaitFront, {cb_a, i(bm * bk)}, s.gemm),
                    call(TTIntrinsic::CbWaitFront, {cb_b, i(bk * bn)}, s.gemm)});
      };
      auto pop_inputs = [&]() {
        return seq({call(TTIntrinsic::CbPopFront, {cb_a, i(bm * bk)}, s.gemm),
                    call(TTIntrinsic::CbPopFront, {cb_b, i(bk * bn)}, s.gemm)});
      };
      if (!spill) {
        return seq({call(TTIntrinsic::TileRegsAcquire, {}, s.clear),
                    k_loop([&](Expr) { return seq({wait_inputs(), matmuls(i(0)), pop_inputs()}); }),
                    call(TTIntrinsic::TileRegsCommit, {}, s.copy_c), call(TTIntrinsic::TileRegsWait, {}, s.copy_c),
                    pack(cb_c, s.copy_c), call(TTIntrinsic::TileRegsRelease, {}, s.copy_c)});
      }
      return k_loop([&](Expr k) {
        Stmt subblocks = loop("s", nsub, [&](Expr sb) {
          Stmt reload = seq({call(TTIntrinsic::CbWaitFront, {cb_acc, i(sub)}, s.gemm),
                             call(TTIntrinsic::CopyTileInit, {cb_acc}, s.gemm),
                             loop("t", sub, [&](Expr t) { return call(TTIntrinsic::CopyTile, {cb_acc, t, t}, s.gemm); }),
                             call(TTIntrinsic::CbPopFront, {cb_acc, i(sub)}, s.gemm)});
          return seq({call(TTIntrinsic::TileRegsAcquire, {}, s.gemm),
                      make_if(binary(BinaryOp::Gt, k, i(0)), reload, nullptr, s.gemm), matmuls(mul(sb, i(sm))),
                      call(TTIntrinsic::TileRegsCommit, {}, s.gemm), call(TTIntrinsic::TileRegsWait, {}, s.gemm),
                      make_if(binary(BinaryOp::Lt, k, i(k_iters - 1)), pack(cb_acc, s.gemm), pack(cb_c, s.copy_c),
                              s.gemm),
                      call(TTIntrinsic::TileRegsRelease, {}, s.gemm)});
        });
        return seq({wait_inputs(), subblocks, pop_inputs()});
      });
    });
    m.funcs.push_back(func("compute", KernelRole::Compute,
                           {make_let(nb, runtime_arg("num_blocks", 1), s.kernel),
                            call(TTIntrinsic::MatmulHwStartup, {cb_a, cb_b, cb_c}, s.gemm),
                            call(TTIntrinsic::MatmulInit, {cb_a, cb_b, tr}, s.gemm), body}));
  }

  // Writer: sub-blocks in the compute kernel's pack order.
  {
    Var c_addr = make_var("C_addr", s.c_param), st = make_var("start_block", s.kernel),
        nb = make_var("num_blocks", s.kernel);
    Stmt body = persistent(st, nb, [&](Expr by, Expr bx) {
      return loop("s", nsub, [&](Expr sb) {
        return seq({call(TTIntrinsic::CbWaitFront, {cb_c, i(sub)}, s.copy_c),
                    loop("i", sm, [&](Expr ii) {
                      return loop("j", sn, [&](Expr j) {
                        Expr row = add(add(mul(by, i(bm)), mul(sb, i(sm))), ii);
                        Expr tile = add(mul(row, i(nt)), add(mul(bx, i(bn)), j));
                        return call(TTIntrinsic::NocWriteTile, {string_imm("C"), tile, cb_c, add(mul(ii, i(sn)), j)},
                                    s.copy_c);
                      });
                    }),
                    call(TTIntrinsic::NocWriteBarrier, {}, s.copy_c),
                    call(TTIntrinsic::CbPopFront, {cb_c, i(sub)}, s.copy_c)});
      });
    });
    m.funcs.push_back(func("writer", KernelRole::Writer,
                           {make_let(c_addr, runtime_arg("C_addr", 0), s.c_param),
                            make_let(st, runtime_arg("start_block", 1), s.kernel),
                            make_let(nb, runtime_arg("num_blocks", 2), s.kernel), body}));
  }

  out.kernel.name = m.name;
  out.kernel.module = std::move(m);
  out.kernel.trace.passes.push_back(PassRecord{"frontend", "", {}, {}, true, true, 0, {}});
  for (const PassInfo& pass : pipeline()) {
    out.kernel.trace.passes.push_back(PassRecord{pass.name, "", {}, {}, true, true, 0, {}});
  }
  out.kernel.ok = true;
  return out;
}

}  // namespace tt::testing
