// Uploads over HTTP and message attachments on a real server: a partner uploads a file with its
// session token, attaches it to a message, and the other people of the conversation see it and
// fetch its bytes; another partner gets 404 for it (by its id or a guessed one); over-size,
// unauthenticated and mislabelled uploads are refused with nothing stored; and an acknowledged
// upload survives SIGKILL with its bytes.
#include <signal.h>

#include <filesystem>
#include <string>

#include "support/http_client.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

using namespace std::string_literals;

// A real 1x1 PNG.
const std::string kPng =
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\r"
    "IDATx\x9c" "c\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xae" "B`\x82"s;

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// Sends a command and returns its answer, skipping other frames.
Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload) {
  ws.send(cmd(id, type, payload));
  for (;;) {
    Json f = ws.expect();
    if (f.empty() || f.value("id", "") == id) return f;  // empty: nothing came (a failure)
  }
}

Json open_room(WsClient& ws, const std::string& room) {
  ws.send({{"t", "sub"}, {"room", room}});
  for (;;) {
    Json f = ws.expect();
    if (f.empty() || f.value("t", "") == "error" || f.value("room", "") == room) return f;
  }
}

Json wait_event(WsClient& ws, const std::string& room, const std::string& type) {
  for (;;) {
    Json f = ws.expect();
    if (f.empty()) return f;
    if (f.value("t", "") == "event" && f["room"] == room && f["type"] == type) return f;
  }
}

std::string acme_channel(WsClient& ws) {
  const Json list = open_room(ws, "messages");
  for (const Json& c : list["state"]["conversations"])
    if (c["title"] == "Acme \xc3\x97 Northwind") return c["conversation"]["id"];
  ADD_FAILURE() << "no Acme channel in " << list.dump();
  return {};
}

Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

HttpResponse upload(uint16_t port, const std::string& token, const std::string& name,
                    const std::string& type, const std::string& bytes) {
  Headers h = bearer(token);
  h.emplace_back("Content-Type", type);
  h.emplace_back("X-File-Name", name);
  return http_request(port, "POST", "/api/uploads", h, bytes);
}

// Blobs on disk (the files under <data>/files except the temporary folder).
int blob_count(const std::filesystem::path& data) {
  int n = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(data / "files", ec);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (it->path().parent_path().filename() == "tmp") continue;
    if (it->is_regular_file()) ++n;
  }
  return n;
}

struct Session {
  std::unique_ptr<WsClient> ws;
  std::string token;
};

Session sign_in(uint16_t port, const char* email) {
  Session s{std::make_unique<WsClient>(port), {}};
  s.token = log_in(*s.ws, email)["token"];
  return s;
}

