// EGL surfaceless context creation (eglGetPlatformDisplay + EGL_PLATFORM_SURFACELESS_MESA) and the
// FBO render target.
#include "app/egl_context.h"
#include "app/gl_readback.h"

#define GL_GLEXT_PROTOTYPES 1
#include <EGL/egl.h>
#include <EGL/eglext.h>
#include <GL/gl.h>
#include <GL/glext.h>

#include <cstdlib>
#include <cstring>

namespace tt::app {

EglContext::~EglContext() {
  if (display_) {
    eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (context_) eglDestroyContext(display_, context_);
    eglTerminate(display_);
  }
}

bool EglContext::init(std::string& error) {
  setenv("LIBGL_ALWAYS_SOFTWARE", "1", 1);
  EGLDisplay dpy = eglGetPlatformDisplay(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  if (dpy == EGL_NO_DISPLAY) {
    error = "EGL: no surfaceless display (is libegl-mesa0 installed?)";
    return false;
  }
  display_ = dpy;
  EGLint major = 0, minor = 0;
  if (!eglInitialize(dpy, &major, &minor)) {
    error = "EGL: eglInitialize failed (error 0x" + std::to_string(eglGetError()) + ")";
    return false;
  }
  if (!eglBindAPI(EGL_OPENGL_API)) {
    error = "EGL: desktop OpenGL API not available";
    return false;
  }
  const EGLint config_attribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
  EGLConfig config = nullptr;
  EGLint count = 0;
  if (!eglChooseConfig(dpy, config_attribs, &config, 1, &count) || count < 1) config = nullptr;  // EGL_KHR_no_config_context
  const EGLint ctx_attribs[] = {EGL_CONTEXT_MAJOR_VERSION, 3, EGL_CONTEXT_MINOR_VERSION, 3,
                                EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE};
  EGLContext ctx = eglCreateContext(dpy, config, EGL_NO_CONTEXT, ctx_attribs);
  if (ctx == EGL_NO_CONTEXT) {
    error = "EGL: cannot create an OpenGL 3.3 core context";
    return false;
  }
  context_ = ctx;
  if (!eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
    error = "EGL: cannot make the context current without a surface";
    return false;
  }
  const char* r = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
  renderer_ = r ? r : "";
  if (renderer_.find("llvmpipe") == std::string::npos) {
    error = "EGL: renderer is '" + renderer_ + "', expected llvmpipe (screenshots are only reproducible on llvmpipe)";
    return false;
  }
  return true;
}

Framebuffer::~Framebuffer() {
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
  if (color_) glDeleteRenderbuffers(1, &color_);
}

bool Framebuffer::create(int width, int height, std::string& error) {
  width_ = width;
  height_ = height;
  glGenFramebuffers(1, &fbo_);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glGenRenderbuffers(1, &color_);
  glBindRenderbuffer(GL_RENDERBUFFER, color_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) {
    error = "GL: framebuffer incomplete";
    return false;
  }
  glViewport(0, 0, width, height);
  return true;
}

void Framebuffer::bind() const {
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glViewport(0, 0, width_, height_);
}

std::vector<uint8_t> Framebuffer::read_rgb() const {
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_);
  return read_pixels_rgb(0, 0, width_, height_, height_);
}

}  // namespace tt::app
