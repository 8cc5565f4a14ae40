// Validation of folders, files, versions, downloads and comments (model/files.h).
#include "portal/rules/entity_validation.h"
#include "rules/field_checks.h"

namespace portal {

using namespace detail;

std::vector<FieldError> validate_folder(const Folder& f) {
  Errors e;
  check_id(e, "id", "Folder", f.id, Need::Optional);
  check_id(e, "org_id", "Organisation", f.org_id, Need::Required);
  check_id(e, "parent_id", "Parent folder", f.parent_id, Need::Optional);
  if (!f.parent_id.empty() && f.parent_id == f.id)
    e.push_back({"parent_id", "A folder cannot be inside itself."});
  check_file_name(e, "name", "Folder name", f.name);
  check_id(e, "created_by", "Created by", f.created_by, Need::Optional);
  check_time(e, "created_at", "Creation date", f.created_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_stored_file(const StoredFile& f) {
  Errors e;
  check_id(e, "id", "File", f.id, Need::Optional);
  check_id(e, "org_id", "Organisation", f.org_id, Need::Required);
  check_id(e, "folder_id", "Folder", f.folder_id, Need::Optional);
  check_file_name(e, "name", "File name", f.name);
  check_id(e, "created_by", "Created by", f.created_by, Need::Optional);
  check_time(e, "created_at", "Creation date", f.created_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_file_version(const FileVersion& v) {
  Errors e;
  check_id(e, "id", "Version", v.id, Need::Optional);
  check_id(e, "file_id", "File", v.file_id, Need::Required);
  if (v.number < 1) e.push_back({"number", "Version numbers start at 1."});
  if (v.size_bytes < 0) {
    e.push_back({"size_bytes", "File size cannot be negative."});
  } else if (v.size_bytes > kMaxUploadBytes) {
    e.push_back({"size_bytes", "The file is too large (at most " +
                                   std::to_string(kMaxUploadBytes >> 20) + " MB)."});
  }
  check_text(e, "content_type", "Content type", v.content_type, kMaxShortText * 2, Need::Optional);
  check_sha256(e, "sha256", "The checksum", v.sha256);
  check_text(e, "note", "Version note", v.note, kMaxTitle, Need::Optional);
  check_id(e, "uploaded_by", "Uploaded by", v.uploaded_by, Need::Optional);
  check_time(e, "uploaded_at", "Upload date", v.uploaded_at, Need::Optional);
  return e;
}

std::vector<FieldError> validate_download_record(const DownloadRecord& d) {
  Errors e;
  check_id(e, "id", "Download", d.id, Need::Optional);
  check_id(e, "file_id", "File", d.file_id, Need::Required);
  check_id(e, "version_id", "Version", d.version_id, Need::Required);
  check_id(e, "user_id", "User", d.user_id, Need::Required);
  check_time(e, "downloaded_at", "Download date", d.downloaded_at, Need::Required);
  return e;
}

std::vector<FieldError> validate_file_comment(const FileComment& c) {
  Errors e;
  check_id(e, "id", "Comment", c.id, Need::Optional);
  check_id(e, "file_id", "File", c.file_id, Need::Required);
  check_id(e, "author_id", "Author", c.author_id, Need::Optional);
  check_text(e, "body", "Comment", c.body, kMaxDescription, Need::Required, Lines::Multi);
  check_time(e, "created_at", "Date", c.created_at, Need::Optional);
  return e;
}

}  // namespace portal
