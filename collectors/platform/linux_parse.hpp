// collectors/platform: Linux files and command output → facts. Pure functions (unit-tested
// on outputs recorded on Debian 12); linux_steps.cpp reads the files and runs the commands.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

// {name, version, id, id_like} from os-release(5): PRETTY_NAME, VERSION_ID, ID, ID_LIKE.
engine::FactValue parse_os_release(std::string_view text);

// dpkg-query -W -f='${Package}\t${Version}\t${Maintainer}\t${db:Status-Abbrev}\n'
engine::FactValue parse_dpkg_list(std::string_view text);

// rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n'
engine::FactValue parse_rpm_list(std::string_view text);

// "Chromium 120.0.6099.224 built on Debian" → 120.0.6099.224
std::optional<std::string> parse_browser_version(std::string_view text);

// `systemctl list-units --type=service …` and `systemctl list-unit-files --type=service …`.
engine::FactValue parse_systemctl_units(std::string_view units, std::string_view unit_files);

// ---- the text rules of Linux files, also used by the steps ------------------------------

// Lines split at LF, a CR right before the LF dropped; a lone CR stays in its line (unlike
// split_lines of command_output.hpp). A last line without LF counts.
std::vector<std::string_view> split_lf_lines(std::string_view text);

// The value of a KEY=value line as os-release(5) and /etc/environment write it: without the
// blanks around it, then without one pair of matching single or double quotes, inside which
// a backslash takes the next character as it is.
std::string unquote_value(std::string_view value);

}  // namespace tekigo::collectors
