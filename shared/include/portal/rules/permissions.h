// One place that decides what an actor may read or do. The server enforces it; the client
// uses the same answers only to hide what the server would refuse.
#pragma once
#include <vector>

#include "portal/model/entities.h"
#include "portal/model/messaging.h"
#include "portal/model/room_kind.h"

namespace portal {

enum class Action { Read, Create, Update, Delete, Administer };

struct Actor {
  Id user_id;
  Id org_id;
  Role role = Role::PartnerUser;
};

// May this role use this room at all (before per-organisation checks)?
bool may(Role role, RoomKind room, Action action);
// The rooms a role sees in its navigation, in display order.
std::vector<RoomKind> visible_rooms(Role role);
// May the actor read data that belongs to organisation `owner_org`? Partners only their own;
// vendor staff every partner's. `vendor_org` is the vendor's organisation id.
bool may_read_org(const Actor& a, const Id& owner_org, const Id& vendor_org);
// Is the actor vendor staff of the vendor organisation itself? A vendor role held by a user of a
// partner organisation grants nothing beyond that partner.
bool is_vendor_actor(const Actor& a, const Id& vendor_org);
// May the actor submit a lead (on behalf of its own organisation)?
bool may_submit_lead(const Actor& a);
// May the actor add customer accounts of organisation `org` and work their tasks? Partner admins
// and users for their own organisation; the vendor's admin and partner managers for any partner
// (the caller checks that `org` is a partner). Support staff and kiosks only look.
bool may_work_accounts(const Actor& a, const Id& org, const Id& vendor_org);
// May the actor change a partner's program (MDF bookings, training progress, marketing
// activities)? Only the vendor's admins and partner managers; the program is read-only to
// partners, and support staff only read it.
bool may_manage_program(const Actor& a, const Id& vendor_org);
// May the actor open the full program of partner organisation `org` (its room
// "org:<id>/program")? A partner only its own; the vendor's staff any partner's (the caller checks
// that `org` is a partner); a kiosk only the organisation it shows.
bool may_open_partner_program(const Actor& a, const Id& org, const Id& vendor_org);
// May the actor post an announcement to partners? Vendor admins and partner managers of the
// vendor organisation only; support staff and every partner role may not.
bool may_post_announcement(const Actor& a, const Id& vendor_org);
// May the actor start a joint project with partner `org`, or change its status? The vendor's
// admins and partner managers for any partner; a partner admin for its own organisation.
bool may_run_project(const Actor& a, const Id& org, const Id& vendor_org);
// May the actor work in a project of partner `org` (add and update tasks, post updates and
// milestones, hand in deliverables)? Those who may run it, and the partner's own users. Support
// staff and kiosks only look.
bool may_work_project(const Actor& a, const Id& org, const Id& vendor_org);
// May the actor approve a deliverable or request changes? The vendor's admins and partner
// managers only: the vendor reviews what the partner hands in.
bool may_review_deliverable(const Actor& a, const Id& vendor_org);
// May the actor read the audit trail? The vendor's admins only.
bool may_read_audit(const Actor& a, const Id& vendor_org);
// May the actor search the program's partner organisations by name (the audience picker)? Vendor
// staff of the vendor organisation only: to a partner the list of other partners is not shown.
bool may_search_partners(const Actor& a, const Id& vendor_org);
// May the actor see and write in the conversation? Its members; for a channel also every user of
// its partner organisation. Vendor staff only where they are members; a kiosk never.
bool may_see_conversation(const Actor& a, const Conversation& c);
// May the actor fetch an upload (GET /api/files/<id>)? The uploader's organisation and vendor
// staff may; when the upload is attached to a message of `attached_to`, so may everyone who
// sees that conversation. Anyone else must not learn that it exists.
bool may_read_upload(const Actor& a, const Id& owner_org, const Id& vendor_org,
                     const Conversation* attached_to);
// May the actor add folders, files, versions and comments to organisation `org`'s Shared
// files? Partner admins and users for their own organisation; the vendor's admins and partner
// managers for any partner. Support staff and kiosks only read (may_read_org).
bool may_write_files(const Actor& a, const Id& org, const Id& vendor_org);
// May the actor edit or delete the message? Only its author, and not once it is deleted.
bool may_change_message(const Actor& a, const Message& m);

// [SECTION] Content (Resources, Brand guidelines, Contacts, Custom rooms, Cases and KB)
// May the actor publish, update or archive resources, brand assets and knowledge-base articles?
// Vendor staff of the vendor organisation only; to partners (and kiosks) all of it is read-only.
bool may_publish_content(const Actor& a, const Id& vendor_org);
// May the actor add, change or remove a contact of organisation `contact_org`? A partner admin
// for its own organisation's contacts; a vendor admin for the vendor's. Nobody else.
bool may_edit_contacts(const Actor& a, const Id& contact_org, const Id& vendor_org);
// May the actor define custom rooms and choose which partnerships get them? Vendor admins only.
bool may_define_custom_rooms(const Actor& a, const Id& vendor_org);
// May the actor open a support case for its own organisation? Partner admins and users.
bool may_open_case(const Actor& a);
// May the actor comment on a case of partner `case_org`? Its partner admins and users, and the
// vendor's support staff, partner managers and admins.
bool may_comment_case(const Actor& a, const Id& case_org, const Id& vendor_org);
// May the actor change a case's status, priority or assignee? Vendor support staff, partner
// managers and admins only.
bool may_triage_case(const Actor& a, const Id& vendor_org);

}  // namespace portal
