// Host program emission: today's TT-Metalium Mesh host API (distributed.hpp, host_api.hpp; names, argument
// order and headers as in tt_metal/programming_examples/matmul/matmul_multi_core). The program is a test:
// seeded inputs, tilized to the 4-face layout, run, untilized, checked against a CPU reference of the kernel.
// `tt-inspect run` compiles it unchanged against the emulator.
#include "compiler/codegen/host_emitter.h"

#include <algorithm>
#include <map>
#include <set>

#include "compiler/codegen/code_writer.h"
#include "compiler/codegen/cpp_names.h"
#include "compiler/target/math_fidelity.h"

namespace tt::codegen {

namespace {

using ir::KernelRole;

// Host element type, encoder and decoder for the formats the host program can generate and read back.
struct HostFormat {
  const char* type;     // element type of the host vector
  const char* encoder;  // helper that turns a float into that element
  const char* decoder;  // and back
};

std::optional<HostFormat> host_format(const std::string& data_format) {
  if (data_format == "Float16") return HostFormat{"uint16_t", "float16_bits", "float16_value"};
  if (data_format == "Float16_b") return HostFormat{"uint16_t", "bfloat16_bits", "bfloat16_value"};
  if (data_format == "Float32") return HostFormat{"float", "float32_value", "float32_value"};
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
      const ir::RuntimeArgValue& first = p.active_cores.front().args[slot][i];
      if (!first.buffer_address.empty() || !first.semaphore.empty()) continue;  // the host knows these only at run time
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
    w.line("// The float an IEEE half-precision value holds (subnormals, infinities and NaN included).");
    w.open("float float16_value(uint16_t half) {");
    w.line("const uint32_t exponent = (half >> 10) & 0x1Fu, mantissa = half & 0x3FFu;");
    w.line("float magnitude;");
    w.line("if (exponent == 0) magnitude = std::ldexp(static_cast<float>(mantissa), -24);");
    w.line("else if (exponent == 31) magnitude = mantissa ? NAN : INFINITY;");
    w.line("else magnitude = std::ldexp(static_cast<float>(mantissa | 0x400u), static_cast<int>(exponent) - 25);");
    w.line("return (half & 0x8000u) ? -magnitude : magnitude;");
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
    w.open("float bfloat16_value(uint16_t bits) {");
    w.line("const uint32_t f = static_cast<uint32_t>(bits) << 16;");
    w.line("float value;");
    w.line("std::memcpy(&value, &f, sizeof(value));");
    w.line("return value;");
    w.close();
    w.blank();
  }
  if (used.count("float32_value")) {
    w.line("float float32_value(float value) { return value; }");
    w.blank();
  }
}

// A global buffer as the host program sees it: rows x cols elements, row-major on the host (an N-D
// tensor as its last dim by all others), and the stack of matrices its DRAM layout tiles
// (BufferLayout::tiled_dims): tile_rows x tile_cols. `regrouped`: the tiled dims are not the last two,
// so the matrices are gathered from the tensor before tilizing (and scattered back after).
struct HostMatrix {
  int64_t rows = 0, cols = 0;
  int64_t tile_rows = 0, tile_cols = 0;
  bool regrouped = false;
  std::string vector;  // BufferLayout::vector: a 1 x N vector on the host, row 0 / column 0 of the device's tiles
};

HostMatrix host_matrix(const ir::BufferLayout& b) {
  HostMatrix m;
  if (b.is_vector()) {
    const std::vector<int64_t> device = b.matrix_shape();
    m.rows = 1;
    m.cols = b.shape[0];
    m.tile_rows = device[0];
    m.tile_cols = device[1];
    m.vector = b.vector;
    return m;
  }
  int64_t elements = 1;
  for (int64_t d : b.shape) elements *= d;
  m.cols = b.shape.back();
  m.rows = elements / m.cols;
  m.tile_cols = b.shape[b.col_dim()];
  m.tile_rows = elements / m.tile_cols;
  m.regrouped = b.col_dim() + 1 != static_cast<int64_t>(b.shape.size()) ||
                b.row_dim() + 2 != static_cast<int64_t>(b.shape.size());
  return m;
}

class HostEmitter {
 public:
  HostEmitter(const ProgramInfo& p, const DeviceModel& d, DiagnosticList& diags) : p_(p), d_(d), diags_(diags) {}

