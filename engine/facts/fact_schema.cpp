// engine: the fact contract v1, built once. Keep in step with docs/facts.md and
// docs/facts.schema.json (the schema test validates the examples against both).
#include "engine/facts/fact_schema.hpp"

namespace tekigo::engine {

namespace {

SchemaNode scalar(FactType type, std::string description) {
  SchemaNode n;
  n.type = type;
  n.description = std::move(description);
  return n;
}

SchemaNode enumeration(std::vector<std::string> values, std::string description) {
  SchemaNode n = scalar(FactType::enumeration, std::move(description));
  n.values = std::move(values);
  return n;
}

SchemaNode map_of(std::map<std::string, SchemaNode, std::less<>> fields, std::string description) {
  SchemaNode n = scalar(FactType::map, std::move(description));
  n.fields = std::move(fields);
  return n;
}

SchemaNode list_of(SchemaNode element, std::string description) {
  SchemaNode n = scalar(FactType::list, std::move(description));
  n.element = std::make_shared<const SchemaNode>(std::move(element));
  return n;
}

SchemaNode open_map(SchemaNode value, std::string description) {
  SchemaNode n = scalar(FactType::map, std::move(description));
  n.open = std::make_shared<const SchemaNode>(std::move(value));
  return n;
}

SchemaNode build() {
  using T = FactType;
  SchemaNode os = map_of(
      {
          {"family", enumeration({"windows", "macos", "linux"}, "operating system family")},
          {"name", scalar(T::string, "OS name as the OS reports it")},
          {"version", scalar(T::version, "OS version: Windows 7, 8.1, 10, 11; macOS 10.13.6")},
          {"release", scalar(T::release, "Windows 10/11 release id (20H2)")},
          {"build", scalar(T::string, "OS build as reported (19042.1052, 17G14042)")},
          {"edition", scalar(T::string, "Windows EditionID (Professional, CoreARM for RT)")},
          {"service_pack", scalar(T::integer, "Windows service pack, 0 when none")},
          {"arch", scalar(T::string, "processor architecture")},
      },
      "the operating system");
  SchemaNode browser = map_of(
      {
          {"id", enumeration({"ie", "edge", "chrome", "safari", "firefox", "chromium"}, "browser")},
          {"version", scalar(T::version, "browser version")},
          {"name", scalar(T::string, "browser name as installed")},
      },
      "an installed browser");
  browser.required = {"id"};
  SchemaNode software_version =
      scalar(T::version, "program version, null when the program has none");
  software_version.nullable = true;
  SchemaNode software_publisher = scalar(T::string, "publisher, null when unknown");
  software_publisher.nullable = true;
  SchemaNode software = map_of(
      {
          {"name", scalar(T::string, "program name (Windows DisplayName, macOS app name)")},
          {"version", software_version},
          {"publisher", software_publisher},
          {"path", scalar(T::string, "install location")},
      },
      "an installed program");
  software.required = {"name"};
  SchemaNode dns = map_of(
      {
          {"name", scalar(T::fqdn, "the name looked up")},
          {"addresses", list_of(scalar(T::address, "an address"), "addresses it resolved to")},
          {"source", enumeration({"dns", "hosts", "proxy", "none"}, "how it resolved")},
          {"detail", scalar(T::string, "what the resolver saw")},
      },
      "a name resolution");
  dns.required = {"name", "source"};
  SchemaNode reach = map_of(
      {
          {"host", scalar(T::fqdn, "destination host as the policy names it")},
          {"address", scalar(T::address, "the address probed")},
          {"protocol", enumeration({"tcp", "udp"}, "protocol")},
          {"port", scalar(T::port, "destination port")},
          {"state", enumeration({"open", "closed", "filtered", "error"}, "probe result")},
          {"detail", scalar(T::string, "what the probe saw")},
      },
      "a probe of host:port");
  reach.required = {"host", "protocol", "port", "state"};
  SchemaNode adapter = map_of(
      {
          {"name", scalar(T::string, "adapter name")},
          {"description", scalar(T::string, "adapter description / driver")},
      },
      "a network adapter");
  adapter.required = {"name"};
  SchemaNode lsp = map_of(
      {
          {"name", scalar(T::string, "provider name")},
          {"path", scalar(T::string, "provider DLL path")},
      },
      "a layered service provider");
  lsp.required = {"name"};
  SchemaNode proxy = scalar(T::string, "proxy the browser uses, null when none");
  proxy.nullable = true;
  SchemaNode network = map_of(
      {
          {"line", enumeration({"fiber", "isdn", "adsl", "mobile", "catv", "public_wifi",
                                "leased_line", "closed_ip_vpn"},
                               "declared line type")},
          {"internet_via_datacenter", scalar(T::boolean, "Internet reached through a data centre")},
          {"proxy", proxy},
          {"adapters", list_of(adapter, "network adapters")},
          {"layered_service_providers", list_of(lsp, "non-Microsoft Winsock LSPs")},
      },
      "the facility's network");
  SchemaNode service = map_of(
      {
          {"name", scalar(T::string, "service name")},
          {"state", enumeration({"running", "stopped"}, "service state")},
          {"start", enumeration({"auto", "manual", "disabled"}, "start mode")},
          {"display_name", scalar(T::string, "display name")},
      },
      "a service");
  service.required = {"name", "state"};
  SchemaNode collected_error = map_of(
      {
          {"step", scalar(T::string, "collector step")},
          {"message", scalar(T::string, "why it failed")},
      },
      "a failed collector step");
  collected_error.required = {"step", "message"};
  SchemaNode collected = map_of(
      {
          {"at", scalar(T::timestamp, "when")},
          {"by", scalar(T::string, "which collector")},
          {"errors", list_of(collected_error, "collector steps that failed")},
      },
      "how the facts were collected");
  SchemaNode attested_value = scalar(T::scalar, "an attested fact");
  // Who vouches for `attested` and for which terminals (engine/facts/attestation.hpp).
  SchemaNode attestation = map_of(
      {
          {"by", scalar(T::string, "who attests")},
          {"at", scalar(T::string, "when, YYYY-MM-DD")},
          {"facility", scalar(T::string, "the facility attested for")},
          {"covers",
           list_of(scalar(T::string, "a subject or a glob pattern"), "the terminals it covers")},
      },
      "who attested the attested facts, when, and for which terminals");
  attestation.required = {"by", "at"};

  return map_of(
      {
          {"schema", scalar(T::string, "contract id: tekigo.facts/1 or tekigo.facts/1.MINOR")},
          {"subject", scalar(T::string, "terminal id")},
          {"collected", collected},
          {"os", os},
          {"browsers", list_of(browser, "installed browsers")},
          {"disk", map_of({{"system_free_bytes", scalar(T::size, "free bytes, system volume")}},
                          "disk space")},
          {"software", list_of(software, "installed programs")},
          {"dns", list_of(dns, "name resolutions")},
          {"reach", list_of(reach, "reachability probes")},
          {"network", network},
          {"features", open_map(scalar(T::boolean, "an OS feature switch"), "OS feature switches")},
          {"services", list_of(service, "services")},
          {"attested", open_map(attested_value, "facts attested by a person")},
          {"attestation", attestation},
      },
      "a fact dump");
}

}  // namespace

const SchemaNode* SchemaNode::field(std::string_view name) const {
  if (type != FactType::map) return nullptr;
  if (!flat.empty() || fields.empty()) {
    for (const auto& [key, node] : flat)
      if (key.size() == name.size() && key == name) return node;
    return open.get();
  }
  if (auto it = fields.find(name); it != fields.end()) return &it->second;
  return open.get();
}

namespace {

// Fills `flat` throughout the tree (once, while fact_schema() initialises its constant).
void index_fields(SchemaNode& node) {
  node.flat.clear();
  for (auto& [key, child] : node.fields) {
    index_fields(child);
    node.flat.emplace_back(key, &child);
  }
  if (node.element) index_fields(const_cast<SchemaNode&>(*node.element));
  if (node.open) index_fields(const_cast<SchemaNode&>(*node.open));
}

}  // namespace

const SchemaNode& fact_schema() {
  static const SchemaNode root = [] {
    SchemaNode tree = build();
    index_fields(tree);  // map nodes do not move when `tree` is moved into `root`
    return tree;
  }();
  return root;
}

std::string type_with_article(FactType type) {
  std::string_view name = type_name(type);
  if (type == FactType::string) return "text";  // "is text", not "is a text"
  bool vowel =
      !name.empty() && std::string_view("aeiou").find(name.front()) != std::string_view::npos;
  return std::string(vowel ? "an " : "a ") + std::string(name);
}

std::string_view type_name(FactType type) {
  switch (type) {
    case FactType::string:
      return "text";
    case FactType::integer:
      return "integer";
    case FactType::boolean:
      return "boolean";
    case FactType::version:
      return "version";
    case FactType::release:
      return "Windows release";
    case FactType::size:
      return "size";
    case FactType::timestamp:
      return "timestamp";
    case FactType::date:
      return "date";
    case FactType::address:
      return "address";
    case FactType::fqdn:
      return "host name";
    case FactType::port:
      return "port";
    case FactType::enumeration:
      return "word";
    case FactType::scalar:
      return "value";
    case FactType::list:
      return "list";
    case FactType::map:
      return "map";
  }
  return "?";
}

}  // namespace tekigo::engine
