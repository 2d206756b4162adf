// Compact pretty-printer over nlohmann::ordered_json (nlohmann's own dump(2) puts every number of a
// [x, y] pair on its own line, which makes plans hard to read and diff). Like Prettier: a value stays
// on one line when it fits, otherwise it gets one member per line.
#include "compiler/codegen/json_format.h"

namespace tt::codegen {

namespace {

using nlohmann::ordered_json;

bool is_scalar(const ordered_json& v) { return !v.is_array() && !v.is_object(); }

std::string one_line(const ordered_json& v) {
  if (is_scalar(v)) return v.dump();
  std::string out;
  if (v.is_array()) {
    out += '[';
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + one_line(v[i]);
    return out + ']';
  }
  out += '{';
  bool first = true;
  for (const auto& [key, x] : v.items()) {
    out += (first ? "" : ", ") + ordered_json(key).dump() + ": " + one_line(x);
    first = false;
  }
  return out + '}';
}

// The length of one_line(v), or any value above `limit` as soon as it must exceed it: deciding whether
// a large value fits costs O(limit), not a serialization of the whole value at every level.
size_t one_line_length(const ordered_json& v, size_t limit) {
  if (is_scalar(v)) return v.dump().size();
  size_t n = 2;  // the brackets
  bool first = true;
  for (const auto& [key, x] : v.items()) {
    if (!first) n += 2;  // ", "
    first = false;
    if (v.is_object()) n += ordered_json(key).dump().size() + 2;  // "key": 
    if (n > limit) return n;
    n += one_line_length(x, limit - n);
    if (n > limit) return n;
  }
  return n;
}

bool fits_on_one_line(const ordered_json& v, size_t used, size_t width) {
  return used + 1 <= width && one_line_length(v, width - used - 1) + used + 1 <= width;
}

void write(const ordered_json& v, size_t indent, size_t prefix_len, size_t width, std::string& out) {
  if (is_scalar(v) || v.empty() || fits_on_one_line(v, indent + prefix_len, width)) {
    out += one_line(v);
    return;
  }
  const std::string pad(indent + 2, ' ');
  const bool array = v.is_array();
  out += array ? "[\n" : "{\n";
  size_t i = 0;
  for (const auto& [key, x] : v.items()) {
    out += pad;
    size_t key_len = 0;
    if (!array) {
      std::string k = ordered_json(key).dump() + ": ";
      key_len = k.size();
      out += k;
    }
    write(x, indent + 2, key_len, width, out);
    out += ++i < v.size() ? ",\n" : "\n";
  }
  out += std::string(indent, ' ') + (array ? "]" : "}");
}

}  // namespace

std::string format_json(const ordered_json& value, size_t inline_width) {
  std::string out;
  write(value, 0, 0, inline_width, out);
  return out + "\n";
}

}  // namespace tt::codegen
