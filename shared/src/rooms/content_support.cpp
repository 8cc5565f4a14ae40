// The Cases and knowledge base room (rooms/content.h): support cases with their comments, and
// the knowledge-base articles.
#include <algorithm>

#include "portal/protocol/model_codecs.h"
#include "portal/rooms/content.h"
#include "rooms/content_lists.h"

namespace portal {
namespace {

// Most recently updated first; ties by id so both hosts agree.
void sort_cases(CasesState& s) {
  std::stable_sort(s.cases.begin(), s.cases.end(), [](const CaseEntry& a, const CaseEntry& b) {
    if (a.support_case.updated_at != b.support_case.updated_at)
      return a.support_case.updated_at > b.support_case.updated_at;
    return a.support_case.id < b.support_case.id;
  });
}

void sort_articles(CasesState& s) {
  std::stable_sort(s.articles.begin(), s.articles.end(),
                   [](const KbArticle& a, const KbArticle& b) {
                     if (a.title != b.title) return a.title < b.title;
                     return a.id < b.id;
                   });
}

CaseEntry* find_case_mut(CasesState& s, const Id& id) {
  for (CaseEntry& e : s.cases)
    if (e.support_case.id == id) return &e;
  return nullptr;
}

std::optional<CaseEntry> case_entry_from_json(const Json& j) {
  auto c = support_case_from_json(j);
  if (!c) return std::nullopt;
  CaseEntry e{std::move(*c), {}};
  if (j.contains("comments") &&
      !detail::list_from_json(j, "comments", e.comments, case_comment_from_json))
    return std::nullopt;
  return e;
}

}  // namespace

CasesState make_cases_state(std::vector<CaseEntry> cases, std::vector<KbArticle> articles) {
  CasesState s{std::move(cases), std::move(articles)};
  for (CaseEntry& e : s.cases)
    std::stable_sort(e.comments.begin(), e.comments.end(),
                     [](const CaseComment& a, const CaseComment& b) {
                       return a.at != b.at ? a.at < b.at : a.id < b.id;
                     });
  sort_cases(s);
  sort_articles(s);
  return s;
}

Json to_json(const CaseComment& c) {
  return {{"id", c.id},          {"case_id", c.case_id},         {"author_id", c.author_id},
          {"author_name", c.author_name}, {"from_vendor", c.from_vendor}, {"body", c.body},
          {"at", c.at}};
}

std::optional<CaseComment> case_comment_from_json(const Json& j) {
  if (!j.is_object()) return std::nullopt;
  for (const char* f : {"id", "case_id", "author_id", "author_name", "body"})
    if (!j.contains(f) || !j[f].is_string()) return std::nullopt;
  if (!j.contains("from_vendor") || !j["from_vendor"].is_boolean()) return std::nullopt;
  if (!j.contains("at") || !j["at"].is_number_integer()) return std::nullopt;
  CaseComment c;
  c.id = j["id"].get<std::string>();
  c.case_id = j["case_id"].get<std::string>();
  c.author_id = j["author_id"].get<std::string>();
  c.author_name = j["author_name"].get<std::string>();
  c.from_vendor = j["from_vendor"].get<bool>();
  c.body = j["body"].get<std::string>();
  c.at = j["at"].get<int64_t>();
  return c;
}

Json to_json(const CasesState& s) {
  Json cases = Json::array();
  for (const CaseEntry& e : s.cases) {
    Json c = to_json(e.support_case);
    c["comments"] = detail::list_to_json(e.comments);
    cases.push_back(std::move(c));
  }
  return {{"cases", std::move(cases)}, {"articles", detail::list_to_json(s.articles)}};
}

std::optional<CasesState> cases_from_json(const Json& j) {
  CasesState s;
  if (!detail::list_from_json(j, "cases", s.cases, case_entry_from_json) ||
      !detail::list_from_json(j, "articles", s.articles, kb_article_from_json))
    return std::nullopt;
  return s;
}

bool apply(CasesState& s, std::string_view type, const Json& data) {
  if (!data.is_object()) return false;
  if (type == "case.opened" || type == "case.updated") {
    auto c = data.contains("case") ? support_case_from_json(data["case"]) : std::nullopt;
    if (!c) return false;
    CaseEntry* held = find_case_mut(s, c->id);
    if (type == "case.opened") {
      if (held != nullptr) return false;  // a repeat
      s.cases.push_back({std::move(*c), {}});
    } else {
      if (held == nullptr || held->support_case == *c) return false;
      held->support_case = std::move(*c);
    }
    sort_cases(s);
    return true;
  }
  if (type == "case.commented") {
    auto comment =
        data.contains("comment") ? case_comment_from_json(data["comment"]) : std::nullopt;
    if (!comment) return false;
    CaseEntry* held = find_case_mut(s, comment->case_id);
    if (held == nullptr) return false;
    for (const CaseComment& c : held->comments)
      if (c.id == comment->id) return false;
    held->support_case.updated_at = std::max(held->support_case.updated_at, comment->at);
    held->comments.push_back(std::move(*comment));
    sort_cases(s);
    return true;
  }
  if (type == "kb.saved") {
    auto a = data.contains("article") ? kb_article_from_json(data["article"]) : std::nullopt;
    if (!a || !detail::upsert(s.articles, std::move(*a))) return false;
    sort_articles(s);
    return true;
  }
  if (type == "kb.removed") return detail::remove_by_id(s.articles, data);
  return false;
}

const CaseEntry* find_case(const CasesState& s, const Id& id) {
  for (const CaseEntry& e : s.cases)
    if (e.support_case.id == id) return &e;
  return nullptr;
}

const KbArticle* find_article(const CasesState& s, const Id& id) {
  return detail::find_by_id(s.articles, id);
}

}  // namespace portal
