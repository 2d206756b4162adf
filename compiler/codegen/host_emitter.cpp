// Host program emission. Real TT-Metalium names and argument order (host_api.hpp of the release whose
// kernels use InterleavedAddrGenFast and namespace NAMESPACE); it is not compiled here.
#include "compiler/codegen/host_emitter.h"

#include <map>
#include <set>

#include "compiler/codegen/code_writer.h"
#include "compiler/codegen/cpp_names.h"

namespace tt::codegen {

namespace {

using ir::KernelRole;

// Host element type and encoder for the formats whose inputs the host program can generate.
struct HostFormat {
  const char* type;     // element type of the host vector
  const char* encoder;  // helper that turns a float into that element
};

std::optional<HostFormat> host_format(const std::string& data_format) {
  if (data_format == "Float16") return HostFormat{"uint16_t", "float16_bits"};
  if (data_format == "Float16_b") return HostFormat{"uint16_t", "bfloat16_bits"};
  if (data_format == "Float32") return HostFormat{"float", "float32_value"};
  return std::nullopt;
}

// One column of the per-core argument table: an integer runtime argument shared by name between
// kernels when every core passes them the same value, else one column per kernel argument.
struct Column {
  std::string label;
  std::vector<std::pair<int, size_t>> uses;  // (kernel slot, argument index)
};

std::vector<Column> table_columns(const ProgramInfo& p) {
  std::vector<Column> columns;
  std::map<std::string, size_t> by_name;
  auto same_values = [&](const Column& c, int slot, size_t index) {
    for (const ActiveCore& core : p.active_cores) {
      auto [s0, i0] = c.uses.front();
      if (core.args[s0][i0].value != core.args[slot][index].value) return false;
    }
    return true;
  };
  for (int slot = 0; slot < 3; ++slot) {
    const KernelSpec& k = p.kernels[slot];
    for (size_t i = 0; i < k.runtime_arg_names.size(); ++i) {
      if (!p.active_cores.front().args[slot][i].buffer_address.empty()) continue;
      const std::string& name = k.runtime_arg_names[i];
      auto it = by_name.find(name);
      if (it != by_name.end() && same_values(columns[it->second], slot, i)) {
        columns[it->second].uses.emplace_back(slot, i);
        continue;
      }
      if (it == by_name.end()) by_name[name] = columns.size();
      columns.push_back({it == by_name.end() ? name : k.name + "." + name, {{slot, i}}});
    }
  }
  return columns;
}

SourceSpan param_span(const ProgramInfo& p, const std::string& buffer) {
  for (const KernelSpec& k : p.kernels) {
    for (const ir::Buffer& b : k.func->params) {
      if (b->name == buffer && b->span.valid()) return b->span;
    }
  }
  return {};
}

void emit_encoders(CodeWriter& w, const std::set<std::string>& used) {
  if (used.count("float16_bits")) {
    w.line("// IEEE half-precision bits of a float (round to nearest even): DataFormat::Float16.");
    w.open("uint16_t float16_bits(float value) {");
    w.line("uint32_t f;");
    w.line("std::memcpy(&f, &value, sizeof(f));");
    w.line("const uint32_t sign = (f >> 16) & 0x8000u;");
    w.line("const int32_t exponent = static_cast<int32_t>((f >> 23) & 0xFFu) - 127 + 15;");
    w.line("uint32_t mantissa = f & 0x7FFFFFu;");
    w.line("if (exponent <= 0) return static_cast<uint16_t>(sign);  // inputs are in [-1, 1): flush tiny values");
    w.line("if (exponent >= 31) return static_cast<uint16_t>(sign | 0x7C00u);");
    w.line("uint32_t half = sign | (static_cast<uint32_t>(exponent) << 10) | (mantissa >> 13);");
    w.line("const uint32_t rest = mantissa & 0x1FFFu;");
    w.line("if (rest > 0x1000u || (rest == 0x1000u && (half & 1u))) ++half;");
    w.line("return static_cast<uint16_t>(half);");
    w.close();
    w.blank();
  }
  if (used.count("bfloat16_bits")) {
    w.line("// The upper half of a float's bits, rounded to nearest even: DataFormat::Float16_b.");
    w.open("uint16_t bfloat16_bits(float value) {");
    w.line("uint32_t f;");
    w.line("std::memcpy(&f, &value, sizeof(f));");
    w.line("f += 0x7FFFu + ((f >> 16) & 1u);");
    w.line("return static_cast<uint16_t>(f >> 16);");
    w.close();
    w.blank();
  }
  if (used.count("float32_value")) {
    w.line("float float32_value(float value) { return value; }");
    w.blank();
  }
}

class HostEmitter {
 public:
  HostEmitter(const ProgramInfo& p, const DeviceModel& d, DiagnosticList& diags) : p_(p), d_(d), diags_(diags) {}

