// collectors: the Windows headers of the platform seams (socket_api, system_api), in the one
// order that works: winsock2.h first, since windows.h and iphlpapi.h would otherwise pull in
// the old winsock.h. Nothing on other platforms.
#pragma once

#if defined(_WIN32)
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
// after winsock2.h:
#include <bcrypt.h>
#include <iphlpapi.h>
#include <windows.h>
#endif
