// The page's side of attachments (EM_JS) and the app's reading of it. Progress lives in the
// page (window.ppUp) because XMLHttpRequest reports it there; the app copies it only when the
// page's change counter moved, so an idle frame allocates nothing.
#include "attachments.h"

#include <emscripten.h>

#include <algorithm>
#include <cstdio>

#include "portal/protocol/frames.h"
#include "portal/rules/entity_validation.h"

// clang-format off
EM_JS(void, pp_js_up_init, (), {
  if (window.ppUp) return;
  var up = { version: 0, next: 1, items: {}, token: "", images: {}, ready: 0 };
  window.ppUp = up;
  up.send = function(file) {
    var slot = up.next++;
    var item = { slot: slot, name: file.name || "file", size: file.size, sent: 0,
                 status: "uploading", upload_id: "", content_type: "", error: "" };
    up.items[slot] = item;
    up.version++;
    if (file.size > 25 * 1024 * 1024) {
      item.status = "failed";
      item.error = "\"" + item.name + "\" is larger than 25 MB.";
      return;
    }
    var xhr = new XMLHttpRequest();
    up.items[slot].xhr = xhr;
    xhr.open("POST", "/api/uploads");
    xhr.setRequestHeader("Authorization", "Bearer " + up.token);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(item.name));
    xhr.upload.onprogress = function(e) { item.sent = e.loaded; up.version++; };
    xhr.onload = function() {
      var r = {};
      try { r = JSON.parse(xhr.responseText); } catch (e) {}
      if (xhr.status === 201 && r.upload_id) {
        item.status = "done";
        item.upload_id = r.upload_id;
        item.content_type = r.content_type || "";
        item.sent = item.size;
      } else {
        item.status = "failed";
        item.error = (r.error && r.error.message) || ("The upload failed (" + xhr.status + ").");
      }
      up.version++;
    };
    xhr.onerror = function() {
      item.status = "failed";
      item.error = "The upload was interrupted. Check the connection and try again.";
      up.version++;
    };
    xhr.send(file);
  };
  var canvas = document.getElementById("canvas");
  if (canvas) {
    canvas.addEventListener("dragover", function(e) { e.preventDefault(); });
    canvas.addEventListener("drop", function(e) {
      e.preventDefault();
      var files = e.dataTransfer && e.dataTransfer.files;
      if (!files) return;
      for (var i = 0; i < files.length; i++) up.send(files[i]);
    });
  }
  var input = document.createElement("input");
  input.type = "file";
  input.multiple = true;
  input.id = "pp-file-input";
  input.style.display = "none";
  input.addEventListener("change", function() {
    for (var i = 0; i < input.files.length; i++) up.send(input.files[i]);
    input.value = "";
  });
  document.body.appendChild(input);
});
EM_JS(void, pp_js_up_token, (const char* token), {
  window.ppUp.token = UTF8ToString(token);
});
EM_JS(void, pp_js_up_pick, (), {
  var input = document.getElementById("pp-file-input");
  if (input) input.click();
});
EM_JS(int, pp_js_up_version, (), {
  return window.ppUp ? window.ppUp.version : -1;
});
EM_JS(int, pp_js_up_json_size, (), {
  var list = [];
  for (var k in window.ppUp.items) {
    var i = window.ppUp.items[k];
    list.push({ slot: i.slot, name: i.name, size: i.size, sent: i.sent, status: i.status,
                upload_id: i.upload_id, content_type: i.content_type, error: i.error });
  }
  window.ppUp.json = JSON.stringify(list);
  return window.ppUp.json.length * 3 + 1;  // an upper bound of its UTF-8 size
});
EM_JS(void, pp_js_up_json, (char* out, int size), {
  stringToUTF8(window.ppUp.json || "[]", out, size);
});
// A finished upload the page did not make (a draft's file kept across a reload): a slot like any
// other, already done.
EM_JS(int, pp_js_up_adopt, (const char* name, double size, const char* upload_id, const char* type), {
  var up = window.ppUp;
  var slot = up.next++;
  up.items[slot] = { slot: slot, name: UTF8ToString(name), size: size, sent: size, status: "done",
                     upload_id: UTF8ToString(upload_id), content_type: UTF8ToString(type), error: "" };
  up.version++;
  return slot;
});
EM_JS(void, pp_js_up_forget_all, (), {
  var up = window.ppUp;
  if (!up) return;
  for (var k in up.items) if (up.items[k].status === "uploading" && up.items[k].xhr) up.items[k].xhr.abort();
  up.items = {};
  up.version++;
});
EM_JS(void, pp_js_up_forget, (int slot), {
  var item = window.ppUp.items[slot];
  if (!item) return;
  if (item.status === "uploading" && item.xhr) item.xhr.abort();
  delete window.ppUp.items[slot];
  window.ppUp.version++;
});
// Fetches the image with the token, lets the browser decode it, and uploads it as a texture of
// Emscripten's WebGL context (registered in GL.textures so ImGui can draw it by id).
EM_JS(int, pp_js_image, (const char* id_ptr, int* out), {
  var up = window.ppUp;
  var id = UTF8ToString(id_ptr);
  var img = up.images[id];
  if (!img) {
    img = up.images[id] = { tex: 0, w: 0, h: 0, failed: false };
    fetch("/api/files/" + encodeURIComponent(id), { headers: { "Authorization": "Bearer " + up.token } })
      .then(function(r) { if (!r.ok) throw new Error("status " + r.status); return r.blob(); })
      .then(function(b) { return createImageBitmap(b); })
      .then(function(bitmap) {
        var gl = GLctx;
        var tex = gl.createTexture();
        var prev = gl.getParameter(gl.TEXTURE_BINDING_2D);
        gl.bindTexture(gl.TEXTURE_2D, tex);
        gl.pixelStorei(gl.UNPACK_PREMULTIPLY_ALPHA_WEBGL, false);
        gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, bitmap);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE);
        gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE);
        gl.bindTexture(gl.TEXTURE_2D, prev);
        var name = GL.getNewId(GL.textures);
        tex.name = name;
        GL.textures[name] = tex;
        img.tex = name;
        img.w = bitmap.width;
        img.h = bitmap.height;
        if (bitmap.close) bitmap.close();
        up.ready++;
        up.version++;
      })
      .catch(function() { img.failed = true; up.version++; });
  }
  HEAP32[out >> 2] = img.w;
  HEAP32[(out >> 2) + 1] = img.h;
  HEAP32[(out >> 2) + 2] = img.failed ? 1 : 0;
  return img.tex;
});
EM_JS(int, pp_js_images_ready, (), { return window.ppUp ? window.ppUp.ready : 0; });
EM_JS(void, pp_js_download, (const char* id_ptr, const char* name_ptr), {
  var id = UTF8ToString(id_ptr);
  var name = UTF8ToString(name_ptr);
  fetch("/api/files/" + encodeURIComponent(id),
        { headers: { "Authorization": "Bearer " + window.ppUp.token } })
    .then(function(r) { if (!r.ok) throw new Error("status " + r.status); return r.blob(); })
    .then(function(b) {
      var url = URL.createObjectURL(b);
      var a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function() { URL.revokeObjectURL(url); }, 10000);
    })
    .catch(function() {});
});
// clang-format on

