/* The action-plan app's page in a workshop room: it says whether its connection to the app
 * is alive, never lets an old "Saved at" stand while it is not, keeps typing not yet added in
 * this browser (per team and field) and offers it back after a reload, warns before leaving a
 * page that holds such typing, refuses an oversized import at once, and frees its kernel when
 * the page goes away.
 *
 * What runs where:
 * - here, in the browser: the kernel's websocket is watched (a closed socket, or a kernel that
 *   restarted or died, is a lost connection at once); every few seconds a number is written
 *   into a hidden field (.dgt-ping) and the kernel must echo it (.dgt-pong), which proves the
 *   whole path works; typing in the fields marked .dgt-draft is kept in localStorage under
 *   "dgt-draft:<team>"; on pagehide a beacon asks the server to shut this page's kernel down.
 * - in the kernel (dgtkit.widgets.together.Liveness): the echo, and the team's code.
 * - in the server (dgtkit.exercises.room_server): the shutdown, the pool's health.
 * Loaded in the page's head, before Voila's own code opens the websocket.
 */
(function () {
  "use strict";
  if (window.__dgtRoom) return;
  window.__dgtRoom = true;

  var PING_EVERY_MS = 3000;
  var SLOW_AFTER_MS = 12000; // no echo for this long: say we are waiting
  var LOST_AFTER_MS = 40000; // no echo for this long: the connection is lost
  var state = "starting";
  var permanent = false; // the kernel restarted or died: its forms are gone for good
  var kernelId = null;
  var socketOpen = false;
  var lastPong = 0;
  var lastPingSent = 0;
  var pingNumber = 0;
  var team = "";
  var offered = false;
  var seen = {};

  // -- the kernel's websocket ----------------------------------------------------------------

  var Native = window.WebSocket;
  var CHANNELS = /\/api\/kernels\/([0-9a-f-]{36})\/channels/;

  function decode(data) {
    // A Jupyter message as sent over the websocket: JSON text, or the binary
    // "v1.kernel.websocket.jupyter.org" framing (offsets, channel, header, parent,
    // metadata, content, buffers).
    if (typeof data === "string") {
      try { return JSON.parse(data); } catch (e) { return null; }
    }
    if (!(data instanceof ArrayBuffer)) return null;
    try {
      var view = new DataView(data);
      var count = Number(view.getBigUint64(0, true));
      var offsets = [];
      for (var i = 0; i < count; i++) offsets.push(Number(view.getBigUint64(8 * (i + 1), true)));
      var text = new TextDecoder();
      var part = function (n) { return text.decode(new Uint8Array(data, offsets[n], offsets[n + 1] - offsets[n])); };
      var channel = part(0);
      var header = JSON.parse(part(1));
      if (header.msg_type !== "status") return { channel: channel, header: header };
      return { channel: channel, header: header, content: JSON.parse(part(4)) };
    } catch (e) {
      return null;
    }
  }

  function watch(socket, url) {
    var match = CHANNELS.exec(url);
    if (!match) return;
    kernelId = match[1];
    socket.addEventListener("open", function () { socketOpen = true; check(); });
    socket.addEventListener("close", function () {
      socketOpen = false;
      if (!leaving) show("reconnecting");
    });
    socket.addEventListener("message", function (event) {
      var message = decode(event.data);
      if (!message || !message.header || message.header.msg_type !== "status") return;
      var execution = message.content && message.content.execution_state;
      if (execution === "restarting" || execution === "dead") {
        permanent = true;
        show("lost");
      }
    });
  }

  function Watched(url, protocols) {
    var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    try { watch(socket, String(url)); } catch (e) { /* never break the app */ }
    return socket;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) { Watched[name] = Native[name]; });
  window.WebSocket = Watched;

  // -- the banner that says the connection's state -------------------------------------------

  var TEXT = {
    connected: ["Connected", "Every change you add is saved for your team."],
    reconnecting: ["Reconnecting...", "The connection to the app was interrupted. Keep this " +
      "page open: what you type is kept in this browser, and nothing is saved until the " +
      "connection is back."],
    lost: ["Connection lost", "The app has stopped answering, so nothing you change now is " +
      "saved. What you typed is kept in this browser: reload the page (and type your team " +
      "code) to continue, and the page will offer your typing back."],
  };
  var banner, bannerTitle, bannerText, bannerNote, download;

  function ensureBanner() {
    if (banner || !document.body) return;
    var style = document.createElement("style");
    style.textContent =
      "#dgt-connection{margin:0.4em 0;padding:0.4em 0.8em;border:2px solid #1b5e20;" +
      "border-radius:4px;background:#fff;color:#111;font-size:0.95em}" +
      "#dgt-connection[data-state=reconnecting]{border-color:#8a5a00;border-style:dashed}" +
      "#dgt-connection[data-state=lost]{border-color:#a4000f;border-width:3px}" +
      "#dgt-connection[data-state=starting]{display:none}" +
      "body.dgt-not-connected .dgt-saved{display:none}" +
      "#dgt-connection a{margin-left:0.5em}#dgt-offer button{margin-right:0.5em}";
    document.head.appendChild(style);
    banner = document.createElement("div");
    banner.id = "dgt-connection";
    banner.setAttribute("role", "status");
    banner.setAttribute("aria-live", "polite");
    bannerTitle = document.createElement("strong");
    bannerText = document.createElement("span");
    bannerNote = document.createElement("div");
    bannerNote.className = "dgt-connection-note";
    download = document.createElement("a");
    download.textContent = "Download what you typed";
    download.href = "#";
    download.style.display = "none";
    download.addEventListener("click", saveAsFile);
    banner.appendChild(bannerTitle);
    banner.appendChild(document.createTextNode(" "));
    banner.appendChild(bannerText);
    banner.appendChild(download);
    banner.appendChild(bannerNote);
    document.body.insertBefore(banner, document.body.firstChild);
  }

  function show(next) {
    if (permanent) next = "lost";
    ensureBanner();
    if (!banner) return;
    if (next !== state) {
      state = next;
      banner.setAttribute("data-state", next);
      bannerTitle.textContent = "\u25CF " + TEXT[next][0] + ":";
      bannerText.textContent = " " + TEXT[next][1];
      bannerNote.textContent = "";
      if (next === "connected") resend();
    }
    document.body.classList.toggle("dgt-not-connected", next !== "connected");
    document.body.classList.toggle("dgt-lost", next === "lost");
    download.style.display = next !== "connected" && hasDraft() ? "" : "none";
  }

  function check() {
    if (permanent) return show("lost");
    var now = Date.now();
    if (!lastPong) return; // the page is still starting
    if (!socketOpen && kernelId) return show(now - lastPong > LOST_AFTER_MS / 4 ? "lost" : "reconnecting");
    if (now - lastPong > LOST_AFTER_MS) return show("lost");
    if (now - lastPong > SLOW_AFTER_MS) return show("reconnecting");
    show("connected");
  }

  // -- the echo: write a number, the kernel writes it back ------------------------------------

  function ping() {
    var field = document.querySelector(".dgt-ping input");
    if (!field) return;
    pingNumber += 1;
    field.value = String(pingNumber);
    field.dispatchEvent(new Event("input", { bubbles: true }));
    lastPingSent = Date.now();
  }

  function readPong() {
    var mark = document.querySelector(".dgt-pong [data-pong]");
    if (!mark) return;
    var answered = Number(mark.getAttribute("data-pong"));
    if (answered && answered > pingNumber - 3 && answered !== readPong.last) {
      readPong.last = answered;
      lastPong = Date.now();
    }
    var named = mark.getAttribute("data-team") || "";
    if (named !== team) {
      team = named;
      offered = false;
      seen = {};
    }
  }

  // -- typing not yet added, kept in this browser --------------------------------------------

  function storeKey() { return "dgt-draft:" + team; }

  function readDraft() {
    if (!team) return {};
    try { return JSON.parse(localStorage.getItem(storeKey()) || "{}") || {}; } catch (e) { return {}; }
  }

  function writeDraft(draft) {
    if (!team) return;
    try {
      if (Object.keys(draft).length) localStorage.setItem(storeKey(), JSON.stringify(draft));
      else localStorage.removeItem(storeKey());
    } catch (e) { /* storage full or off: the warning on leaving still stands */ }
  }

  function hasDraft() { return Object.keys(readDraft()).length > 0; }

  function fields() {
    var found = {};
    document.querySelectorAll(".dgt-draft").forEach(function (box) {
      var name = null;
      box.classList.forEach(function (c) { if (c.indexOf("dgt-draft-") === 0) name = c.slice(10); });
      var input = box.querySelector("input, textarea");
      if (name && input) found[name] = input;
    });
    return found;
  }

  function fieldName(element) {
    var box = element.closest && element.closest(".dgt-draft");
    if (!box) return null;
    var name = null;
    box.classList.forEach(function (c) { if (c.indexOf("dgt-draft-") === 0) name = c.slice(10); });
    return name;
  }

  document.addEventListener("input", function (event) {
    if (!event.isTrusted) return; // our own events (the echo, putting typing back)
    var name = fieldName(event.target);
    if (!name) return;
    if (!team) readPong(); // the form may have come a moment before the clock's next look
    if (!team) return;
    var draft = readDraft();
    if (event.target.value) draft[name] = event.target.value; else delete draft[name];
    seen[name] = event.target.value;
    writeDraft(draft);
    if (state !== "connected") show(state); // offer the download at once
  }, true);

  function followKernel() {
    // A field the kernel changed (the action was added and the form cleared, another action
    // was loaded) holds no typing of ours any more.
    var found = fields();
    var draft = readDraft();
    var changed = false;
    Object.keys(found).forEach(function (name) {
      var value = found[name].value;
      if (!(name in seen)) { seen[name] = value; return; }
      if (value !== seen[name]) {
        seen[name] = value;
        // Only a field the kernel emptied: an echo of older typing is not a change.
        if (name in draft && value === "" && state === "connected") {
          delete draft[name];
          changed = true;
        }
      }
    });
    if (changed) writeDraft(draft);
    if (!offered && team && Object.keys(found).length && hasDraft()) offer();
  }

  var LABELS = { title: "Action", description: "Description", lead: "Lead",
    objective: "New objective", indicator: "Indicator", risks: "Risks",
    mitigation: "Mitigation", budget: "Budget estimate" };

  function offer() {
    offered = true;
    var draft = readDraft();
    var found = fields();
    var empty = Object.keys(draft).every(function (n) { return !found[n] || !found[n].value; });
    if (!empty) return; // the form already holds typing: nothing to put back
    ensureBanner();
    var box = document.createElement("div");
    box.id = "dgt-offer";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Typing kept in this browser");
    box.style.cssText = "margin:0.4em 0;padding:0.4em 0.8em;border:2px solid #0b4f8a;border-radius:4px";
    var parts = Object.keys(draft).map(function (n) {
      var text = String(draft[n]);
      return (LABELS[n] || n.replace(/_/g, " ")) + ": '" + (text.length > 60 ? text.slice(0, 60) + "..." : text) + "'";
    });
    var said = document.createElement("p");
    said.setAttribute("role", "status");
    said.textContent = "This browser kept typing of your team that was not added to the plan " +
      "yet (" + parts.join("; ") + "). Put it back into the form?";
    var back = document.createElement("button");
    back.textContent = "Put it back into the form";
    back.addEventListener("click", function () { putBack(); box.remove(); });
    var drop = document.createElement("button");
    drop.textContent = "Discard it";
    drop.addEventListener("click", function () { writeDraft({}); box.remove(); show(state); });
    box.appendChild(said);
    box.appendChild(back);
    box.appendChild(drop);
    banner.parentNode.insertBefore(box, banner.nextSibling);
  }

  function putBack() {
    var draft = readDraft();
    var found = fields();
    Object.keys(draft).forEach(function (name) {
      var input = found[name];
      if (!input) return;
      input.value = draft[name];
      seen[name] = input.value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function resend() {
    // The connection is back: send the kept typing again (the kernel may have missed it).
    var draft = readDraft();
    var found = fields();
    Object.keys(draft).forEach(function (name) {
      var input = found[name];
      if (input && input.value === draft[name]) input.dispatchEvent(new Event("input", { bubbles: true }));
    });
  }

  function saveAsFile(event) {
    event.preventDefault();
    var draft = readDraft();
    var lines = ["Typing not yet added to the plan of team " + team + ":", ""];
    Object.keys(draft).forEach(function (n) { lines.push((LABELS[n] || n) + ": " + draft[n]); });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([lines.join("\n") + "\n"], { type: "text/plain" }));
    link.download = "action-plan-typing-" + (team || "team") + ".txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  // -- leaving the page ----------------------------------------------------------------------

  var leaving = false;
  window.addEventListener("beforeunload", function (event) {
    if (hasDraft()) {
      event.preventDefault();
      event.returnValue = "Your team's typing has not been added to the plan yet.";
      return event.returnValue;
    }
  });

  window.addEventListener("pagehide", function () {
    leaving = true;
    if (!kernelId || !navigator.sendBeacon) return;
    var body = new FormData();
    var xsrf = /(?:^|;\s*)_xsrf=([^;]*)/.exec(document.cookie);
    if (xsrf) body.append("_xsrf", decodeURIComponent(xsrf[1]));
    var base = (document.body && document.body.getAttribute("data-base-url")) || "/voila/";
    navigator.sendBeacon(base + "api/shutdown/" + kernelId, body);
  });

  // -- while the connection is not there: no silent clicks ------------------------------------

  document.addEventListener("click", function (event) {
    if (state !== "lost" && state !== "reconnecting") return;
    var button = event.target.closest && event.target.closest(".jupyter-widgets button, button.jupyter-button");
    if (!button || button.closest("#dgt-connection, #dgt-offer")) return;
    if (state === "lost") {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
    ensureBanner();
    bannerNote.textContent = (state === "lost" ? "Not done" : "Waiting") + ": '" +
      button.textContent.trim() + "' needs the connection to the app. " +
      (state === "lost" ? "Reload the page to continue; your typing is kept." :
        "It will happen when the connection is back.");
  }, true);

  // -- an import larger than the app takes: say so at once -----------------------------------
  // ipywidgets' FileUpload reads the file from an <input type=file> that is not in the page,
  // and a file too large for the websocket (about 10 MB) vanished without a word. The check
  // wraps the input's own "change" listener, with the limit the kernel gives its button.

  function tooLarge(input) {
    var box = document.querySelector(".dgt-import");
    var file = input.files && input.files[0];
    if (!box || !file) return false;
    var limit = 0;
    box.classList.forEach(function (c) { if (c.indexOf("dgt-max-bytes-") === 0) limit = Number(c.slice(14)); });
    var old = document.querySelector(".dgt-import-refused");
    if (old) old.remove();
    if (!limit || file.size <= limit) return false;
    var message = document.createElement("p");
    message.className = "dgt-import-refused";
    message.setAttribute("role", "alert");
    message.style.color = "#a4000f";
    var word = document.createElement("b");
    word.textContent = "Problem: ";
    message.appendChild(word);
    message.appendChild(document.createTextNode(
      "'" + file.name + "' was not imported: it is " + (file.size / 1e6).toFixed(1) +
      " MB, and a plan exported by this app is well under " + (limit / 1e6).toFixed(0) +
      " MB. Choose the .json or .xlsx file the app exported. Your plan is unchanged."));
    box.parentNode.insertBefore(message, box.nextSibling);
    input.value = "";
    return true;
  }

  var nativeListen = HTMLInputElement.prototype.addEventListener;
  HTMLInputElement.prototype.addEventListener = function (type, listener, options) {
    if (type === "change" && this.type === "file" && typeof listener === "function") {
      var input = this;
      var original = listener;
      listener = function (event) {
        if (tooLarge(input)) return;
        return original.call(this, event);
      };
    }
    return nativeListen.call(this, type, listener, options);
  };

  // What the page knows, for a facilitator's browser console and the browser tests.
  window.dgtRoom = {
    get state() { return state; },
    get kernelId() { return kernelId; },
    get team() { return team; },
  };

  // -- the clock -----------------------------------------------------------------------------

  setInterval(function () {
    readPong();
    followKernel();
    check();
    if (Date.now() - lastPingSent >= PING_EVERY_MS) ping();
  }, 500);
})();
