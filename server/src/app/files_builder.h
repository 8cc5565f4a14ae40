// The Shared files room (org:<id>/files, vendor/files): command and event names, and the room
// snapshot built from the store's rows: folders, and each file with its latest version, every
// version (newest first), who downloaded what and when, and the comments.
#pragma once
#include <string_view>

#include "portal/protocol/frames.h"
#include "store/store.h"

namespace portal::server {

inline constexpr std::string_view kCmdFolderCreate = "folder.create";
inline constexpr std::string_view kCmdFileAdd = "file.add";
inline constexpr std::string_view kCmdFileAddVersion = "file.add_version";
inline constexpr std::string_view kCmdFileComment = "file.comment";

inline constexpr std::string_view kEvFolderCreated = "folder_created";
inline constexpr std::string_view kEvFileAdded = "file_added";
inline constexpr std::string_view kEvFileVersionAdded = "file_version_added";
inline constexpr std::string_view kEvFileCommented = "file_commented";
inline constexpr std::string_view kEvFileDownloaded = "file_downloaded";

// True for the commands above (files_commands.cpp).
bool is_files_command(std::string_view type);

// {"folders":[Folder…], "files":[{"file", "latest", "versions", "downloads", "comments"}…]}
Json build_files(const FilesInputs& in);

}  // namespace portal::server