namespace portal::client {

namespace attachments {

namespace {
int g_seen_version = -1;
}

void set_token(const std::string& token) {
  pp_js_up_init();
  pp_js_up_token(token.c_str());
}

void pick_files() {
  pp_js_up_init();
  pp_js_up_pick();
}

bool page_changed() {
  const int v = pp_js_up_version();
  if (v == g_seen_version) return false;
  g_seen_version = v;
  return true;
}

bool sync(AttachmentsUi& ui) {
  const int v = pp_js_up_version();
  if (v >= 0 && v != ui.page_version) {
    ui.page_version = v;
    ++ui.edits;
    const int size = pp_js_up_json_size();
    std::string text(static_cast<size_t>(size), '\0');
    pp_js_up_json(text.data(), size);
    text.resize(text.find('\0') == std::string::npos ? text.size() : text.find('\0'));
    Json list = Json::parse(text, nullptr, false);
    ui.all.clear();
    if (list.is_array()) {
      for (const Json& j : list) {
        PendingUpload p;
        p.slot = j.value("slot", 0);
        p.name = j.value("name", "");
        p.size = j.value("size", int64_t{0});
        p.sent = j.value("sent", int64_t{0});
        const std::string status = j.value("status", "");
        p.status = status == "done"     ? UploadStatus::Done
                   : status == "failed" ? UploadStatus::Failed
                                        : UploadStatus::Uploading;
        p.upload_id = j.value("upload_id", "");
        p.content_type = j.value("content_type", "");
        p.error = j.value("error", "");
        ui.all.push_back(std::move(p));
      }
    }
    show(ui, ui.conversation);
  }
  for (const PendingUpload& p : ui.all)
    if (p.status == UploadStatus::Uploading) return true;
  return false;
}

void show(AttachmentsUi& ui, const Id& conversation) {
  ui.conversation = conversation;
  ui.pending.clear();
  for (const PendingUpload& p : ui.all) {
    // A file new to the app belongs to the composer shown now (one that came while none was
    // shown waits for the next).
    auto owner = ui.owner.find(p.slot);
    if (owner == ui.owner.end() && !conversation.empty()) {
      owner = ui.owner.emplace(p.slot, conversation).first;
      ++ui.edits;
    }
    const Id& of = owner == ui.owner.end() ? Id() : owner->second;
    if (of == conversation) ui.pending.push_back(p);
  }
}

void remove(AttachmentsUi& ui, int slot) {
  pp_js_up_forget(slot);
  std::erase_if(ui.pending, [&](const PendingUpload& p) { return p.slot == slot; });
  std::erase_if(ui.all, [&](const PendingUpload& p) { return p.slot == slot; });
  ui.owner.erase(slot);
  ++ui.edits;
}

void clear(AttachmentsUi& ui) {
  while (!ui.pending.empty()) remove(ui, ui.pending.back().slot);
}

void adopt(AttachmentsUi& ui, const Id& conversation, PendingUpload file) {
  pp_js_up_init();
  file.slot = pp_js_up_adopt(file.name.c_str(), static_cast<double>(file.size),
                             file.upload_id.c_str(), file.content_type.c_str());
  file.sent = file.size;
  file.status = UploadStatus::Done;
  ui.owner[file.slot] = conversation;
  ui.all.push_back(std::move(file));
  ++ui.edits;
  show(ui, ui.conversation);
}

void forget_all(AttachmentsUi& ui) {
  pp_js_up_forget_all();
  ui = AttachmentsUi();
}

std::map<Id, std::vector<const PendingUpload*>> done_by_conversation(const AttachmentsUi& ui) {
  std::map<Id, std::vector<const PendingUpload*>> out;
  for (const PendingUpload& p : ui.all) {
    const auto owner = ui.owner.find(p.slot);
    if (p.status == UploadStatus::Done && owner != ui.owner.end()) out[owner->second].push_back(&p);
  }
  return out;
}

std::string problem(const AttachmentsUi& ui) {
  const auto count = static_cast<size_t>(
      std::count_if(ui.pending.begin(), ui.pending.end(),
                    [](const PendingUpload& p) { return p.status != UploadStatus::Failed; }));
  if (count <= kMaxAttachments) return "";
  const size_t extra = count - kMaxAttachments;
  return "A message can carry at most " + std::to_string(kMaxAttachments) + " files: remove " +
         std::to_string(extra) + " of them.";
}

unsigned image_texture(const Id& upload_id, int& w, int& h, bool& failed) {
  pp_js_up_init();
  int out[3] = {0, 0, 0};
  const int tex = pp_js_image(upload_id.c_str(), out);
  w = out[0];
  h = out[1];
  failed = out[2] != 0;
  return static_cast<unsigned>(tex);
}

void download(const Id& upload_id, const std::string& name) {
  pp_js_up_init();
  pp_js_download(upload_id.c_str(), name.c_str());
}

int images_ready() { return pp_js_images_ready(); }

}  // namespace attachments

std::string file_size_label(int64_t bytes) {
  char buf[32];
  if (bytes < 1024) {
    std::snprintf(buf, sizeof buf, "%lld bytes", static_cast<long long>(bytes));
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.0f KB", static_cast<double>(bytes) / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  }
  return buf;
}

}  // namespace portal::client
