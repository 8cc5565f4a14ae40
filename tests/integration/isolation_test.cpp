// Organisation isolation, for every command the server knows: a partner of organisation B
// (Maya, Blue Harbor's admin) aims each command type at organisation A's ids (Acme's leads,
// deals, accounts, projects, conversations, notifications, ...). Each is refused, or, where the
// command cannot reach another organisation at all, answered without a trace of A; and A's
// rooms are exactly what they were before. Every room B subscribes to carries nothing of A.
// The command types are read from portal_core's headers, so a command added tomorrow is
// covered without editing this file.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "support/admin_process.h"
#include "support/portal_fixture.h"
#include "support/shared_file.h"

namespace portal::testing {
namespace {

namespace fs = std::filesystem;

class IsolationTest : public PortalTest {};

// Every `kCmd... = "<type>"` constant in portal_core's public headers.
std::set<std::string> command_types() {
  const fs::path include = fs::path(fixtures_dir()) / ".." / ".." / ".." / "shared" / "include";
  const std::regex constant(R"re(kCmd\w+\s*=\s*"([a-z_.]+)")re");
  std::set<std::string> types;
  for (const auto& entry : fs::recursive_directory_iterator(include)) {
    if (entry.path().extension() != ".h") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), constant), end; it != end; ++it)
      types.insert((*it)[1].str());
  }
  return types;
}

Json cmd(const std::string& id, const std::string& type, const Json& payload) {
  return {{"t", "cmd"}, {"id", id}, {"type", type}, {"payload", payload}};
}

// The answer to command `id`; nothing when the server stays silent (signals such as typing).
std::optional<Json> answer(WsClient& ws, const std::string& id, const std::string& type,
                           const Json& payload) {
  ws.send(cmd(id, type, payload));
  while (auto f = ws.next(std::chrono::milliseconds(1500)))
    if (f->value("id", "") == id) return f;
  return std::nullopt;
}

Json must_ack(WsClient& ws, const std::string& id, const std::string& type, const Json& payload) {
  std::optional<Json> a = answer(ws, id, type, payload);
  EXPECT_TRUE(a && (*a)["t"] == "ack") << type << ": " << (a ? a->dump() : "no answer");
  return a ? (*a)["result"] : Json();
}

// The snapshot of `room` as `email` sees it now, from a fresh connection.
Json snapshot_of(uint16_t port, const char* email, const std::string& room) {
  WsClient ws(port);
  log_in(ws, email);
  Json snap = subscribe(ws, room);
  EXPECT_EQ(snap.value("t", ""), "snapshot") << room << ": " << snap.dump();
  return snap;
}

std::string first_id(const Json& list) {
  return list.is_array() && !list.empty() ? list[0].value("id", "") : "";
}

