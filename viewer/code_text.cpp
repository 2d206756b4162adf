// CodeText construction and search.
#include "viewer/code_text.h"

#include <algorithm>
#include <cctype>

namespace tt::viewer {

size_t utf8_columns(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

CodeText::CodeText(std::string text, std::optional<Language> language) : text_(std::move(text)), language_(language) {
  starts_.push_back(0);
  for (uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n' && i + 1 < text_.size()) starts_.push_back(i + 1);
  }
  if (text_.empty()) starts_.clear();
  for (size_t i = 0; i < starts_.size(); ++i) max_columns_ = std::max(max_columns_, utf8_columns(line(i)));
  if (!language_) return;
  if (starts_.size() <= kWholeTextLines) runs_ = highlight(*language_, text_);
  else chunks_.resize((starts_.size() + kChunkLines - 1) / kChunkLines);
}

const std::vector<TokenRun>* CodeText::runs(size_t i) const {
  if (!language_ || i >= starts_.size()) return nullptr;
  if (chunks_.empty()) return i < runs_.size() ? &runs_[i] : nullptr;
  LineRuns& chunk = chunks_[i / kChunkLines];
  if (chunk.empty()) {
    size_t first = i / kChunkLines * kChunkLines, last = std::min(first + kChunkLines, starts_.size());
    size_t begin = starts_[first], end = last < starts_.size() ? starts_[last] : text_.size();
    chunk = highlight(*language_, std::string_view(text_).substr(begin, end - begin));
  }
  size_t k = i % kChunkLines;
  return k < chunk.size() ? &chunk[k] : nullptr;
}

std::string_view CodeText::line(size_t i) const {
  if (i >= starts_.size()) return {};
  size_t begin = starts_[i];
  size_t end = i + 1 < starts_.size() ? starts_[i + 1] - 1 : text_.size();
  if (end > begin && text_[end - 1] == '\n') --end;
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::vector<size_t> CodeText::find(std::string_view needle) const {
  std::vector<size_t> out;
  if (needle.empty()) return out;
  auto eq = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)); };
  for (size_t i = 0; i < starts_.size(); ++i) {
    std::string_view l = line(i);
    if (std::search(l.begin(), l.end(), needle.begin(), needle.end(), eq) != l.end()) out.push_back(i);
  }
  return out;
}

}  // namespace tt::viewer
