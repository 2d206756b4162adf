// Inputs for an oracle run and the element-wise comparison of a result with the oracle's.
#include <algorithm>
#include <cmath>
#include <set>

#include "compiler/oracle/number_format.h"
#include "compiler/oracle/oracle.h"

namespace tt::oracle {

std::map<std::string, HostTensor> random_inputs(const ir::PrimFunc& kernel, uint64_t seed) {
  std::set<const ir::BufferNode*> outputs;
  for (const ir::Buffer& b : output_buffers(kernel)) outputs.insert(b.get());
  std::map<std::string, HostTensor> inputs;
  uint64_t state = seed;
  for (const ir::Buffer& p : kernel.params) {
    if (outputs.count(p.get())) continue;
    HostTensor t{p->shape, std::vector<double>(static_cast<size_t>(p->num_elements()))};
    for (double& v : t.data) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;  // Knuth's 64-bit LCG
      const double u = static_cast<double>(state >> 11) * 0x1.0p-53;    // [0, 1)
      v = to_dtype(p->dtype, 2 * u - 1).value_or(0.0);
    }
    inputs.emplace(p->name, std::move(t));
  }
  return inputs;
}

Comparison compare(const HostTensor& got, const HostTensor& want, double rtol, double atol) {
  Comparison c;
  const size_t n = std::min(got.data.size(), want.data.size());
  for (size_t i = 0; i < n; ++i) {
    const double g = got.data[i], w = want.data[i];
    const double err = g == w ? 0.0 : std::fabs(g - w);  // equal infinities: no error
    ++c.checked;
    const bool ok = err == 0 || err <= atol + rtol * std::fabs(w);  // false for NaN (0 * inf is NaN too)
    if (std::isnan(err)) {
      c.max_abs_error = c.max_rel_error = INFINITY;
    } else {
      c.max_abs_error = std::max(c.max_abs_error, err);
      c.max_rel_error = std::max(c.max_rel_error, err / std::max(std::fabs(w), atol));
    }
    if (ok) continue;
    ++c.mismatches;
    if (c.has_first) continue;
    c.has_first = true;
    c.first_got = g;
    c.first_want = w;
    c.first_index.assign(want.shape.size(), 0);
    size_t rest = i;
    for (size_t d = want.shape.size(); d-- > 0;) {
      c.first_index[d] = static_cast<int64_t>(rest % static_cast<size_t>(want.shape[d]));
      rest /= static_cast<size_t>(want.shape[d]);
    }
  }
  // Different sizes: every element one side lacks is a mismatch.
  const size_t extra = std::max(got.data.size(), want.data.size()) - n;
  c.checked += extra;
  c.mismatches += extra;
  if (got.shape != want.shape && c.mismatches == 0) c.mismatches = 1;
  return c;
}

}  // namespace tt::oracle
