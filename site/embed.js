// Starts the map of embed.html: fits the map area between the header and the
// panel, then streams and runs the wasm. No inline script is needed.
(function () {
  "use strict";
  var root = document.documentElement;
  var q = new URLSearchParams(location.search);
  // Theme: dark=true|false|auto (auto follows the reader's colour scheme).
  // The map reads the root's "dark" class and listens for "mapline-theme".
  var dark = q.get("dark");
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

  // The body is the map: keep it between the header and the panel. Ebitengine
  // sizes its canvas on window resize, so tell it when the panel changes.
  var head = document.getElementById("head");
  var panel = document.getElementById("panel");
  var list = document.getElementById("story-list");
  var toggle = document.getElementById("list-toggle");
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
  function refit() { if (fit()) window.dispatchEvent(new Event("resize")); }

  // The list of all events: open beside the map on wide embeds, closed (over
  // the map when opened) on narrow ones.
  function showList(open) {
    list.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Hide the list" : "All events";
    refit();
  }
  showList(wide.matches);
  toggle.addEventListener("click", function () { showList(list.hidden); });
  if (wide.addEventListener) wide.addEventListener("change", function () { showList(wide.matches); });
  fit();
  if (window.ResizeObserver) new ResizeObserver(refit).observe(panel);

  // Focus ring on the map only for the keyboard (see embed.css). Registered
  // before the map's own listeners, so it sees every event.
  window.addEventListener("pointerdown", function (e) {
    if (e.target && e.target.tagName === "CANVAS") e.target.setAttribute("data-pointer", "");
  }, true);
  window.addEventListener("keydown", function () {
    var c = document.querySelector("canvas[data-pointer]");
    if (c) c.removeAttribute("data-pointer");
  }, true);

  function fail(msg) {
    root.setAttribute("data-mapline", "error");
    var note = document.getElementById("map-note");
    note.hidden = false;
    note.textContent = msg;
  }
  if (!window.WebAssembly || !window.Go) {
    fail("This browser cannot run the interactive map.");
    return;
  }
  var go = new Go();
  var wasm = fetch("mapline.wasm");
  var start = WebAssembly.instantiateStreaming
    ? WebAssembly.instantiateStreaming(wasm, go.importObject)
    : wasm.then(function (r) { return r.arrayBuffer(); })
        .then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
  start.then(function (r) { return go.run(r.instance); })
    .catch(function (e) { fail("The interactive map could not be loaded: " + e); });
})();
