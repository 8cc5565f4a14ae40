// JSON codecs of folders, files, versions, downloads and comments (model/files.h).
#include "portal/protocol/model_codecs.h"
#include "protocol/field_codec.h"

namespace portal {

template <class V>
void visit_fields(V& v, Folder& f) {
  v("id", f.id);
  v("org_id", f.org_id);
  v("parent_id", f.parent_id);
  v("name", f.name);
  v("created_by", f.created_by);
  v("created_at", f.created_at);
}

template <class V>
void visit_fields(V& v, StoredFile& f) {
  v("id", f.id);
  v("org_id", f.org_id);
  v("folder_id", f.folder_id);
  v("name", f.name);
  v("created_by", f.created_by);
  v("created_at", f.created_at);
}

template <class V>
void visit_fields(V& v, FileVersion& f) {
  v("id", f.id);
  v("file_id", f.file_id);
  v("number", f.number);
  v("size_bytes", f.size_bytes);
  v("content_type", f.content_type);
  v("sha256", f.sha256);
  v("note", f.note);
  v("uploaded_by", f.uploaded_by);
  v("uploaded_at", f.uploaded_at);
}

template <class V>
void visit_fields(V& v, DownloadRecord& d) {
  v("id", d.id);
  v("file_id", d.file_id);
  v("version_id", d.version_id);
  v("user_id", d.user_id);
  v("downloaded_at", d.downloaded_at);
}

template <class V>
void visit_fields(V& v, FileComment& c) {
  v("id", c.id);
  v("file_id", c.file_id);
  v("author_id", c.author_id);
  v("body", c.body);
  v("created_at", c.created_at);
}

using detail::decode_entity;
using detail::encode_entity;

Json to_json(const Folder& v) {
  return encode_entity(v);
}
Json to_json(const StoredFile& v) {
  return encode_entity(v);
}
Json to_json(const FileVersion& v) {
  return encode_entity(v);
}
Json to_json(const DownloadRecord& v) {
  return encode_entity(v);
}
Json to_json(const FileComment& v) {
  return encode_entity(v);
}
std::optional<Folder> folder_from_json(const Json& j) {
  return decode_entity<Folder>(j);
}
std::optional<StoredFile> stored_file_from_json(const Json& j) {
  return decode_entity<StoredFile>(j);
}
std::optional<FileVersion> file_version_from_json(const Json& j) {
  return decode_entity<FileVersion>(j);
}
std::optional<DownloadRecord> download_record_from_json(const Json& j) {
  return decode_entity<DownloadRecord>(j);
}
std::optional<FileComment> file_comment_from_json(const Json& j) {
  return decode_entity<FileComment>(j);
}

}  // namespace portal
