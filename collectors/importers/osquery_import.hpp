// collectors: osquery results → one fact dump in the v1 contract (`tekigo import osquery`).
// Each input is what `osqueryi --json "select * from TABLE"` printed: a JSON array with one
// object per row, every value a string, NULL columns left out (older osquery writes "" for
// them; both mean "absent" here); or an osqueryd results log (osqueryd.results.log: JSON
// Lines, one record per line; osquery_rows.hpp says how its rows are read), whose queries are
// recognised by their columns like osqueryi's output. Nothing here runs osquery, throws, or
// invents a value: a column the output does not have stays absent, and what could not be read
// is listed in `problems` and under collected.errors.
//
// Tables and what they give (docs/facts.md):
//   os_version        → os (family, name, version, release, build, service_pack, arch)
//   programs          → software (Windows; name, version, publisher, path) and browsers
//   apps              → software (macOS; display_name or name without ".app",
//                       bundle_short_version, path) and browsers
//   deb_packages      → software (rows with status "install ok installed"; publisher =
//                       maintainer) and browsers
//   interface_details → network.adapters (loopback left out)
//   etc_hosts         → x-etc-hosts (the rows as osquery printed them) and, for the names
//                       the caller asks for, dns entries {name, addresses, source: hosts}
//   system_info       → the subject, when none is given (hostname, else computer_name)
// The subject, when the caller gives none: the hostIdentifier of the results logs, else
// system_info's hostname, else its computer_name. Every hostIdentifier and hostname given
// must be the same name (A–Z and a–z taken as the same letter; so must every computer_name
// when it is the one used): names that disagree are an error naming both and where each was
// read, and so is no name at all. A subject given always wins. collected.x-subject-from says
// where the subject came from ("hostIdentifier in results.log:1", "--subject").
// Derivations: Windows os.version from major/minor/build ("11" when major is 10, the build
// is ≥ 22000 and the name does not say Server), os.release from the build (19045 → 22H2,
// 22631 → 23H2, …), os.build "build.revision" when the revision (UBR) is known,
// os.service_pack from the build on Windows 7 (7600 → 0, 7601 → 1) and 0 on 8/8.1/10/11
// (which never had service packs). Windows os.arch is left out: osquery reports WMI
// OSArchitecture, which is localized ("64 ビット") and does not tell x64 from arm64.
// Browsers come only from installed-software tables, so Internet Explorer (not in
// `programs`) is never listed. A version that is not a dotted number ("beta") is kept as
// `version_text` on the software entry instead of `version`.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

struct OsqueryImport {
  engine::FactValue facts;               // a whole dump: schema, subject, collected, facts
  std::vector<std::string> problems;     // "source: what went wrong"; also in collected.errors
  std::vector<std::string> notes;        // what was left out and is no failure (a results log's
                                         // queries of tables this import does not read)
  std::vector<std::string> tables_seen;  // tables recognised, in input order, each once
  // Not empty when there is no dump to write: no subject given and none (or no one name)
  // in the inputs. `facts` is then no valid dump.
  std::string error;
  std::string subject_from;  // where the subject came from, as in collected.x-subject-from
};

struct OsqueryImportOptions {
  // Names to look up in the etc_hosts rows; each one found becomes a dns entry with source
  // "hosts" (names not in the hosts file are left out: they were not measured here).
  std::vector<std::string> dns_names;
  // collected.at as RFC 3339; empty means now (UTC).
  std::string collected_at;
};

// The osquery table whose `select *` output has these columns, or "" when none matches:
// os_version (platform with major and minor, or with version and build), programs (name with
// install_location or identifying_number), apps (bundle_identifier with path or
// bundle_short_version), deb_packages (status, maintainer and arch), etc_hosts (address and
// hostnames), interface_details (interface and mac), system_info (hostname and uuid with
// cpu_brand, computer_name or hardware_model).
std::string osquery_table_of(const std::vector<std::string>& columns);

// The tables this importer reads, in the order above.
const std::vector<std::string>& osquery_tables();

// `inputs` are (source name, osqueryi --json output) pairs. The table is recognised from the
// columns of the rows, or given explicitly as a source name "TABLE=name" (needed for an
// empty result, or for output of a query that selected only some columns; for a results log,
// the name applies to each of its queries). `subject` is the terminal id written to the dump;
// empty: taken from the inputs (above). Several inputs for the same fact are combined
// (software from several tables is one list); a fact whose input could not be read is left
// out.
OsqueryImport import_osquery(const std::vector<std::pair<std::string, std::string>>& inputs,
                             std::string subject, const OsqueryImportOptions& options = {});

}  // namespace tekigo::collectors
