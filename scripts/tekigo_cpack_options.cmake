# Read by cpack for each generator (CPACK_PROJECT_CONFIG_FILE, scripts/tekigo_package.cmake).
# Without dpkg-shlibdeps CPack would write a .deb with no Depends at all, and without file(1)
# it cannot find the binaries: refuse instead (scripts/install-deps.sh package installs both).
if(CPACK_GENERATOR STREQUAL "DEB")
  foreach(tool IN ITEMS dpkg-shlibdeps file objcopy)
    find_program(tekigo_tool_${tool} ${tool})
    if(NOT tekigo_tool_${tool})
      message(FATAL_ERROR "tekigo: cpack -G DEB needs ${tool} (dpkg-shlibdeps names the runtime "
                          "libraries in the package's Depends, file finds the binaries, objcopy "
                          "splits off the debug info); scripts/install-deps.sh package installs it")
    endif()
  endforeach()
endif()
