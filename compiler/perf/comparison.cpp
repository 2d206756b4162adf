// compare_kernels: quantities read from each side's estimate and tt.plan.json, artifact line diffs.
#include "compiler/perf/comparison.h"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "compiler/ir/line_diff.h"

namespace tt::perf {

namespace {

// L1 the program's circular buffers take on every active core (the plan's l1 section).
std::optional<double> cb_bytes_per_core(const KernelResult& k) {
  const Artifact* plan = k.find_artifact("tt.plan.json");
  if (!plan) return std::nullopt;
  nlohmann::json j = nlohmann::json::parse(plan->text, nullptr, false);
  if (j.is_discarded() || !j.contains("l1")) return std::nullopt;
  return j["l1"]["cb_end"].get<double>() - j["l1"]["cb_begin"].get<double>();
}

template <typename Get>
std::optional<double> from_estimate(const KernelResult& k, Get get) {
  if (!k.estimate) return std::nullopt;
  return static_cast<double>(get(*k.estimate));
}

}  // namespace

KernelComparison compare_kernels(const KernelResult& a, const KernelResult& b) {
  KernelComparison c;
  c.kernel = a.name;
  c.quantities.push_back({"L1 CBs per core", "B", cb_bytes_per_core(a), cb_bytes_per_core(b)});
  auto add = [&](const char* name, const char* unit, auto get) {
    c.quantities.push_back({name, unit, from_estimate(a, get), from_estimate(b, get)});
  };
  add("DRAM bytes", "B",
      [](const PerfEstimate& e) { return e.counts.total.dram_read_bytes + e.counts.total.dram_write_bytes; });
  add("NoC transfers", "pages",
      [](const PerfEstimate& e) { return e.counts.total.noc_reads + e.counts.total.noc_writes; });
  add("tile matmuls", "", [](const PerfEstimate& e) { return e.counts.total.tile_matmuls; });
  add("spill bytes", "B", [](const PerfEstimate& e) { return e.counts.total.spill_bytes; });
  add("lower bound", "us", [](const PerfEstimate& e) { return e.lower_bound_us; });
  add("TFLOPS", "", [](const PerfEstimate& e) { return e.tflops; });
  if (a.estimate) c.binding_a = a.estimate->binding;
  if (b.estimate) c.binding_b = b.estimate->binding;

  for (const Artifact& art : a.artifacts) {
    ArtifactDelta d{art.name, true, false, 0, 0};
    if (const Artifact* other = b.find_artifact(art.name)) {
      d.in_b = true;
      LineDiff diff = diff_lines(art.text, other->text);
      d.added = diff.added;
      d.removed = diff.removed;
    }
    c.artifacts.push_back(d);
  }
  for (const Artifact& art : b.artifacts) {
    if (!a.find_artifact(art.name)) c.artifacts.push_back(ArtifactDelta{art.name, false, true, 0, 0});
  }
  return c;
}

std::string format_quantity(const std::optional<double>& v, const std::string& unit) {
  if (!v) return "-";
  char buf[48];
  if (unit == "us" || unit.empty()) {
    std::snprintf(buf, sizeof buf,
                  *v == static_cast<double>(static_cast<int64_t>(*v)) && unit.empty() ? "%.0f" : "%.2f", *v);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", *v);
  }
  return buf;
}

std::string format_delta(const QuantityDelta& q) {
  if (!q.a || !q.b) return "";
  const double d = *q.b - *q.a;
  std::string text = (d > 0 ? "+" : "") + format_quantity(d, q.unit);
  if (d == 0) return "=";
  if (*q.a != 0) {
    char pct[32];
    std::snprintf(pct, sizeof pct, " (%+.1f%%)", 100.0 * d / *q.a);
    text += pct;
  }
  return text;
}

}  // namespace tt::perf
