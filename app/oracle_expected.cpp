// oracle_expected(): dumped row-major inputs -> tt::oracle::run_oracle -> expected output matrices.
#include "app/oracle_expected.h"

#include <stdexcept>

#include "compiler/oracle/oracle.h"

namespace tt::app {

namespace {

class OracleExpected final : public ttemu::ExpectedOutputs {
 public:
  explicit OracleExpected(ir::PrimFunc kernel) : kernel_(std::move(kernel)) {}

  std::string description() const override { return "the oracle (the kernel's IR in double precision)"; }
  // The oracle rounds every store to a float16/bfloat16 buffer (oracle/README.md).
  bool rounds_stores() const override { return true; }

  ttemu::HostBuffers expected(const ttemu::HostBuffers& dumped) const override {
    // The host program dumps every buffer as a rows x cols matrix; the kernel's parameter gives the shape.
    std::map<std::string, oracle::HostTensor> inputs;
    for (const auto& [name, m] : dumped) {
      if (m.role != "input") continue;
      const ir::Buffer param = find_param(name);
      if (static_cast<int64_t>(m.values.size()) != param->num_elements()) {
        throw std::runtime_error("dumped input " + name + " has " + std::to_string(m.values.size()) +
                                 " values, the kernel's parameter " + std::to_string(param->num_elements()));
      }
      inputs[name] = oracle::HostTensor{param->shape, m.values};
    }
    oracle::OracleResult run = oracle::run_oracle(kernel_, inputs);
    if (!run.ok()) {
      for (const Diagnostic& d : run.diagnostics) {
        if (d.severity == Severity::Error) throw std::runtime_error("the oracle cannot run this kernel: " + d.message);
      }
    }
    ttemu::HostBuffers out;
    for (const auto& [name, m] : dumped) {
      if (m.role != "output") continue;
      auto it = run.outputs.find(name);
      if (it == run.outputs.end()) throw std::runtime_error("the oracle computed no values for output " + name);
      if (it->second.data.size() != m.values.size()) {
        throw std::runtime_error("the oracle's " + name + " has " + std::to_string(it->second.data.size()) +
                                 " values, the dump " + std::to_string(m.values.size()));
      }
      ttemu::HostMatrix want = m;
      want.values = it->second.data;
      out[name] = std::move(want);
    }
    return out;
  }

 private:
  ir::Buffer find_param(const std::string& name) const {
    for (const ir::Buffer& b : kernel_.params) {
      if (b->name == name) return b;
    }
    throw std::runtime_error("the host program dumped '" + name + "', which is no parameter of kernel " + kernel_.name);
  }

  ir::PrimFunc kernel_;
};

}  // namespace

std::shared_ptr<const ttemu::ExpectedOutputs> oracle_expected(ir::PrimFunc kernel) {
  return std::make_shared<OracleExpected>(std::move(kernel));
}

}  // namespace tt::app
