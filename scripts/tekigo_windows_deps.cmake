# The third-party libraries of a cross build for Windows (the sub-build build/windows/, or any
# configure with -DCMAKE_TOOLCHAIN_FILE=scripts/windows-toolchain.cmake): the same targets the
# native build finds with find_package/pkg-config, made of what scripts/build-windows-deps.sh
# put in TEKIGO_WINDOWS_PREFIX — yaml-cpp, RE2, simdjson and Boost.Filesystem cross-built from
# Debian's source packages, and the header-only libraries (PEGTL, range-v3, CLI11, fmt used
# header-only, Boost's headers) linked from the build machine's /usr/include one folder each.
if(NOT TEKIGO_WINDOWS_PREFIX OR NOT EXISTS "${TEKIGO_WINDOWS_PREFIX}/.complete")
  message(FATAL_ERROR "tekigo: a Windows build needs -DTEKIGO_WINDOWS_PREFIX=<the folder "
                      "scripts/build-windows-deps.sh prints> (got '${TEKIGO_WINDOWS_PREFIX}')")
endif()
set(_tekigo_windows_include "${TEKIGO_WINDOWS_PREFIX}/include")

find_package(yaml-cpp REQUIRED CONFIG)
find_package(simdjson REQUIRED CONFIG)
find_package(re2 REQUIRED CONFIG)
find_package(Threads REQUIRED)
add_library(PkgConfig::RE2 INTERFACE IMPORTED)
target_link_libraries(PkgConfig::RE2 INTERFACE re2::re2)

foreach(target IN ITEMS taocpp::pegtl range-v3::range-v3 CLI11::CLI11 fmt::fmt Boost::headers)
  add_library(${target} INTERFACE IMPORTED)
  target_include_directories(${target} SYSTEM INTERFACE "${_tekigo_windows_include}")
endforeach()
target_compile_definitions(fmt::fmt INTERFACE FMT_HEADER_ONLY=1)
target_compile_definitions(Boost::headers INTERFACE BOOST_ALL_NO_LIB)

add_library(Boost::filesystem STATIC IMPORTED)
set_target_properties(Boost::filesystem PROPERTIES
  IMPORTED_LOCATION "${TEKIGO_WINDOWS_PREFIX}/lib/libboost_filesystem.a"
  INTERFACE_COMPILE_DEFINITIONS "BOOST_FILESYSTEM_STATIC_LINK=1;BOOST_ALL_NO_LIB"
  INTERFACE_LINK_LIBRARIES "Boost::headers")
