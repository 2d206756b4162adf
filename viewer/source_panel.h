// Source panel: the TileLang file highlighted with Tree-sitter Python, line selection linked to IR
// and kernels, an edit mode that recompiles on every change, and the parameter/device form.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "viewer/code_text.h"
#include "viewer/factory_params.h"
#include "viewer/panel.h"

namespace tt::viewer {

class SourcePanel : public Panel {
 public:
  const char* name() const override { return "Source"; }

 protected:
  void draw_content(ViewerState& state) override;

 private:
  void refresh(const ViewerState& state);
  void draw_form(ViewerState& state);

  uint64_t text_version_ = UINT64_MAX;
  std::unique_ptr<CodeText> code_;
  std::vector<Factory> factories_;
  std::map<std::string, std::string> edits_;  // -D name (param or factory.param) -> text being typed
  std::string active_param_;                  // the parameter field being typed in
  bool editing_ = false;
  std::string edit_buffer_;
};

}  // namespace tt::viewer
