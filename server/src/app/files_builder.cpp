#include "app/files_builder.h"

#include <map>

#include "portal/protocol/model_codecs.h"

namespace portal::server {

Json build_files(const FilesInputs& in) {
  Json folders = Json::array();
  for (const Folder& f : in.folders) folders.push_back(to_json(f));
  struct Parts {
    Json versions = Json::array();
    Json downloads = Json::array();
    Json comments = Json::array();
  };
  std::map<Id, Parts> parts;
  // Versions arrive by number; the room lists the newest first.
  for (auto it = in.versions.rbegin(); it != in.versions.rend(); ++it)
    parts[it->file_id].versions.push_back(to_json(*it));
  for (const DownloadRecord& d : in.downloads) parts[d.file_id].downloads.push_back(to_json(d));
  for (const FileComment& c : in.comments) parts[c.file_id].comments.push_back(to_json(c));
  Json files = Json::array();
  for (const StoredFile& f : in.files) {
    Parts& p = parts[f.id];
    const FileVersion* latest = latest_version(in.versions, f.id);
    files.push_back({{"file", to_json(f)},
                     {"latest", latest ? to_json(*latest) : Json()},
                     {"versions", std::move(p.versions)},
                     {"downloads", std::move(p.downloads)},
                     {"comments", std::move(p.comments)}});
  }
  return {{"folders", std::move(folders)}, {"files", std::move(files)}};
}

}  // namespace portal::server