  std::optional<Artifact> run() {
    for (const ir::BufferLayout& b : p_.buffers) {
      auto f = host_format(b.data_format);
      if (!f) {
        codegen_error(diags_, param_span(p_, b.name),
                      "host program: cannot generate data for buffer '" + b.name + "' (" + b.data_format +
                          "); it supports Float16, Float16_b and Float32");
        return std::nullopt;
      }
      formats_[b.name] = *f;
      encoders_.insert(f->encoder);
      shapes_[b.name] = host_matrix(b);
      any_regrouped_ |= shapes_[b.name].regrouped;
      any_vector_ |= !shapes_[b.name].vector.empty();
      any_n_dim_ |= b.shape.size() > 2;
      buf_[b.name] = names_.fresh("buf_" + b.name);
      host_[b.name] = names_.fresh(b.name);
    }
    columns_ = table_columns(p_);
    emit_preamble();
    emit_helpers();
    w_.open("int main(int argc, char** argv) {");
    emit_arguments();
    w_.line("std::shared_ptr<distributed::MeshDevice> mesh_device = distributed::MeshDevice::create_unit_mesh(0);");
    w_.line("distributed::MeshCommandQueue& cq = mesh_device->mesh_command_queue();");
    w_.line("Program program = CreateProgram();");
    w_.blank();
    emit_buffers();
    emit_cbs();
    emit_semaphores();
    emit_kernels();
    emit_runtime_args();
    emit_run();
    emit_check();
    w_.close();
    return std::move(w_).finish("main.cpp");
  }

 private:
  void emit_preamble() {
    w_.line("// main.cpp: host program of `" + p_.kernel_name + "` from " + p_.source_name + " for " + d_.name +
            " (TT-Metalium Mesh host API).");
    w_.line("// generated by tt-inspect \u2014 do not edit. Targets " + std::string(kTtMetalTarget) + ".");
    if (has_reference()) {
      w_.line("// A self-checking test, structured as tt_metal/programming_examples/matmul/matmul_multi_core: inputs");
      w_.line("// from a seed, tilized to the 4-face tile layout, run, read back, untilized and compared with a CPU");
      w_.line("// reference of the kernel.");
      w_.line(
          "// Usage: main [--seed N] [--dump-dir DIR]. Exit code 0: the output matches the reference; 1: it does not.");
    } else {
      w_.line(
          "// Structured as tt_metal/programming_examples/matmul/matmul_multi_core: inputs from a seed, tilized to");
      w_.line("// the 4-face tile layout, run, read back and untilized. No CPU reference of this kernel's ops is");
      w_.line("// generated yet: `tt-inspect run` checks the dumped outputs against its oracle.");
      w_.line("// Usage: main [--seed N] [--dump-dir DIR]. Exit code 0: the program ran; 2: a dump failed.");
    }
    w_.line("// --dump-dir writes every buffer row-major as raw little-endian float32, with an index.json.");
    std::set<std::string> headers = {"<cmath>",  "<cstdint>", "<cstdio>", "<cstring>", "<filesystem>", "<fstream>",
                                     "<memory>", "<random>",  "<set>",    "<string>",  "<vector>"};
    if (has_reference()) headers.insert({"<functional>", "<future>"});  // the reference's thread
    for (const std::string& h : headers) w_.line("#include " + h);
    w_.blank();
    for (const char* h : {"distributed.hpp", "host_api.hpp", "tensor_accessor_args.hpp", "tilize_utils.hpp"}) {
      w_.line(std::string("#include <tt-metalium/") + h + ">");
    }
    w_.blank();
    w_.line("using namespace tt;");
    w_.line("using namespace tt::tt_metal;");
    w_.blank();
    w_.line(
        "// Directory of reader.cpp, compute.cpp and writer.cpp, with a trailing '/' (empty: the working directory).");
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
    w_.line("// Per-core runtime arguments (tt.plan.json \"cores\"), one row per active core: " + labels + "." +
            (uses_noc_coordinates() ? " Multicast coordinates are logical." : ""));
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
    if (has_reference()) {
      w_.line("// The check: |got - want| <= kAtol + kRtol * |want| for every output element (16-bit output rounding");
      w_.line("// plus fp32 accumulation over K).");
      w_.line("constexpr double kRtol = 1e-2, kAtol = 1e-2;");
      w_.blank();
    }
    emit_encoders(w_, encoders_);
    w_.line("// Uniform random values in [-1, 1), row-major.");
    w_.open("std::vector<float> random_matrix(uint32_t rows, uint32_t cols, uint32_t seed) {");
    w_.line("std::mt19937 rng(seed);");
    w_.line("std::uniform_real_distribution<float> dist(-1.0f, 1.0f);");
    w_.line("std::vector<float> out(static_cast<size_t>(rows) * cols);");
    w_.line("for (float& v : out) v = dist(rng);");
    w_.line("return out;");
    w_.close();
    w_.blank();
    w_.line("template <typename T, typename Convert>");
    w_.open("std::vector<T> convert(const auto& values, Convert convert_one) {");
    w_.line("std::vector<T> out;");
    w_.line("out.reserve(values.size());");
    w_.line("for (const auto& v : values) out.push_back(convert_one(v));");
    w_.line("return out;");
    w_.close();
    w_.blank();
    if (any_regrouped_) emit_regrouping();
    if (any_vector_) emit_vector_tiles();
    if (has_reference()) emit_comparison();
    w_.line("struct Dumped {");
    w_.line("  const char* name;");
    w_.line("  const char* role;");
    w_.line("  uint32_t rows, cols;");
    w_.line("  const std::vector<float>* values;");
    w_.line("};");
    w_.blank();
    w_.line("// --dump-dir: each buffer as raw little-endian float32, row-major, listed in index.json.");
    w_.open("bool dump_buffers(const std::string& dir, uint32_t seed, const std::vector<Dumped>& buffers) {");
    w_.line("std::filesystem::create_directories(dir);");
    w_.line("std::ofstream index(dir + \"/index.json\");");
    w_.line("index << \"{\\\"seed\\\": \" << seed << \", \\\"buffers\\\": [\";");
    w_.open("for (size_t i = 0; i < buffers.size(); ++i) {");
    w_.line("const Dumped& b = buffers[i];");
    w_.line("std::ofstream(dir + \"/\" + b.name + \".f32\", std::ios::binary)");
    w_.line("    .write(reinterpret_cast<const char*>(b.values->data()), b.values->size() * sizeof(float));");
    w_.line(
        "index << (i ? \", \" : \"\") << \"{\\\"name\\\": \\\"\" << b.name << \"\\\", \\\"role\\\": \\\"\" << b.role");
    w_.line(
        "      << \"\\\", \\\"rows\\\": \" << b.rows << \", \\\"cols\\\": \" << b.cols << \", \\\"file\\\": \\\"\" << "
        "b.name << \".f32\\\"}\";");
    w_.close();
    w_.line("index << \"]}\\n\";");
    w_.line("return static_cast<bool>(index);");
    w_.close();
    w_.blank();
    w_.line("}  // namespace");
    w_.blank();
  }

