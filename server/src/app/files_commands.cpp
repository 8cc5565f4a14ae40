// The Shared files store's commands: folder.create, file.add (a file from an upload, as its
// version 1), file.add_version and file.comment. Each reads what it targets, checks who may do it
// (may_write_files in rules/permissions.h) and the payload (rules/entity_validation.h), then
// writes the rows, the events of the partner's Files room and the vendor's, and the command
// record in one transaction, acks and publishes. Another organisation's folder or file is
// "not_found", never "forbidden". Downloads are recorded by the HTTP side (record_download).
#include <variant>

#include "app/clock.h"
#include "app/fan_out.h"
#include "app/files_builder.h"
#include "app/portal_service.h"
#include "app/room_keys.h"
#include "auth/tokens.h"
#include "portal/protocol/model_codecs.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/upload_rules.h"

namespace portal::server {
namespace {

struct Plan {
  FileChange change;
  std::vector<NewEvent> events;
  Json result;
};

struct Context {
  Actor actor;
  Id vendor_org;
  UnixTime now;
};

using Outcome = std::variant<Plan, Error>;

const char* kNoFile = "That file does not exist (or is not yours to see).";
const char* kNoFolder = "That folder does not exist (or is not yours to see).";
const char* kReadOnly = "This account can only look at shared files.";

Error invalid(std::vector<FieldError> fields) {
  return Error{ErrorCode::Validation, "Please check the highlighted fields.", std::move(fields)};
}

// A string member of the payload: "" when absent; nothing when present but not a string.
std::optional<std::string> text_of(const Json& payload, const char* name) {
  if (!payload.is_object()) return std::nullopt;
  auto it = payload.find(name);
  if (it == payload.end() || it->is_null()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// The partner the command works in: the actor's own, or for vendor staff the named one.
std::variant<Organisation, Error> target_org(const Context& c, const Json& payload, Store& store) {
  auto named = text_of(payload, "org_id");
  if (!named) return invalid({{"org_id", "Name the partner by its id."}});
  const bool vendor = is_vendor_actor(c.actor, c.vendor_org);
  if (!vendor && !named->empty() && *named != c.actor.org_id)
    return Error{ErrorCode::NotFound, "That partner organisation does not exist.", {}};
  const Id org_id = vendor ? *named : c.actor.org_id;
  if (vendor && org_id.empty()) return invalid({{"org_id", "Choose the partner the files are for."}});
  std::optional<Organisation> org =
      org_id.size() <= kMaxIdBytes ? store.find_org(org_id) : std::nullopt;
  if (!org || org->kind != OrgKind::Partner)
    return Error{ErrorCode::NotFound, "That partner organisation does not exist.", {}};
  if (!may_write_files(c.actor, org->id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kReadOnly, {}};
  return *org;
}

// The folder `id` of `org` ("" = the top), or an error.
std::optional<Error> check_folder(Store& store, const Id& org, const Id& id) {
  if (id.empty()) return std::nullopt;
  std::optional<Folder> f = id.size() <= kMaxIdBytes ? store.find_folder(id) : std::nullopt;
  if (!f || f->org_id != org) return invalid({{"folder_id", kNoFolder}});
  return std::nullopt;
}

// The upload `id` when it is the actor's own and not used yet.
std::variant<UploadRecord, Error> own_unused_upload(Store& store, const Actor& a, const Id& id) {
  std::optional<UploadRecord> u =
      id.empty() || id.size() > kMaxIdBytes ? std::nullopt : store.find_upload(id);
  if (!u || u->uploader != a.user_id)
    return invalid({{"upload_id", "The uploaded file was not found. Please upload it again."}});
  if (store.upload_in_use(u->id))
    return invalid({{"upload_id", "This upload is already used. Please upload the file again."}});
  return *u;
}

FileVersion version_from(const UploadRecord& u, const Id& file_id, int32_t number,
                         std::string note, const Context& c) {
  FileVersion v;
  v.id = new_id();
  v.file_id = file_id;
  v.number = number;
  v.size_bytes = u.size;
  v.content_type = u.content_type;
  v.sha256 = u.sha256;
  v.note = std::move(note);
  v.uploaded_by = c.actor.user_id;
  v.uploaded_at = c.now;
  return v;
}

// The file `id` the actor may change.
std::variant<StoredFile, Error> writable_file(const Context& c, Store& store, const Json& payload) {
  auto id = text_of(payload, "file_id");
  if (!id || id->empty()) return invalid({{"file_id", "Name the file by its id."}});
  std::optional<StoredFile> f = id->size() <= kMaxIdBytes ? store.find_file(*id) : std::nullopt;
  if (!f || !may_read_org(c.actor, f->org_id, c.vendor_org))
    return Error{ErrorCode::NotFound, kNoFile, {}};
  if (!may_write_files(c.actor, f->org_id, c.vendor_org))
    return Error{ErrorCode::Forbidden, kReadOnly, {}};
  return *f;
}

// [SECTION] folder.create {"org_id"?, "parent_id"?, "name"}

Outcome plan_folder(const Context& c, const CommandFrame& f, Store& store) {
  auto org = target_org(c, f.payload, store);
  if (auto* e = std::get_if<Error>(&org)) return *e;
  const Organisation& o = std::get<Organisation>(org);
  auto name = text_of(f.payload, "name");
  auto parent = text_of(f.payload, "parent_id");
  if (!name || !parent) return invalid({{"name", "Send {\"name\", \"parent_id\"?} as text."}});
  Folder folder;
  folder.id = new_id();
  folder.org_id = o.id;
  folder.parent_id = *parent;
  folder.name = *name;
  folder.created_by = c.actor.user_id;
  folder.created_at = c.now;
  if (auto fields = validate_folder(folder); !fields.empty()) return invalid(fields);
  if (auto e = check_folder(store, o.id, folder.parent_id)) {
    e->fields.front().field = "parent_id";
    return *e;
  }
  Plan plan;
  fan_out(plan.events, o.id, {RoomKind::Files}, kEvFolderCreated, {{"folder", to_json(folder)}});
  plan.result = {{"folder_id", folder.id}};
  plan.change.folder = std::move(folder);
  return plan;
}

// [SECTION] file.add {"org_id"?, "folder_id"?, "upload_id", "name"?, "note"?}

Outcome plan_add(const Context& c, const CommandFrame& f, Store& store) {
  auto org = target_org(c, f.payload, store);
  if (auto* e = std::get_if<Error>(&org)) return *e;
  const Organisation& o = std::get<Organisation>(org);
  auto folder_id = text_of(f.payload, "folder_id");
  auto upload_id = text_of(f.payload, "upload_id");
  auto name = text_of(f.payload, "name");
  auto note = text_of(f.payload, "note");
  if (!folder_id || !upload_id || !name || !note)
    return invalid({{"upload_id", "Send {\"upload_id\", \"folder_id\"?, \"name\"?, \"note\"?}."}});
  auto upload = own_unused_upload(store, c.actor, *upload_id);
  if (auto* e = std::get_if<Error>(&upload)) return *e;
  const UploadRecord& u = std::get<UploadRecord>(upload);
  if (auto e = check_folder(store, o.id, *folder_id)) return *e;
  StoredFile file;
  file.id = new_id();
  file.org_id = o.id;
  file.folder_id = *folder_id;
  file.name = name->empty() ? u.name : *name;
  file.created_by = c.actor.user_id;
  file.created_at = c.now;
  FileVersion version = version_from(u, file.id, 1, *note, c);
  auto fields = validate_stored_file(file);
  for (FieldError& e : validate_file_version(version)) fields.push_back(std::move(e));
  if (!fields.empty()) return invalid(fields);
  // The file is downloaded under this name, not the upload's: a text upload added as "run.js"
  // or "x.exe." would be a program on the partner's computer.
  if (auto e = check_shared_file_name(file.name, "name")) return *e;
  Plan plan;
  fan_out(plan.events, o.id, {RoomKind::Files}, kEvFileAdded,
          {{"file", to_json(file)}, {"version", to_json(version)}});
  plan.result = {{"file_id", file.id}, {"version_id", version.id}};
  plan.change.file = std::move(file);
  plan.change.version = std::move(version);
  plan.change.upload_id = u.id;
  return plan;
}

// [SECTION] file.add_version {"file_id", "upload_id", "note"?}

Outcome plan_version(const Context& c, const CommandFrame& f, Store& store) {
  auto file = writable_file(c, store, f.payload);
  if (auto* e = std::get_if<Error>(&file)) return *e;
  const StoredFile& sf = std::get<StoredFile>(file);
  auto upload_id = text_of(f.payload, "upload_id");
  auto note = text_of(f.payload, "note");
  if (!upload_id || !note) return invalid({{"upload_id", "Send {\"upload_id\", \"note\"?}."}});
  auto upload = own_unused_upload(store, c.actor, *upload_id);
  if (auto* e = std::get_if<Error>(&upload)) return *e;
  const UploadRecord& u = std::get<UploadRecord>(upload);
  FileVersion version = version_from(u, sf.id, store.next_version_number(sf.id), *note, c);
  if (auto fields = validate_file_version(version); !fields.empty()) return invalid(fields);
  Plan plan;
  fan_out(plan.events, sf.org_id, {RoomKind::Files}, kEvFileVersionAdded,
          {{"version", to_json(version)}});
  plan.result = {{"file_id", sf.id}, {"version_id", version.id}, {"number", version.number}};
  plan.change.version = std::move(version);
  plan.change.upload_id = u.id;
  return plan;
}

// [SECTION] file.comment {"file_id", "body"}

Outcome plan_comment(const Context& c, const CommandFrame& f, Store& store) {
  auto file = writable_file(c, store, f.payload);
  if (auto* e = std::get_if<Error>(&file)) return *e;
  const StoredFile& sf = std::get<StoredFile>(file);
  auto body = text_of(f.payload, "body");
  if (!body) return invalid({{"body", "Send {\"file_id\", \"body\"} as text."}});
  FileComment comment{new_id(), sf.id, c.actor.user_id, *body, c.now};
  if (auto fields = validate_file_comment(comment); !fields.empty()) return invalid(fields);
  if (body->find_first_not_of(" \t\r\n") == std::string::npos)
    return invalid({{"body", "Write a comment first."}});
  Plan plan;
  fan_out(plan.events, sf.org_id, {RoomKind::Files}, kEvFileCommented,
          {{"comment", to_json(comment)}});
  plan.result = {{"comment_id", comment.id}};
  plan.change.comment = std::move(comment);
  return plan;
}

}  // namespace

bool is_files_command(std::string_view type) {
  return type == kCmdFolderCreate || type == kCmdFileAdd || type == kCmdFileAddVersion ||
         type == kCmdFileComment;
}

void PortalService::on_files_command(Client& client, const Identity& who, const CommandFrame& f) {
  Outcome (*planner)(const Context&, const CommandFrame&, Store&) = nullptr;
  if (f.type == kCmdFolderCreate) planner = plan_folder;
  if (f.type == kCmdFileAdd) planner = plan_add;
  if (f.type == kCmdFileAddVersion) planner = plan_version;
  if (f.type == kCmdFileComment) planner = plan_comment;
  if (planner == nullptr) {
    client.send(error_frame(ErrorCode::UnknownType, "The server does not know that command.", f.id));
    return;
  }
  std::lock_guard lock(publish_mutex_);
  const Actor actor = who.actor();
  const CommandKey key{actor.user_id, f.id, f.type};
  if (auto recorded = store_.command_result(key)) {
    // Answered only once durable: the first try may still be waiting for its sync.
    return ack_and_publish(client, f.id, CommandOutcome{std::move(*recorded), {}, true});
  }
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Context c{actor, vendor ? vendor->id : Id(), unix_now()};
  Outcome planned = planner(c, f, store_);
  if (auto* e = std::get_if<Error>(&planned)) {
    client.send(error_frame(e->code, std::move(e->message), f.id, std::move(e->fields)));
    return;
  }
  Plan& plan = std::get<Plan>(planned);
  ack_and_publish(client, f.id,
                  store_.apply_file_change(key, plan.change, plan.events, plan.result, c.now));
}

void PortalService::record_download(const DownloadRecord& d, const Id& org) {
  Json data = {{"download", to_json(d)}};
  std::vector<NewEvent> events;
  fan_out(events, org, {RoomKind::Files}, kEvFileDownloaded, data);
  std::lock_guard lock(publish_mutex_);
  // Published once durable, in commit order with every command's events (durable_queue.h).
  after_commit([this, stored = store_.record_download(d, events, d.downloaded_at)] {
    for (const StoredEvent& e : stored) {
      auto frame = share(EventFrame{std::string(wire_room(e.room_key)), e.seq, e.type, e.data});
      bus_.publish(BusMessage{e.room_key, e.seq, std::move(frame)});
    }
  });
}

}  // namespace portal::server
