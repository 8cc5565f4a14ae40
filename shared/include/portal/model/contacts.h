// The Contacts room: a directory of both teams, with what to contact each person for and how.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "portal/model/entities.h"

namespace portal {

enum class ContactChannel { Email, Phone, Chat, Video };
// Wire name: "email", "phone", "chat", "video". Label: "E-mail", "Phone", "Portal chat", "Video
// call".
std::string_view to_string(ContactChannel c);
std::optional<ContactChannel> contact_channel_from_string(std::string_view s);
std::string_view contact_channel_label(ContactChannel c);

struct Contact {
  Id id;
  Id org_id;   // the vendor's or the partner's organisation
  Id user_id;  // the portal user, if the person has one
  std::string name;
  std::string role;         // job title: "Solutions architect"
  std::string contact_for;  // "Technical questions on integrations"
  std::string email;
  std::string phone;  // may be empty
  ContactChannel preferred = ContactChannel::Email;
  friend bool operator==(const Contact&, const Contact&) = default;
};

}  // namespace portal
