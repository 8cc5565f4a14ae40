// Font Awesome 4.7 codepoints the app uses, as UTF-8 literals, and the glyph list the font
// atlas loads (only these, so the atlas stays small at high device pixel ratios).
#pragma once

namespace portal::client::icon {

inline constexpr const char* kDashboard = "\xef\x83\xa4";    // f0e4 tachometer
inline constexpr const char* kBullhorn = "\xef\x82\xa1";     // f0a1
inline constexpr const char* kBriefcase = "\xef\x82\xb1";    // f0b1
inline constexpr const char* kBuilding = "\xef\x86\xad";     // f1ad
inline constexpr const char* kTrophy = "\xef\x82\x91";       // f091
inline constexpr const char* kBook = "\xef\x80\xad";         // f02d
inline constexpr const char* kTasks = "\xef\x82\xae";        // f0ae
inline constexpr const char* kComments = "\xef\x82\x86";     // f086
inline constexpr const char* kPaintBrush = "\xef\x87\xbc";   // f1fc
inline constexpr const char* kFolder = "\xef\x81\xbb";       // f07b
inline constexpr const char* kAddressBook = "\xef\x8a\xb9";  // f2b9
inline constexpr const char* kThLarge = "\xef\x80\x89";      // f009
inline constexpr const char* kHandshake = "\xef\x8a\xb5";    // f2b5
inline constexpr const char* kPlus = "\xef\x81\xa7";         // f067
inline constexpr const char* kSignOut = "\xef\x82\x8b";      // f08b
inline constexpr const char* kCheck = "\xef\x80\x8c";        // f00c
inline constexpr const char* kExclamation = "\xef\x81\xaa";  // f06a exclamation-circle
inline constexpr const char* kWifi = "\xef\x87\xab";         // f1eb
inline constexpr const char* kEur = "\xef\x85\x93";          // f153
inline constexpr const char* kClock = "\xef\x80\x97";        // f017
inline constexpr const char* kLineChart = "\xef\x88\x81";    // f201
inline constexpr const char* kPieChart = "\xef\x88\x80";     // f200
inline constexpr const char* kFilter = "\xef\x82\xb0";       // f0b0
inline constexpr const char* kInbox = "\xef\x80\x9c";        // f01c
inline constexpr const char* kLock = "\xef\x80\xa3";         // f023
inline constexpr const char* kEnvelope = "\xef\x83\xa0";     // f0e0
inline constexpr const char* kRocket = "\xef\x84\xb5";       // f135
inline constexpr const char* kTimes = "\xef\x80\x8d";        // f00d
inline constexpr const char* kCircle = "\xef\x84\x91";       // f111
inline constexpr const char* kCog = "\xef\x80\x93";          // f013
inline constexpr const char* kPaperclip = "\xef\x83\x86";    // f0c6
inline constexpr const char* kFileIcon = "\xef\x85\x9b";     // f15b
inline constexpr const char* kImage = "\xef\x80\xbe";        // f03e
inline constexpr const char* kDownload = "\xef\x80\x99";     // f019
inline constexpr const char* kMoney = "\xef\x83\x96";        // f0d6
inline constexpr const char* kUserPlus = "\xef\x88\xb4";     // f234

// Codepoint pairs (inclusive ranges) for ImFontAtlas, zero-terminated.
inline constexpr unsigned short kGlyphRanges[] = {
    0xf009, 0xf009, 0xf00c, 0xf00d, 0xf013, 0xf013, 0xf017, 0xf017, 0xf019, 0xf019, 0xf01c, 0xf01c, 0xf023, 0xf023,
    0xf02d, 0xf02d, 0xf03e, 0xf03e, 0xf067, 0xf067, 0xf06a, 0xf06a, 0xf07b, 0xf07b, 0xf086, 0xf086, 0xf08b, 0xf08b,
    0xf091, 0xf091, 0xf0a1, 0xf0a1, 0xf0ae, 0xf0b1, 0xf0c6, 0xf0c6, 0xf0d6, 0xf0d6, 0xf0e0, 0xf0e0, 0xf0e4, 0xf0e4,
    0xf111, 0xf111, 0xf135, 0xf135, 0xf153, 0xf153, 0xf15b, 0xf15b, 0xf1ad, 0xf1ad, 0xf1eb, 0xf1eb, 0xf1fc, 0xf1fc,
    0xf200, 0xf201, 0xf234, 0xf234, 0xf2b5, 0xf2b5, 0xf2b9, 0xf2b9, 0};

}  // namespace portal::client::icon
