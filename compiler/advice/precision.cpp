// The precision model: an accumulator of b significand bits rounds each of K steps with relative
// error up to u = 2^-b; the stored output rounds once more. See precision.h.
#include "compiler/advice/precision.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "compiler/ir/dtype.h"
#include "compiler/ir/tt_metadata.h"

namespace tt::advice {

namespace {

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

std::string roundoff(int bits) { return "u = 2^-" + std::to_string(bits) + " = " + number(std::ldexp(1.0, -bits)); }

std::string output_dtype(const ir::Module& module, const std::string& buffer) {
  for (const ir::BufferLayout& l : ir::all_buffer_layouts(module)) {
    if (l.name == buffer) return l.dtype;
  }
  return "";
}

std::string cb_dtype(const ir::Module& module, const std::string& name) {
  for (const ir::CircularBuffer& cb : ir::all_circular_buffers(module)) {
    if (cb.name == name) return cb.dtype;
  }
  return "";
}

}  // namespace

std::optional<int> significand_bits(const std::string& dtype) {
  const std::optional<DataType> t = parse_dtype(dtype);
  if (!t) return std::nullopt;
  switch (*t) {
    case DataType::Float16:
      return 11;
    case DataType::BFloat16:
      return 8;
    case DataType::Float32:
      return 24;
    default:
      return std::nullopt;
  }
}

std::optional<AccumulationPrecision> accumulation_precision(const ir::Module& module) {
  const std::optional<ir::GemmInfo> gemm = ir::get_gemm_info(module);
  if (!gemm) return std::nullopt;
  const std::optional<int> bits = significand_bits(gemm->accum_dtype);
  if (!bits) return std::nullopt;
  AccumulationPrecision p;
  p.dtype = gemm->accum_dtype;
  p.bits = *bits;
  p.k_steps = std::max<int64_t>(1, gemm->k_iters);
  p.k = gemm->k * p.k_steps;
  p.unit_roundoff = std::ldexp(1.0, -p.bits);
  p.expected = std::sqrt(double(p.k)) * p.unit_roundoff;
  p.worst = double(p.k) * p.unit_roundoff;
  return p;
}

std::vector<std::string> explain_precision(const ir::Module& module, const MeasuredOutput& m) {
  std::vector<std::string> out;
  const double tolerance = m.atol + m.rtol * m.mean_abs_expected;
  out.push_back("tolerance: |err| <= atol + rtol * |want| = " + number(m.atol) + " + " + number(m.rtol) + " * " +
                number(m.mean_abs_expected) + " = " + number(tolerance) + " at the mean |want| of " + m.buffer + ", " +
                number(m.atol) + " near zero");
  // `bound`: the largest |err| the dtypes explain; `culprit` names the rounding that dominates it.
  double bound = 0;
  std::string culprit, change;
  const std::string stored = output_dtype(module, m.buffer);
  if (std::optional<int> bits = significand_bits(stored)) {
    bound = m.mean_abs_expected * std::ldexp(1.0, -*bits);
    out.push_back("storing " + m.buffer + " as " + stored + " (" + roundoff(*bits) +
                  ") adds about |want| * u = " + number(bound));
    culprit = "the " + stored + " output";
  }
  const std::optional<ir::GemmInfo> gemm = ir::get_gemm_info(module);
  if (std::optional<AccumulationPrecision> acc = accumulation_precision(module); acc && gemm) {
    const std::string a = cb_dtype(module, gemm->a), b = cb_dtype(module, gemm->b);
    const std::string operands = a.empty() ? std::string() : "A is " + a + ", B is " + (b.empty() ? "?" : b) + "; ";
    const double ab = m.input_bound * m.input_bound;
    double explained = 0;
    if (m.reference_rounds_accumulator) {
      // Both sides round the sum after every K step; they differ by one rounding (2u of a partial sum,
      // whose size is about sqrt(K) * max|a||b| at most) where a sum lands near a rounding boundary.
      explained = 2 * acc->unit_roundoff * std::sqrt(double(acc->k)) * ab;
      out.push_back(operands + "the reference rounds " + gemm->c + " to " + acc->dtype + " (" + roundoff(acc->bits) +
                    ") after each of the " + std::to_string(acc->k_steps) +
                    " K steps, as the kernel does: they differ by one rounding of a partial sum where it lands near a "
                    "rounding boundary, up to 2u * sqrt(K) * max|a||b| = " +
                    number(explained));
    } else {
      // The sum is rounded after each K step: a random walk of k_steps roundings of about u * |sum|.
      const double typical = std::sqrt(double(acc->k_steps)) * acc->unit_roundoff * m.mean_abs_expected;
      explained = std::min(acc->worst * ab, 4 * typical);  // the largest of many elements: about 4 sigma
      out.push_back(operands + "products are accumulated in " + acc->dtype + " (" + roundoff(acc->bits) +
                    "), the sum rounded after each of the " + std::to_string(acc->k_steps) +
                    " K steps, against a reference summed in double: |err| ~ sqrt(steps) * u * |want| = " +
                    number(typical) + " typically, about " + number(explained) +
                    " for the largest, bounded by K * u * max|a||b| = " + std::to_string(acc->k) + " * " +
                    number(acc->unit_roundoff) + " * " + number(ab) + " = " + number(acc->worst * ab));
    }
    if (explained > bound) {
      bound = explained;
      culprit = acc->dtype + " accumulation";
      if (acc->bits < 24) {
        change = "accum_dtype=\"float32\" (-D accum_dtype=float32) makes it K * 2^-24 * max|a||b| = " +
                 number(double(acc->k) * std::ldexp(1.0, -24) * ab);
      }
    }
  }
  if (m.mismatches == 0) {
    out.push_back("the dtypes explain errors up to about " + number(bound) + "; all elements are within the tolerance");
  } else if (m.max_abs_error <= 1.5 * bound) {
    out.push_back("so rtol " + number(m.rtol) + " is expected to fail: " + culprit +
                  " alone explains errors up to about " + number(bound) + " (measured max |err| " +
                  number(m.max_abs_error) + "), more than atol + rtol * |want| " + "allows for elements near zero" +
                  (change.empty() ? "; loosen --rtol/--atol or use a wider dtype" : "; " + change));
  } else {
    out.push_back("the dtypes explain errors up to about " + number(bound) + " only: the measured max |err| " +
                  number(m.max_abs_error) + " is not rounding; look at the first wrong elements");
  }
  return out;
}

}  // namespace tt::advice
