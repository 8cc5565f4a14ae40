#include "portal/model/files.h"

#include <gtest/gtest.h>

#include "entity_cases.h"

namespace portal {
namespace {

using testing::expect_round_trip;
using testing::expect_validation;
using testing::InvalidCase;

constexpr UnixTime kMay2026 = 1'777'593'600;

FileVersion version(const char* id, const char* file, int32_t number, UnixTime at) {
  return FileVersion{
      id,        file, number, 482'113, "application/pdf", std::string(64, 'c'), "Updated prices",
      "u-jonas", at};
}

TEST(FileVersions, LatestIsTheHighestNumber) {
  const FileVersion versions[] = {
      version("v1", "f-1", 1, kMay2026), version("v3", "f-1", 3, kMay2026 + 20),
      version("v2", "f-1", 2, kMay2026 + 30), version("w9", "f-2", 9, kMay2026)};
  ASSERT_NE(latest_version(versions, "f-1"), nullptr);
  EXPECT_EQ(latest_version(versions, "f-1")->id, "v3");
  EXPECT_EQ(latest_version(versions, "f-2")->id, "w9");
  EXPECT_EQ(latest_version(versions, "f-3"), nullptr);
  // Two uploads raced to the same number: the later upload wins.
  const FileVersion raced[] = {version("a", "f-1", 2, kMay2026 + 5),
                               version("b", "f-1", 2, kMay2026 + 1)};
  EXPECT_EQ(latest_version(raced, "f-1")->id, "a");
}

TEST(FilesValidation, Folder) {
  expect_validation(Folder{"fo-1", "org-acme", "fo-root", "Contracts", "u-dana", kMay2026},
                    validate_folder,
                    {InvalidCase<Folder>{"no org", [](auto& f) { f.org_id = ""; }, "org_id"},
                     {"inside itself", [](auto& f) { f.parent_id = f.id; }, "parent_id"},
                     {"no name", [](auto& f) { f.name = ""; }, "name"},
                     {"slash", [](auto& f) { f.name = "a/b"; }, "name"},
                     {"dot dot", [](auto& f) { f.name = ".."; }, "name"},
                     {"bad creator", [](auto& f) { f.created_by = "a b"; }, "created_by"},
                     {"negative date", [](auto& f) { f.created_at = -1; }, "created_at"}});
}

TEST(FilesValidation, StoredFile) {
  expect_validation(
      StoredFile{"f-1", "org-acme", "fo-1", "Rollout plan.pdf", "u-jonas", kMay2026},
      validate_stored_file,
      {InvalidCase<StoredFile>{"no org", [](auto& f) { f.org_id = ""; }, "org_id"},
       {"bad folder", [](auto& f) { f.folder_id = "a b"; }, "folder_id"},
       {"backslash", [](auto& f) { f.name = "a\\b.pdf"; }, "name"},
       {"long name", [](auto& f) { f.name = std::string(kMaxFileName + 1, 'n'); }, "name"},
       {"control char", [](auto& f) { f.name = "a\nb"; }, "name"}});
}

TEST(FilesValidation, FileVersion) {
  expect_validation(
      version("v1", "f-1", 1, kMay2026), validate_file_version,
      {InvalidCase<FileVersion>{"no file", [](auto& v) { v.file_id = ""; }, "file_id"},
       {"number zero", [](auto& v) { v.number = 0; }, "number"},
       {"negative size", [](auto& v) { v.size_bytes = -1; }, "size_bytes"},
       {"too large", [](auto& v) { v.size_bytes = kMaxUploadBytes + 1; }, "size_bytes"},
       {"content type", [](auto& v) { v.content_type = "a\x01"; }, "content_type"},
       {"bad checksum", [](auto& v) { v.sha256 = "xyz"; }, "sha256"},
       {"long note", [](auto& v) { v.note = std::string(kMaxTitle + 1, 'n'); }, "note"},
       {"bad uploader", [](auto& v) { v.uploaded_by = "a b"; }, "uploaded_by"},
       {"negative date", [](auto& v) { v.uploaded_at = -1; }, "uploaded_at"}});
}

TEST(FilesValidation, DownloadRecord) {
  expect_validation(
      DownloadRecord{"dr-1", "f-1", "v3", "u-lee", kMay2026}, validate_download_record,
      {InvalidCase<DownloadRecord>{"no file", [](auto& d) { d.file_id = ""; }, "file_id"},
       {"no version", [](auto& d) { d.version_id = ""; }, "version_id"},
       {"no user", [](auto& d) { d.user_id = ""; }, "user_id"},
       {"no date", [](auto& d) { d.downloaded_at = 0; }, "downloaded_at"}});
}

TEST(FilesValidation, FileComment) {
  expect_validation(
      FileComment{"fc-1", "f-1", "u-mara", "Page 3 has last year's prices.", kMay2026},
      validate_file_comment,
      {InvalidCase<FileComment>{"no file", [](auto& c) { c.file_id = ""; }, "file_id"},
       {"bad author", [](auto& c) { c.author_id = "a b"; }, "author_id"},
       {"empty", [](auto& c) { c.body = ""; }, "body"},
       {"negative date", [](auto& c) { c.created_at = -1; }, "created_at"}});
}

TEST(FilesCodecs, RoundTrip) {
  expect_round_trip(Folder{"fo", "o", "p", "n", "u", 1}, folder_from_json);
  expect_round_trip(StoredFile{"f", "o", "fo", "n.pdf", "u", 2}, stored_file_from_json);
  expect_round_trip(version("v1", "f-1", 4, kMay2026), file_version_from_json);
  expect_round_trip(DownloadRecord{"d", "f", "v", "u", 3}, download_record_from_json);
  expect_round_trip(FileComment{"c", "f", "u", "b", 4}, file_comment_from_json);
}

}  // namespace
}  // namespace portal
