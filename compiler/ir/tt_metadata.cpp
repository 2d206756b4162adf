// JSON (de)serialization of the typed TT metadata into module attrs.
#include "compiler/ir/tt_metadata.h"

#include <algorithm>
#include <stdexcept>

namespace tt::ir {

using nlohmann::json;

std::string buffer_layout_key(const std::string& buffer) { return "tt.buffer." + buffer; }

std::vector<int64_t> BufferLayout::matrix_shape() const {
  if (vector == "row") return {tile.at(0), shape.at(0)};
  if (vector == "column") return {shape.at(0), tile.at(1)};
  return shape;
}
std::string cb_key(const std::string& buffer) { return "tt.cb." + buffer; }

const std::vector<std::string>& RuntimeArgs::names(KernelRole role) const {
  static const std::vector<std::string> kNone;
  switch (role) {
    case KernelRole::Reader: return reader;
    case KernelRole::Compute: return compute;
    case KernelRole::Writer: return writer;
    case KernelRole::None: break;
  }
  return kNone;
}

json to_json_value(const BufferLayout& v) {
  json j = {{"memory", v.memory},       {"layout", v.layout},     {"shape", v.shape},
            {"dtype", v.dtype},         {"data_format", v.data_format}, {"tile", v.tile},
            {"tile_bytes", v.tile_bytes}, {"tiles", v.tiles},     {"num_tiles", v.num_tiles},
            {"bytes", v.bytes},         {"role", v.role}};
  if (v.layout == "sharded") {
    j["shard_grid"] = v.shard_grid;
    j["shard_shape"] = v.shard_shape;
  }
  if (v.shape.size() > 2) j["tiled_dims"] = v.tiled_dims;
  if (v.is_vector()) j["vector"] = v.vector;
  return j;
}

json to_json_value(const CircularBuffer& v) {
  return json{{"index", v.index},         {"dtype", v.dtype},         {"data_format", v.data_format},
              {"page_size", v.page_size}, {"tiles_per_stage", v.tiles_per_stage},
              {"depth", v.depth},         {"num_pages", v.num_pages}, {"bytes", v.bytes},
              {"role", v.role},           {"producer", v.producer},   {"consumer", v.consumer}};
}

json to_json_value(const CoreWork& v) {
  return json{{"core", {v.x, v.y}}, {"start", v.start}, {"count", v.count}};
}

std::string host_translated_text(const RuntimeArgValue& v) {
  if (v.noc_axis) return std::string("noc_") + v.noc_axis + "(" + std::to_string(v.value) + ")";
  if (!v.semaphore.empty()) return "semaphore(" + v.semaphore + ")";
  return {};
}

json to_json_value(const RuntimeArgValue& v) {
  if (!v.buffer_address.empty()) return json{{"buffer_address", v.buffer_address}};
  if (v.noc_axis == 'x') return json{{"noc_x_of_logical", v.value}};
  if (v.noc_axis == 'y') return json{{"noc_y_of_logical", v.value}};
  if (!v.semaphore.empty()) return json{{"semaphore", v.semaphore}, {"id", v.value}};
  return v.value;
}

json to_json_value(const GemmInfo& v) {
  return json{{"a", v.a}, {"b", v.b}, {"c", v.c}, {"transpose_a", v.transpose_a}, {"transpose_b", v.transpose_b},
              {"accum_dtype", v.accum_dtype}, {"block", {v.m, v.n, v.k}}, {"reduction_var", v.reduction_var},
              {"k_iters", v.k_iters}, {"num_stages", v.num_stages}};
}

void set_gemm_info(Module& m, const GemmInfo& v) { m.attrs[kGemmKey] = to_json_value(v); }
void set_gemm_infos(Module& m, const std::vector<GemmInfo>& v) {
  json all = json::array();
  for (const GemmInfo& g : v) all.push_back(to_json_value(g));
  m.attrs[kGemmsKey] = all;
}

void set_buffer_layout(Module& m, const BufferLayout& v) { m.attrs[buffer_layout_key(v.name)] = to_json_value(v); }
void set_circular_buffer(Module& m, const CircularBuffer& v) { m.attrs[cb_key(v.name)] = to_json_value(v); }

void set_work_partition(Module& m, const WorkPartition& v) {
  m.attrs[kPartitionModeKey] = v.mode;
  m.attrs[kGridTilesKey] = v.grid_tiles;
  json cores = json::array();
  for (const CoreWork& c : v.cores) cores.push_back(to_json_value(c));
  m.attrs[kCoreRangesKey] = json{{"core_grid", v.core_grid},   {"block_grid", v.block_grid},
                                 {"block_tiles", v.block_tiles}, {"num_blocks", v.num_blocks},
                                 {"tile_order", v.tile_order},   {"cores", cores}};
}

void set_runtime_args(Module& m, const RuntimeArgs& v) {
  m.attrs[kRuntimeArgNamesKey] = json{{"reader", v.reader}, {"compute", v.compute}, {"writer", v.writer}};
  json per_core = json::array();
  for (const RuntimeArgs::PerCore& c : v.cores) {
    auto values = [](const std::vector<RuntimeArgValue>& args) {
      json a = json::array();
      for (const RuntimeArgValue& x : args) a.push_back(to_json_value(x));
      return a;
    };
    per_core.push_back(json{{"core", {c.x, c.y}}, {"reader", values(c.reader)}, {"compute", values(c.compute)},
                            {"writer", values(c.writer)}});
  }
  m.attrs[kRuntimeArgsKey] = per_core;
}

namespace {
const json* find_attr(const Module& m, const std::string& key) {
  auto it = m.attrs.find(key);
  return it == m.attrs.end() ? nullptr : &it->second;
}

BufferLayout layout_from_json(const std::string& name, const json& j) {
  BufferLayout v;
  v.name = name;
  v.memory = j.at("memory").get<std::string>();
  v.layout = j.at("layout").get<std::string>();
  v.shape = j.at("shape").get<std::vector<int64_t>>();
  v.dtype = j.at("dtype").get<std::string>();
  v.data_format = j.at("data_format").get<std::string>();
  v.tile = j.at("tile").get<std::vector<int64_t>>();
  v.tile_bytes = j.at("tile_bytes").get<int64_t>();
  v.tiles = j.at("tiles").get<std::vector<int64_t>>();
  v.num_tiles = j.at("num_tiles").get<int64_t>();
  v.bytes = j.at("bytes").get<int64_t>();
  v.role = j.at("role").get<std::string>();
  if (j.contains("shard_grid")) v.shard_grid = j.at("shard_grid").get<std::vector<int64_t>>();
  if (j.contains("shard_shape")) v.shard_shape = j.at("shard_shape").get<std::vector<int64_t>>();
  if (j.contains("vector")) {
    v.vector = j.at("vector").get<std::string>();
    if ((v.vector != "row" && v.vector != "column") || v.shape.size() != 1) {
      throw std::out_of_range("vector must be \"row\" or \"column\", of a 1-D buffer");
    }
    return v;
  }
  const int64_t rank = static_cast<int64_t>(v.shape.size());
  v.tiled_dims = j.contains("tiled_dims") ? j.at("tiled_dims").get<std::vector<int64_t>>()
                                          : std::vector<int64_t>{rank - 2, rank - 1};
  if (v.tiled_dims.size() != 2 || v.tiled_dims[0] < 0 || v.tiled_dims[0] >= v.tiled_dims[1] ||
      v.tiled_dims[1] >= rank) {
    throw std::out_of_range("tiled_dims must be two increasing dims of the shape");
  }
  return v;
}

CircularBuffer cb_from_json(const std::string& name, const json& j) {
  CircularBuffer v;
  v.name = name;
  v.index = j.at("index").get<int>();
  v.dtype = j.at("dtype").get<std::string>();
  v.data_format = j.at("data_format").get<std::string>();
  v.page_size = j.at("page_size").get<int64_t>();
  v.tiles_per_stage = j.at("tiles_per_stage").get<int64_t>();
  v.depth = j.at("depth").get<int64_t>();
  v.num_pages = j.at("num_pages").get<int64_t>();
  v.bytes = j.at("bytes").get<int64_t>();
  v.role = j.at("role").get<std::string>();
  v.producer = j.at("producer").get<std::string>();
  v.consumer = j.at("consumer").get<std::string>();
  return v;
}

std::vector<RuntimeArgValue> args_from_json(const json& j) {
  std::vector<RuntimeArgValue> out;
  for (const json& x : j) {
    RuntimeArgValue v;
    if (x.contains("noc_x_of_logical") || x.contains("noc_y_of_logical")) {
      v.noc_axis = x.contains("noc_x_of_logical") ? 'x' : 'y';
      v.value = x.at(v.noc_axis == 'x' ? "noc_x_of_logical" : "noc_y_of_logical").get<int64_t>();
    } else if (x.is_object() && x.contains("semaphore")) {
      v.semaphore = x.at("semaphore").get<std::string>();
      v.value = x.at("id").get<int64_t>();
    } else if (x.is_object()) {
      v.buffer_address = x.at("buffer_address").get<std::string>();
    } else {
      v.value = x.get<int64_t>();
    }
    out.push_back(v);
  }
  return out;
}
}  // namespace

std::optional<BufferLayout> get_buffer_layout(const Module& m, const std::string& buffer) {
  const json* j = find_attr(m, buffer_layout_key(buffer));
  if (!j) return std::nullopt;
  try {
    return layout_from_json(buffer, *j);
  } catch (const json::exception&) {
    return std::nullopt;
  } catch (const std::out_of_range&) {  // tiled_dims inconsistent with the shape
    return std::nullopt;
  }
}

std::optional<CircularBuffer> get_circular_buffer(const Module& m, const std::string& buffer) {
  const json* j = find_attr(m, cb_key(buffer));
  if (!j) return std::nullopt;
  try {
    return cb_from_json(buffer, *j);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::vector<CircularBuffer> all_circular_buffers(const Module& m) {
  std::vector<CircularBuffer> out;
  const std::string prefix = "tt.cb.";
  for (const auto& [key, value] : m.attrs) {
    if (key.rfind(prefix, 0) != 0) continue;
    if (auto cb = get_circular_buffer(m, key.substr(prefix.size()))) out.push_back(*cb);
  }
  std::sort(out.begin(), out.end(), [](const CircularBuffer& a, const CircularBuffer& b) { return a.index < b.index; });
  return out;
}

std::vector<BufferLayout> all_buffer_layouts(const Module& m) {
  std::vector<BufferLayout> out;
  const std::string prefix = "tt.buffer.";
  for (const auto& [key, value] : m.attrs) {
    if (key.rfind(prefix, 0) != 0) continue;
    if (auto l = get_buffer_layout(m, key.substr(prefix.size()))) out.push_back(*l);
  }
  return out;
}

std::optional<WorkPartition> get_work_partition(const Module& m) {
  const json* mode = find_attr(m, kPartitionModeKey);
  const json* tiles = find_attr(m, kGridTilesKey);
  const json* ranges = find_attr(m, kCoreRangesKey);
  if (!mode || !tiles || !ranges) return std::nullopt;
  try {
    WorkPartition v;
    v.mode = mode->get<std::string>();
    v.grid_tiles = tiles->get<std::vector<int64_t>>();
    v.core_grid = ranges->at("core_grid").get<std::vector<int64_t>>();
    v.block_grid = ranges->at("block_grid").get<std::vector<int64_t>>();
    v.block_tiles = ranges->at("block_tiles").get<std::vector<int64_t>>();
    v.num_blocks = ranges->at("num_blocks").get<int64_t>();
    v.tile_order = ranges->at("tile_order").get<std::string>();
    for (const json& c : ranges->at("cores")) {
      CoreWork w;
      w.x = c.at("core").at(0).get<int64_t>();
      w.y = c.at("core").at(1).get<int64_t>();
      w.start = c.at("start").get<int64_t>();
      w.count = c.at("count").get<int64_t>();
      v.cores.push_back(w);
    }
    return v;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<RuntimeArgs> get_runtime_args(const Module& m) {
  const json* names = find_attr(m, kRuntimeArgNamesKey);
  const json* values = find_attr(m, kRuntimeArgsKey);
  if (!names || !values) return std::nullopt;
  try {
    RuntimeArgs v;
    v.reader = names->at("reader").get<std::vector<std::string>>();
    v.compute = names->at("compute").get<std::vector<std::string>>();
    v.writer = names->at("writer").get<std::vector<std::string>>();
    for (const json& c : *values) {
      RuntimeArgs::PerCore pc;
      pc.x = c.at("core").at(0).get<int64_t>();
      pc.y = c.at("core").at(1).get<int64_t>();
      pc.reader = args_from_json(c.at("reader"));
      pc.compute = args_from_json(c.at("compute"));
      pc.writer = args_from_json(c.at("writer"));
      v.cores.push_back(std::move(pc));
    }
    return v;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::string dst_dtype_without_gemm(const Module& m) {
  for (const CircularBuffer& cb : all_circular_buffers(m)) {
    if (cb.data_format == "Float32") return "float32";
  }
  return "bfloat16";
}

namespace {
std::optional<GemmInfo> gemm_from_json(const json* j) {
  try {
    GemmInfo v;
    v.a = j->at("a").get<std::string>();
    v.b = j->at("b").get<std::string>();
    v.c = j->at("c").get<std::string>();
    v.transpose_a = j->at("transpose_a").get<bool>();
    v.transpose_b = j->at("transpose_b").get<bool>();
    v.accum_dtype = j->at("accum_dtype").get<std::string>();
    auto block = j->at("block").get<std::vector<int64_t>>();
    if (block.size() != 3) return std::nullopt;
    v.m = block[0];
    v.n = block[1];
    v.k = block[2];
    v.reduction_var = j->at("reduction_var").get<std::string>();
    v.k_iters = j->at("k_iters").get<int64_t>();
    v.num_stages = j->at("num_stages").get<int>();
    return v;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}
}  // namespace

std::optional<GemmInfo> get_gemm_info(const Module& m) {
  const json* j = find_attr(m, kGemmKey);
  if (!j) return std::nullopt;
  return gemm_from_json(j);
}

std::vector<GemmInfo> get_gemm_infos(const Module& m) {
  std::vector<GemmInfo> out;
  if (const json* all = find_attr(m, kGemmsKey)) {
    if (!all->is_array()) return {};
    for (const json& j : *all) {
      std::optional<GemmInfo> g = gemm_from_json(&j);
      if (!g) return {};
      out.push_back(*g);
    }
    return out;
  }
  if (std::optional<GemmInfo> g = get_gemm_info(m)) out.push_back(*g);
  return out;
}

std::optional<BufferLayout> get_layout_annotation(const Module& m, const std::string& buffer, std::string& error) {
  const json* j = find_attr(m, buffer_layout_key(buffer));
  if (!j) return std::nullopt;
  try {
    if (!j->is_object()) throw std::runtime_error("expected an object");
    BufferLayout v;
    v.name = buffer;
    v.memory = j->value("memory", v.memory);
    v.layout = j->value("layout", v.layout);
    v.shard_grid = j->value("shard_grid", std::vector<int64_t>{});
    v.shard_shape = j->value("shard_shape", std::vector<int64_t>{});
    return v;
  } catch (const std::exception& e) {
    error = buffer_layout_key(buffer) + ": malformed annotation: " + e.what();
    return std::nullopt;
  }
}

std::vector<std::string> buffer_layout_names(const Module& m) {
  std::vector<std::string> out;
  const std::string prefix = "tt.buffer.";
  for (const auto& [key, value] : m.attrs) {
    if (key.rfind(prefix, 0) == 0) out.push_back(key.substr(prefix.size()));
  }
  return out;
}

}  // namespace tt::ir
