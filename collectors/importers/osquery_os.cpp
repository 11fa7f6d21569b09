// collectors/importers: osquery's os_version table → the os fact (see osquery_rows.hpp;
// the derivations are listed in osquery_import.hpp).
#include <fmt/format.h>

#include <cctype>

#include "collectors/importers/osquery_rows.hpp"
#include "engine/common/text.hpp"
#include "engine/values/version.hpp"

namespace tekigo::collectors::osquery {

using engine::ascii_lower;
using engine::FactValue;

namespace {

// Does `s` contain `part`, A–Z and a–z taken as the same letter?
bool icontains(std::string_view s, std::string_view part) {
  return ascii_lower(s).find(ascii_lower(part)) != std::string::npos;
}

// The leading digits of `s` as a number ("22631.3447" → 22631); nullopt without any.
std::optional<unsigned long> leading_number(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  return whole_number(s.substr(0, n));
}

// The leading "digits(.digits)*" of `s` ("20.04.1 LTS (Focal Fossa)" → "20.04.1"); "" when
// `s` does not start with a digit.
std::string leading_dotted(std::string_view s) {
  std::size_t i = 0;
  while (true) {
    std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) {  // no digits after a dot (or at the start): drop the dot
      if (start > 0) i = start - 1;
      break;
    }
    if (i + 1 < s.size() && s[i] == '.' && std::isdigit(static_cast<unsigned char>(s[i + 1])))
      ++i;
    else
      break;
  }
  return std::string(s.substr(0, i));
}

// Dotted numbers only ("10.14.6"): the whole text, no suffix.
bool is_dotted(std::string_view s) {
  return !s.empty() && engine::Version::parse_dotted_strict(s).has_value();
}

// The os_version columns read as the os fact; each problem is recorded under step os.
struct OsVersionReader {
  std::vector<Problem>& problems;

  void problem(std::string_view table, const std::string& source, std::string message) {
    add_problem(problems, table, source, std::move(message));
  }

  FactValue read(const Row& r, const std::string& source) {
    FactValue::Map m;
    auto platform = r.get("platform");
    std::string family;
    if (!platform) {
      problem("os_version", source, "no platform column: os.family is left out");
    } else if (*platform == "windows") {
      family = "windows";
    } else if (*platform == "darwin") {
      family = "macos";
    } else if (*platform == "freebsd") {
      problem("os_version", source,
              "platform freebsd is not in the contract: os.family is left out");
    } else {
      family = "linux";  // ubuntu, debian, rhel, centos, amzn, … (Linux distribution ids)
    }
    if (!family.empty()) m.emplace_back("family", FactValue::string(family));
    if (auto name = r.get("name")) m.emplace_back("name", FactValue::string(*name));
    if (family == "windows")
      windows_os(r, source, m);
    else if (family == "macos")
      macos_os(r, source, m);
    else if (family == "linux")
      linux_os(r, source, m);
    return FactValue::map(std::move(m));
  }