  std::optional<Artifact> run() {
    for (const ir::BufferLayout& b : p_.buffers) {
      auto f = host_format(b.data_format);
      if (!f) {
        codegen_error(diags_, param_span(p_, b.name),
                      "host program: cannot generate input data for buffer '" + b.name + "' in format " + b.data_format);
        return std::nullopt;
      }
      formats_[b.name] = *f;
      encoders_.insert(f->encoder);
      buf_[b.name] = names_.fresh("buf_" + b.name);
      host_[b.name] = names_.fresh("host_" + b.name);
    }
    columns_ = table_columns(p_);
    emit_preamble();
    emit_helpers();
    w_.open("int main() {");
    w_.line("IDevice* device = CreateDevice(0);");
    w_.line("CommandQueue& cq = device->command_queue();");
    w_.line("Program program = CreateProgram();");
    w_.blank();
    emit_buffers();
    emit_cbs();
    emit_kernels();
    emit_runtime_args();
    emit_run();
    w_.close();
    return std::move(w_).finish("main.cpp");
  }

 private:
  void emit_preamble() {
    w_.line("// main.cpp: host program of `" + p_.kernel_name + "` from " + p_.source_name + " for " + d_.name +
            " (TT-Metalium host API).");
    w_.line("// generated by tt-inspect \u2014 do not edit. Structure of tt_metal/programming_examples/matmul_multi_core.");
    for (const char* h : {"<cstdint>", "<cstring>", "<memory>", "<random>", "<set>", "<vector>"}) {
      w_.line(std::string("#include ") + h);
    }
    w_.blank();
    w_.line("#include <tt-metalium/command_queue.hpp>");
    w_.line("#include <tt-metalium/device.hpp>");
    w_.line("#include <tt-metalium/host_api.hpp>");
    w_.blank();
    w_.line("using namespace tt;");
    w_.line("using namespace tt::tt_metal;");
    w_.blank();
    w_.line("// Directory of reader.cpp, compute.cpp and writer.cpp, with a trailing '/' (empty: the working directory).");
    w_.line("#ifndef TT_INSPECT_KERNEL_DIR");
    w_.line("#define TT_INSPECT_KERNEL_DIR \"\"");
    w_.line("#endif");
    w_.blank();
  }