TEST(FilesTest, AnAttachedImageReachesTheOtherMemberWhoFetchesItsBytes) {
  RunningServer server;
  Session dana = sign_in(server.port(), kDana);
  Session leo = sign_in(server.port(), kLeo);

  const HttpResponse up = upload(server.port(), dana.token, "Booth%20photo%20%C3%A9t%C3%A9.png",
                                 "image/png", kPng);
  ASSERT_EQ(up.status, 201) << up.body;
  const Json u = Json::parse(up.body);
  const std::string upload_id = u["upload_id"];
  EXPECT_EQ(u["name"], "Booth photo \xc3\xa9t\xc3\xa9.png");
  EXPECT_EQ(u["content_type"], "image/png");
  EXPECT_EQ(u["size"], kPng.size());
  EXPECT_EQ(u["sha256"].get<std::string>().size(), 64u);

  const std::string conv = acme_channel(*dana.ws);
  const std::string room = "conversation:" + conv;
  ASSERT_EQ(open_room(*leo.ws, room).value("t", ""), "snapshot");

  const Json ack = run(*dana.ws, "send-1", "message.send",
                       {{"conversation_id", conv}, {"body", ""}, {"attachments", {upload_id}}});
  ASSERT_EQ(ack.value("t", ""), "ack") << ack.dump();

  const Json sent = wait_event(*leo.ws, room, "message.sent");
  const Json& attachments = sent["data"]["message"]["attachments"];
  ASSERT_EQ(attachments.size(), 1u) << sent.dump();
  EXPECT_EQ(attachments[0]["id"], upload_id);
  EXPECT_EQ(attachments[0]["name"], "Booth photo \xc3\xa9t\xc3\xa9.png");
  EXPECT_EQ(attachments[0]["content_type"], "image/png");
  EXPECT_EQ(attachments[0]["size_bytes"], kPng.size());

  const HttpResponse got = http_get(server.port(), "/api/files/" + upload_id, bearer(leo.token));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, kPng);
  EXPECT_EQ(got.header("content-type"), "image/png");
  EXPECT_EQ(got.header("content-length"), std::to_string(kPng.size()));
  EXPECT_EQ(got.header("x-content-type-options"), "nosniff");
  EXPECT_TRUE(got.header("content-disposition").starts_with("inline;"))
      << got.header("content-disposition");
  EXPECT_NE(got.header("content-disposition").find("filename*=UTF-8''Booth%20photo%20%C3%A9t"),
            std::string::npos);

  // A later snapshot carries the attachment too (it is stored, not only in the event).
  WsClient fresh(server.port());
  log_in(fresh, kLeo);
  const Json snap = open_room(fresh, room);
  bool found = false;
  for (const Json& m : snap["state"]["messages"])
    if (m["id"] == ack["result"]["message_id"]) {
      found = true;
      EXPECT_EQ(m["attachments"].size(), 1u) << m.dump();
    }
  EXPECT_TRUE(found);

  // An upload goes into one message only.
  const Json again = run(*dana.ws, "send-2", "message.send",
                         {{"conversation_id", conv}, {"body", "again"}, {"attachments", {upload_id}}});
  EXPECT_EQ(again["code"], "validation") << again.dump();
  EXPECT_EQ(again["fields"][0]["field"], "attachments");
}

TEST(FilesTest, AnotherPartnerGetsNotFoundAndVendorStaffMayFetch) {
  RunningServer server;
  Session dana = sign_in(server.port(), kDana);
  Session maya = sign_in(server.port(), kMaya);
  Session priya = sign_in(server.port(), kPriya);
  const HttpResponse up =
      upload(server.port(), dana.token, "prices.pdf", "application/pdf", "%PDF-1.7\nprices\n");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = Json::parse(up.body)["upload_id"];

  const HttpResponse theirs = http_get(server.port(), "/api/files/" + id, bearer(maya.token));
  const HttpResponse guessed =
      http_get(server.port(), "/api/files/0000000000000000000000000000", bearer(maya.token));
  EXPECT_EQ(theirs.status, 404);
  EXPECT_EQ(guessed.status, 404);
  // The same answer either way: a partner cannot tell whether an id exists.
  EXPECT_EQ(theirs.body, guessed.body);
  EXPECT_EQ(http_request(server.port(), "HEAD", "/api/files/" + id, bearer(maya.token)).status,
            404);

  // Maya cannot attach Dana's upload to her own conversation either.
  const Json list = open_room(*maya.ws, "messages");
  const std::string maya_conv = list["state"]["conversations"][0]["conversation"]["id"];
  const Json refused = run(*maya.ws, "steal", "message.send",
                           {{"conversation_id", maya_conv}, {"body", "x"}, {"attachments", {id}}});
  EXPECT_EQ(refused["code"], "validation") << refused.dump();

  const HttpResponse vendor = http_get(server.port(), "/api/files/" + id, bearer(priya.token));
  EXPECT_EQ(vendor.status, 200);
  EXPECT_EQ(vendor.body, "%PDF-1.7\nprices\n");
  EXPECT_TRUE(vendor.header("content-disposition").starts_with("attachment;"));

  EXPECT_EQ(http_get(server.port(), "/api/files/" + id).status, 401);
  EXPECT_EQ(http_get(server.port(), "/api/files/" + id, bearer("not-a-token")).status, 401);
}

