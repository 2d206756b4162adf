// Host dump reading and the engine-side output check; see output_check.h.
#include "output_check.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace ttemu {

namespace fs = std::filesystem;

HostBuffers read_host_dump(const fs::path& dir) {
  std::ifstream index(dir / "index.json");
  if (!index) throw std::runtime_error("no " + (dir / "index.json").string() + ": the host program dumped nothing");
  const nlohmann::json j = nlohmann::json::parse(index);
  HostBuffers out;
  for (const auto& b : j.at("buffers")) {
    HostMatrix m;
    m.name = b.at("name").get<std::string>();
    m.role = b.at("role").get<std::string>();
    m.rows = b.at("rows").get<std::uint32_t>();
    m.cols = b.at("cols").get<std::uint32_t>();
    const fs::path file = dir / b.at("file").get<std::string>();
    std::ifstream in(file, std::ios::binary);
    std::vector<float> raw(static_cast<std::size_t>(m.rows) * m.cols);
    in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size() * sizeof(float)));
    if (!in || in.peek() != std::char_traits<char>::eof())
      throw std::runtime_error(file.string() + " does not hold " + std::to_string(raw.size()) + " float32 values");
    m.values.assign(raw.begin(), raw.end());
    out[m.name] = std::move(m);
  }
  return out;
}

namespace {

class GemmReference : public ExpectedOutputs {
 public:
  explicit GemmReference(GemmSpec gemm) : gemm_(std::move(gemm)) {}
  std::string description() const override { return "the reference GEMM"; }

  HostBuffers expected(const HostBuffers& dumped) const override {
    const HostMatrix& a = find(dumped, gemm_.a);
    const HostMatrix& b = find(dumped, gemm_.b);
    const HostMatrix& c = find(dumped, gemm_.c);
    // op(A) as M x K and op(B)^T as N x K, row-major.
    const std::vector<double> A = oriented(a, gemm_.transpose_a);
    const std::vector<double> Bt = oriented(b, !gemm_.transpose_b);
    const std::uint32_t M = c.rows, N = c.cols, K = static_cast<std::uint32_t>(A.size() / std::max(M, 1u));
    if (static_cast<std::size_t>(M) * K != A.size() || static_cast<std::size_t>(N) * K != Bt.size())
      throw std::runtime_error("dumped " + gemm_.a + ", " + gemm_.b + " and " + gemm_.c + " do not form a GEMM");
    HostMatrix want = c;
    want.values = reference_gemm(A, Bt, M, N, K);
    return {{c.name, std::move(want)}};
  }

 private:
  static const HostMatrix& find(const HostBuffers& d, const std::string& name) {
    auto it = d.find(name);
    if (it == d.end()) throw std::runtime_error("the host program did not dump buffer " + name);
    return it->second;
  }
  static std::vector<double> oriented(const HostMatrix& m, bool transpose) {
    if (!transpose) return m.values;
    std::vector<double> t(m.values.size());
    for (std::uint32_t r = 0; r < m.rows; ++r)
      for (std::uint32_t c = 0; c < m.cols; ++c)
        t[static_cast<std::size_t>(c) * m.rows + r] = m.values[static_cast<std::size_t>(r) * m.cols + c];
    return t;
  }
  GemmSpec gemm_;
};

}  // namespace

std::unique_ptr<ExpectedOutputs> gemm_reference(const GemmSpec& gemm) { return std::make_unique<GemmReference>(gemm); }

OutputCheck check_outputs(const HostBuffers& dumped, const ExpectedOutputs& source, double rtol, double atol) {
  OutputCheck r;
  r.passed = true;
  for (const auto& [name, want] : source.expected(dumped)) {
    auto got = dumped.find(name);
    if (got == dumped.end() || got->second.values.size() != want.values.size())
      throw std::runtime_error("the host program did not dump output " + name + " with " +
                               std::to_string(want.values.size()) + " values");
    const Comparison c = compare_dense(got->second.values, want.values, want.cols, rtol, atol);
    r.outputs.push_back(analyze_output(name, got->second.values, want.values, want.rows, want.cols, rtol, atol));
    r.outputs.back().reference = source.description();
    r.outputs.back().reference_rounds_stores = source.rounds_stores();
    r.worst.checked += c.checked;
    r.worst.mismatches += c.mismatches;
    r.worst.max_abs_error = std::max(r.worst.max_abs_error, c.max_abs_error);
    r.worst.max_rel_error = std::max(r.worst.max_rel_error, c.max_rel_error);
    if (c.has_first && !r.worst.has_first) {
      r.worst.has_first = true;
      r.worst.first_row = c.first_row;
      r.worst.first_col = c.first_col;
      r.worst.first_got = c.first_got;
      r.worst.first_want = c.first_want;
    }
    if (!c.passed) {
      r.passed = false;
      if (r.message.empty())
        r.message = std::to_string(c.mismatches) + " of " + std::to_string(c.checked) + " elements of " + name +
                    " differ from " + source.description();
    }
  }
  if (r.passed) r.message = "outputs match " + source.description();
  return r;
}

}  // namespace ttemu
