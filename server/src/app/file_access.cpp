#include "app/file_access.h"

#include "app/clock.h"
#include "auth/tokens.h"
#include "portal/rules/entity_validation.h"
#include "portal/rules/permissions.h"
#include "portal/rules/upload_rules.h"

namespace portal::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    const int hi = hex_value(s[i + 1]);
    const int lo = hex_value(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

std::optional<User> FileAccess::authenticate(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (!authorization.starts_with(kBearer)) return std::nullopt;
  const std::string_view token = authorization.substr(kBearer.size());
  if (token.empty() || token.size() > 256) return std::nullopt;
  // A look-up that does not extend the session: fetching files is not a visit.
  std::optional<Id> user_id = store_.session_user(hash_token(token), unix_now());
  if (!user_id) return std::nullopt;
  return store_.find_user(*user_id);
}

std::variant<UploadRecord, HttpRefusal> FileAccess::upload(const User& user,
                                                           std::string_view encoded_name,
                                                           std::string_view content_type,
                                                           std::string_view bytes,
                                                           UnixTime now) {
  if (static_cast<int64_t>(bytes.size()) > kMaxHttpUploadBytes) {
    return HttpRefusal{413, Error{ErrorCode::TooLarge, "The file is larger than 25 MB.", {}}};
  }
  std::optional<std::string> name = percent_decode(encoded_name);
  if (!name) {
    return HttpRefusal{400, Error{ErrorCode::Validation, "The file name is not URL-encoded.",
                                  {{"name", "The file name is not URL-encoded."}}}};
  }
  if (bytes.empty()) {
    return HttpRefusal{400, Error{ErrorCode::Validation, "The file is empty.",
                                  {{"content", "The file is empty."}}}};
  }
  auto checked = check_upload(*name, content_type, bytes);
  if (auto* e = std::get_if<Error>(&checked)) {
    // 415 says "this type of file", 400 a name or body problem.
    const bool type = !e->fields.empty() && e->fields.front().field != "name";
    return HttpRefusal{type ? 415 : 400, std::move(*e)};
  }
  const UploadKind& kind = std::get<UploadKind>(checked);
  UploadRecord u;
  u.id = new_id();
  u.org_id = user.org_id;
  u.uploader = user.id;
  u.name = std::move(*name);
  u.content_type = kind.content_type;
  u.size = static_cast<int64_t>(bytes.size());
  // The bytes are on disk (fsync'd) before the row that names them commits.
  u.sha256 = blobs_.put(bytes);
  u.created_at = now;
  store_.insert_upload(u);
  store_.sync();  // the 201 that names the upload promises it survives a power cut
  return u;
}

std::optional<Download> FileAccess::open(const User& user, std::string_view id, bool record) {
  if (id.empty() || id.size() > kMaxIdBytes) return std::nullopt;
  const Actor actor{user.id, user.org_id, user.role};
  const std::optional<Organisation> vendor = store_.vendor_org();
  const Id vendor_id = vendor ? vendor->id : Id();
  std::optional<UploadRecord> u = store_.find_upload(std::string(id));
  if (!u) {
    // A version of a shared file: readable by its organisation and vendor staff.
    std::optional<VersionRecord> v = store_.find_file_version(std::string(id));
    if (!v || !may_read_org(actor, v->file.org_id, vendor_id)) return std::nullopt;
    std::optional<UploadRecord> bytes = store_.find_upload(v->upload_id);
    if (!bytes) return std::nullopt;
    std::optional<std::filesystem::path> path = blobs_.path(bytes->sha256);
    if (!path) return std::nullopt;
    bytes->name = v->file.name;  // served under the file's name
    if (record && recorder_)
      recorder_(DownloadRecord{new_id(), v->file.id, v->version.id, user.id, unix_now()},
                v->file.org_id);
    return Download{std::move(*bytes), std::move(*path)};
  }
  std::optional<Conversation> conversation;
  if (!may_read_org(actor, u->org_id, vendor_id)) {
    if (std::optional<Id> c = store_.attachment_conversation(u->id))
      conversation = store_.find_conversation(*c);
  }
  if (!may_read_upload(actor, u->org_id, vendor_id, conversation ? &*conversation : nullptr))
    return std::nullopt;
  std::optional<std::filesystem::path> path = blobs_.path(u->sha256);
  if (!path) return std::nullopt;
  return Download{std::move(*u), std::move(*path)};
}

}  // namespace portal::server