  // main.cpp's own check needs a CPU reference of the kernel's ops; today that is the T.gemm of 2-D
  // buffers without an epilogue, whose K loop runs the same full K for every block, only. A kernel without
  // one (element-wise maps, a gemm with an epilogue or a block-dependent K loop, gemms of blocks of N-D
  // tensors) dumps its buffers and `tt-inspect run` judges them against the
  // engine's oracle.
  bool has_reference() const {
    return !p_.gemm.c.empty() && !any_n_dim_ && !p_.gemm.epilogue && !p_.gemm.partial_k;
  }

  void emit_comparison() {
    emit_reference();
    w_.line("struct Comparison {");
    w_.line("  double max_abs_error = 0, pcc = 0;");
    w_.line("  size_t mismatches = 0;");
    w_.line("};");
    w_.blank();
    w_.line("// Element-wise tolerance check and the Pearson correlation of got with want (the examples print PCC).");
    w_.open("Comparison compare(const std::vector<float>& got, const std::vector<double>& want) {");
    w_.line("Comparison c;");
    w_.line("double sg = 0, sw = 0, sgg = 0, sww = 0, sgw = 0;");
    w_.open("for (size_t i = 0; i < want.size(); ++i) {");
    w_.line("const double g = got[i], w = want[i], err = std::fabs(g - w);");
    w_.line("if (!(err <= kAtol + kRtol * std::fabs(w))) ++c.mismatches;  // NaN counts as a mismatch");
    w_.line("c.max_abs_error = std::isnan(err) ? INFINITY : std::fmax(c.max_abs_error, err);");
    w_.line("sg += g, sw += w, sgg += g * g, sww += w * w, sgw += g * w;");
    w_.close();
    w_.line("const double n = static_cast<double>(want.size());");
    w_.line("c.pcc = (n * sgw - sg * sw) / std::sqrt((n * sgg - sg * sg) * (n * sww - sw * sw));");
    w_.line("return c;");
    w_.close();
    w_.blank();
  }