  void emit_helpers() {
    w_.line("namespace {");
    w_.blank();
    std::string labels = "x, y";
    for (const Column& c : columns_) labels += ", " + c.label;
    w_.line("// Per-core runtime arguments (tt.plan.json \"cores\"), one row per active core: " + labels + ".");
    w_.open("constexpr uint32_t kCoreArgs[" + std::to_string(p_.active_cores.size()) + "][" +
            std::to_string(columns_.size() + 2) + "] = {");
    std::vector<std::string> rows;
    for (const ActiveCore& core : p_.active_cores) {
      // (Appended piecewise: `"{" + std::to_string(...)` trips GCC 12's false -Wrestrict, PR 105651.)
      std::string row = "{";
      row += std::to_string(core.x) + ", " + std::to_string(core.y);
      for (const Column& c : columns_) row += ", " + std::to_string(core.args[c.uses[0].first][c.uses[0].second].value);
      rows.push_back(row + "}");
    }
    w_.call("", rows, "", {});
    w_.close("};");
    w_.blank();
    emit_encoders(w_, encoders_);
    w_.line("// Uniform random inputs in [-1, 1). Every element is independent, so writing them straight into the");
    w_.line("// buffer's tile order (no tilize step) still gives a random matrix.");
    w_.line("template <typename T, typename Encode>");
    w_.open("std::vector<T> random_input(size_t count, uint32_t seed, Encode encode) {");
    w_.line("std::mt19937 rng(seed);");
    w_.line("std::uniform_real_distribution<float> dist(-1.0f, 1.0f);");
    w_.line("std::vector<T> out(count);");
    w_.line("for (T& v : out) v = encode(dist(rng));");
    w_.line("return out;");
    w_.close();
    w_.blank();
    w_.line("}  // namespace");
    w_.blank();
  }

  void emit_buffers() {
    w_.line("// DRAM buffers (tt.buffer.*): interleaved, one tile per page.");
    for (const ir::BufferLayout& b : p_.buffers) {
      const SourceSpan span = param_span(p_, b.name);
      const std::string type = b.memory == "DRAM" ? "BufferType::DRAM" : "BufferType::L1";
      w_.call("InterleavedBufferConfig " + buf_[b.name] + "_config{",
              {".device = device", ".size = " + std::to_string(b.bytes), ".page_size = " + std::to_string(b.tile_bytes),
               ".buffer_type = " + type},
              "};", span);
      w_.line("std::shared_ptr<Buffer> " + buf_[b.name] + " = CreateBuffer(" + buf_[b.name] + "_config);", span);
    }
    w_.blank();
  }

  void emit_cbs() {
    w_.line("// Circular buffers (tt.cb.*) on every active core.");
    std::string ranges;
    for (const CoreRect& r : p_.core_ranges) {
      ranges += std::string(ranges.empty() ? "" : ", ") + "CoreRange(CoreCoord(" + std::to_string(r.x) + ", " +
                std::to_string(r.y) + "), CoreCoord(" + std::to_string(r.x + r.ex - 1) + ", " +
                std::to_string(r.y + r.ey - 1) + "))";
    }
    w_.line("const CoreRangeSet cores(std::set<CoreRange>{" + ranges + "});");
    for (const PlacedCB& placed : p_.cbs) {
      const ir::CircularBuffer& cb = placed.cb;
      const std::string index = "tt::CBIndex::c_" + std::to_string(cb.index);
      w_.line("CreateCircularBuffer(program, cores,", placed.span);
      w_.line("                     CircularBufferConfig(" + std::to_string(cb.bytes) + ", {{" + index +
                  ", tt::DataFormat::" + cb.data_format + "}})",
              placed.span);
      w_.line("                         .set_page_size(" + index + ", " + std::to_string(cb.page_size) + "));  // " +
                  cb.name + ": " + std::to_string(cb.num_pages) + " pages",
              placed.span);
    }
    w_.blank();
  }

  void emit_kernels() {
    w_.line("// Kernels: the reader and writer on the two data-movement RISC-Vs, compute on the Tensix core.");
    for (const KernelSpec& k : p_.kernels) {
      const SourceSpan span = k.func->span;
      const std::string config = k.name + "_config";
      if (k.role == KernelRole::Compute) {
        // dst_full_sync_en: the passes size DST blocks by DeviceModel::dst_capacity, the full-sync capacity.
        w_.call("const ComputeConfig " + config + "{",
                {".math_fidelity = MathFidelity::HiFi4",
                 std::string(".fp32_dest_acc_en = ") + (p_.fp32_dest_acc_en ? "true" : "false"),
                 ".dst_full_sync_en = true", ".compile_args = {}"},
                "};", span);
      } else {
        w_.call("const DataMovementConfig " + config + "{",
                {".processor = DataMovementProcessor::" + k.processor, ".noc = NOC::" + k.noc, ".compile_args = {}"},
                "};", span);
      }
      w_.call("KernelHandle " + k.name + " = CreateKernel(",
              {"program", "TT_INSPECT_KERNEL_DIR \"" + k.file + "\"", "cores", config}, ");", span);
    }
    w_.blank();
  }

