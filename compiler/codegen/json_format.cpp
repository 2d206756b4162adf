// Compact pretty-printer over nlohmann::ordered_json (nlohmann's own dump(2) puts every number of a
// [x, y] pair on its own line, which makes plans hard to read and diff). Like Prettier: a value stays
// on one line when it fits, otherwise it gets one member per line.
// Plans of large problems hold tens of thousands of work items, so the printer appends into one
// string and formats integers and plain strings itself, without a temporary per value; any other
// value (floats, strings that need escaping) goes through nlohmann's dump, which defines the text.
#include "compiler/codegen/json_format.h"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace tt::codegen {

namespace {

using nlohmann::ordered_json;

bool is_raw_array(const ordered_json& v) {
  return v.is_binary() && v.get_binary().has_subtype() && v.get_binary().subtype() == kRawArraySubtype;
}
bool is_scalar(const ordered_json& v) { return !v.is_array() && !v.is_object() && !is_raw_array(v); }

// Calls f(element_text) for each line of a raw array.
template <typename F>
void for_each_raw_element(const ordered_json& v, F&& f) {
  const auto& bytes = v.get_binary();
  const char* p = reinterpret_cast<const char*>(bytes.data());
  const char* end = p + bytes.size();
  while (p < end) {
    const char* eol = std::find(p, end, '\n');
    f(std::string_view(p, static_cast<size_t>(eol - p)));
    p = eol == end ? end : eol + 1;
  }
}

size_t raw_size(const ordered_json& v) {
  size_t n = 0;
  for_each_raw_element(v, [&](std::string_view) { ++n; });
  return n;
}

// A string JSON prints as itself between quotes: printable ASCII other than '"' and '\'.
bool is_plain(const std::string& s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') return false;
  }
  return true;
}

void append_string(const std::string& s, std::string& out) {
  if (is_plain(s)) {
    out += '"';
    out += s;
    out += '"';
  } else {
    out += ordered_json(s).dump();
  }
}

void append_scalar(const ordered_json& v, std::string& out) {
  char buf[24];
  switch (v.type()) {
    case ordered_json::value_t::number_integer: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_ref<const ordered_json::number_integer_t&>());
      out.append(buf, r.ptr);
      return;
    }
    case ordered_json::value_t::number_unsigned: {
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_ref<const ordered_json::number_unsigned_t&>());
      out.append(buf, r.ptr);
      return;
    }
    case ordered_json::value_t::string:
      append_string(v.get_ref<const std::string&>(), out);
      return;
    case ordered_json::value_t::boolean:
      out += v.get<bool>() ? "true" : "false";
      return;
    case ordered_json::value_t::null:
      out += "null";
      return;
    default:
      out += v.dump();
  }
}

size_t scalar_length(const ordered_json& v) {
  char buf[24];
  switch (v.type()) {
    case ordered_json::value_t::number_integer:
      return static_cast<size_t>(
          std::to_chars(buf, buf + sizeof buf, v.get_ref<const ordered_json::number_integer_t&>()).ptr - buf);
    case ordered_json::value_t::number_unsigned:
      return static_cast<size_t>(
          std::to_chars(buf, buf + sizeof buf, v.get_ref<const ordered_json::number_unsigned_t&>()).ptr - buf);
    case ordered_json::value_t::string: {
      const std::string& s = v.get_ref<const std::string&>();
      return is_plain(s) ? s.size() + 2 : ordered_json(s).dump().size();
    }
    case ordered_json::value_t::boolean:
      return v.get<bool>() ? 4 : 5;
    case ordered_json::value_t::null:
      return 4;
    default:
      return v.dump().size();
  }
}