  // An N-D tensor whose tiled dims are not its last two (BSHD read as (seq, dim) blocks per (batch,
  // head)) lives in DRAM as a stack of matrices, one per index of its other dims; the host gathers
  // them before tilize_nfaces, which tiles one row-major matrix, and scatters them back after untilize.
  void emit_regrouping() {
    w_.line("// Tensor offset t (row-major over `shape`) -> its place in the stack of row_dim x col_dim matrices,");
    w_.line("// one matrix per index of the other dims, row-major over them (tt.buffer.* tiled_dims).");
    w_.open("size_t matrix_offset(size_t t, const std::vector<uint32_t>& shape, size_t row_dim, size_t col_dim) {");
    w_.line("std::vector<size_t> index(shape.size());");
    w_.line("for (size_t d = shape.size(); d-- > 0; t /= shape[d]) index[d] = t % shape[d];");
    w_.line("size_t matrix = 0;");
    w_.open("for (size_t d = 0; d < shape.size(); ++d) {");
    w_.line("if (d != row_dim && d != col_dim) matrix = matrix * shape[d] + index[d];");
    w_.close();
    w_.line("return (matrix * shape[row_dim] + index[row_dim]) * shape[col_dim] + index[col_dim];");
    w_.close();
    w_.blank();
    w_.line("template <typename T>");
    w_.open(
        "std::vector<T> matrices_from_tensor(const std::vector<T>& tensor, const std::vector<uint32_t>& shape, "
        "size_t row_dim, size_t col_dim) {");
    w_.line("std::vector<T> out(tensor.size());");
    w_.line("for (size_t t = 0; t < tensor.size(); ++t) out[matrix_offset(t, shape, row_dim, col_dim)] = tensor[t];");
    w_.line("return out;");
    w_.close();
    w_.blank();
    w_.line("template <typename T>");
    w_.open(
        "std::vector<T> tensor_from_matrices(const std::vector<T>& matrices, const std::vector<uint32_t>& shape, "
        "size_t row_dim, size_t col_dim) {");
    w_.line("std::vector<T> out(matrices.size());");
    w_.line("for (size_t t = 0; t < out.size(); ++t) out[t] = matrices[matrix_offset(t, shape, row_dim, col_dim)];");
    w_.line("return out;");
    w_.close();
    w_.blank();
  }

  // A broadcast vector (tt.buffer.* vector) lives in DRAM as row 0 (column 0) of tiles that are zero elsewhere.
  void emit_vector_tiles() {
    w_.line(
        "// A vector read as a row (column) broadcast -> the rows x cols matrix the device tiles: value k in row 0,");
    w_.line("// column k (row k, column 0), zero elsewhere (tt.buffer.* vector).");
    w_.line("template <typename T>");
    w_.open("std::vector<T> vector_matrix(const std::vector<T>& vector, size_t rows, size_t cols, bool row) {");
    w_.line("std::vector<T> out(rows * cols, T{});");
    w_.line("for (size_t k = 0; k < vector.size(); ++k) out[row ? k : k * cols] = vector[k];");
    w_.line("return out;");
    w_.close();
    w_.blank();
  }

