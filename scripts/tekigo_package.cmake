# What `cmake --install` installs and how CPack packages it (docs/install.md). Included by the
# top-level CMakeLists.txt after cli/.
#   bin/tekigo                                   the command
#   share/tekigo/policies/                       the shipped policies and their test cases
#   share/tekigo/examples/                       the example dumps, facility facts, revision
#   share/tekigo/collectors/                     the no-install scripts collect.ps1, collect.sh and the
#                                                shipped policy's plan.json, to copy to a terminal
#   share/doc/tekigo/                            README.md and docs/
#   share/man/man1/tekigo.1.gz                   the man page (from --help, cli/CMakeLists.txt), gzip -9n
#   share/bash-completion/completions/tekigo     the bash completion (likewise)
include(GNUInstallDirs)
install(TARGETS tekigo RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/policies/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tekigo/policies)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/tekigo/examples)
install(FILES ${PROJECT_SOURCE_DIR}/collectors/scripts/collect.ps1
              ${PROJECT_SOURCE_DIR}/collectors/scripts/plan.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tekigo/collectors)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/collectors/scripts/collect.sh
        DESTINATION ${CMAKE_INSTALL_DATADIR}/tekigo/collectors)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(NOT CMAKE_CROSSCOMPILING)
  install(FILES ${PROJECT_BINARY_DIR}/cli/tekigo.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${PROJECT_BINARY_DIR}/cli/tekigo.bash-completion
          DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME tekigo)
endif()

# cpack -G DEB (in the build directory): tekigo_VERSION_ARCH.deb, its Depends found by
# dpkg-shlibdeps from the libraries the binary links (libre2, libyaml-cpp, libsimdjson, libfmt,
# libboost-filesystem, libstdc++…), and tekigo-dbgsym_VERSION_ARCH.ddeb: CPack's debuginfo
# package splits the debug info off (objcopy --only-keep-debug into
# /usr/lib/debug/.build-id/…, --strip-unneeded, --add-gnu-debuglink), as Debian's own -dbgsym
# packages do, so the shipped binary is stripped and a crash can still be symbolised.
set(CPACK_PACKAGE_NAME tekigo)
set(CPACK_PACKAGE_VENDOR "the tekigo project")
set(CPACK_PACKAGE_CONTACT "the tekigo project <tekigo@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "declarative policy checks of terminals' fact dumps")
set(CPACK_PACKAGE_DESCRIPTION
    "tekigo checks computers against a requirements document: a small declarative language\n"
    "encodes what the document demands, and `tekigo check` judges fact dumps of terminals\n"
    "against it, every rule pass, warn, fail, unknown or manual with its evidence. Ships the\n"
    "policy of the cancer registry's online system (gan-touroku-online) and example dumps.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PROJECT_CONFIG_FILE ${PROJECT_SOURCE_DIR}/scripts/tekigo_cpack_options.cmake)
include(CPack)
