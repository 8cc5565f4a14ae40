// Adds a real file to an organisation's Shared files, as a user would: an HTTP upload with the
// session token, then file.add over the WebSocket. Deliverables must name such a file.
#pragma once
#include <string>

#include <gtest/gtest.h>

#include "support/http_client.h"
#include "support/ws_client.h"

namespace portal::testing {

// The file id of a new Shared file `name` of the user logged in on `ws` with `token`; "" (and a
// failed expectation) when the upload or file.add is refused.
inline std::string add_shared_file(uint16_t port, WsClient& ws, const std::string& token,
                                   const std::string& name, const std::string& command_id) {
  Headers h = {{"Authorization", "Bearer " + token},
               {"Content-Type", "application/pdf"},
               {"X-File-Name", name}};
  const HttpResponse up = http_request(port, "POST", "/api/uploads", h, "%PDF-1.4 " + name);
  EXPECT_EQ(up.status, 201) << up.body;
  if (up.status != 201) return {};
  const std::string upload_id = Json::parse(up.body)["upload_id"];
  ws.send({{"t", "cmd"},
           {"id", command_id},
           {"type", "file.add"},
           {"payload", {{"upload_id", upload_id}, {"name", name}}}});
  for (int i = 0; i < 100; ++i) {
    const Json f = ws.expect();
    if (f.empty()) break;
    if (f.value("id", "") != command_id) continue;
    EXPECT_EQ(f.value("t", ""), "ack") << f.dump();
    return f.value("t", "") == "ack" ? f["result"].value("file_id", "") : std::string();
  }
  ADD_FAILURE() << "no answer to file.add";
  return {};
}

}  // namespace portal::testing