void append_one_line(const ordered_json& v, std::string& out) {
  if (is_scalar(v)) return append_scalar(v, out);
  if (is_raw_array(v)) {
    out += '[';
    bool first = true;
    for_each_raw_element(v, [&](std::string_view e) {
      if (!first) out += ", ";
      first = false;
      out += e;
    });
    out += ']';
    return;
  }
  if (v.is_array()) {
    out += '[';
    bool first = true;
    for (const ordered_json& x : v) {
      if (!first) out += ", ";
      first = false;
      append_one_line(x, out);
    }
    out += ']';
    return;
  }
  out += '{';
  bool first = true;
  for (const auto& [key, x] : v.get_ref<const ordered_json::object_t&>()) {
    if (!first) out += ", ";
    first = false;
    append_string(key, out);
    out += ": ";
    append_one_line(x, out);
  }
  out += '}';
}

size_t key_length(const std::string& key) { return is_plain(key) ? key.size() + 2 : ordered_json(key).dump().size(); }

// The length of the one-line form of v, or any value above `limit` as soon as it must exceed it:
// deciding whether a large value fits costs O(limit), not a serialization of the whole value at
// every level.
// (Arrays are walked by element: items() would make a string of every index.)
size_t one_line_length(const ordered_json& v, size_t limit) {
  if (is_scalar(v)) return scalar_length(v);
  size_t n = 2;  // the brackets
  bool first = true;
  if (is_raw_array(v)) {
    for_each_raw_element(v, [&](std::string_view e) {
      if (n <= limit) n += (first ? 0 : 2) + e.size();
      first = false;
    });
    return n;
  }
  auto add_member = [&](const std::string* key, const ordered_json& x) {
    if (!first) n += 2;  // ", "
    first = false;
    if (key) n += key_length(*key) + 2;  // "key": 
    if (n > limit) return false;
    n += one_line_length(x, limit - n);
    return n <= limit;
  };
  if (v.is_array()) {
    for (const ordered_json& x : v) {
      if (!add_member(nullptr, x)) return n;
    }
  } else {
    for (const auto& [key, x] : v.get_ref<const ordered_json::object_t&>()) {
      if (!add_member(&key, x)) return n;
    }
  }
  return n;
}

bool fits_on_one_line(const ordered_json& v, size_t used, size_t width) {
  return used + 1 <= width && one_line_length(v, width - used - 1) + used + 1 <= width;
}

void write(const ordered_json& v, size_t indent, size_t prefix_len, size_t width, std::string& out) {
  const bool empty = is_raw_array(v) ? v.get_binary().empty() : v.empty();
  if (is_scalar(v) || empty || fits_on_one_line(v, indent + prefix_len, width)) {
    append_one_line(v, out);
    return;
  }
  if (is_raw_array(v)) {
    out += "[\n";
    size_t i = 0;
    const size_t n = raw_size(v);
    for_each_raw_element(v, [&](std::string_view e) {
      out.append(indent + 2, ' ');
      out += e;
      out += ++i < n ? ",\n" : "\n";
    });
    out.append(indent, ' ');
    out += ']';
    return;
  }
  const bool array = v.is_array();
  out += array ? "[\n" : "{\n";
  size_t i = 0;
  auto write_member = [&](const std::string* key, const ordered_json& x) {
    out.append(indent + 2, ' ');
    size_t key_len = 0;
    if (key) {
      const size_t before = out.size();
      append_string(*key, out);
      out += ": ";
      key_len = out.size() - before;
    }
    write(x, indent + 2, key_len, width, out);
    out += ++i < v.size() ? ",\n" : "\n";
  };
  if (array) {
    for (const ordered_json& x : v) write_member(nullptr, x);
  } else {
    for (const auto& [key, x] : v.get_ref<const ordered_json::object_t&>()) write_member(&key, x);
  }
  out.append(indent, ' ');
  out += array ? ']' : '}';
}

}  // namespace

ordered_json raw_json_array(std::string elements_text) {
  return ordered_json::binary(std::vector<std::uint8_t>(elements_text.begin(), elements_text.end()), kRawArraySubtype);
}

std::string format_json(const ordered_json& value, size_t inline_width) {
  std::string out;
  write(value, 0, 0, inline_width, out);
  return out + "\n";
}

}  // namespace tt::codegen
