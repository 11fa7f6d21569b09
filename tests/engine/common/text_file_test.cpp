// tests/engine/common: reading a whole input with a size limit — a stream (standard input, which
// `tekigo fmt -` reads) is held to the limit as a file is, even one that never ends.
#include <catch2/catch.hpp>

#include <istream>
#include <sstream>
#include <streambuf>
#include <string>

#include "engine/common/text_file.hpp"

namespace e = tekigo::engine;

namespace {

// /dev/zero as a stream: NUL bytes for ever, counting how many were taken.
class Zeros : public std::streambuf {
 public:
  std::size_t given = 0;

 protected:
  int_type underflow() override {
    given += sizeof buffer_;
    setg(buffer_, buffer_, buffer_ + sizeof buffer_);
    return traits_type::to_int_type(buffer_[0]);
  }

 private:
  char buffer_[4096] = {};
};

}  // namespace

TEST_CASE("read_text_stream reads all of a stream within the limit", "[common][hostile]") {
  std::string error;
  std::istringstream empty("");
  CHECK(e::read_text_stream(empty, 10, error) == std::string());
  std::istringstream small("policy p {}\n");
  CHECK(e::read_text_stream(small, 100, error) == "policy p {}\n");
  // exactly the limit is read; one byte more is refused
  std::istringstream at(std::string(100, 'x'));
  CHECK(e::read_text_stream(at, 100, error) == std::string(100, 'x'));
  std::istringstream over(std::string(101, 'x'));
  CHECK_FALSE(e::read_text_stream(over, 100, error));
  CHECK(error == "larger than 100 bytes; refusing to read it");
  // larger than one chunk of the reader
  const std::string big(300'000, 'y');
  std::istringstream chunks(big);
  CHECK(e::read_text_stream(chunks, 300'000, error) == big);
}

TEST_CASE("read_text_stream stops at the limit of a stream that never ends", "[common][hostile]") {
  Zeros zeros;
  std::istream in(&zeros);
  std::string error;
  CHECK_FALSE(e::read_text_stream(in, 4u << 20, error));
  CHECK(error == "larger than 4194304 bytes; refusing to read it");
  // it took the limit and a little more, not everything there was
  CHECK(zeros.given <= (4u << 20) + 2 * 4096);
}
