#include "theme.h"

namespace portal::client::theme {

ImVec4 vec(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}

void apply_style() {
  ImGuiStyle& s = ImGui::GetStyle();
  s = ImGuiStyle();
  s.WindowPadding = ImVec2(0, 0);
  s.WindowRounding = 0;
  s.WindowBorderSize = 0;
  s.ChildRounding = kCardRounding;
  s.ChildBorderSize = 1;
  s.PopupRounding = 12;
  s.PopupBorderSize = 1;
  s.FramePadding = ImVec2(12, 10);
  s.FrameRounding = kControlRounding;
  s.FrameBorderSize = 1;
  s.ItemSpacing = ImVec2(12, 8);
  s.ItemInnerSpacing = ImVec2(8, 6);
  s.ScrollbarSize = 10;
  s.ScrollbarRounding = 6;
  s.GrabRounding = 6;
  s.TabRounding = 6;
  s.SelectableTextAlign = ImVec2(0, 0.5f);
  s.ButtonTextAlign = ImVec2(0.5f, 0.5f);
  s.DisplaySafeAreaPadding = ImVec2(0, 0);
  s.AntiAliasedLines = true;
  s.AntiAliasedFill = true;

  ImVec4* c = s.Colors;
  c[ImGuiCol_Text] = vec(kText);
  c[ImGuiCol_TextDisabled] = vec(kTextFaint);
  c[ImGuiCol_WindowBg] = vec(kPageBg);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = vec(kCardBg);
  c[ImGuiCol_Border] = vec(kCardBorder);
  c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_FrameBg] = vec(kCardBg);
  c[ImGuiCol_FrameBgHovered] = vec(kCardBg);
  c[ImGuiCol_FrameBgActive] = vec(kCardBg);
  c[ImGuiCol_TitleBg] = vec(kCardBg);
  c[ImGuiCol_TitleBgActive] = vec(kCardBg);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = vec(rgb(0xCBD5E1));
  c[ImGuiCol_ScrollbarGrabHovered] = vec(rgb(0x94A3B8));
  c[ImGuiCol_ScrollbarGrabActive] = vec(rgb(0x64748B));
  c[ImGuiCol_CheckMark] = vec(kAccent);
  c[ImGuiCol_Button] = vec(kCardBg);
  c[ImGuiCol_ButtonHovered] = vec(rgb(0xF9FAFB));
  c[ImGuiCol_ButtonActive] = vec(rgb(0xF2F4F7));
  c[ImGuiCol_Header] = vec(kAccentSoft);
  c[ImGuiCol_HeaderHovered] = vec(rgb(0xF2F4F7));
  c[ImGuiCol_HeaderActive] = vec(kAccentSoft);
  c[ImGuiCol_Separator] = vec(kDivider);
  c[ImGuiCol_TextSelectedBg] = vec(rgb(0x4F46E5, 50));
  c[ImGuiCol_NavHighlight] = vec(rgb(0x4F46E5, 140));
  c[ImGuiCol_ModalWindowDimBg] = vec(rgb(0x0F172A, 110));
}

}  // namespace portal::client::theme
