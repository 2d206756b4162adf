// tt.plan.json: built as ordered JSON (fields in a fixed, documented order) and printed compactly.
#include "compiler/codegen/plan_emitter.h"

#include <algorithm>
#include <charconv>

#include "compiler/codegen/json_format.h"
#include "compiler/perf/estimate_json.h"
#include "compiler/target/math_fidelity.h"

namespace tt::codegen {

namespace {

using nlohmann::ordered_json;

ordered_json pair(int64_t a, int64_t b) { return ordered_json::array({a, b}); }

ordered_json device_json(const DeviceModel& d) {
  return ordered_json{{"name", d.name},
                      {"display_name", d.display_name},
                      {"arch", d.arch},
                      {"worker_grid", pair(d.grid_x, d.grid_y)},
                      {"l1_bytes", d.l1_bytes},
                      {"l1_reserved_bytes", d.l1_reserved_bytes},
                      {"max_circular_buffers", d.max_circular_buffers},
                      {"dst_tiles_16bit", d.dst_tiles_16bit},
                      {"dst_tiles_32bit", d.dst_tiles_32bit},
                      {"tile", d.tile},
                      {"dram_banks", d.dram_banks},
                      {"clock_mhz", d.clock_mhz}};
}

ordered_json layout_json(const ir::BufferLayout& b) {
  ordered_json j{{"memory", b.memory},           {"layout", b.layout},       {"dtype", b.dtype},
                 {"data_format", b.data_format}, {"shape", b.shape},         {"tile", b.tile},
                 {"tiles", b.tiles},             {"tile_bytes", b.tile_bytes}, {"num_tiles", b.num_tiles},
                 {"bytes", b.bytes}};
  if (b.layout == "sharded") {
    j["shard_grid"] = b.shard_grid;
    j["shard_shape"] = b.shard_shape;
  }
  if (b.shape.size() > 2) j["tiled_dims"] = b.tiled_dims;  // a stack of matrices: BufferLayout::tiled_dims
  if (b.is_vector()) j["vector"] = b.vector;               // row 0 / column 0 of tiles: BufferLayout::vector
  return j;
}

// The same forms as tt.runtime_args in the IR (ir::to_json_value), in a fixed key order.
ordered_json arg_json(const ir::RuntimeArgValue& v) {
  if (!v.buffer_address.empty()) return ordered_json{{"buffer_address", v.buffer_address}};
  if (v.noc_axis == 'x') return ordered_json{{"noc_x_of_logical", v.value}};
  if (v.noc_axis == 'y') return ordered_json{{"noc_y_of_logical", v.value}};
  if (!v.semaphore.empty()) return ordered_json{{"semaphore", v.semaphore}, {"id", v.value}};
  return v.value;
}

// Blocks of a core as TileLang's work items: block row io, block column jo (row-major linear ids,
// tt.core_ranges' tile_order; a 3-D grid's (bz, by) rows count as io = bz * grid_y + by), the K extent
// in tiles the block sums (the whole K, or its own when the K loop's trip count depends on the block).
// Written as text (a raw array): a 16384^3 GEMM has 16384 of them, and a JSON node per item made plan
// emission the slowest step of a compile.
ordered_json work_items(const ProgramInfo& p, const ActiveCore& c) {
  const int64_t cols = p.partition.block_grid.empty() ? 1 : p.partition.block_grid.back();
  const bool has_k = !p.gemm.c.empty();
  const std::vector<int64_t>& len_k_per_block = p.gemm.len_k_per_block;
  const std::string tail = ", \"tile_order\": " + ordered_json(p.partition.tile_order).dump() + "}";
  std::string text;
  text.reserve(static_cast<size_t>(std::max<int64_t>(c.count, 0)) * (tail.size() + 48));
  char number[24];
  auto append_int = [&](int64_t v) { text.append(number, std::to_chars(number, number + sizeof number, v).ptr); };
  for (int64_t b = c.start; b < c.start + c.count; ++b) {
    if (b != c.start) text += '\n';
    text += "{\"io\": ";
    append_int(b / cols);
    text += ", \"jo\": ";
    append_int(b % cols);
    if (has_k) {
      text += ", \"len_k\": ";
      const bool own = b >= 0 && static_cast<size_t>(b) < len_k_per_block.size();
      append_int(own ? len_k_per_block[static_cast<size_t>(b)] : p.gemm.len_k);
    }
    text += tail;
  }
  return raw_json_array(std::move(text));
}

}  // namespace

ordered_json build_plan(const ProgramInfo& p, const DeviceModel& d, const perf::PerfEstimate* estimate) {
  ordered_json plan;
  plan["schema_version"] = 1;
  plan["backend_version"] = std::string("tt-inspect ") + TT_INSPECT_VERSION;
  plan["tt_metal_target"] = kTtMetalTarget;
  plan["source"] = p.source_name;
  plan["kernel"] = p.kernel_name;
  plan["device"] = device_json(d);
  plan["core_grid"] = pair(d.grid_x, d.grid_y);

  ordered_json ranges = ordered_json::array();
  for (const CoreRect& r : p.core_ranges) ranges.push_back({{"start", pair(r.x, r.y)}, {"extent", pair(r.ex, r.ey)}});
  plan["core_ranges"] = std::move(ranges);

  ordered_json work = ordered_json::object();
  for (const ActiveCore& c : p.active_cores) {
    work["(" + std::to_string(c.x) + "," + std::to_string(c.y) + ")"] = work_items(p, c);
  }
  plan["work_partition"] = std::move(work);

  ordered_json layouts = ordered_json::object();
  for (const ir::BufferLayout& b : p.buffers) layouts[b.name] = layout_json(b);
  plan["layouts"] = std::move(layouts);

  plan["partition_mode"] = p.partition.mode;
  plan["grid_tiles"] = p.partition.grid_tiles;
  plan["block_grid"] = p.partition.block_grid;
  plan["block_tiles"] = p.partition.block_tiles;
  plan["num_blocks"] = p.partition.num_blocks;

  ordered_json buffers = ordered_json::object();
  for (const ir::BufferLayout& b : p.buffers) {
    // The emulator allocates the matrix the pages tile: a vector's is 32 x N (N x 32).
    buffers[b.name] = ordered_json{
        {"dtype", b.dtype},   {"data_format", b.data_format}, {"shape", b.matrix_shape()}, {"memory", b.memory},
        {"layout", b.layout}, {"page_size", b.tile_bytes},    {"num_pages", b.num_tiles},  {"bytes", b.bytes},
        {"role", b.role}};
    if (b.shape.size() > 2) buffers[b.name]["tiled_dims"] = b.tiled_dims;  // the emulator's stack of matrices
  }
  plan["buffers"] = std::move(buffers);
  if (!p.gemm.c.empty()) {  // a kernel without T.gemm has no entry (and no K extent in its work items)
    plan["gemm"] = ordered_json{{"a", p.gemm.a},
                                {"b", p.gemm.b},
                                {"c", p.gemm.c},
                                {"transpose_a", p.gemm.transpose_a},
                                {"transpose_b", p.gemm.transpose_b},
                                {"accum_dtype", p.gemm.accum_dtype}};
  }

  ordered_json cbs = ordered_json::array();
  for (const PlacedCB& placed : p.cbs) {
    const ir::CircularBuffer& cb = placed.cb;
    cbs.push_back(ordered_json{{"index", cb.index},
                               {"name", cb.name},
                               {"dtype", cb.dtype},
                               {"data_format", cb.data_format},
                               {"page_size", cb.page_size},
                               {"num_pages", cb.num_pages},
                               {"depth", cb.depth},
                               {"tiles_per_stage", cb.tiles_per_stage},
                               {"bytes", cb.bytes},
                               {"role", cb.role},
                               {"producer", cb.producer},
                               {"consumer", cb.consumer},
                               {"l1_address", placed.l1_address},
                               {"cores", "all_active"}});
  }
  plan["circular_buffers"] = std::move(cbs);
  plan["l1"] = ordered_json{{"bytes", d.l1_bytes},
                            {"reserved_bytes", d.l1_reserved_bytes},
                            {"cb_begin", p.l1_cb_begin},
                            {"cb_end", p.l1_cb_end},
                            {"free_bytes", d.l1_bytes - p.l1_cb_end}};

  ordered_json kernels = ordered_json::array();
  for (const KernelSpec& k : p.kernels) {
    ordered_json j{{"name", k.name}, {"file", k.file}, {"role", k.name}, {"func", k.func->name},
                   {"processor", k.processor}};
    if (!k.noc.empty()) j["noc"] = k.noc;
    if (k.role == ir::KernelRole::Compute) {
      j["math_fidelity"] = fidelity_name(kProgramMathFidelity);
      j["fp32_dest_acc_en"] = p.fp32_dest_acc_en;
      j["dst_full_sync_en"] = true;  // DeviceModel::dst_capacity, which the passes plan with, is the full-sync one
      j["unpack_to_dest_fp32"] = p.unpack_to_dest_fp32;
    }
    // The TensorAccessorArgs of each accessor, in order: what the host's append_to() calls produce.
    j["tensor_accessors"] = k.accessors;
    j["compile_args"] = k.compile_args;
    j["runtime_arg_names"] = k.runtime_arg_names;
    kernels.push_back(j);
  }
  plan["kernels"] = std::move(kernels);
  // Panel reuse by multicast (tt.multicast), or why the program streams every panel to every core.
  if (p.multicast) plan["multicast"] = ordered_json(ir::to_json_value(*p.multicast));
  if (!p.semaphores.empty()) {
    ordered_json sems = ordered_json::array();
    for (size_t id = 0; id < p.semaphores.size(); ++id)
      sems.push_back(
          ordered_json{{"id", id}, {"name", p.semaphores[id]}, {"initial_value", 0}, {"cores", "all_active"}});
    plan["semaphores"] = std::move(sems);
  }

  ordered_json cores = ordered_json::array();
  for (const ActiveCore& c : p.active_cores) {
    ordered_json args;
    for (const KernelSpec& k : p.kernels) {
      ordered_json values = ordered_json::array();
      for (const ir::RuntimeArgValue& v : c.args[kernel_slot(k.role)]) values.push_back(arg_json(v));
      args[k.name] = values;
    }
    cores.push_back(ordered_json{{"core", pair(c.x, c.y)}, {"start", c.start}, {"count", c.count}, {"runtime_args", args}});
  }
  plan["cores"] = std::move(cores);
  ordered_json idle = ordered_json::array();
  for (const auto& [x, y] : p.idle_cores) idle.push_back(pair(x, y));
  plan["idle_cores"] = std::move(idle);
  plan["passes"] = p.passes;
  if (estimate) plan["performance_estimate"] = perf::estimate_json(*estimate);
  return plan;
}

Artifact emit_plan(const ProgramInfo& p, const DeviceModel& d, const perf::PerfEstimate* estimate) {
  std::string text = format_json(build_plan(p, d, estimate));
  size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
  return Artifact{"tt.plan.json", std::move(text), std::vector<SourceSpan>(lines)};
}

}  // namespace tt::codegen
