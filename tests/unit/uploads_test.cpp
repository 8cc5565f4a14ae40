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
  EXPECT_EQ(field_of(check_upload("page.html", "text/html", "<p>hi</p>")), "content_type");
  EXPECT_EQ(field_of(check_upload("x.dat", "", "data")), "content_type");
  // A .bin is taken for a program whatever it claims to be.
  EXPECT_EQ(field_of(check_upload("x.bin", "", "data")), "content");
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
