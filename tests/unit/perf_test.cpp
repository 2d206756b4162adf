// perf: work counts read from the final IR, and the bound-based estimate built on them. The reference
// GEMM's counts are checked against a hand count; block-size variants against each other.
#include <gtest/gtest.h>

#include <filesystem>

#include "compiler/compiler.h"
#include "compiler/perf/estimate.h"

namespace tt::perf {
namespace {

// The reference GEMM (assets/examples/example_gemm.py), compiled through the real front end.
KernelResult compile_reference(std::map<std::string, std::string> defines = {}) {
  CompileOptions options;
  options.defines = std::move(defines);
  options.codegen = false;
  CompileResult r = compile_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm.py", options);
  EXPECT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  return r.kernels.at(0);
}

DeviceModel device(const std::string& name = "wormhole_n150") {
  std::string error;
  std::optional<DeviceModel> d = load_device(name, error);
  EXPECT_TRUE(d) << error;
  return *d;
}

TEST(PerfCounts, ReferenceGemmMatchesAHandCount) {
  // 1024^3 fp16, blocks 128x128x32: an 8x8 block grid, block (bx, by) on core (bx, by) of the 8x8 Wormhole grid.
  // Per block: K/32 = 32 steps; each needs A 4 tiles + B 4 tiles of 2048 B and does 4x4 = 16 tile matmuls;
  // the writer writes 4x4 = 16 tiles of C. The cores of a row share A, those of a column share B: core (0, y)
  // reads A from DRAM and multicasts it along its row, core (x, 0) reads B and multicasts it down its column.
  KernelResult k = compile_reference();
  DiagnosticList diags;
  std::optional<ProgramCounts> c = count_program_work(k.module, diags);
  ASSERT_TRUE(c) << render_diagnostics(diags, SourceFile{});
  ASSERT_EQ(c->cores.size(), 64u);
  constexpr int64_t kPanel = 32 * 4 * 2048;  // 262,144 B of A (or B) over the K loop
  for (const CoreCounts& core : c->cores) {
    const int64_t senders = (core.x == 0) + (core.y == 0);  // panels this core reads from DRAM
    EXPECT_EQ(core.blocks, 1);
    EXPECT_EQ(core.reader.dram_read_bytes, senders * kPanel);
    EXPECT_EQ(core.reader.noc_reads, senders * 32 * 4);
    EXPECT_EQ(core.reader.multicast_send_bytes, senders * kPanel);
    EXPECT_EQ(core.reader.multicast_receive_bytes, (2 - senders) * kPanel);
    EXPECT_EQ(core.writer.dram_write_bytes, 16 * 2048);     // 32,768 B
    EXPECT_EQ(core.writer.noc_writes, 16);
    EXPECT_EQ(core.compute.tile_matmuls, 32 * 16);          // 512
    // Partials: every K step but the last packs all 16 fp32 tiles to the intermediate CB, every K
    // step but the first reloads them: 31 x 16 tiles of 4096 B each way.
    EXPECT_EQ(core.compute.spill_bytes, 31 * 16 * 4096);
    EXPECT_EQ(core.compute.reload_bytes, 31 * 16 * 4096);
    EXPECT_EQ(core.compute.pack_tiles, 32 * 16);            // 31 spills + the final 16 output tiles
    EXPECT_EQ(core.compute.unpack_tiles, 31 * 16);
  }
  EXPECT_EQ(c->total.dram_read_bytes, 16 * kPanel);  // 4 MiB: 8 A panels + 8 B panels, each read once
  EXPECT_EQ(c->dram_read_bytes.at("A"), 2 * 1024 * 1024);
  EXPECT_EQ(c->dram_read_bytes.at("B"), 2 * 1024 * 1024);
  EXPECT_EQ(c->dram_write_bytes.at("C"), 2 * 1024 * 1024);  // C written once
  EXPECT_EQ(c->total.tile_matmuls, 32 * 32 * 32);           // (1024/32)^3

  // The source lines the traffic comes from: the two T.copy lines into shared (as core (0, 0), which sends
  // both panels, does them).
  const KernelCounts* reader = nullptr;
  for (const KernelCounts& kc : c->kernels) {
    if (kc.role == ir::KernelRole::Reader) reader = &kc;
  }
  ASSERT_NE(reader, nullptr);
  EXPECT_TRUE(reader->varies_by_core);
  ASSERT_EQ(reader->lines.size(), 2u);
  EXPECT_EQ(reader->lines[0].per_block.dram_read_bytes, kPanel);
  EXPECT_EQ(reader->lines[1].per_block.dram_read_bytes, kPanel);
  EXPECT_LT(reader->lines[0].line, reader->lines[1].line);
}

TEST(PerfCounts, EveryCoreStreamsItsPanelsWhenBlocksOutnumberCores) {
  // 2048^3 with the same blocks: 16x16 blocks, four per core; no multicast, each block reads its own panels.
  KernelResult k = compile_reference({{"M", "2048"}, {"N", "2048"}, {"K", "2048"}});
  DiagnosticList diags;
  std::optional<ProgramCounts> c = count_program_work(k.module, diags);
  ASSERT_TRUE(c) << render_diagnostics(diags, SourceFile{});
  for (const CoreCounts& core : c->cores) {
    EXPECT_EQ(core.blocks, 4);
    EXPECT_EQ(core.reader.dram_read_bytes, 4 * 64 * 8 * 2048);  // 64 K steps x (4 + 4) tiles per block
    EXPECT_EQ(core.reader.multicast_send_bytes + core.reader.multicast_receive_bytes, 0);
  }
  EXPECT_EQ(c->total.dram_read_bytes, 256 * 64 * 8 * 2048);  // 256 MiB
}

TEST(PerfCounts, ElementwiseAndEpilogueOpsAreCountedByKind) {
  // example_gemm_epilogue.py: 512x256x256 bfloat16, blocks 64x64x64: 8x4 = 32 blocks of 2x2 tiles, 4 K
  // steps of 2x2x2 = 8 tile matmuls each. The epilogue (+ bias, then ReLU) is two SFPU ops (add_binary_tile,
  // relu_tile) on each of the 4 accumulator tiles once per block, and one unpack per tile: the bias tile of its
  // column broadcast into the spare DST tile (unary_bcast); no element-wise FPU op.
  CompileOptions options;
  options.codegen = false;
  CompileResult r = compile_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_gemm_epilogue.py", options);
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  DiagnosticList diags;
  std::optional<ProgramCounts> c = count_program_work(r.kernels.at(0).module, diags);
  ASSERT_TRUE(c) << render_diagnostics(diags, SourceFile{});
  EXPECT_EQ(c->total.tile_matmuls, 32 * 4 * 8);
  EXPECT_EQ(c->total.sfpu_tile_ops, 32 * 2 * 4);
  EXPECT_EQ(c->total.fpu_tile_ops, 0);
  EXPECT_EQ(c->total.pack_tiles, 32 * 4);  // fits DST with the spare tile: one pack per output tile, no spills
  EXPECT_EQ(c->total.unpack_tiles, 32 * 4);

  // The bundled element-wise add (256x512 float32, 32x64 blocks of 1x2 tiles): one add_tiles and one
  // pack per output tile, nothing on the SFPU.
  r = compile_file(std::string(TT_INSPECT_ASSETS_DIR) + "/examples/example_elementwise_add.py", options);
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  c = count_program_work(r.kernels.at(0).module, diags);
  ASSERT_TRUE(c) << render_diagnostics(diags, SourceFile{});
  EXPECT_EQ(c->total.fpu_tile_ops, (256 / 32) * (512 / 32));
  EXPECT_EQ(c->total.pack_tiles, (256 / 32) * (512 / 32));
  EXPECT_EQ(c->total.sfpu_tile_ops, 0);
  EXPECT_EQ(c->total.tile_matmuls, 0);
}

TEST(PerfEstimate, ReferenceGemmWithMulticastIsNocBound) {
  KernelResult k = compile_reference();
  DiagnosticList diags;
  std::optional<PerfEstimate> e = estimate_performance(k.module, device(), MathFidelity::HiFi4, diags);
  ASSERT_TRUE(e) << render_diagnostics(diags, SourceFile{});
  // Compute: 512 tile matmuls x 64 cycles at 1 GHz = 32.768 us on every core.
  EXPECT_DOUBLE_EQ(e->compute_us, 32.768);
  // DRAM: (4 MiB read + 2 MiB written) at 288 GB/s = 21.85 us (34 MiB and 123.59 us when every core streamed).
  EXPECT_NEAR(e->dram_us, (6.0 * 1024 * 1024) / 288e3, 1e-9);
  // NoC: core (0, 0) reads both panels (2 x 262,144 B), multicasts both (2 x 262,144 B) and writes 32,768 B:
  // 1,081,344 B at 32 B/cycle = 33.792 us.
  EXPECT_DOUBLE_EQ(e->noc_us, 33.792);
  EXPECT_EQ(e->binding, "noc");
  EXPECT_DOUBLE_EQ(e->lower_bound_us, e->noc_us);
  EXPECT_NEAR(e->peak_tflops, 65.536, 1e-9);  // 64 cores x 65,536 flops / 64 cycles at 1 GHz
  EXPECT_NEAR(e->tflops, 2.0 * 1024 * 1024 * 1024 / e->noc_us * 1e-6, 1e-9);
  EXPECT_NEAR(e->arithmetic_intensity, 2.0 * 1024 * 1024 * 1024 / (6.0 * 1024 * 1024), 1e-9);
  EXPECT_LE(e->tflops, e->peak_tflops);
  ASSERT_EQ(e->cores.size(), 64u);
  EXPECT_NEAR(e->cores[0].utilisation, 32.768 / e->noc_us, 1e-12);
  ASSERT_FALSE(e->assumptions.empty());
  EXPECT_EQ(e->assumptions.back(),
            "panels read from DRAM once and multicast to the other cores: A per row of cores, B per column of cores");
}

TEST(PerfEstimate, StreamingGemmIsDramBound) {
  // The reference GEMM at 2048^3: every core streams its own panels (34 MiB per 1024^3-equivalent), DRAM-bound.
  KernelResult k = compile_reference({{"M", "2048"}, {"N", "2048"}, {"K", "2048"}});
  DiagnosticList diags;
  std::optional<PerfEstimate> e = estimate_performance(k.module, device(), MathFidelity::HiFi4, diags);
  ASSERT_TRUE(e) << render_diagnostics(diags, SourceFile{});
  EXPECT_NEAR(e->dram_us, (256.0 + 8.0) * 1024 * 1024 / 288e3, 1e-9);  // 256 MiB read, 8 MiB of C written
  EXPECT_EQ(e->binding, "dram");
  EXPECT_EQ(e->assumptions.back(),
            "every core reads its own A/B panels from DRAM (no multicast: the 16x16 block grid exceeds the 8x8 "
            "worker grid: sharing panels along rows and columns of cores needs one block per core)");
}

TEST(PerfEstimate, FlashAttentionMatchesAHandCount) {
  // Upstream's flash attention forward (corpus, unmodified; the `kernel` instance, 128x128 blocks, non-causal) at
  // batch 1, 2 heads, seq 256, dim 64: a 2x2x1 block grid, one block per core on 4 cores, 2 KV blocks each.
  const std::string file = std::string(TT_INSPECT_ASSETS_DIR) +
                           "/../../shared/corpus/tilelang/examples/flash_attention/example_mha_fwd_bshd.py";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no corpus beside the checkout";
  CompileOptions options;
  options.kernel = "kernel";
  options.defines = {{"batch", "1"}, {"heads", "2"}, {"seq_len", "256"}, {"dim", "64"}, {"is_causal", "False"}};
  options.codegen = false;
  CompileResult r = compile_file(file, options);
  ASSERT_TRUE(r.ok()) << render_diagnostics(r.all_diagnostics(), r.source);
  DiagnosticList diags;
  std::optional<PerfEstimate> e = estimate_performance(r.kernels.at(0).module, device(), MathFidelity::HiFi4, diags);
  ASSERT_TRUE(e) << render_diagnostics(diags, SourceFile{});
  const ProgramCounts& c = e->counts;
  int busy = 0;
  for (const CoreCounts& core : c.cores) {
    if (core.blocks == 0) continue;  // 60 of the 64 workers are idle
    ++busy;
    EXPECT_EQ(core.blocks, 1);
    // Q once (4x2 tiles), K and V per KV block (4x2 tiles each), 2048-byte fp16 tiles; Output 4x2 tiles.
    EXPECT_EQ(core.reader.dram_read_bytes, (8 + 2 * (8 + 8)) * 2048);
    EXPECT_EQ(core.writer.dram_write_bytes, 8 * 2048);
    // Per KV block: Q K^T 4x4 tiles over 2 k-tiles (32) and P V 4x2 tiles over 4 k-tiles (32).
    EXPECT_EQ(core.compute.tile_matmuls, 2 * (32 + 32));
  }
  EXPECT_EQ(busy, 4);
  EXPECT_EQ(c.dram_read_bytes.at("Q"), 64 * 1024);
  EXPECT_EQ(c.dram_read_bytes.at("K"), 128 * 1024);  // each (b, h)'s K re-read by its 2 query blocks
  EXPECT_EQ(c.dram_read_bytes.at("V"), 128 * 1024);
  EXPECT_EQ(c.dram_write_bytes.at("Output"), 64 * 1024);
  // FPU per block and KV block: reduce_max and reduce_sum over 16 tiles each, the sub of scores_scale (4 tiles),
  // the broadcast sub of acc_s (16), logsum * scores_scale (4): 56, twice per block.
  EXPECT_EQ(c.total.fpu_tile_ops, 4 * 2 * 56);
  // SFPU per block: the two fills (4 + 4 tiles); per KV block the -inf refill (4), max (4), scale and exp2 of
  // scores_scale (8) and of acc_s (32), logsum's add (4), the rescale of acc_o (8); the final divide (8). Plus the
  // ones tile each core fills once.
  EXPECT_EQ(c.total.sfpu_tile_ops, 4 * (8 + 2 * (4 + 4 + 8 + 32 + 4 + 8) + 8) + 4);
  // Two gemms of 2 x 128 x 128 x 64 flops per KV block; the matrix engine alone sets the bound: 128 tile matmuls
  // per core x 64 cycles at 1 GHz.
  EXPECT_DOUBLE_EQ(e->flops, 2.0 * 2 * 2 * 128 * 128 * 64 * 4);
  EXPECT_DOUBLE_EQ(e->compute_us, 8.192);
  EXPECT_EQ(e->binding, "compute");
}

TEST(PerfEstimate, RanksBlockSizesByDramTrafficAndNeverExceedsPeak) {
  // Square blocks of 64, 128 and 256 (block_K 32) at 2048^3: larger blocks re-read A and B fewer
  // times, so DRAM bytes and the estimated time fall, while the bound never beats the peak.
  std::vector<std::pair<int64_t, double>> bytes_and_time;
  for (int block : {64, 128, 256}) {
    const std::string b = std::to_string(block);
    KernelResult k = compile_reference({{"M", "2048"}, {"N", "2048"}, {"K", "2048"}, {"block_M", b}, {"block_N", b}});
    DiagnosticList diags;
    std::optional<PerfEstimate> e = estimate_performance(k.module, device(), MathFidelity::HiFi4, diags);
    ASSERT_TRUE(e) << render_diagnostics(diags, SourceFile{});
    EXPECT_LE(e->tflops, e->peak_tflops + 1e-9) << block;
    EXPECT_GE(e->lower_bound_us, e->flops / (e->peak_tflops * 1e6) - 1e-9) << block;
    bytes_and_time.emplace_back(e->counts.total.dram_read_bytes + e->counts.total.dram_write_bytes, e->lower_bound_us);
  }
  EXPECT_GT(bytes_and_time[0].first, bytes_and_time[1].first);
  EXPECT_GT(bytes_and_time[1].first, bytes_and_time[2].first);
  EXPECT_GT(bytes_and_time[0].second, bytes_and_time[1].second);
  EXPECT_GT(bytes_and_time[1].second, bytes_and_time[2].second);
}

TEST(PerfEstimate, DeviceWithoutRatesIsAnError) {
  KernelResult k = compile_reference();
  DeviceModel d = device();
  d.noc_word_bytes = 0;
  DiagnosticList diags;
  EXPECT_FALSE(estimate_performance(k.module, d, MathFidelity::HiFi4, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags.items()[0].message,
            "device 'wormhole_n150' has no performance rates (matmul_cycles_per_tile.HiFi4, clock_mhz, "
            "dram_bandwidth_gbps, noc_word_bytes) for an estimate");
}

}  // namespace
}  // namespace tt::perf
