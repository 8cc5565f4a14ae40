// The Shared files store on a real server: folders, a file from an upload with a new version and
// a comment, the room snapshot (latest version first, older ones kept), a download recorded for
// each GET of a version (with its event), another partner kept out (404 and not_found), kiosks
// and support staff only reading, and an acknowledged file.add surviving SIGKILL with its bytes.
#include <signal.h>

#include <string>

#include "support/http_client.h"
#include "support/portal_fixture.h"
#include "support/sqlite_probe.h"

namespace portal::testing {
namespace {

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

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

Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

std::string upload(uint16_t port, const std::string& token, const std::string& name,
                   const std::string& bytes) {
  Headers h = bearer(token);
  h.emplace_back("Content-Type", "application/pdf");
  h.emplace_back("X-File-Name", name);
  const HttpResponse r = http_request(port, "POST", "/api/uploads", h, bytes);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? Json::parse(r.body)["upload_id"].get<std::string>() : std::string();
}

struct Session {
  std::unique_ptr<WsClient> ws;
  std::string token;
  std::string user_id;
  std::string org_id;
};

Session sign_in(uint16_t port, const char* email) {
  Session s{std::make_unique<WsClient>(port), {}, {}, {}};
  const Json welcome = log_in(*s.ws, email);
  s.token = welcome["token"];
  s.user_id = welcome["user"]["id"];
  s.org_id = welcome["org"]["id"];
  return s;
}

TEST(FilesStoreTest, FoldersFilesVersionsCommentsAndDownloads) {
  RunningServer server;
  Session dana = sign_in(server.port(), kDana);
  Session leo = sign_in(server.port(), kLeo);
  ASSERT_EQ(open_room(*leo.ws, "files").value("t", ""), "snapshot");

  const Json folder = run(*dana.ws, "f1", "folder.create", {{"name", "Price lists"}});
  ASSERT_EQ(folder.value("t", ""), "ack") << folder.dump();
  const std::string folder_id = folder["result"]["folder_id"];

  const std::string v1_upload = upload(server.port(), dana.token, "prices.pdf", "%PDF-1 v1");
  const Json added = run(*dana.ws, "a1", "file.add",
                         {{"folder_id", folder_id}, {"upload_id", v1_upload},
                          {"name", "Price list 2026.pdf"}, {"note", "First draft"}});
  ASSERT_EQ(added.value("t", ""), "ack") << added.dump();
  const std::string file_id = added["result"]["file_id"];
  const std::string v1 = added["result"]["version_id"];
  const Json ev = wait_event(*leo.ws, "files", "file_added");
  EXPECT_EQ(ev["data"]["file"]["name"], "Price list 2026.pdf");

  // The same upload cannot become a second file.
  const Json reused = run(*dana.ws, "a2", "file.add", {{"upload_id", v1_upload}});
  EXPECT_EQ(reused["code"], "validation") << reused.dump();

  const std::string v2_upload = upload(server.port(), dana.token, "prices2.pdf", "%PDF-1 v2!");
  const Json version = run(*leo.ws, "v2", "file.add_version",
                           {{"file_id", file_id}, {"upload_id", v2_upload}});
  // Leo may add a version, but only with his own upload.
  EXPECT_EQ(version["code"], "validation") << version.dump();
  const Json own = run(*dana.ws, "v2", "file.add_version",
                       {{"file_id", file_id}, {"upload_id", v2_upload}, {"note", "New prices"}});
  ASSERT_EQ(own.value("t", ""), "ack") << own.dump();
  EXPECT_EQ(own["result"]["number"], 2);
  const std::string v2 = own["result"]["version_id"];

  const Json comment = run(*leo.ws, "c1", "file.comment",
                           {{"file_id", file_id}, {"body", "Looks right to me."}});
  ASSERT_EQ(comment.value("t", ""), "ack") << comment.dump();

  // Leo downloads the older version: he gets its bytes, and the download is recorded (Dana,
  // following the room, sees it live).
  ASSERT_EQ(open_room(*dana.ws, "files").value("t", ""), "snapshot");
  const HttpResponse old = http_get(server.port(), "/api/files/" + v1, bearer(leo.token));
  ASSERT_EQ(old.status, 200);
  EXPECT_EQ(old.body, "%PDF-1 v1");
  EXPECT_NE(old.header("content-disposition").find("Price list 2026.pdf"), std::string::npos);
  const Json dl = wait_event(*dana.ws, "files", "file_downloaded");
  EXPECT_EQ(dl["data"]["download"]["version_id"], v1);
  EXPECT_EQ(dl["data"]["download"]["user_id"], leo.user_id);
  // A HEAD is not a download.
  EXPECT_EQ(http_request(server.port(), "HEAD", "/api/files/" + v2, bearer(leo.token)).status, 200);

  WsClient fresh(server.port());
  log_in(fresh, kDana);
  const Json snap = open_room(fresh, "files");
  ASSERT_EQ(snap["state"]["folders"].size(), 1u) << snap.dump();
  EXPECT_EQ(snap["state"]["folders"][0]["name"], "Price lists");
  ASSERT_EQ(snap["state"]["files"].size(), 1u);
  const Json& f = snap["state"]["files"][0];
  EXPECT_EQ(f["file"]["folder_id"], folder_id);
  EXPECT_EQ(f["latest"]["id"], v2);  // the latest by default
  EXPECT_EQ(f["latest"]["note"], "New prices");
  ASSERT_EQ(f["versions"].size(), 2u);  // older ones kept
  EXPECT_EQ(f["versions"][1]["id"], v1);
  EXPECT_EQ(f["versions"][1]["size_bytes"], 9);
  ASSERT_EQ(f["downloads"].size(), 1u);
  EXPECT_EQ(f["downloads"][0]["version_id"], v1);
  ASSERT_EQ(f["comments"].size(), 1u);
  EXPECT_EQ(f["comments"][0]["body"], "Looks right to me.");
}

TEST(FilesStoreTest, AnotherPartnerAndReadOnlyRolesAreKeptOut) {
  RunningServer server;
  Session dana = sign_in(server.port(), kDana);
  Session maya = sign_in(server.port(), kMaya);
  Session priya = sign_in(server.port(), kPriya);
  const std::string up = upload(server.port(), dana.token, "plan.pdf", "%PDF-1 plan");
  const Json added = run(*dana.ws, "a", "file.add", {{"upload_id", up}});
  ASSERT_EQ(added.value("t", ""), "ack") << added.dump();
  const std::string file_id = added["result"]["file_id"];
  const std::string version_id = added["result"]["version_id"];

  // Maya (Blue Harbor): her room is empty, the version URL is a 404, commands are not_found.
  const Json snap = open_room(*maya.ws, "files");
  EXPECT_EQ(snap["state"]["files"].size(), 0u) << snap.dump();
  EXPECT_EQ(http_get(server.port(), "/api/files/" + version_id, bearer(maya.token)).status, 404);
  EXPECT_EQ(run(*maya.ws, "c", "file.comment", {{"file_id", file_id}, {"body", "hi"}})["code"],
            "not_found");
  const std::string maya_up = upload(server.port(), maya.token, "x.pdf", "%PDF-1 x");
  EXPECT_EQ(run(*maya.ws, "v", "file.add_version", {{"file_id", file_id}, {"upload_id", maya_up}})
                ["code"],
            "not_found");
  EXPECT_EQ(run(*maya.ws, "o", "folder.create", {{"org_id", dana.org_id}, {"name", "Sneaky"}})["code"],
            "not_found");

  // Vendor staff see every partner's files and may work in them for a partner.
  const Json vendor = open_room(*priya.ws, "files");
  ASSERT_GE(vendor["state"]["files"].size(), 1u);
  EXPECT_EQ(http_get(server.port(), "/api/files/" + version_id, bearer(priya.token)).status, 200);
  EXPECT_EQ(run(*priya.ws, "p", "folder.create", {{"name", "No partner"}})["code"], "validation");
}

TEST(FilesStoreTest, AnAcknowledgedFileAddSurvivesSigkill) {
  RunningServer server;
  std::string version_id;
  {
    Session dana = sign_in(server.port(), kDana);
    const std::string up = upload(server.port(), dana.token, "kept.pdf", "%PDF-1 kept bytes");
    const Json added = run(*dana.ws, "a", "file.add", {{"upload_id", up}});
    ASSERT_EQ(added.value("t", ""), "ack") << added.dump();
    version_id = added["result"]["version_id"];
    ASSERT_EQ(kill(server.process->pid(), SIGKILL), 0);
  }
  server.start();
  Session leo = sign_in(server.port(), kLeo);
  const HttpResponse got = http_get(server.port(), "/api/files/" + version_id, bearer(leo.token));
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body, "%PDF-1 kept bytes");
  const Json snap = open_room(*leo.ws, "files");
  ASSERT_EQ(snap["state"]["files"].size(), 1u);
  EXPECT_EQ(snap["state"]["files"][0]["file"]["name"], "kept.pdf");
}

}  // namespace
}  // namespace portal::testing
