// Literal parsing with Python's rules (numbers via std::from_chars, locale-independent).
#include "compiler/frontend/literals.h"

#include <charconv>
#include <limits>

#include "compiler/frontend/frontend_error.h"

namespace tt::frontend {

namespace {

std::string strip_underscores(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '_') out += c;
  }
  return out;
}

}  // namespace

int64_t parse_int_literal(std::string_view text, SourceSpan span) {
  std::string s = strip_underscores(text);
  if (!s.empty() && (s.back() == 'j' || s.back() == 'J')) fail(span, "complex numbers are not supported");
  int base = 10;
  size_t skip = 0;
  if (s.size() > 1 && s[0] == '0' && std::string_view("xXoObB").find(s[1]) != std::string_view::npos) {
    base = (s[1] == 'x' || s[1] == 'X') ? 16 : (s[1] == 'o' || s[1] == 'O') ? 8 : 2;
    skip = 2;
  }
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data() + skip, s.data() + s.size(), value, base);
  if (ec == std::errc::result_out_of_range) fail(span, "integer literal is too large (more than 64 bits)");
  if (ec != std::errc() || ptr != s.data() + s.size())
    fail(span, "invalid integer literal '" + std::string(text) + "'");
  return value;
}

double parse_float_literal(std::string_view text, SourceSpan span) {
  std::string s = strip_underscores(text);
  if (!s.empty() && (s.back() == 'j' || s.back() == 'J')) fail(span, "complex numbers are not supported");
  double value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec == std::errc::result_out_of_range) return std::numeric_limits<double>::infinity();
  if (ec != std::errc() || ptr != s.data() + s.size()) fail(span, "invalid float literal '" + std::string(text) + "'");
  return value;
}

namespace {

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

// Python's backslash escapes (the common ones; unknown escapes keep the backslash, as Python does).
std::string unescape_string(std::string_view body) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    char c = body[++i];
    // \xHH, \uHHHH, \UHHHHHHHH: the digits follow the escape letter at body[i].
    auto hex = [&](size_t digits) -> bool {
      if (i + digits >= body.size()) return false;
      uint32_t cp = 0;
      auto [ptr, ec] = std::from_chars(body.data() + i + 1, body.data() + i + 1 + digits, cp, 16);
      if (ec != std::errc() || ptr != body.data() + i + 1 + digits || cp > 0x10FFFF) return false;
      append_utf8(out, cp);
      i += digits;
      return true;
    };
    switch (c) {
      case '\n':
        break;
      case '\\':
        out += '\\';
        break;
      case '\'':
        out += '\'';
        break;
      case '"':
        out += '"';
        break;
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case '0':
        out += '\0';
        break;
      case 'x':
      case 'u':
      case 'U':
        if (hex(c == 'x' ? 2 : c == 'u' ? 4 : 8)) break;
        out += '\\';
        out += c;
        break;
      default:
        out += '\\';
        out += c;
        break;
    }
  }
  return out;
}

}  // namespace tt::frontend