  // The CPU reference of the kernel's ops, from the inputs as the device holds them: today the T.gemm,
  // C = op(A) x op(B), accumulated in double.
  void emit_reference() {
    const GemmBuffers& g = p_.gemm;
    const HostMatrix& c = shapes_[g.c];
    const HostMatrix& a = shapes_[g.a];
    const int64_t m = c.rows, n = c.cols, k = g.transpose_a ? a.rows : a.cols;
    w_.line("// CPU reference of the kernel's T.gemm: " + g.c + " = " + (g.transpose_a ? g.a + "^T" : g.a) + " x " +
            (g.transpose_b ? g.b + "^T" : g.b) + ", accumulated in double from the inputs as the device holds them.");
    // The reference was half of a cached emulated run at 2048^3 (the plain blocked loop loaded and stored C
    // for every product). Now a BLAS-style blocking: a KB-deep panel of op(B), widened to double once and
    // packed in 8-column strips; RB rows x 8 columns of C held in registers (GCC/Clang vector extensions)
    // while k runs over the panel; MB rows of A's panel stay in L2 across all strips. Every product of two
    // floats is exact in double and every element adds its products one by one in ascending k, so the sums
    // are the plain triple loop's, bit for bit, on any build (FMA contraction included: the product it
    // would fuse is exact). target_clones picks AVX-512 / AVX2 / baseline at load time.
    const auto block_dividing = [](int64_t extent, int64_t at_most) {
      int64_t b = at_most;
      while (b > 1 && extent % b != 0) b /= 2;
      return b;
    };
    // M and N are multiples of the tile size (32); K too. Rows in registers and strip width divide them.
    const int64_t rows = block_dividing(m, 8), kb = block_dividing(k, 256), mb = std::max(block_dividing(m, 64), rows);
    const int64_t strip = block_dividing(n, 8);
    const auto num = [](int64_t v) { return std::to_string(v); };
    w_.line("// Blocked as a BLAS would (rows of C in registers, B packed in strips); the sums are the plain triple");
    w_.line("// loop's: every product of two floats is exact in double and each element adds them in ascending k.");
    w_.line("typedef double Doubles __attribute__((vector_size(" + num(strip * 8) + "), aligned(8), may_alias));  // " +
            num(strip) + " doubles");
    w_.line("#if defined(__x86_64__) && defined(__GNUC__)");
    w_.line("__attribute__((target_clones(\"avx512f\", \"avx2\", \"default\")))");
    w_.line("#endif");
    w_.open("std::vector<double> reference_" + g.c + "(const std::vector<float>& a, const std::vector<float>& b) {");
    w_.line("constexpr size_t M = " + num(m) + ", N = " + num(n) + ", K = " + num(k) + ";");
    w_.line("// Panel depth, rows of A per pass over the panel, strip width.");
    w_.line("constexpr size_t KB = " + num(kb) + ", MB = " + num(mb) + ", JB = " + num(strip) + ";");
    w_.line("std::vector<double> c(M * N, 0.0);");
    w_.line("std::vector<double> panel(KB * N);  // op(B)[k0 .. k0 + KB) as doubles, strip after strip");
    w_.open("for (size_t k0 = 0; k0 < K; k0 += KB) {");
    w_.line("for (size_t j = 0; j < N; j += JB)");
    w_.line("  for (size_t k = 0; k < KB; ++k)");
    w_.line(std::string("    for (size_t q = 0; q < JB; ++q) panel[j * KB + k * JB + q] = b[") +
            (g.transpose_b ? "(j + q) * K + k0 + k" : "(k0 + k) * N + j + q") + "];");
    w_.open("for (size_t i0 = 0; i0 < M; i0 += MB) {");
    w_.open("for (size_t j = 0; j < N; j += JB) {");
    w_.line("const double* strip = &panel[j * KB];");
    w_.open("for (size_t i = i0; i < i0 + MB; i += " + num(rows) + ") {");
    for (int64_t r = 0; r < rows; ++r) {
      w_.line("Doubles* c_" + num(r) + " = reinterpret_cast<Doubles*>(&c[(i + " + num(r) + ") * N + j]);");
    }
    std::string sums = "Doubles";
    for (int64_t r = 0; r < rows; ++r) sums += std::string(r ? "," : "") + " s_" + num(r) + " = *c_" + num(r);
    w_.line(sums + ";");
    w_.open("for (size_t k = k0; k < k0 + KB; ++k) {");
    w_.line("const Doubles b_k = *reinterpret_cast<const Doubles*>(&strip[(k - k0) * JB]);");
    for (int64_t r = 0; r < rows; ++r) {
      const std::string i = "(i + " + num(r) + ")";
      w_.line("s_" + num(r) + " += static_cast<double>(a[" + (g.transpose_a ? "k * M + " + i : i + " * K + k") +
              "]) * b_k;");
    }
    w_.close();
    for (int64_t r = 0; r < rows; ++r) w_.line("*c_" + num(r) + " = s_" + num(r) + ";");
    w_.close();
    w_.close();
    w_.close();
    w_.close();
    w_.line("return c;");
    w_.close();
    w_.blank();
  }