TEST(FilesTest, RefusedUploadsStoreNothing) {
  RunningServer server;
  const auto data = server.dir.path() / "data";
  const auto db = data / "portal.db";
  Session dana = sign_in(server.port(), kDana);

  // Over the 25 MiB limit: refused from the announced length, before any byte of the body.
  Headers h = bearer(dana.token);
  h.emplace_back("Content-Type", "application/pdf");
  h.emplace_back("X-File-Name", "huge.pdf");
  const HttpResponse big =
      http_request_head_only(server.port(), "POST", "/api/uploads", h, (25u << 20) + 1);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(Json::parse(big.body)["error"]["code"], "too_large") << big.body;

  // No session.
  Headers anonymous = {{"Content-Type", "text/plain"}, {"X-File-Name", "a.txt"}};
  EXPECT_EQ(http_request(server.port(), "POST", "/api/uploads", anonymous, "hello").status, 401);

  // Declared as an image but is not one; a program; a type that is not allowed.
  const HttpResponse fake = upload(server.port(), dana.token, "cat.png", "image/png", "GIF-ish");
  EXPECT_EQ(fake.status, 415);
  const Json fake_error = Json::parse(fake.body)["error"];
  EXPECT_EQ(fake_error["code"], "validation");
  EXPECT_EQ(fake_error["fields"][0]["field"], "content");
  EXPECT_NE(fake_error["message"].get<std::string>().find("not a PNG"), std::string::npos);
  EXPECT_EQ(upload(server.port(), dana.token, "tool.pdf", "application/pdf", "MZ\x90\0"s).status,
            415);
  EXPECT_EQ(upload(server.port(), dana.token, "a.html", "text/html", "<p>").status, 415);
  EXPECT_EQ(upload(server.port(), dana.token, "a%2F..%2Fb.txt", "text/plain", "x").status, 400);
  EXPECT_EQ(upload(server.port(), dana.token, "empty.txt", "text/plain", "").status, 400);

  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM uploads"), 0);
  EXPECT_EQ(blob_count(data), 0);

  // The server still serves the next upload on a new connection.
  EXPECT_EQ(upload(server.port(), dana.token, "ok.txt", "text/plain", "fine").status, 201);
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM uploads"), 1);
  EXPECT_EQ(blob_count(data), 1);
}

TEST(FilesTest, AnAcknowledgedUploadAndAttachmentSurviveSigkill) {
  RunningServer server;
  std::string id;
  std::string conv;
  {
    Session dana = sign_in(server.port(), kDana);
    const HttpResponse up = upload(server.port(), dana.token, "logo.png", "image/png", kPng);
    ASSERT_EQ(up.status, 201);
    id = Json::parse(up.body)["upload_id"];
    conv = acme_channel(*dana.ws);
    const Json ack = run(*dana.ws, "s", "message.send",
                         {{"conversation_id", conv}, {"body", "Logo"}, {"attachments", {id}}});
    ASSERT_EQ(ack.value("t", ""), "ack") << ack.dump();
    ASSERT_EQ(kill(server.process->pid(), SIGKILL), 0);
  }
  server.start();  // same data folder
  Session leo = sign_in(server.port(), kLeo);
  const HttpResponse got = http_get(server.port(), "/api/files/" + id, bearer(leo.token));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, kPng);
  const Json snap = open_room(*leo.ws, "conversation:" + conv);
  const Json& last = snap["state"]["messages"].back();
  EXPECT_EQ(last["body"], "Logo");
  ASSERT_EQ(last["attachments"].size(), 1u);
  EXPECT_EQ(last["attachments"][0]["id"], id);
}

}  // namespace
}  // namespace portal::testing
