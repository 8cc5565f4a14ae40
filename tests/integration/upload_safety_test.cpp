// Program and web-page uploads on a real server over real HTTP: names that Windows turns into
// programs when it saves them ("x.exe.", "x.js "), web pages and SVG files, and markup sent under
// a harmless name are all refused with the typed error JSON and nothing stored; a shared file
// cannot be added under a program's name either. A legitimate file comes back as an attachment
// that a browser may not sniff and that runs no script even when opened.
#include <string>

#include "support/http_client.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

using namespace std::string_literals;

constexpr const char* kNoPagePolicy = "default-src 'none'; sandbox";

Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

HttpResponse upload(uint16_t port, const std::string& token, const std::string& encoded_name,
                    const std::string& type, const std::string& bytes) {
  Headers h = bearer(token);
  h.emplace_back("Content-Type", type);
  h.emplace_back("X-File-Name", encoded_name);
  return http_request(port, "POST", "/api/uploads", h, bytes);
}

Json run(WsClient& ws, const std::string& id, const std::string& type, const Json& payload) {
  ws.send({{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}});
  for (;;) {
    Json f = ws.expect();
    if (f.empty() || f.value("id", "") == id) return f;  // empty: nothing came (a failure)
  }
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

TEST(UploadSafetyTest, ProgramAndWebPageUploadsAreRefusedWithTypedErrors) {
  RunningServer server;
  const auto db = server.dir.path() / "data" / "portal.db";
  Session dana = sign_in(server.port(), kDana);
  const std::string programs = "Programs and scripts cannot be shared here.";
  const std::string pages =
      "Web pages and SVG files cannot be shared here; share a PDF or an image instead.";
  struct Case {
    const char* name;  // as sent in X-File-Name, URL-encoded
    const char* type;
    std::string bytes;
    int status;
    const char* field;
    std::string message;
  };
  const Case cases[] = {
      {"x.exe.", "application/octet-stream", "MZ-less payload", 415, "content", programs},
      {"x.js%20", "text/plain", "WScript.Echo(1);", 415, "content", programs},
      {"x.bat...", "text/plain", "del *.*", 415, "content", programs},
      {"x.exe%20.", "text/plain", "hello", 415, "content", programs},
      {"x.exe%3A%3A%24DATA", "text/plain", "hello", 415, "content", programs},
      {"x.vbe", "text/plain", "hello", 415, "content", programs},
      {"x.lnk", "application/octet-stream", "hello", 415, "content", programs},
      {"report.html", "text/plain", "<p>Quarterly report</p>", 415, "content", pages},
      {"logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", 415,
       "content", pages},
      {"notes.txt", "text/plain", "\xef\xbb\xbf\n  <html><script>alert(1)</script>", 415,
       "content", pages},
      {"notes.txt", "application/octet-stream", "<svg onload=\"alert(1)\">", 415, "content",
       pages},
      // "invoice<U+202E>fdp.exe" shows as "invoiceexe.pdf".
      {"invoice%E2%80%AEfdp.exe", "application/pdf", "%PDF-1.7", 400, "name", ""},
  };
  for (const Case& c : cases) {
    const HttpResponse r = upload(server.port(), dana.token, c.name, c.type, c.bytes);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json") << c.name;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << c.name;
    const Json body = Json::parse(r.body, nullptr, false);
    ASSERT_TRUE(body.is_object() && body.contains("error")) << c.name << ": " << r.body;
    const Json& error = body["error"];
    EXPECT_EQ(error["code"], "validation") << c.name;
    ASSERT_EQ(error["fields"].size(), 1u) << c.name << ": " << r.body;
    EXPECT_EQ(error["fields"][0]["field"], c.field) << c.name;
    if (!c.message.empty()) {
      EXPECT_EQ(error["message"], c.message) << c.name;
    }
  }
  EXPECT_EQ(sql_int(db, "SELECT COUNT(*) FROM uploads"), 0);
}

TEST(UploadSafetyTest, ADownloadIsAnUnsniffableSandboxedAttachment) {
  RunningServer server;
  Session dana = sign_in(server.port(), kDana);
  // A name with quotes and non-ASCII letters must not break the header.
  const HttpResponse up = upload(server.port(), dana.token, "Say%20%22hi%22%20%C3%A9t%C3%A9.txt",
                                 "text/plain; charset=utf-8", "Call Dana on Monday.\n");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = Json::parse(up.body)["upload_id"];

  for (const char* method : {"GET", "HEAD"}) {
    const HttpResponse got = http_request(server.port(), method, "/api/files/" + id,
                                          bearer(dana.token));
    ASSERT_EQ(got.status, 200) << method;
    if (std::string(method) == "GET") {
      EXPECT_EQ(got.body, "Call Dana on Monday.\n");
    }
    EXPECT_EQ(got.header("content-type"), "text/plain") << method;
    EXPECT_EQ(got.header("content-disposition"),
              "attachment; filename=\"Say _hi_ __t__.txt\"; "
              "filename*=UTF-8''Say%20%22hi%22%20%C3%A9t%C3%A9.txt")
        << method;
    EXPECT_EQ(got.header("x-content-type-options"), "nosniff") << method;
    EXPECT_EQ(got.header("content-security-policy"), kNoPagePolicy) << method;
  }

  // An image is shown inline, yet in a sandbox too.
  const std::string png = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s;
  const HttpResponse image = upload(server.port(), dana.token, "logo.png", "image/png", png);
  ASSERT_EQ(image.status, 201) << image.body;
  const HttpResponse shown = http_get(
      server.port(), "/api/files/" + Json::parse(image.body)["upload_id"].get<std::string>(),
      bearer(dana.token));
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(shown.header("content-disposition").starts_with("inline;"));
  EXPECT_EQ(shown.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(shown.header("content-security-policy"), kNoPagePolicy);

  // The other answers of the download path carry the same headers.
  const HttpResponse missing = http_get(server.port(), "/api/files/nope", bearer(dana.token));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(missing.header("content-security-policy"), kNoPagePolicy);
  const HttpResponse anonymous = http_get(server.port(), "/api/files/" + id);
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(anonymous.header("content-security-policy"), kNoPagePolicy);
}

TEST(UploadSafetyTest, ASharedFileCannotBeAddedUnderAProgramName) {
  RunningServer server;
  Session dana = sign_in(server.port(), kDana);
  const HttpResponse up =
      upload(server.port(), dana.token, "notes.txt", "text/plain", "WScript.Echo(1);");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string upload_id = Json::parse(up.body)["upload_id"];

  // The shared file is downloaded under its own name, so that name is checked like an upload's.
  int n = 0;
  for (const char* name : {"run.js ", "run.exe.", "page.html", "a\u202etxt.exe"}) {
    const Json refused = run(*dana.ws, "add-" + std::to_string(++n), "file.add",
                             {{"upload_id", upload_id}, {"name", name}});
    EXPECT_EQ(refused["code"], "validation") << name << ": " << refused.dump();
    EXPECT_EQ(refused["fields"][0]["field"], "name") << name << ": " << refused.dump();
  }
  const Json added =
      run(*dana.ws, "add-ok", "file.add", {{"upload_id", upload_id}, {"name", "Notes.txt"}});
  EXPECT_EQ(added.value("t", ""), "ack") << added.dump();
}

}  // namespace
}  // namespace portal::testing
