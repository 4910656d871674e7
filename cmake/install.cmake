# `cmake --install`: the tconv binary, its man page and its bash completion. The man page and the
# completion are generated at build time from the built binary's --help, so they list exactly the
# options declared in src/cli.
include(GNUInstallDirs)

install(TARGETS tconv RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(TCONV_HELP_READER ${PROJECT_SOURCE_DIR}/cmake/tconv-help.sh)

set(TCONV_COMPLETION ${PROJECT_BINARY_DIR}/completion/tconv)
add_custom_command(
  OUTPUT ${TCONV_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/completion
  COMMAND bash ${PROJECT_SOURCE_DIR}/completion/make-completion.sh $<TARGET_FILE:tconv>
          ${PROJECT_SOURCE_DIR}/completion/tconv.bash.in ${TCONV_COMPLETION}
  DEPENDS tconv ${TCONV_HELP_READER} ${PROJECT_SOURCE_DIR}/completion/make-completion.sh
          ${PROJECT_SOURCE_DIR}/completion/tconv.bash.in
  COMMENT "Generating bash completion from tconv --help"
  VERBATIM)
add_custom_target(tconv_completion ALL DEPENDS ${TCONV_COMPLETION})
install(FILES ${TCONV_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)

# help2man (Debian package help2man) is needed for the man page only, so a build without it still
# gives a working tconv; the e2e test man.sh fails on a build without the page.
find_program(HELP2MAN_EXECUTABLE help2man)
if(HELP2MAN_EXECUTABLE)
  set(TCONV_MAN_PAGE ${PROJECT_BINARY_DIR}/man/tconv.1)
  add_custom_command(
    OUTPUT ${TCONV_MAN_PAGE} ${TCONV_MAN_PAGE}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${CMAKE_COMMAND} -E env TCONV=$<TARGET_FILE:tconv>
            ${HELP2MAN_EXECUTABLE} --no-info --section=1 --include=${PROJECT_SOURCE_DIR}/man/tconv.h2m
            --output=${TCONV_MAN_PAGE} ${PROJECT_SOURCE_DIR}/man/help2man-view.sh
    # Installed compressed, as Debian policy wants; -n keeps the build reproducible.
    COMMAND gzip -9 -n -f -k ${TCONV_MAN_PAGE}
    DEPENDS tconv ${TCONV_HELP_READER} ${PROJECT_SOURCE_DIR}/man/help2man-view.sh
            ${PROJECT_SOURCE_DIR}/man/tconv.h2m
    COMMENT "Generating the man page tconv.1 from tconv --help with help2man"
    VERBATIM)
  add_custom_target(tconv_man ALL DEPENDS ${TCONV_MAN_PAGE})
  install(FILES ${TCONV_MAN_PAGE}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(WARNING "help2man not found: no man page (apt-get install help2man)")
endif()
