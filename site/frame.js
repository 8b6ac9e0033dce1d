// The page script of embed.html (no inline script is needed, so a strict CSP
// works): flags, theme and layout, the static poster, when to load the wasm
// (lazy; the downloads themselves start in the page's first script, in its
// head, often before this one runs) and its progress bar, and the postMessage
// protocol with the host page (docs/embed-api.md).
(function () {
  "use strict";
  var root = document.documentElement;
  var q = new URLSearchParams(location.search);
  var $ = function (id) { return document.getElementById(id); };
  // The reader's words (lang.js), English when they are not there yet.
  function T(key, english) {
    var t = window.maplineLang && window.maplineLang.text(key);
    return typeof t === "string" ? t : english;
  }
  var english = (root.getAttribute("lang") || "en").split("-")[0] === "en";
  // What the page shares with the wasm, as make build writes it from Go
  // (internal/embedspec): the flags and the values each accepts, the map's
  // shape, read once by the script in the head (maplineSpec, maplineFlag).
  // A flag means here what it means to the wasm: its value as the table
  // maps it; absent or not accepted (the wasm reports it), its default.
  var spec = window.maplineSpec || {};
  var flag = window.maplineFlag || function () { return ""; };

  // Theme: dark, or dark=auto (follows the reader's colour scheme).
  // The map reads the root's "dark" class and listens for "mapline-theme".
  var dark = flag("dark");
  var scheme = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function theme() {
    var on = dark === "true" || (dark === "auto" && !!scheme && scheme.matches);
    if (root.classList.contains("dark") === on) return;
    root.classList.toggle("dark", on);
    window.dispatchEvent(new Event("mapline-theme"));
  }
  theme();
  if (scheme && dark === "auto") {
    if (scheme.addEventListener) scheme.addEventListener("change", theme);
    else if (scheme.addListener) scheme.addListener(theme);
  }
  // plain: no title and no footer; transparent: the host's background shows
  // around the map.
  root.classList.toggle("plain", flag("plain") === "true");
  root.classList.toggle("transparent", flag("transparent") === "true");

  // The body is the map: keep it between the header and the panel. Ebitengine
  // sizes its canvas on window resize, so tell it when the panel changes.
  var head = $("head");
  var panel = $("panel");
  var list = $("story-list");
  var toggle = $("list-toggle");
  var wide = window.matchMedia ? window.matchMedia("(min-width: 860px)") : { matches: false };
  function fit() {
    var side = wide.matches && !list.hidden ? list.offsetWidth : 0;
    var vars = { "--head-h": head.offsetHeight + "px", "--panel-h": panel.offsetHeight + "px", "--side-w": side + "px" };
    var changed = false;
    for (var k in vars) {
      if (root.style.getPropertyValue(k) !== vars[k]) { root.style.setProperty(k, vars[k]); changed = true; }
    }
    return changed;
  }
  function refit() {
    if (fit()) window.dispatchEvent(new Event("resize"));
    postHeight();
  }

  // The list of all events: open beside the map on wide embeds, closed (over
  // the map when opened) on narrow ones.
  function showList(open) {
    list.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? T("list.hide", "Hide the list") : T("list.show", "All events");
    refit();
  }

  // Focus ring on the map only for the keyboard (see embed.css). Registered
  // before the map's own listeners, so it sees every event.
  window.addEventListener("pointerdown", function (e) {
    if (e.target && e.target.tagName === "CANVAS") e.target.setAttribute("data-pointer", "");
  }, true);
  window.addEventListener("keydown", function () {
    var c = document.querySelector("canvas[data-pointer]");
    if (c) c.removeAttribute("data-pointer");
  }, true);

  // ---- The host page (docs/embed-api.md) ----
  // Messages go to the embedding window only; commands are taken from it
  // only, checked field by field, and handed to the map as data.
  var host = window.parent !== window ? window.parent : null;
  var PROTOCOL = 1;
  function post(type, fields) {
    if (!host) return;
    var m = { mapline: PROTOCOL, type: type };
    for (var k in fields) m[k] = fields[k];
    // Public facts of a public story: any origin may embed it and hear them.
    host.postMessage(m, "*");
  }

  // height: what the embed needs to show everything without scrolling: the
  // header, the panel and a map of a pleasant shape, or the open list on
  // narrow embeds. It depends on the width only, so a host that follows it
  // never feeds back into it.
  // The map's shape (ratio to the width, least and most height in px) is
  // Go's (the spec above), as the posters are cut for it.
  var lastHeight = 0;
  var shape = spec.map || [0, 0, 0];
  function wantedHeight() {
    var w = window.innerWidth;
    var map = Math.round(Math.min(Math.max(w * shape[0], shape[1]), shape[2]));
    var h = head.offsetHeight + panel.offsetHeight + map;
    if (!wide.matches && !list.hidden) h = Math.max(h, head.offsetHeight + list.scrollHeight + panel.offsetHeight);
    return Math.ceil(h);
  }
  function postHeight() {
    var h = wantedHeight();
    if (!host || h === lastHeight) return;
    lastHeight = h;
    post("height", { height: h });
    // AMP's amp-iframe resizes on its own message.
    host.postMessage({ sentinel: "amp", type: "embed-size", height: h }, "*");
  }

  // static (or static=click) means no wasm until the reader asks (see "When
  // to load" below): the host's "load" and commands wait too.
  var staticMode = flag("static");
  var staticOnly = staticMode === "true" || staticMode === "click";
  var sent = {}; // what the host has been told (watch)
  var commands = { "goto": 1, play: 1, pause: 1, setView: 1, load: 1, fit: 1 };
  var queued = [];
  function str(v, max) { return typeof v === "string" && v.length <= max ? v : ""; }
  window.addEventListener("message", function (e) {
    if (!host || e.source !== host) return;
    var d = e.data;
    if (!d || typeof d !== "object" || d.mapline !== PROTOCOL || !commands.hasOwnProperty(d.type)) return;
    if (d.type === "load") { if (!staticOnly) start("host"); return; }
    // The host fits the iframe's height to what the embed asks for: the
    // layout for short embeds (the style sheet) must not apply, or the height
    // would depend on itself.
    if (d.type === "fit") { root.classList.add("fitted"); refit(); return; }
    var c = { type: d.type, id: str(d.id, 200), date: str(d.date, 40), view: str(d.view, 80) };
    if (d.type === "setView" && !c.view && typeof d.lat === "number" && typeof d.lon === "number" && typeof d.zoom === "number") {
      c.view = d.lat + "," + d.lon + "," + d.zoom;
    }
    if (d.type === "goto" && !c.id && !c.date) return;
    if (d.type === "setView" && !c.view) return;
    if (!sent.drawn) { if (queued.length < 32) queued.push(c); if (!staticOnly) start("host"); return; }
    command(c);
  });
  function command(c) { window.dispatchEvent(new CustomEvent("mapline-command", { detail: c })); }
  window.addEventListener("mapline-error", function (e) {
    post("error", { message: String(e.detail && e.detail.message), command: String(e.detail && e.detail.command) });
  });
  // The map shows its state on the root; tell the host when it changes.
  function watch() {
    var state = root.getAttribute("data-mapline");
    if (state !== sent.state && (state === "ready" || state === "error")) {
      sent.state = state;
      if (state === "ready") {
        post("ready", { event: root.getAttribute("data-event"), date: root.getAttribute("data-date"), view: root.getAttribute("data-view") });
      } else {
        // The story could not be shown (or not all of it): the note says
        // why; the host hears it, and the progress bar goes.
        if (loader) loader.hidden = true;
        post("error", { message: note.innerText || note.textContent, command: "" });
      }
    }
    // The map has drawn (a story with errors draws too): it takes over.
    if (root.hasAttribute("data-drawn") && !sent.drawn) {
      sent.drawn = true;
      root.classList.add("live");
      if (loader) loader.hidden = true;
      while (queued.length) command(queued.shift());
    }
    var ev = root.getAttribute("data-event");
    if (ev && ev !== sent.event) {
      sent.event = ev;
      post("eventchange", { id: ev, date: root.getAttribute("data-date") });
    }
    var view = root.getAttribute("data-view");
    if (view && view !== sent.view && sent.drawn) {
      sent.view = view;
      post("viewchange", { view: view });
    }
  }
  new MutationObserver(watch).observe(root, { attributes: true, attributeFilter: ["data-mapline", "data-event", "data-view", "data-drawn"] });

  // ---- The poster and the story in HTML ----
  // make build writes the demo's poster and its story into embed.html. They
  // stand for the page's default state only: another story, time, view or
  // mode drops them, and the map shows its own once it runs.
  var poster = $("poster");
  // The poster and the text are English: another language drops them too.
  var sameStory = !q.has("data") && english;
  var defaults = sameStory && !q.has("t") && !q.has("view") && flag("mode") === "cumulative" && !location.hash;
  if (!defaults) {
    if (poster) poster.remove();
    poster = null;
    // The card belongs to the opening event; with another story, the title,
    // the list and the timeline's ends go too. The elements stay (the map
    // writes into them), their text goes.
    var pre = document.querySelectorAll("[data-prerendered]");
    for (var i = 0; i < pre.length; i++) {
      var kind = pre[i].getAttribute("data-prerendered");
      if (kind === "story" && sameStory) continue;
      if (kind === "state") {
        var parts = pre[i].querySelectorAll("[id]");
        for (var j = 0; j < parts.length; j++) parts[j].textContent = "";
      } else if (pre[i].id === "story-title") {
        pre[i].textContent = "Loading the story…"; // lang.js puts it in the reader's words
      } else {
        pre[i].textContent = "";
      }
    }
  }
  // Of the posters, the one closest to the map's shape shows (without
  // script, embed.css picks by width).
  function pickPoster() {
    var box = poster.getBoundingClientRect(), best = null, bestD = Infinity;
    if (!box.width || !box.height) return;
    var svgs = poster.querySelectorAll("svg[data-view]");
    for (var i = 0; i < svgs.length; i++) {
      var vb = svgs[i].viewBox && svgs[i].viewBox.baseVal;
      if (!vb || !vb.width || !vb.height) continue;
      var d = Math.abs(Math.log((box.width / box.height) / (vb.width / vb.height))) + 0.2 * Math.abs(Math.log(box.width / vb.width));
      if (d < bestD) { bestD = d; best = svgs[i].parentNode; }
    }
    for (var j = 0; j < poster.children.length; j++) poster.children[j].classList.toggle("picked", poster.children[j] === best);
    poster.setAttribute("data-picked", "");
  }
  if (poster) {
    root.setAttribute("data-poster", "");
    pickPoster();
    window.addEventListener("resize", function () { if (!started) pickPoster(); });
  }

  // ---- Loading the wasm ----
  var note = $("map-note");
  var loader = $("loader");
  var bar = $("load-progress");
  var loadButton = $("load-map");
  function fail(msg) {
    root.setAttribute("data-mapline", "error");
    if (loader) loader.hidden = true;
    note.hidden = false;
    note.classList.add("oneline");
    note.textContent = msg + (poster ? " " + T("error.still", "This is a still picture of it; every event is in the list.") : "");
  }
  // The live map opens on the view of the poster on show, as the page scaled
  // it (to cover the map, centred: a zoom of log2 of the scale more), so the
  // picture does not jump when the map takes over.
  function startView() {
    if (!poster) return;
    var svgs = poster.querySelectorAll("svg[data-view]");
    for (var i = 0; i < svgs.length; i++) {
      var box = svgs[i].getBoundingClientRect(), vb = svgs[i].viewBox && svgs[i].viewBox.baseVal;
      if (!box.width || !box.height || !vb || !vb.width || !vb.height) continue; // not the one on show
      var v = svgs[i].getAttribute("data-view").split(",").map(Number);
      if (v.length !== 3 || v.some(isNaN)) return;
      var scale = Math.max(box.width / vb.width, box.height / vb.height);
      root.setAttribute("data-start-view", v[0] + "," + v[1] + "," + (v[2] + Math.log2(scale)).toFixed(3));
      return;
    }
  }
  // A moment of the map's start in the performance timeline (cmd/bench logs
  // the load's marks).
  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
  var started = false;
  function start(why) {
    if (started) return;
    started = true;
    if (loadButton) loadButton.hidden = true;
    root.setAttribute("data-load", why);
    if (!window.WebAssembly || !window.Go) { fail(T("error.browser", "This browser cannot run the interactive map.")); return; }
    var probe = document.createElement("canvas");
    if (!probe.getContext || !probe.getContext("webgl2")) { fail(T("error.webgl", "This browser cannot draw the interactive map (WebGL 2 is not available).")); return; }
    startView();
    var go = new Go();
    loader.hidden = false;
    // The downloads (the wasm, compiled as it streams in; the basemap's
    // archive head; the story) started in the <head> when the page knew
    // it would load the map (the first script there); otherwise they
    // start now.
    var load = window.maplineLoad ? window.maplineLoad() : null;
    if (!load) { fail(T("error.load", "The interactive map could not be loaded: {error}").replace("{error}", "its first script did not load")); return; }
    var shown = -1;
    load.progress.onbytes = function (got, total) {
      var pct = total ? Math.min(99, Math.floor(100 * got / total)) : -1;
      if (pct === shown) return;
      shown = pct;
      if (pct >= 0) { bar.value = pct; bar.setAttribute("aria-valuetext", pct + "%"); }
      else bar.removeAttribute("value");
    };
    load.wasm.then(function (module) {
      mark("mapline:compiled");
      return WebAssembly.instantiate(module, go.importObject);
    }).then(function (instance) {
      mark("mapline:instantiated");
      bar.value = 100;
      return go.run(instance);
    }).catch(function (e) { fail(T("error.load", "The interactive map could not be loaded: {error}").replace("{error}", String(e && e.message || e))); });
  }

  // When to load: static keeps the poster and loads nothing until the
  // reader asks with the button (static=click; or any static without a
  // poster, as with another story, language, time or view: there is no
  // still map then, only the story in HTML and the button); lazy=false at
  // once; otherwise when the embed comes near the reader's viewport (or the
  // host says it is near, for cross-origin hosts, whose viewport margin the
  // embed cannot see).
  if (staticOnly) {
    root.setAttribute("data-load", "waiting");
    if ((staticMode === "click" || !poster) && loadButton) {
      loadButton.hidden = false;
      loadButton.addEventListener("click", function () { start("click"); });
    }
  } else if (flag("lazy") === "false" || !window.IntersectionObserver) {
    start("eager");
  } else {
    root.setAttribute("data-load", "waiting");
    var io = new IntersectionObserver(function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) { io.disconnect(); start("near"); return; }
      }
    }, { rootMargin: "600px 0px" });
    io.observe(root);
  }

  showList(wide.matches);
  toggle.addEventListener("click", function () { showList(list.hidden); });
  if (wide.addEventListener) wide.addEventListener("change", function () { showList(wide.matches); });
  fit();
  if (window.ResizeObserver) {
    var ro = new ResizeObserver(refit);
    ro.observe(panel);
    ro.observe(head);
    ro.observe($("events"));
  }
  window.addEventListener("resize", postHeight);
  postHeight();
})();
