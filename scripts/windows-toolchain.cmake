# CMake toolchain for tekigo.exe: Windows x86-64 with Debian's mingw-w64 (the posix thread
# flavour: GCC 12's win32 one has no std::thread). Used by scripts/build-windows-deps.sh for the
# libraries Debian has no MinGW build of, and by the sub-build build/windows/ of the main build
# (docs/collectors.md, "tekigo.exe"). TEKIGO_WINDOWS_PREFIX (cache or environment) is where
# those libraries are installed; nothing of the build machine's /usr/include is searched.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
if(NOT TEKIGO_WINDOWS_PREFIX AND DEFINED ENV{TEKIGO_WINDOWS_PREFIX})
  set(TEKIGO_WINDOWS_PREFIX $ENV{TEKIGO_WINDOWS_PREFIX})
endif()
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32 ${TEKIGO_WINDOWS_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Windows 7 SP1 is the oldest Windows the collectors support.
# -Wno-restrict: mingw-w64 GCC 12 warns, optimising (Release), inside libstdc++'s inlined operator+(const char*,
# std::string&&) (GCC bug 105329, a false positive fixed in GCC 13); Debian's native GCC 12.2 does not.
set(CMAKE_CXX_FLAGS_INIT "-D_WIN32_WINNT=0x0601 -Wno-restrict")
set(CMAKE_C_FLAGS_INIT "-D_WIN32_WINNT=0x0601")
# One file to copy to a terminal: libstdc++, libgcc and winpthreads linked in, no MinGW DLL.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
