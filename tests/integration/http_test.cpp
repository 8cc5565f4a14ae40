// HTTP side of the server: health check, static files, deep links, caching, limits, and the
// WebSocket handshake's origin check.
#include <fstream>

#include "support/http_client.h"
#include "support/portal_fixture.h"

namespace portal::testing {
namespace {

class HttpTest : public PortalTest {
 protected:
  static void SetUpTestSuite() {
    PortalTest::SetUpTestSuite();
    // A file right outside the public folder that no request may ever reach.
    std::ofstream(server_->dir.path() / "secret.txt") << "TOP-SECRET-OUTSIDE-PUBLIC";
  }
};

TEST_F(HttpTest, HealthzAnswersOkAsJson) {
  const HttpResponse r = http_get(port(), "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(Json::parse(r.body), Json({{"status", "ok"}}));
}

TEST_F(HttpTest, RootAndIndexServeIndexHtml) {
  for (const char* target : {"/", "/index.html"}) {
    const HttpResponse r = http_get(port(), target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << target;
    EXPECT_EQ(r.header("cache-control"), "no-cache") << target;
    EXPECT_NE(r.body.find(kIndexMarker), std::string::npos) << target;
  }
}

TEST_F(HttpTest, DeepLinksServeIndexHtml) {
  for (const char* target : {"/overview", "/leads/abc", "/deals/42?tab=notes"}) {
    const HttpResponse r = http_get(port(), target);
    EXPECT_EQ(r.status, 200) << target;
    EXPECT_NE(r.body.find(kIndexMarker), std::string::npos) << target;
  }
}

TEST_F(HttpTest, UnknownFileIs404) {
  EXPECT_EQ(http_get(port(), "/missing.png").status, 404);
  EXPECT_EQ(http_get(port(), "/assets/nothing.js").status, 404);
}

TEST_F(HttpTest, PathTraversalIsRefused) {
  const char* targets[] = {
      "/../secret.txt",         "/%2e%2e/secret.txt",  "/%2E%2E%2Fsecret.txt",
      "/..%2fsecret.txt",       "/..%5csecret.txt",    "/a/../../secret.txt",
      "/.%2e/secret.txt",       "//secret.txt",        "/%00index.html",
      "/index.html%00.png",     "/..\\secret.txt",     "http://127.0.0.1/../secret.txt",
      "/%2e%2e",                "/foo/%2e%2e/%2e%2e/secret.txt",
  };
  for (const char* target : targets) {
    const HttpResponse r = http_get(port(), target);
    EXPECT_TRUE(r.status == 400 || r.status == 404) << target << " gave " << r.status;
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << target;
  }
}

TEST_F(HttpTest, MimeTypes) {
  EXPECT_EQ(http_get(port(), "/app.wasm").header("content-type"), "application/wasm");
  EXPECT_EQ(http_get(port(), "/app.js").header("content-type"), "text/javascript");
  EXPECT_EQ(http_get(port(), "/style.css").header("content-type").rfind("text/css", 0), 0u);
  const HttpResponse wasm = http_get(port(), "/app.wasm");
  EXPECT_EQ(wasm.body, std::string("\0asm\x01\0\0\0", 8));
  EXPECT_EQ(wasm.header("cache-control"), "no-cache");
}

TEST_F(HttpTest, GzipVariantIsServedWhenAccepted) {
  const HttpResponse gz = http_get(port(), "/app.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(gz.status, 200);
  EXPECT_EQ(gz.header("content-encoding"), "gzip");
  EXPECT_EQ(gz.header("vary"), "Accept-Encoding");
  EXPECT_EQ(gz.header("content-type"), "text/javascript");
  EXPECT_EQ(gz.body, "GZIP-VARIANT-BYTES");

  const HttpResponse plain = http_get(port(), "/app.js");
  EXPECT_EQ(plain.header("content-encoding"), "");
  EXPECT_EQ(plain.header("vary"), "Accept-Encoding");
  EXPECT_EQ(plain.body, "console.log('plain app.js');\n");
  EXPECT_NE(plain.header("etag"), gz.header("etag"));
}

TEST_F(HttpTest, MatchingEtagGives304) {
  const HttpResponse first = http_get(port(), "/app.js");
  const std::string etag = first.header("etag");
  ASSERT_FALSE(etag.empty());
  const HttpResponse again = http_get(port(), "/app.js", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(http_get(port(), "/app.js", {{"If-None-Match", "\"other\""}}).status, 200);
}

TEST_F(HttpTest, HeadHasHeadersButNoBody) {
  const HttpResponse r = http_request(port(), "HEAD", "/app.js");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-length"), "29");
  EXPECT_TRUE(r.body.empty());
}

TEST_F(HttpTest, OtherMethodsAre405) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    const HttpResponse r = http_request(port(), method, "/index.html");
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.header("allow"), "GET, HEAD");
  }
}

TEST_F(HttpTest, OversizedRequestsAreRefused) {
  const HttpResponse big_header =
      http_get(port(), "/", {{"X-Filler", std::string(10 * 1024, 'a')}});
  EXPECT_EQ(big_header.status, 431);
  // A body over the limit is refused from its Content-Length, before it is read.
  const HttpResponse big_body =
      http_request_head_only(port(), "POST", "/healthz", {}, 1024 * 1024);
  EXPECT_EQ(big_body.status, 413);
}

TEST_F(HttpTest, WebSocketFromForeignOriginIs403) {
  const Headers upgrade = {{"Connection", "Upgrade"},
                           {"Upgrade", "websocket"},
                           {"Sec-WebSocket-Version", "13"},
                           {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="},
                           {"Origin", "http://evil.example"}};
  EXPECT_EQ(http_request(port(), "GET", "/ws", upgrade).status, 403);
  EXPECT_THROW(WsClient(port(), "http://evil.example"), std::runtime_error);
}

TEST_F(HttpTest, WebSocketFromOwnOriginOrWithoutOriginIsAccepted) {
  WsClient same_origin(port(), "http://127.0.0.1:" + std::to_string(port()));
  same_origin.send({{"t", "ping"}, {"n", 7}});
  EXPECT_EQ(same_origin.expect(), Json({{"t", "pong"}, {"n", 7}}));
  WsClient native(port());
  native.send({{"t", "ping"}, {"n", 8}});
  EXPECT_EQ(native.expect(), Json({{"t", "pong"}, {"n", 8}}));
}

}  // namespace
}  // namespace portal::testing
