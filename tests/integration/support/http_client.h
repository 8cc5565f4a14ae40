// A plain HTTP/1.1 client for tests (Boost.Beast, synchronous), behind a small interface so test
// files do not compile Beast. The target is sent exactly as given, so tests can send hostile
// paths.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace portal::testing {

struct HttpResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

HttpResponse http_request(uint16_t port, const std::string& method, const std::string& target,
                          const Headers& headers = {}, const std::string& body = {});
// Sends only the head of a request that announces a body of `content_length` bytes, then reads
// the answer: what a server says to a body it refuses before reading it.
HttpResponse http_request_head_only(uint16_t port, const std::string& method,
                                    const std::string& target, const Headers& headers,
                                    uint64_t content_length);
inline HttpResponse http_get(uint16_t port, const std::string& target,
                             const Headers& headers = {}) {
  return http_request(port, "GET", target, headers);
}

}  // namespace portal::testing
