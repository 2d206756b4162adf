// Helpers for the oracle tests (see oracle_fixture.h).
#include "tests/unit/oracle_fixture.h"

#include <cmath>
#include <limits>

#include "compiler/frontend/frontend.h"
#include "compiler/ir/printer.h"

namespace tt::test {

std::string LoweredKernel::headline() const {
  return diags.empty() ? "" : diagnostic_headline(diags.items()[0], "k.py");
}

std::string LoweredKernel::ir() const { return modules.empty() ? "" : ir::print_module(modules[0]).text; }

LoweredKernel lower_kernel(const std::string& text, const std::map<std::string, std::string>& defines) {
  LoweredKernel out;
  frontend::FrontendOptions options;
  options.defines = defines;
  out.modules = frontend::lower_source(SourceFile("k.py", text), options, out.diags);
  return out;
}

std::vector<double> exact_values(size_t count, uint64_t seed) {
  std::vector<double> out(count);
  uint64_t state = seed * 6364136223846793005ull + 1442695040888963407ull;
  for (double& v : out) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    v = static_cast<double>(static_cast<int64_t>((state >> 33) % 129) - 64) / 32.0;
  }
  return out;
}

oracle::HostTensor tensor(std::vector<int64_t> shape, std::vector<double> data) {
  return oracle::HostTensor{std::move(shape), std::move(data)};
}

double max_abs_diff(const std::vector<double>& got, const std::vector<double>& want) {
  const double inf = std::numeric_limits<double>::infinity();
  if (got.size() != want.size()) return inf;
  double worst = 0;
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(got[i]) || std::isnan(want[i])) {
      if (std::isnan(got[i]) != std::isnan(want[i])) return inf;
      continue;
    }
    if (got[i] == want[i]) continue;  // equal infinities
    worst = std::max(worst, std::fabs(got[i] - want[i]));
  }
  return worst;
}

}  // namespace tt::test