TEST_F(IsolationTest, NoCommandOfAnotherPartnerReadsOrChangesAnOrganisationsData) {
  const std::set<std::string> types = command_types();
  // The headers are really read: the pipeline's, the projects' and the messages' commands.
  for (const char* known : {"lead.submit", "deal.set_stage", "project.create", "message.send",
                            "notification.read", "mdf.record"})
    ASSERT_TRUE(types.count(known)) << known;

  // A (Acme) gets a project with a task, a post and a deliverable, and a notification.
  WsClient priya(port()), dana(port()), maya(port());
  log_in(priya, kPriya);
  const Json dana_welcome = log_in(dana, kDana);
  const Json maya_welcome = log_in(maya, kMaya);
  const std::string acme = dana_welcome["org"]["id"];
  const std::string dana_id = dana_welcome["user"]["id"];
  const std::string project_id =
      must_ack(priya, "a-1", "project.create", {{"org_id", acme}, {"name", "Acme rollout"}})
          .value("project_id", "");
  const std::string project_task =
      must_ack(dana, "a-2", "task.add", {{"project_id", project_id}, {"title", "Acme task"}})
          .value("task_id", "");
  must_ack(dana, "a-3", "post.add",
           {{"project_id", project_id}, {"kind", "update"}, {"title", "Acme update"}});
  const std::string acme_file =
      add_shared_file(port(), dana, dana_welcome["token"], "Acme plan.pdf", "a-f");
  const std::string deliverable_id =
      must_ack(dana, "a-4", "deliverable.add",
               {{"project_id", project_id}, {"title", "Acme plan"}, {"file_id", acme_file}})
          .value("deliverable_id", "");


  // A's ids, as A's own rooms show them.
  const Json leads = snapshot_of(port(), kDana, "leads")["state"]["leads"];
  const Json deals = snapshot_of(port(), kDana, "deals")["state"]["deals"];
  const Json accounts = snapshot_of(port(), kDana, "accounts")["state"];
  const Json program = snapshot_of(port(), kDana, "program")["state"];
  const Json messages = snapshot_of(port(), kDana, "messages")["state"];
  must_ack(priya, "a-5", "lead.qualify", {{"lead_id", first_id(leads)}});
  // An open invitation into A (its id must not be revocable or visible from B).
  const std::string invitation_id =
      must_ack(dana, "a-6", "invitation.create",
               {{"email", "probe.invitee@acme.example"}, {"name", "Probe Invitee"},
                {"role", "partner_user"}})
          .value("invitation_id", "");
  const Json notes = snapshot_of(port(), kDana, "notifications")["state"]["items"];
  ASSERT_FALSE(notes.empty());
  std::string account_id, account_task, conversation_id, training_id, activity_id;
  if (accounts.contains("accounts")) account_id = first_id(accounts["accounts"]);
  if (accounts.contains("accounts") && !accounts["accounts"].empty() &&
      accounts["accounts"][0].contains("tasks"))
    account_task = first_id(accounts["accounts"][0]["tasks"]);
  if (messages.contains("conversations") && !messages["conversations"].empty())
    conversation_id = messages["conversations"][0]["conversation"].value("id", "");
  if (program.contains("trainings")) training_id = first_id(program["trainings"]);
  if (program.contains("activities")) activity_id = first_id(program["activities"]);
  const std::string partnership_id =
      program.contains("partners") && !program["partners"].empty()
          ? program["partners"][0]["partnership"].value("id", "")
          : std::string();
  ASSERT_FALSE(partnership_id.empty()) << program.dump().substr(0, 400);
  must_ack(priya, "a-6", "pricelist.set_item",
           {{"org_id", acme},
            {"sku", "ACME-SKU-1"},
            {"name", "Acme private product"},
            {"list_price", {{"minor", 100000}, {"currency", "EUR"}}},
            {"discount_bp", 1500}});
  ASSERT_FALSE(first_id(leads).empty());
  ASSERT_FALSE(first_id(deals).empty());
  ASSERT_FALSE(account_id.empty()) << accounts.dump().substr(0, 400);
  ASSERT_FALSE(conversation_id.empty()) << messages.dump().substr(0, 400);

  // What A's people see before B tries anything.
  const std::vector<std::string> rooms = dana_welcome["rooms"];
  std::map<std::string, Json> before;
  for (const std::string& room : rooms) before[room] = snapshot_of(port(), kDana, room);
  before["notifications"] = snapshot_of(port(), kDana, "notifications");

  // Every id and name that belongs to A; none may show up in anything B receives.
  std::set<std::string> a_marks = {acme, "Acme Integrations", first_id(leads), first_id(deals),
                                   account_id, project_id, project_task, deliverable_id,
                                   notes[0].value("id", ""), dana_id, acme_file, partnership_id,
                                   "ACME-SKU-1", "Acme private product", invitation_id};
  if (!account_task.empty()) a_marks.insert(account_task);
  a_marks.erase("");

  const auto payload_for = [&](const std::string& type, const std::string& task_id) {
    Json p = {{"org_id", acme},
              {"lead_id", first_id(leads)},
              {"deal_id", first_id(deals)},
              {"account_id", account_id},
              {"task_id", task_id},
              {"project_id", project_id},
              {"deliverable_id", deliverable_id},
              {"notification_id", notes[0]["id"]},
              {"conversation_id", conversation_id},
              {"message_id", conversation_id},
              {"training_id", training_id},
              {"activity_id", activity_id},
              {"user_id", dana_id},
              {"invitation_id", invitation_id},
              {"assignee_id", dana_id},
              {"member_ids", {dana_id}},
              {"file_id", type == "deliverable.add" ? acme_file : std::string("file-probe")},
              {"partnership_id", partnership_id},
              {"sku", type == "pricelist.remove_item" ? "ACME-SKU-1" : "PROBE-1"},
              {"list_price", {{"minor", 1000}, {"currency", "EUR"}}},
              {"discount_bp", 10000},
              {"from_level", "Gold"},
              {"level", "Platinum"},
              {"reason", "Probe"},
              {"rooms", {"overview"}},
              {"stage", "demo"},
              {"status", type == "project.set_status" ? "active" : "done"},
              {"decision", "approve"},
              {"note", "Probe note"},
              {"text", "Probe text"},
              {"body", "Probe body"},
              {"title", "Probe title"},
              {"name", "Probe name"},
              {"company", "Isolation Probe Ltd"},
              {"contact", "Pat Probe"},
              {"email", "pat@isolationprobe.example"},
              {"value_minor", 1000},
              {"currency", "EUR"},
              {"direction", "credit"},
              {"amount", {{"minor", 1000}, {"currency", "EUR"}}},
              {"description", "Probe"},
              {"completed_modules", 1},
              {"query", "rollout"},
              {"seq", 1},
              {"before_seq", 1000},
              {"kind", type.starts_with("post.")           ? "update"
                       : type.starts_with("conversation.") ? "direct"
                                                           : "other"}};
    // An invitation's role must fit a partner, so the aim at A's organisation is what is judged.
    if (type.starts_with("invitation.")) p["role"] = "partner_user";
    return p;
  };

  // B aims every command at A: once with A's customer-account task, once with A's project task.
  int refused = 0, answered_clean = 0, silent = 0;
  int n = 0;
  for (const std::string& type : types) {
    for (const std::string& task_id : {account_task, project_task}) {
      const std::string id = "x-" + std::to_string(++n);
      std::optional<Json> a = answer(maya, id, type, payload_for(type, task_id));
      if (!a) {
        ++silent;
        continue;
      }
      const std::string text = a->dump();
      for (const std::string& mark : a_marks)
        EXPECT_EQ(text.find(mark), std::string::npos)
            << type << " answered with A's \"" << mark << "\": " << text;
      std::printf("[isolation] %-26s %s\n", type.c_str(),
                  (*a)["t"] == "error" ? (*a)["code"].get<std::string>().c_str() : "ack");
      if ((*a)["t"] == "error") {
        const std::string code = (*a)["code"];
        EXPECT_TRUE(code == "forbidden" || code == "not_found" || code == "validation" ||
                    code == "conflict")
            << type << ": " << text;
        ++refused;
      } else {
        ++answered_clean;
      }
    }
  }
  EXPECT_GE(refused, static_cast<int>(types.size()));  // most commands are refused outright

  // Nothing of A changed: every room A sees is as it was.
  for (const auto& [room, snap] : before) {
    Json after = snapshot_of(port(), kDana, room);
    Json was = snap;
    EXPECT_EQ(after["seq"], was["seq"]) << room;
    // "Since your last visit" is about Dana's visits (each snapshot here logs in anew), not
    // about the room's data, which the seq and the rest of the state cover.
    after["state"].erase("since");
    was["state"].erase("since");
    EXPECT_EQ(after["state"], was["state"]) << room;
  }

  // Every room B may subscribe to carries nothing of A.
  std::vector<std::string> b_rooms = maya_welcome["rooms"];
  b_rooms.push_back("notifications");
  b_rooms.push_back("conversation:" + conversation_id);
  for (const std::string& room : b_rooms) {
    WsClient ws(port());
    log_in(ws, kMaya);
    ws.send({{"t", "sub"}, {"room", room}});
    const Json first = ws.expect();
    const std::string text = first.dump();
    for (const std::string& mark : a_marks)
      EXPECT_EQ(text.find(mark), std::string::npos) << room << " carries A's \"" << mark << "\"";
  }
  std::printf("[isolation] %zu command types x 2: %d refused, %d answered without A's data, "
              "%d signals without an answer\n",
              types.size(), refused, answered_clean, silent);
}

}  // namespace
}  // namespace portal::testing
