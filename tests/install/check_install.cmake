# Install test: `cmake --install` to a fresh prefix outside the checkout, then the installed
# `tt-inspect batch` and `tt-inspect run` from another working directory, with the source tree (and
# the build tree inside it) hidden behind an empty tmpfs in a private mount namespace, so any path
# baked in at build time fails. Inputs: BUILD (build dir), SOURCE (checkout root), UNSHARE (optional).
set(prefix_root "$ENV{TMPDIR}")
if(NOT prefix_root)
  set(prefix_root /tmp)
endif()
string(RANDOM LENGTH 8 tag)
set(root "${prefix_root}/tt-inspect-install-test-${tag}")
set(prefix "${root}/prefix")
set(work "${root}/work")
file(REMOVE_RECURSE "${root}")
file(MAKE_DIRECTORY "${work}")

execute_process(COMMAND ${CMAKE_COMMAND} --install "${BUILD}" --prefix "${prefix}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()
foreach(f bin/tt-inspect lib/tt-inspect/libttemu_rt.a share/tt-inspect/assets/devices/wormhole_n150.json
          share/tt-inspect/assets/examples/example_gemm.py share/tt-inspect/emu/include/api/dataflow/dataflow_api.h)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "not installed: ${prefix}/${f}")
  endif()
endforeach()

# Runs the installed tool in `work`, the checkout hidden when the platform allows it.
set(example "${prefix}/share/tt-inspect/assets/examples/example_gemm.py")
function(run_installed name expect_in_output)
  if(UNSHARE)
    set(cmd ${UNSHARE} -r -m sh -c "mount -t tmpfs none \"$1\" && shift && exec \"$@\"" sh "${SOURCE}"
            "${prefix}/bin/tt-inspect" ${ARGN})
  else()
    set(cmd "${prefix}/bin/tt-inspect" ${ARGN})
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=TT_INSPECT_DEVICES_DIR --unset=TT_INSPECT_FONT_DIR ${cmd}
                  WORKING_DIRECTORY "${work}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT "${out}${err}" MATCHES "${expect_in_output}")
    message(FATAL_ERROR "installed `tt-inspect ${name}` in ${work} exited ${rc}:\n${out}\n${err}")
  endif()
  message(STATUS "installed tt-inspect ${name}: OK")
endfunction()

if(UNSHARE)
  # The hiding must itself work, or the test proves nothing.
  execute_process(COMMAND ${UNSHARE} -r -m sh -c "mount -t tmpfs none \"$1\" && test ! -e \"$1/CMakeLists.txt\"" sh
                          "${SOURCE}" RESULT_VARIABLE hidden)
  if(NOT hidden EQUAL 0)
    message(STATUS "cannot hide ${SOURCE} here (no user namespaces): running with it in place")
    unset(UNSHARE)
  endif()
endif()
run_installed(batch "" batch "${example}" -o out)  # silent on success
if(NOT EXISTS "${work}/out/matmul/tt.plan.json" OR NOT EXISTS "${work}/out/matmul/reader.cpp")
  message(FATAL_ERROR "batch did not write the kernels under ${work}/out/matmul")
endif()
# Builds the generated program against the installed emulation headers and runtime library.
run_installed(run "matmul: pass: " run "${example}")
run_installed("--list-devices" "wormhole_n150" --list-devices)
file(REMOVE_RECURSE "${root}")
