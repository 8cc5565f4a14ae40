// What may be uploaded (rules/upload_rules.h) and who may fetch an upload (may_read_upload).
#include <gtest/gtest.h>

#include <string>

#include "portal/rules/permissions.h"
#include "portal/rules/upload_rules.h"

namespace portal {
namespace {

using namespace std::string_literals;

const std::string kPng = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s;
const std::string kJpeg = "\xff\xd8\xff\xe0\0\x10JFIF"s;

std::string field_of(const std::variant<UploadKind, Error>& r) {
  const Error* e = std::get_if<Error>(&r);
  return e && !e->fields.empty() ? e->fields.front().field : std::string();
}

TEST(UploadRules, ImagesAreKnownByTheirBytesNotTheirDeclaredType) {
  auto png = check_upload("logo.png", "application/octet-stream", kPng);
  ASSERT_TRUE(std::holds_alternative<UploadKind>(png));
  EXPECT_EQ(std::get<UploadKind>(png).content_type, "image/png");
  EXPECT_TRUE(std::get<UploadKind>(png).image);

  auto jpeg_called_png = check_upload("photo.png", "image/png", kJpeg);
  ASSERT_TRUE(std::holds_alternative<UploadKind>(jpeg_called_png));
  EXPECT_EQ(std::get<UploadKind>(jpeg_called_png).content_type, "image/jpeg");

  EXPECT_EQ(sniff_image("GIF89a....."), "image/gif");
  EXPECT_EQ(sniff_image("RIFF\x10\0\0\0WEBPVP8 "s), "image/webp");
  EXPECT_EQ(sniff_image("RIFF\x10\0\0\0WAVEfmt "s), "");
}

TEST(UploadRules, AClaimedImageThatIsNotOneIsRefused) {
  auto r = check_upload("cat.png", "image/png", "<html><script>alert(1)</script>");
  EXPECT_EQ(field_of(r), "content");
}

TEST(UploadRules, ProgramsAndScriptsAreRefusedWhateverTheirName) {
  EXPECT_EQ(field_of(check_upload("report.pdf", "application/pdf", "MZ\x90\0\3"s)), "content");
  EXPECT_EQ(field_of(check_upload("notes.txt", "text/plain", "\x7f" "ELF\2\1"s)), "content");
  EXPECT_EQ(field_of(check_upload("run.txt", "text/plain", "#!/bin/sh\nrm -rf ~\n")), "content");
  EXPECT_EQ(field_of(check_upload("setup.exe", "application/octet-stream", "hello")), "content");
  EXPECT_EQ(field_of(check_upload("tool.JS", "text/plain", "let a = 1;")), "content");
  EXPECT_TRUE(looks_executable("\xcf\xfa\xed\xfe\7\0\0\1"s));
  EXPECT_FALSE(looks_executable("%PDF-1.7"));
}

TEST(UploadRules, DocumentsMustMatchTheirTypeAndUnknownTypesAreRefused) {
  auto pdf = check_upload("Rollout plan.pdf", "application/pdf; name=x", "%PDF-1.7\n...");
  ASSERT_TRUE(std::holds_alternative<UploadKind>(pdf));
  EXPECT_EQ(std::get<UploadKind>(pdf).content_type, "application/pdf");
  EXPECT_FALSE(std::get<UploadKind>(pdf).image);
  EXPECT_EQ(field_of(check_upload("fake.pdf", "application/pdf", "just text")), "content");
  EXPECT_TRUE(std::holds_alternative<UploadKind>(
      check_upload("prices.csv", "Text/CSV; charset=utf-8", "sku,price\n1,2\n")));
  EXPECT_EQ(field_of(check_upload("page.txt", "text/html", "hi")), "content_type");
  EXPECT_EQ(field_of(check_upload("x.dat", "", "data")), "content_type");
  // A .bin is taken for a program whatever it claims to be.
  EXPECT_EQ(field_of(check_upload("x.bin", "", "data")), "content");
}

std::string message_of(const std::variant<UploadKind, Error>& r) {
  const Error* e = std::get_if<Error>(&r);
  return e ? e->message : std::string();
}

bool accepted(const std::variant<UploadKind, Error>& r) {
  return std::holds_alternative<UploadKind>(r);
}

TEST(UploadRules, TrailingDotsSpacesAndStreamsDoNotHideAProgram) {
  // Windows drops trailing dots and spaces when saving and NTFS reads "name:stream" as "name",
  // so each of these is a runnable program on the partner's computer.
  for (const char* name :
       {"x.exe.", "x.js ", "x.bat...", "x.exe .", "x.exe. . .", "x.EXE . .", "x.cmd  ",
        "x.exe::$DATA", "x.exe:stream", "report.pdf:x.exe", "X.Ps1", ".exe"}) {
    const auto r = check_upload(name, "text/plain", "hello");
    EXPECT_EQ(field_of(r), "content") << name;
    EXPECT_EQ(message_of(r), "Programs and scripts cannot be shared here.") << name;
  }
  EXPECT_EQ(effective_extension("x.exe. . ."), "exe");
  EXPECT_EQ(effective_extension("Report.PDF"), "pdf");
  EXPECT_EQ(effective_extension("README"), "");
  // A colon elsewhere is an ordinary character: the name is judged part by part.
  EXPECT_TRUE(accepted(check_upload("Meeting 10:30.txt", "text/plain", "agenda")));
}

TEST(UploadRules, EveryDangerousExtensionIsRefused) {
  for (const char* ext :
       {"exe", "dll", "com", "scr", "msi", "msp", "mst", "bat", "cmd", "ps1", "ps1xml",
        "psm1", "psd1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "wsc", "ws", "pif", "reg",
        "lnk", "url", "scf", "inf", "cpl", "hta", "msc", "gadget", "application", "appref-ms",
        "jar", "jnlp", "app", "command", "pkg", "dmg", "workflow", "sh", "bash", "zsh", "csh",
        "ksh", "run", "bin", "elf", "appimage", "deb", "rpm", "desktop", "apk", "iso", "img"}) {
    const auto r = check_upload(std::string("file.") + ext, "application/octet-stream", "data");
    EXPECT_EQ(message_of(r), "Programs and scripts cannot be shared here.") << ext;
    EXPECT_EQ(name_risk(std::string("FILE.") + ext + "."), NameRisk::Program) << ext;
  }
  for (const char* ext : {"html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml", "svg", "svgz",
                          "xml", "xsl", "xslt"}) {
    const auto r = check_upload(std::string("page.") + ext, "text/plain", "plain words");
    EXPECT_EQ(field_of(r), "content") << ext;
    EXPECT_EQ(message_of(r),
              "Web pages and SVG files cannot be shared here; share a PDF or an image instead.")
        << ext;
  }
}

TEST(UploadRules, BidiControlsInANameAreRefused) {
  // "invoice<RLO>fdp.exe" is shown as "invoiceexe.pdf".
  EXPECT_EQ(field_of(check_upload("invoice\u202efdp.exe", "text/plain", "a")), "name");
  EXPECT_EQ(field_of(check_upload("invoice\u202efdp.txt", "text/plain", "a")), "name");
  for (const char* mark : {"\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d",
                           "\u2066", "\u2067", "\u2068", "\u2069", "\u061c"}) {
    EXPECT_EQ(field_of(check_upload(std::string("a") + mark + "b.txt", "text/plain", "a")),
              "name")
        << mark;
  }
  // Letters from right-to-left scripts are fine; only the invisible controls are refused.
  EXPECT_TRUE(accepted(check_upload("\u05e9\u05dc\u05d5\u05dd.txt", "text/plain", "a")));
  EXPECT_TRUE(accepted(check_upload("\u2014 notes \u2014.txt", "text/plain", "a")));
}

TEST(UploadRules, MarkupIsRefusedWhateverItIsCalledOrDeclaredAs) {
  const std::string web =
      "Web pages and SVG files cannot be shared here; share a PDF or an image instead.";
  EXPECT_EQ(message_of(check_upload("notes.txt", "text/plain", "<html><script>x()</script>")),
            web);
  EXPECT_EQ(message_of(check_upload("notes.txt", "application/octet-stream",
                                    "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x()\"/>")),
            web);
  EXPECT_EQ(message_of(check_upload("a.csv", "text/csv", "\xef\xbb\xbf \r\n\t<HTML>")), web);
  EXPECT_EQ(message_of(check_upload("a.txt", "text/plain", "\xff\xfe<\0h\0t\0m\0l\0>\0"s)),
            web);
  EXPECT_EQ(message_of(check_upload("a.txt", "text/plain", "\xfe\xff\0<\0s\0v\0g\0 "s)), web);
  EXPECT_EQ(message_of(check_upload("a.doc", "application/msword", "<html>")), web);
  for (const char* start :
       {"<!DOCTYPE html>", "<!doctype svg PUBLIC", "<html>", "<HEAD>", "<script>", "<iframe ",
        "<body>", "<svg>", "<?xml version=\"1.0\"?>", "<!-- x -->", "<style>", "<title>",
        "<table>", "<div>", "<a href=x>", "<img src=x onerror=y>", "<object ", "<embed ",
        "<meta ", "<p>", "<b>", "<br>", "<h1>", "<font>", "<script/src=x>", "<svg"}) {
    EXPECT_TRUE(looks_like_markup(start)) << start;
  }
  // A "<" that opens no tag the sniffer knows is text.
  for (const char* text : {"<about> the plan", "a < b", "<3 thanks", "<abbr>", "<html5 notes"})
    EXPECT_FALSE(looks_like_markup(text)) << text;
}

TEST(UploadRules, ShortcutsCabinetsAndMisdeclaredCompoundFilesAreRefused) {
  const std::string lnk = "\x4c\0\0\0\x01\x14\x02\0\0\0\0\0\xc0"s;
  EXPECT_EQ(message_of(check_upload("a.txt", "text/plain", lnk)),
            "Programs and scripts cannot be shared here.");
  EXPECT_EQ(message_of(check_upload("a.zip", "application/zip", "MSCF\0\0\0\0\x10"s)),
            "Programs and scripts cannot be shared here.");
  const std::string ole = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0"s;
  EXPECT_EQ(field_of(check_upload("setup.txt", "application/octet-stream", ole)), "content");
  EXPECT_EQ(field_of(check_upload("setup.txt", "text/plain", ole)), "content");
}

TEST(UploadRules, OrdinaryDocumentsStillPass) {
  const std::string ole = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0"s;
  struct Case {
    const char* name;
    const char* type;
    std::string bytes;
  };
  const Case cases[] = {
      {"notes.txt", "text/plain", "Call Dana on Monday.\nBring the <draft> prices.\n"},
      {"prices.csv", "text/csv", "sku,price\n1,2\n"},
      {"bom.csv", "text/csv", "\xef\xbb\xbfsku;price\n"},
      {"plan.pdf", "application/pdf", "%PDF-1.7\n"},
      {"plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
       "PK\x03\x04\x14\0"s},
      {"logo.png", "image/png", kPng},
      {"old.doc", "application/msword", ole},
      {"old.xls", "application/vnd.ms-excel", ole},
      {"old.ppt", "application/vnd.ms-powerpoint", ole},
      {"archive.zip", "application/zip", "PK\x03\x04"s},
      {"Q3 report v2.final.pdf", "application/pdf", "%PDF-1.4"},
  };
  for (const Case& c : cases) {
    const auto r = check_upload(c.name, c.type, c.bytes);
    EXPECT_TRUE(accepted(r)) << c.name << ": " << message_of(r);
  }
}

TEST(UploadRules, ASharedFileCannotBeNamedAsAProgram) {
  EXPECT_FALSE(check_shared_file_name("Price list.pdf", "name"));
  const std::optional<Error> js = check_shared_file_name("run.js ", "name");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->code, ErrorCode::Validation);
  EXPECT_EQ(js->fields.front().field, "name");
  EXPECT_TRUE(check_shared_file_name("page.HTML.", "name"));
  EXPECT_TRUE(check_shared_file_name("a\u202etxt.exe", "name"));
}

TEST(UploadRules, NamesAndEmptyFilesAreChecked) {
  EXPECT_EQ(field_of(check_upload("", "text/plain", "a")), "name");
  EXPECT_EQ(field_of(check_upload("../etc/passwd", "text/plain", "a")), "name");
  EXPECT_EQ(field_of(check_upload(std::string(256, 'a'), "text/plain", "a")), "name");
  EXPECT_EQ(field_of(check_upload("empty.txt", "text/plain", "")), "content");
  EXPECT_TRUE(std::holds_alternative<UploadKind>(check_upload("été.txt", "text/plain", "a")));
}

TEST(UploadRules, OnlyImagesShowInline) {
  EXPECT_TRUE(shows_inline("image/png"));
  EXPECT_TRUE(shows_inline("image/webp"));
  EXPECT_FALSE(shows_inline("image/svg+xml"));  // can carry script
  EXPECT_FALSE(shows_inline("application/pdf"));
  EXPECT_FALSE(shows_inline("text/plain"));
}

TEST(UploadPermissions, OwnOrganisationAndVendorStaffButNoOtherPartner) {
  const Id vendor = "org-vendor";
  const Actor dana{"u-dana", "org-acme", Role::PartnerAdmin};
  const Actor leo{"u-leo", "org-acme", Role::PartnerUser};
  const Actor maya{"u-maya", "org-blue", Role::PartnerAdmin};
  const Actor priya{"u-priya", vendor, Role::PartnerManager};
  const Actor support{"u-sam", vendor, Role::SupportStaff};
  EXPECT_TRUE(may_read_upload(dana, "org-acme", vendor, nullptr));
  EXPECT_TRUE(may_read_upload(leo, "org-acme", vendor, nullptr));
  EXPECT_TRUE(may_read_upload(priya, "org-acme", vendor, nullptr));
  EXPECT_TRUE(may_read_upload(support, "org-acme", vendor, nullptr));
  EXPECT_FALSE(may_read_upload(maya, "org-acme", vendor, nullptr));
  // A vendor role held by a partner's user grants nothing beyond that partner.
  const Actor odd{"u-odd", "org-blue", Role::VendorAdmin};
  EXPECT_FALSE(may_read_upload(odd, "org-acme", vendor, nullptr));
  EXPECT_FALSE(may_read_upload(Actor{"", "org-acme", Role::PartnerAdmin}, "org-acme", vendor,
                               nullptr));
}

TEST(UploadPermissions, AnAttachmentIsSeenByEveryoneWhoSeesItsConversation) {
  const Id vendor = "org-vendor";
  Conversation direct;
  direct.id = "c-1";
  direct.org_id = "org-acme";
  direct.kind = ConversationKind::Direct;
  direct.member_ids = {"u-dana", "u-priya"};
  // Priya's (the vendor's) upload, attached in her conversation with Dana.
  const Actor dana{"u-dana", "org-acme", Role::PartnerAdmin};
  const Actor leo{"u-leo", "org-acme", Role::PartnerUser};
  const Actor maya{"u-maya", "org-blue", Role::PartnerAdmin};
  EXPECT_FALSE(may_read_upload(dana, vendor, vendor, nullptr));
  EXPECT_TRUE(may_read_upload(dana, vendor, vendor, &direct));
  EXPECT_FALSE(may_read_upload(leo, vendor, vendor, &direct));  // not a member
  EXPECT_FALSE(may_read_upload(maya, vendor, vendor, &direct));
  const Actor kiosk{"u-kiosk", "org-acme", Role::Kiosk};
  direct.member_ids.push_back("u-kiosk");
  EXPECT_FALSE(may_read_upload(kiosk, vendor, vendor, &direct));
}

TEST(FilesPermissions, PartnersWriteTheirOwnVendorManagersAnyPartnerOthersOnlyRead) {
  const Id vendor = "org-vendor";
  const Id acme = "org-acme";
  EXPECT_TRUE(may_write_files({"u-dana", acme, Role::PartnerAdmin}, acme, vendor));
  EXPECT_TRUE(may_write_files({"u-leo", acme, Role::PartnerUser}, acme, vendor));
  EXPECT_FALSE(may_write_files({"u-maya", "org-blue", Role::PartnerAdmin}, acme, vendor));
  EXPECT_TRUE(may_write_files({"u-priya", vendor, Role::PartnerManager}, acme, vendor));
  EXPECT_TRUE(may_write_files({"u-vera", vendor, Role::VendorAdmin}, acme, vendor));
  // The vendor's own organisation has no Shared files room of its own.
  EXPECT_FALSE(may_write_files({"u-priya", vendor, Role::PartnerManager}, vendor, vendor));
  // Support staff and kiosks read (may_read_org) but never write.
  const Actor support{"u-sam", vendor, Role::SupportStaff};
  const Actor kiosk{"u-kiosk", acme, Role::Kiosk};
  EXPECT_FALSE(may_write_files(support, acme, vendor));
  EXPECT_TRUE(may_read_org(support, acme, vendor));
  EXPECT_FALSE(may_write_files(kiosk, acme, vendor));
  EXPECT_TRUE(may_read_org(kiosk, acme, vendor));
  // A vendor role held by a partner's user grants nothing beyond that partner.
  EXPECT_FALSE(may_write_files({"u-odd", "org-blue", Role::PartnerManager}, acme, vendor));
  EXPECT_FALSE(may_write_files({"", acme, Role::PartnerAdmin}, acme, vendor));
}

}  // namespace
}  // namespace portal
