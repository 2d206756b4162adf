// Placeholder translation unit so the ttviewer library exists before its panels do.
namespace tt::viewer {
int viewer_version() { return 1; }
}  // namespace tt::viewer