  void windows_os(const Row& r, const std::string& source, FactValue::Map& m) {
    // WMI Version "10.0.22621" is split into major, minor and build; read it back when the
    // query selected only some columns.
    std::vector<std::string> parts;
    if (auto v = r.get("version")) {
      std::string_view s = *v;
      while (!s.empty()) {
        auto dot = s.find('.');
        parts.emplace_back(s.substr(0, dot));
        if (dot == std::string_view::npos) break;
        s.remove_prefix(dot + 1);
      }
    }
    auto part = [&](std::size_t i) -> std::optional<std::string> {
      if (i < parts.size() && !parts[i].empty()) return parts[i];
      return std::nullopt;
    };
    auto major_text = r.get("major") ? r.get("major") : part(0);
    auto minor_text = r.get("minor") ? r.get("minor") : part(1);
    auto build_text = r.get("build") ? r.get("build") : part(2);
    // Missing numbers read as 0, which no Windows version has (and which GCC 12 does not
    // mistake for an uninitialised std::optional, as it does with `optional == value`).
    const unsigned long major = major_text ? whole_number(*major_text).value_or(0) : 0;
    const unsigned long minor = minor_text ? whole_number(*minor_text).value_or(0) : 0;
    const std::optional<unsigned long> build_number =
        build_text ? leading_number(*build_text) : std::nullopt;
    const bool has_build = build_number.has_value();
    const unsigned long build = build_number.value_or(0);
    std::string name = r.get("name").value_or("");

    std::string version;
    std::optional<int> service_pack;
    if (major == 10u) {
      if (has_build) {
        version = (build >= 22000 && !icontains(name, "server")) ? "11" : "10";
        service_pack = 0;  // Windows 10 and 11 have no service packs
      } else {
        problem("os_version", source, "Windows 10 or 11: no build number to tell which");
      }
    } else if (major == 6u && minor == 1u) {
      version = "7";
      if (build == 7600u) service_pack = 0;
      if (build == 7601u) service_pack = 1;
    } else if (major == 6u && minor == 2u) {
      version = "8";
      service_pack = 0;
    } else if (major == 6u && minor == 3u) {
      version = "8.1";
      service_pack = 0;
    } else if (major) {
      problem("os_version", source,
              fmt::format("Windows {}.{} is not a version the contract names: os.version is left "
                          "out",
                          *major_text, minor_text.value_or("?")));
    } else {
      problem("os_version", source, "no major version: os.version is left out");
    }
    if (!version.empty()) m.emplace_back("version", FactValue::string(version));
    if (major == 10u && has_build) {
      static const std::pair<unsigned long, const char*> kReleases[] = {
          {10240, "1507"}, {10586, "1511"}, {14393, "1607"}, {15063, "1703"}, {16299, "1709"},
          {17134, "1803"}, {17763, "1809"}, {18362, "1903"}, {18363, "1909"}, {19041, "2004"},
          {19042, "20H2"}, {19043, "21H1"}, {19044, "21H2"}, {19045, "22H2"}, {22000, "21H2"},
          {22621, "22H2"}, {22631, "23H2"}, {26100, "24H2"}, {26200, "25H2"}};
      bool found = false;
      for (const auto& [b, release] : kReleases)
        if (b == build) {
          m.emplace_back("release", FactValue::string(release));
          found = true;
        }
      if (!found)
        problem(
            "os_version", source,
            fmt::format("build {} is not a known Windows release: os.release is left out", build));
    }
    if (build_text) {
      std::string full = *build_text;
      auto revision = r.get("revision");
      if (revision && full.find('.') == std::string::npos) full += "." + *revision;
      m.emplace_back("build", FactValue::string(full));
    }
    if (service_pack) m.emplace_back("service_pack", FactValue::integer(*service_pack));
  }

  static std::optional<std::string> unix_arch(const Row& r) {
    auto arch = r.get("arch");
    if (!arch) return std::nullopt;
    std::string a = ascii_lower(*arch);
    if (a == "x86_64" || a == "amd64") return "x64";
    if (a == "arm64" || a == "aarch64") return "arm64";
    if (a == "i386" || a == "i686" || a == "x86") return "x86";
    if (a == "arm" || a == "armv7l" || a == "armv6l") return "arm";
    return std::nullopt;
  }

  void macos_os(const Row& r, const std::string& source, FactValue::Map& m) {
    // `version` is ProductVersion ("14.1.2", "13.0"); without it, major.minor[.patch].
    std::string version;
    if (auto v = r.get("version"); v && is_dotted(*v)) {
      version = *v;
    } else if (auto major = r.get("major")) {
      version = *major;
      if (auto minor = r.get("minor")) {
        version += "." + *minor;
        if (auto patch = r.get("patch")) version += "." + *patch;
      }
    }
    if (!version.empty() && is_dotted(version))
      m.emplace_back("version", FactValue::string(version));
    else
      problem("os_version", source, "no macOS version: os.version is left out");
    if (auto build = r.get("build")) m.emplace_back("build", FactValue::string(*build));
    if (auto arch = unix_arch(r)) m.emplace_back("arch", FactValue::string(*arch));
  }

  void linux_os(const Row& r, const std::string& source, FactValue::Map& m) {
    // `version` is os-release VERSION ("20.04.1 LTS (Focal Fossa)", "12 (bookworm)"): its
    // leading number; without it, the major version.
    std::string version;
    if (auto v = r.get("version")) version = leading_dotted(*v);
    if (version.empty())
      if (auto major = r.get("major"); major && is_dotted(*major)) version = *major;
    if (!version.empty())
      m.emplace_back("version", FactValue::string(version));
    else
      problem("os_version", source, "no Linux version: os.version is left out");
    if (auto arch = unix_arch(r)) m.emplace_back("arch", FactValue::string(*arch));
  }
};

}  // namespace

FactValue os_from_os_version(const Row& row, const std::string& source,
                             std::vector<Problem>& problems) {
  return OsVersionReader{problems}.read(row, source);
}

}  // namespace tekigo::collectors::osquery
