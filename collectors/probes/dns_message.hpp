// collectors: the DNS wire format (RFC 1035) for the resolver of the name probes — an A or
// AAAA query, and the decoding of an answer with name compression, for a minimal stub
// resolver that asks the terminal's own nameservers. Pure functions: no sockets here.
// Decoding never reads past the buffer: a truncated or hostile answer is an error value.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tekigo::collectors::dns {

inline constexpr std::uint16_t kTypeA = 1;
inline constexpr std::uint16_t kTypeCname = 5;
inline constexpr std::uint16_t kTypeSoa = 6;
inline constexpr std::uint16_t kTypeAaaa = 28;
inline constexpr std::uint16_t kClassIn = 1;

inline constexpr int kRcodeNoError = 0;
inline constexpr int kRcodeServFail = 2;
inline constexpr int kRcodeNxDomain = 3;
inline constexpr int kRcodeRefused = 5;

// "A", "AAAA", "CNAME", or "TYPE65" for others.
std::string type_name(std::uint16_t type);
// "NOERROR", "SERVFAIL", "NXDOMAIN", "REFUSED", …, or "RCODE9".
std::string rcode_name(int rcode);

// A standard query (RD set, one question of class IN) for `name` ("sec.ccr.ncc.go.jp", a
// trailing dot allowed). nullopt when `name` cannot be a DNS name (an empty label, a label
// over 63 bytes, more than 253 bytes).
std::optional<std::vector<std::uint8_t>> encode_query(std::uint16_t id, std::string_view name,
                                                      std::uint16_t type);

struct Record {
  std::string owner;  // lower-case, without the trailing dot
  std::uint16_t type = 0;
  std::uint16_t klass = 0;
  std::uint32_t ttl = 0;
  // A/AAAA: the address as text; CNAME: the target name (lower-case, no trailing dot);
  // other types: empty.
  std::string data;
};

struct Message {
  std::uint16_t id = 0;
  bool response = false;
  int opcode = 0;
  bool authoritative = false;
  bool truncated = false;
  bool recursion_available = false;
  int rcode = 0;
  std::string question_name;  // lower-case, no trailing dot; empty when no question
  std::uint16_t question_type = 0;
  std::uint16_t question_class = 0;
  std::vector<Record> answers;
  std::vector<Record> authority;  // answers of type SOA here mark a negative answer
};

struct DecodeResult {
  std::optional<Message> message;
  std::string error;  // why the bytes are not a DNS message ("truncated at byte 40", …)
};

// Decodes a whole DNS message (header, question, answer and authority sections; the
// additional section is skipped). Compression pointers must point backwards, so a loop
// of pointers is an error, not a hang.
DecodeResult decode_message(std::span<const std::uint8_t> bytes);

// True when `answer` is the answer to `query_id`/`name`/`type`: same id, QR set, and the
// question echoes the query (names compared without regard to case).
bool answers_query(const Message& answer, std::uint16_t query_id, std::string_view name,
                   std::uint16_t type);

// The addresses of `name` in the answer section, following CNAMEs from `name` (at most 16
// links). `chain` lists the names passed through, `name` first; `end` is the last name of
// the chain, which differs from `name` when the answer holds only CNAMEs and the caller has
// to ask for `end` itself.
struct Resolution {
  std::vector<std::string> addresses;
  std::vector<std::string> chain;
  std::string end;
  bool loop = false;  // the CNAMEs form a cycle
};
Resolution follow_cnames(const Message& answer, std::string_view name, std::uint16_t type);

// Lower-case and without a trailing dot: the form names are compared in.
std::string normal_name(std::string_view name);

}  // namespace tekigo::collectors::dns