  std::string arg_expr(int slot, size_t index) const {
    const std::string& address = p_.active_cores.front().args[slot][index].buffer_address;
    if (!address.empty()) return address_.at(address);
    for (size_t c = 0; c < columns_.size(); ++c) {
      for (const auto& use : columns_[c].uses) {
        if (use.first == slot && use.second == index) return "row[" + std::to_string(c + 2) + "]";
      }
    }
    return "0";  // unreachable: every integer argument has a column
  }

  void emit_runtime_args() {
    w_.line("// Runtime arguments: DRAM addresses are known only now; the rest comes from kCoreArgs.");
    for (const ir::BufferLayout& b : p_.buffers) {
      address_[b.name] = names_.fresh(b.name + "_address");
      w_.line("const uint32_t " + address_[b.name] + " = static_cast<uint32_t>(" + buf_[b.name] + "->address());");
    }
    w_.open("for (const auto& row : kCoreArgs) {");
    w_.line("const CoreCoord core(row[0], row[1]);");
    for (int slot = 0; slot < 3; ++slot) {
      const KernelSpec& k = p_.kernels[slot];
      std::vector<std::string> args;
      for (size_t i = 0; i < k.runtime_arg_names.size(); ++i) args.push_back(arg_expr(slot, i));
      w_.call("SetRuntimeArgs(program, " + k.name + ", core, std::vector<uint32_t>{", args, "});", k.func->span);
    }
    w_.close();
    w_.blank();
  }

  void emit_run() {
    uint32_t seed = 1;
    for (const ir::BufferLayout& b : p_.buffers) {
      if (b.role != "input" && b.role != "inout") continue;
      const HostFormat& f = formats_[b.name];
      w_.line("std::vector<" + std::string(f.type) + "> " + host_[b.name] + " = random_input<" + f.type + ">(" +
              std::to_string(b.bytes) + " / sizeof(" + f.type + "), " + std::to_string(seed++) + ", " + f.encoder +
              ");");
      w_.line("EnqueueWriteBuffer(cq, " + buf_[b.name] + ", " + host_[b.name] + ".data(), false);");
    }
    w_.line("EnqueueProgram(cq, program, false);");
    for (const ir::BufferLayout& b : p_.buffers) {
      if (b.role != "output" && b.role != "inout") continue;
      const HostFormat& f = formats_[b.name];
      if (b.role == "output") {
        w_.line("std::vector<" + std::string(f.type) + "> " + host_[b.name] + "(" + std::to_string(b.bytes) +
                " / sizeof(" + f.type + "));");
      }
      w_.line("EnqueueReadBuffer(cq, " + buf_[b.name] + ", " + host_[b.name] + ".data(), true);");
    }
    w_.line("Finish(cq);");
    w_.line("CloseDevice(device);");
    w_.line("return 0;");
  }

  const ProgramInfo& p_;
  const DeviceModel& d_;
  DiagnosticList& diags_;
  CodeWriter w_;
  CppNames names_;
  std::vector<Column> columns_;
  std::map<std::string, HostFormat> formats_;
  std::set<std::string> encoders_;
  std::map<std::string, std::string> buf_, host_, address_;
};

}  // namespace

std::optional<Artifact> emit_host(const ProgramInfo& program, const DeviceModel& device, DiagnosticList& diags) {
  return HostEmitter(program, device, diags).run();
}

}  // namespace tt::codegen