  void emit_arguments() {
    w_.line("uint32_t seed = 1;");
    w_.line("std::string dump_dir;");
    w_.open("for (int i = 1; i < argc; i += 2) {");
    w_.line("const std::string option = argv[i];");
    w_.open("if (i + 1 >= argc || (option != \"--seed\" && option != \"--dump-dir\")) {");
    w_.line("std::fprintf(stderr, \"usage: %s [--seed N] [--dump-dir DIR]\\n\", argv[0]);");
    w_.line("return 2;");
    w_.close();
    w_.line("if (option == \"--seed\") seed = static_cast<uint32_t>(std::stoul(argv[i + 1]));");
    w_.line("if (option == \"--dump-dir\") dump_dir = argv[i + 1];");
    w_.close();
    w_.blank();
  }

  void emit_buffers() {
    w_.line("// DRAM buffers (tt.buffer.*): interleaved, one tile per page, replicated over the (unit) mesh.");
    for (const ir::BufferLayout& b : p_.buffers) {
      const SourceSpan span = param_span(p_, b.name);
      const std::string type = b.memory == "DRAM" ? "BufferType::DRAM" : "BufferType::L1";
      const std::string local = buf_[b.name] + "_local";
      w_.call("const distributed::DeviceLocalBufferConfig " + local + "{",
              {".page_size = " + std::to_string(b.tile_bytes), ".buffer_type = " + type}, "};", span);
      w_.call(
          "std::shared_ptr<distributed::MeshBuffer> " + buf_[b.name] + " = distributed::MeshBuffer::create(",
          {"distributed::ReplicatedBufferConfig{.size = " + std::to_string(b.bytes) + "}", local, "mesh_device.get()"},
          ");", span);
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

  void emit_semaphores() {
    if (p_.semaphores.empty()) return;
    w_.line("// Semaphores of the panel multicast (tt.multicast) on every active core, starting INVALID (0); ids in");
    w_.line("// creation order. The sender of a panel counts its ready receivers on one, receivers wait on the other.");
    for (const std::string& name : p_.semaphores) {
      semaphore_[name] = names_.fresh(name);
      w_.line("const uint32_t " + semaphore_[name] + " = CreateSemaphore(program, cores, 0);");
    }
    w_.blank();
  }

  void emit_kernels() {
    w_.line("// Kernels: the reader and writer on the two data-movement RISC-Vs, compute on the Tensix core. Each");
    w_.line("// DRAM buffer a kernel moves gets a TensorAccessor, described by compile-time arguments.");
    if (!p_.unpack_to_dest_fp32.empty()) {
      w_.line("// fp32 partials reloaded with copy_tile unpack straight to DST: through SrcA they would lose all but");
      w_.line("// TF32 precision on every reload.");
      w_.line("std::vector<UnpackToDestMode> unpack_to_dest_mode(NUM_CIRCULAR_BUFFERS, UnpackToDestMode::Default);");
      for (uint32_t index : p_.unpack_to_dest_fp32) {
        std::string name;
        for (const PlacedCB& cb : p_.cbs) {
          if (cb.cb.index == static_cast<int64_t>(index)) name = cb.cb.name;
        }
        w_.line("unpack_to_dest_mode[tt::CBIndex::c_" + std::to_string(index) +
                "] = UnpackToDestMode::UnpackToDestFp32;  // " + name);
      }
    }
    for (const KernelSpec& k : p_.kernels) {
      const SourceSpan span = k.func->span;
      const std::string config = k.name + "_config";
      const std::string args = k.name + "_compile_args";
      w_.line("std::vector<uint32_t> " + args + ";", span);
      for (const std::string& buffer : k.accessors) {
        w_.line("TensorAccessorArgs(*" + buf_[buffer] + ").append_to(" + args + ");", span);
      }
      if (k.role == KernelRole::Compute) {
        // dst_full_sync_en: the passes size DST blocks by DeviceModel::dst_capacity, the full-sync capacity.
        std::vector<std::string> fields = {
            std::string(".math_fidelity = MathFidelity::") + fidelity_name(kProgramMathFidelity),
            std::string(".fp32_dest_acc_en = ") + (p_.fp32_dest_acc_en ? "true" : "false"), ".dst_full_sync_en = true"};
        if (!p_.unpack_to_dest_fp32.empty()) fields.push_back(".unpack_to_dest_mode = unpack_to_dest_mode");
        fields.push_back(".compile_args = " + args);
        w_.call("const ComputeConfig " + config + "{", fields, "};", span);
      } else {
        w_.call(
            "const DataMovementConfig " + config + "{",
            {".processor = DataMovementProcessor::" + k.processor, ".noc = NOC::" + k.noc, ".compile_args = " + args},
            "};", span);
      }
      w_.call("KernelHandle " + k.name + " = CreateKernel(",
              {"program", "TT_INSPECT_KERNEL_DIR \"" + k.file + "\"", "cores", config}, ");", span);
    }
    w_.blank();
  }

  std::string arg_expr(int slot, size_t index) const {
    const ir::RuntimeArgValue& first = p_.active_cores.front().args[slot][index];
    if (!first.buffer_address.empty()) return address_.at(first.buffer_address);
    if (!first.semaphore.empty()) return semaphore_.at(first.semaphore);
    for (size_t c = 0; c < columns_.size(); ++c) {
      for (const auto& use : columns_[c].uses) {
        if (use.first != slot || use.second != index) continue;
        const std::string v = "row[" + std::to_string(c + 2) + "]";
        // A logical core coordinate in the table; the kernel needs the worker's NoC coordinate.
        if (first.noc_axis) return std::string("noc_") + first.noc_axis + "(" + v + ")";
        return v;
      }
    }
    return "0";  // unreachable: every integer argument has a column
  }

  bool uses_noc_coordinates() const {
    for (const auto& args : p_.active_cores.front().args)
      for (const ir::RuntimeArgValue& v : args)
        if (v.noc_axis) return true;
    return false;
  }

  void emit_runtime_args() {
    w_.line("// Runtime arguments: DRAM addresses are known only now; the rest comes from kCoreArgs.");
    for (const ir::BufferLayout& b : p_.buffers) {
      address_[b.name] = names_.fresh(b.name + "_address");
      w_.line("const uint32_t " + address_[b.name] + " = static_cast<uint32_t>(" + buf_[b.name] + "->address());");
    }
    if (uses_noc_coordinates()) {
      w_.line("// Multicast rectangles and senders are logical worker coordinates in kCoreArgs; kernels address cores");
      w_.line("// by NoC coordinates.");
      w_.line(
          "const auto noc_x = [&](uint32_t x) { return "
          "static_cast<uint32_t>(mesh_device->worker_core_from_logical_core(CoreCoord(x, 0)).x); };");
      w_.line(
          "const auto noc_y = [&](uint32_t y) { return "
          "static_cast<uint32_t>(mesh_device->worker_core_from_logical_core(CoreCoord(0, y)).y); };");
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

  bool is_input(const ir::BufferLayout& b) const { return b.role == "input" || b.role == "inout"; }
  bool is_output(const ir::BufferLayout& b) const { return b.role == "output" || b.role == "inout"; }
  std::string dims(const std::string& name) {
    return std::to_string(shapes_[name].rows) + ", " + std::to_string(shapes_[name].cols);
  }
  std::string tile_dims(const std::string& name) {
    return std::to_string(shapes_[name].tile_rows) + ", " + std::to_string(shapes_[name].tile_cols);
  }
  // `values` as the stack of matrices the device tiles, or (back) a stack of matrices as the tensor.
  std::string regrouped(const ir::BufferLayout& b, const std::string& values, bool back) {
    const HostMatrix& m = shapes_[b.name];
    if (!m.vector.empty()) {
      return "vector_matrix(" + values + ", " + std::to_string(m.tile_rows) + ", " + std::to_string(m.tile_cols) +
             ", " + (m.vector == "row" ? "true" : "false") + ")";
    }
    if (!m.regrouped) return values;
    std::string shape;
    for (int64_t d : b.shape) shape += (shape.empty() ? "" : ", ") + std::to_string(d);
    return std::string(back ? "tensor_from_matrices(" : "matrices_from_tensor(") + values + ", {" + shape + "}, " +
           std::to_string(b.row_dim()) + ", " + std::to_string(b.col_dim()) + ")";
  }

  void emit_run() {
    w_.line("// Inputs: uniform in [-1, 1) from the seed, rounded to the buffer's format, tilized into 32x32 tiles of");
    w_.line("// four 16x16 faces (the layout the device reads).");
    int index = 0;
    for (const ir::BufferLayout& b : p_.buffers) {
      if (!is_input(b)) continue;
      const HostFormat& f = formats_[b.name];
      const std::string& host = host_[b.name];
      w_.line("const std::vector<" + std::string(f.type) + "> " + host + "_bits = convert<" + f.type +
              ">(random_matrix(" + dims(b.name) + ", seed * 16 + " + std::to_string(index++) + "), " + f.encoder +
              ");");
      w_.line("const std::vector<float> " + host + " = convert<float>(" + host + "_bits, " + f.decoder +
              ");  // the values the device holds");
      w_.line("distributed::EnqueueWriteMeshBuffer(cq, " + buf_[b.name] + ", tilize_nfaces(" +
              regrouped(b, host + "_bits", false) + ", " + tile_dims(b.name) + "), false);");
    }
    w_.blank();
    if (has_reference()) {
      // The reference needs only the inputs: computed on another thread while the device runs, as a host
      // program would use a card's run time (the largest part of a large GEMM's check otherwise).
      const GemmBuffers& g = p_.gemm;
      w_.line("// The CPU reference of the check, computed while the device runs.");
      w_.line("std::future<std::vector<double>> reference = std::async(std::launch::async, reference_" + g.c +
              ", std::cref(" + host_[g.a] + "), std::cref(" + host_[g.b] + "));");
      w_.blank();
    }
    w_.line("distributed::MeshWorkload workload;");
    w_.line("workload.add_program(distributed::MeshCoordinateRange(mesh_device->shape()), std::move(program));");
    w_.line("distributed::EnqueueMeshWorkload(cq, workload, false);");
    for (const ir::BufferLayout& b : p_.buffers) {
      if (!is_output(b)) continue;
      const HostFormat& f = formats_[b.name];
      const std::string tiles = host_[b.name] + "_tiles";
      w_.line("std::vector<" + std::string(f.type) + "> " + tiles + ";");
      w_.line("distributed::EnqueueReadMeshBuffer(cq, " + tiles + ", " + buf_[b.name] + ", true);");
      w_.line("const std::vector<float> " + host_[b.name] + " = convert<float>(" +
              regrouped(b, "untilize_nfaces(" + tiles + ", " + tile_dims(b.name) + ")", true) + ", " + f.decoder +
              ");");
    }
    w_.line("mesh_device->close();");
    w_.blank();
  }

  void emit_check() {
    if (has_reference()) {
      emit_reference_check();
    } else {
      w_.line("std::printf(\"check: no CPU reference of this kernel's ops in main.cpp; \"");
      w_.line("            \"tt-inspect run compares the dumped outputs with the oracle\\n\");");
    }
    std::vector<std::string> dumped;
    for (const ir::BufferLayout& b : p_.buffers) {
      dumped.push_back("{\"" + b.name + "\", \"" + (is_output(b) ? "output" : "input") + "\", " + dims(b.name) + ", &" +
                       host_[b.name] + "}");
    }
    w_.call("const std::vector<Dumped> dumped = {", dumped, "};");
    w_.open("if (!dump_dir.empty() && !dump_buffers(dump_dir, seed, dumped)) {");
    w_.line("std::fprintf(stderr, \"cannot write %s\\n\", dump_dir.c_str());");
    w_.line("return 2;");
    w_.close();
    w_.line(has_reference() ? "return check.mismatches == 0 ? 0 : 1;" : "return 0;");
  }

  void emit_reference_check() {
    const GemmBuffers& g = p_.gemm;
    const std::string& c = host_[g.c];
    w_.line("const Comparison check = compare(" + c + ", reference.get());");
    w_.line("std::printf(\"check " + g.c +
            ": max abs err %.3g, PCC %.6f, %zu of %zu elements outside |got - want| <= \"");
    w_.line("            \"%g + %g |want|: %s\\n\",");
    w_.line("            check.max_abs_error, check.pcc, check.mismatches, " + c +
            ".size(), kAtol, kRtol, check.mismatches ? \"FAIL\" : \"PASS\");");
  }

  const ProgramInfo& p_;
  const DeviceModel& d_;
  DiagnosticList& diags_;
  CodeWriter w_;
  CppNames names_;
  std::vector<Column> columns_;
  std::map<std::string, HostFormat> formats_;
  std::map<std::string, HostMatrix> shapes_;
  bool any_regrouped_ = false, any_n_dim_ = false, any_vector_ = false;
  std::set<std::string> encoders_;
  std::map<std::string, std::string> buf_, host_, address_, semaphore_;
};

}  // namespace

std::optional<Artifact> emit_host(const ProgramInfo& program, const DeviceModel& device, DiagnosticList& diags) {
  return HostEmitter(program, device, diags).run();
}

}  // namespace tt::codegen
