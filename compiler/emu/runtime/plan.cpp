// tt.plan.json -> Plan, with a located error for every missing or inconsistent field the emulator needs.
#include "plan.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "numeric.h"

namespace ttemu {

using nlohmann::json;

const char* role_name(Role r) {
  switch (r) {
    case Role::Reader:
      return "reader";
    case Role::Compute:
      return "compute";
    case Role::Writer:
      return "writer";
  }
  return "?";
}

const BufferSpec& Plan::buffer(const std::string& name) const {
  for (const auto& b : buffers)
    if (b.name == name) return b;
  throw PlanError("tt.plan.json: no buffer named '" + name + "'");
}

namespace {

// A JSON node together with its path, so that every error says where it is.
struct Node {
  const json& j;
  std::string path;

  [[noreturn]] void fail(const std::string& what) const { throw PlanError("tt.plan.json: " + path + ": " + what); }

  Node at(const std::string& key) const {
    if (!j.is_object()) fail("expected an object");
    auto it = j.find(key);
    if (it == j.end()) fail("missing required field '" + key + "'");
    return {*it, path + "." + key};
  }
  std::optional<Node> find(const std::string& key) const {
    if (!j.is_object()) fail("expected an object");
    auto it = j.find(key);
    if (it == j.end()) return std::nullopt;
    return Node{*it, path + "." + key};
  }
  Node at(std::size_t i) const { return {j.at(i), path + "[" + std::to_string(i) + "]"}; }
  std::size_t size(std::size_t min = 0) const {
    if (!j.is_array()) fail("expected an array");
    if (j.size() < min) fail("expected at least " + std::to_string(min) + " entries");
    return j.size();
  }
  std::string str() const {
    if (!j.is_string()) fail("expected a string");
    return j.get<std::string>();
  }
  bool boolean() const {
    if (!j.is_boolean()) fail("expected true or false");
    return j.get<bool>();
  }
  std::int64_t integer(std::int64_t lo, std::int64_t hi) const {
    if (!j.is_number_integer()) fail("expected an integer");
    const auto v = j.get<std::int64_t>();
    if (v < lo || v > hi)
      fail("value " + std::to_string(v) + " out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    return v;
  }
  std::uint32_t u32() const { return static_cast<std::uint32_t>(integer(0, 0xffffffffLL)); }
  std::pair<int, int> xy() const {
    if (size() != 2) fail("expected [x, y]");
    return {static_cast<int>(at(0).integer(0, 1023)), static_cast<int>(at(1).integer(0, 1023))};
  }
  // A dtype ("float16") or a TT-Metalium DataFormat name ("Float16_b"): both spellings are unambiguous.
  DataFormat dtype() const {
    const std::string s = str();
    auto f = parse_dtype(s);
    if (!f) fail("unknown dtype '" + s + "'");
    if (!is_emulated_format(*f))
      fail("dtype '" + s + "' is not supported by the emulator (float16, bfloat16, float32)");
    return *f;
  }
};

DeviceSpec read_device(const Node& n) {
  DeviceSpec d;
  d.name = n.at("name").str();
  d.l1_bytes = n.at("l1_bytes").u32();
  d.dst_tiles_16bit = static_cast<std::uint32_t>(n.at("dst_tiles_16bit").integer(1, 64));
  d.dst_tiles_32bit = static_cast<std::uint32_t>(n.at("dst_tiles_32bit").integer(1, 64));
  if (auto b = n.find("l1_reserved_bytes")) d.l1_reserved_bytes = b->u32();
  if (auto m = n.find("max_circular_buffers")) d.max_circular_buffers = static_cast<std::uint32_t>(m->integer(1, 64));
  if (d.l1_reserved_bytes >= d.l1_bytes) n.fail("l1_reserved_bytes is not below l1_bytes");
  return d;
}

BufferSpec read_buffer(const std::string& name, const Node& n) {
  BufferSpec b;
  b.name = name;
  b.dtype = n.at("dtype").str();
  b.format = n.at("dtype").dtype();
  const Node shape = n.at("shape");
  const std::size_t rank = shape.size(2);
  std::size_t row_dim = rank - 2, col_dim = rank - 1;
  if (auto tiled = n.find("tiled_dims")) {
    if (tiled->size() != 2) tiled->fail("expected [row_dim, col_dim]");
    row_dim = tiled->at(0).u32();
    col_dim = tiled->at(1).u32();
    if (row_dim >= col_dim || col_dim >= rank) tiled->fail("expected two increasing dims of the shape");
  } else if (rank != 2) {
    shape.fail("expected [rows, cols], or tiled_dims for an N-D buffer");
  }
  std::uint64_t elements = 1;
  for (std::size_t d = 0; d < rank; ++d) elements *= shape.at(d).u32();
  const std::uint32_t tiled_rows = shape.at(row_dim).u32();
  b.cols = shape.at(col_dim).u32();
  b.stacked = rank > 2;
  if (elements == 0 || tiled_rows % kTileDim || b.cols % kTileDim || elements / b.cols > UINT32_MAX)
    shape.fail("the tiled dims must be positive multiples of the 32x32 tile");
  b.rows = static_cast<std::uint32_t>(elements / b.cols);
  if (const auto mem = n.at("memory").str(); mem != "DRAM")
    n.at("memory").fail("only DRAM buffers are emulated, got '" + mem + "'");
  if (const auto lay = n.at("layout").str(); lay != "interleaved")
    n.at("layout").fail("only interleaved buffers are emulated, got '" + lay + "'");
  b.page_size = n.at("page_size").u32();
  if (b.page_size != tile_bytes(b.format))
    n.at("page_size")
        .fail(std::to_string(b.page_size) + " is not the " + std::to_string(tile_bytes(b.format)) + "-byte tile of " +
              b.dtype);
  b.num_pages = n.at("num_pages").u32();
  const std::uint32_t tiles = (b.rows / kTileDim) * (b.cols / kTileDim);
  if (b.num_pages != tiles)
    n.at("num_pages")
        .fail(std::to_string(b.num_pages) + " pages, but the shape holds " + std::to_string(tiles) + " tiles");
  const std::string role = n.at("role").str();
  if (role != "input" && role != "output") n.at("role").fail("expected \"input\" or \"output\"");
  b.is_output = role == "output";
  return b;
}

Role role_of(const Node& name_node) {
  const std::string name = name_node.str();
  for (Role r : kRoles)
    if (name == role_name(r)) return r;
  name_node.fail("expected a kernel name, \"reader\", \"compute\" or \"writer\", got '" + name + "'");
}

CbSpec read_cb(const Node& n, const DeviceSpec& dev) {
  CbSpec c;
  c.name = n.at("name").str();
  c.index = static_cast<std::uint32_t>(n.at("index").integer(0, dev.max_circular_buffers - 1));
  c.format = n.at("data_format").dtype();
  c.page_size = n.at("page_size").u32();
  if (c.page_size != tile_bytes(c.format))
    n.at("page_size")
        .fail(std::to_string(c.page_size) + " is not the " + std::to_string(tile_bytes(c.format)) + "-byte tile of " +
              n.at("data_format").str());
  c.num_pages = static_cast<std::uint32_t>(n.at("num_pages").integer(1, 1 << 20));
  if (auto a = n.find("l1_address")) c.l1_address = a->u32();
  if (auto p = n.find("producer")) c.producers = static_cast<std::uint8_t>(1u << static_cast<int>(role_of(*p)));
  if (auto k = n.find("consumer")) c.consumers = static_cast<std::uint8_t>(1u << static_cast<int>(role_of(*k)));
  const Node cores = n.at("cores");
  if (cores.j.is_string()) {
    if (const auto v = cores.str(); v != "all" && v != "all_active")
      cores.fail("expected \"all\" (or \"all_active\") or a list of [x, y]");
  } else {
    c.all_cores = false;
    for (std::size_t i = 0, e = cores.size(1); i < e; ++i) c.cores.push_back(cores.at(i).xy());
  }
  return c;
}

}  // namespace

Plan load_plan(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw PlanError("cannot open plan " + file.string());
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {
    throw PlanError("tt.plan.json is not valid JSON: " + std::string(e.what()));
  }
  const Node root{j, "$"};
  Plan p;
  p.device = read_device(root.at("device"));

  const Node grid = root.at("core_grid");
  std::tie(p.grid_x, p.grid_y) = grid.xy();
  if (p.grid_x == 0 || p.grid_y == 0) grid.fail("empty grid");

  const Node buffers = root.at("buffers");
  if (!buffers.j.is_object()) buffers.fail("expected an object keyed by buffer name");
  for (auto it = buffers.j.begin(); it != buffers.j.end(); ++it)
    p.buffers.push_back(read_buffer(it.key(), Node{it.value(), buffers.path + "." + it.key()}));

  // A kernel without T.gemm (element-wise maps) has no "gemm" entry: main.cpp and the engine's
  // oracle check its outputs, the driver's reference GEMM does not apply.
  if (root.j.contains("gemm")) {
    const Node gemm = root.at("gemm");
    p.gemm = {gemm.at("a").str(), gemm.at("b").str(), gemm.at("c").str(), gemm.at("transpose_a").boolean(),
              gemm.at("transpose_b").boolean()};
    {
      auto find = [&](const std::string& key) -> const BufferSpec& {
        const std::string name = gemm.at(key).str();
        for (const auto& b : p.buffers)
          if (b.name == name) return b;
        gemm.at(key).fail("no buffer named '" + name + "'");
      };
      const BufferSpec &a = find("a"), &b = find("b"), &c = find("c");
      if (a.is_output || b.is_output || !c.is_output)
        gemm.fail("a and b must be input buffers and c the output buffer");
      // Blocks of stacked (N-D) buffers: no single GEMM of the whole buffers to check; the engine's
      // oracle judges the outputs (the driver's reference GEMM does not apply).
      if (!a.stacked && !b.stacked && !c.stacked) {
        const std::uint32_t m = p.gemm.transpose_a ? a.cols : a.rows, ka = p.gemm.transpose_a ? a.rows : a.cols;
        const std::uint32_t kb = p.gemm.transpose_b ? b.cols : b.rows, n = p.gemm.transpose_b ? b.rows : b.cols;
        if (ka != kb || c.rows != m || c.cols != n)
          gemm.fail("shapes do not form a GEMM: op(A) is " + std::to_string(m) + "x" + std::to_string(ka) + ", op(B) " +
                    std::to_string(kb) + "x" + std::to_string(n) + ", C " + std::to_string(c.rows) + "x" +
                    std::to_string(c.cols));
      }
    }
  }

  const Node cbs = root.at("circular_buffers");
  for (std::size_t i = 0, e = cbs.size(); i < e; ++i) p.cbs.push_back(read_cb(cbs.at(i), p.device));

  const Node kernels = root.at("kernels");
  std::set<Role> seen;
  for (std::size_t i = 0, e = kernels.size(); i < e; ++i) {
    const Node k = kernels.at(i);
    const Role r = role_of(k.at("name"));
    if (!seen.insert(r).second) k.at("name").fail("duplicate kernel");
    KernelSpec& ks = p.kernels[static_cast<int>(r)];
    ks.role = r;
    ks.file = k.at("file").str();
    const Node ca = k.at("compile_args");
    for (std::size_t a = 0, ae = ca.size(); a < ae; ++a) ks.compile_args.push_back(ca.at(a).u32());
    const Node names = k.at("runtime_arg_names");
    for (std::size_t a = 0, ae = names.size(); a < ae; ++a) ks.runtime_arg_names.push_back(names.at(a).str());
    if (auto defs = k.find("defines")) {
      if (!defs->j.is_object()) defs->fail("expected an object NAME: value");
      for (auto it = defs->j.begin(); it != defs->j.end(); ++it)
        ks.defines[it.key()] = it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
    }
    if (r == Role::Compute) {
      ks.fp32_dest_acc_en = k.at("fp32_dest_acc_en").boolean();
      if (auto fp32 = k.find("unpack_to_dest_fp32")) {
        for (std::size_t a = 0, ae = fp32->size(); a < ae; ++a) {
          const std::uint32_t cb = fp32->at(a).u32();
          if (cb >= p.device.max_circular_buffers) fp32->at(a).fail("not a CB index");
          ks.unpack_to_dest_fp32.push_back(cb);
        }
      }
    }
  }
  if (seen.size() != 3) kernels.fail("expected the three kernels reader, compute and writer");

  const Node cores = root.at("cores");
  std::set<std::pair<int, int>> placed;
  for (std::size_t i = 0, e = cores.size(1); i < e; ++i) {
    const Node c = cores.at(i);
    CoreSpec cs;
    std::tie(cs.x, cs.y) = c.at("core").xy();
    if (cs.x >= p.grid_x || cs.y >= p.grid_y) c.at("core").fail("core outside the core_grid");
    if (!placed.insert({cs.x, cs.y}).second) c.at("core").fail("core listed twice");
    const Node args = c.at("runtime_args");
    for (Role r : kRoles) {
      const Node list = args.at(role_name(r));
      const auto& names = p.kernel(r).runtime_arg_names;
      if (list.size() != names.size())
        list.fail(std::to_string(list.size()) + " values for " + std::to_string(names.size()) + " runtime_arg_names");
      for (std::size_t a = 0; a < names.size(); ++a) {
        const Node v = list.at(a);
        ArgSpec arg;
        if (v.j.is_object()) {
          arg.buffer = v.at("buffer_address").str();
          bool known = false;
          for (const auto& b : p.buffers) known |= b.name == arg.buffer;
          if (!known) v.fail("no buffer named '" + arg.buffer + "'");
        } else {
          arg.value = static_cast<std::uint32_t>(v.integer(-(1LL << 31), 0xffffffffLL));
        }
        cs.runtime_args[static_cast<int>(r)].push_back(arg);
      }
    }
    p.cores.push_back(std::move(cs));
  }
  for (std::size_t i = 0; i < p.cbs.size(); ++i)
    for (const auto& [x, y] : p.cbs[i].cores)
      if (!placed.count({x, y}))
        cbs.at(i).at("cores").fail("core (" + std::to_string(x) + "," + std::to_string(y) + ") is not an active core");
  return p;
}

}  // namespace ttemu
