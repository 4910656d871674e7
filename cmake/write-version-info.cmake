# Build-time step (cmake -P): writes OUTPUT, the source of tconv::cli::version_text(), from VERSION
# and, in a git checkout of SOURCE_DIR, HEAD's short revision. configure_file rewrites OUTPUT only
# when its text changes, so a build after a commit recompiles that one file and relinks.
# usage: cmake -DSOURCE_DIR=DIR -DOUTPUT=FILE -DVERSION=X.Y.Z [-DGIT_EXECUTABLE=GIT] -P write-version-info.cmake
set(TCONV_VERSION_TEXT "tconv ${VERSION}")
# Only SOURCE_DIR's own checkout: a source tree unpacked inside some other repository has no revision.
if(GIT_EXECUTABLE AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" rev-parse --short HEAD
                  WORKING_DIRECTORY "${SOURCE_DIR}"
                  RESULT_VARIABLE status OUTPUT_VARIABLE revision
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(status EQUAL 0 AND revision MATCHES "^[0-9a-f]+$")
    string(APPEND TCONV_VERSION_TEXT " (git ${revision})")
  endif()
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/version_info.cpp.in" "${OUTPUT}" @ONLY)
