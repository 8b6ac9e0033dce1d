// mapline's script for host pages (an external script: it works under a
// strict Content-Security-Policy). It turns
//   <div class="mapline-embed" data-src="https://…/embed.html?…"></div>
// into an iframe, keeps each embed's height fitted to its content, starts an
// embed's map when it comes near the viewport, and gives the page an API:
//   var m = mapline.get(element);      // the div, or the iframe
//   m.goto("ordered-departure");       // an event id, or m.goto({date: "2025-06-11"})
//   m.play(); m.pause(); m.setView("33.3,44.4,6");
//   m.on("eventchange", function (msg) { … msg.id, msg.date … });
// Messages are matched to their iframe by event.source and event.origin;
// docs/embed-api.md describes the protocol. Plain iframes of embed.html with
// the class "mapline-embed" get the same treatment.
//
// Only embed.html is made into an embed: on this script's own origin, or on
// an origin the script element lists,
//   <script src="https://maps.example.org/embed.js"
//           data-origins="https://cdn.example.org https://maps2.example.org"></script>
// A placeholder or iframe with any other address (javascript:, data:,
// another page, another origin) is refused with a console warning and left
// as it is (docs/security.md).
(function () {
  "use strict";
  if (window.mapline && window.mapline.version) return; // loaded twice
  var PROTOCOL = 1;
  var MIN_H = 200, MAX_H = 5000;
  var embeds = [];

  // The origins whose embed.html this script trusts: its own, and those of
  // its data-origins attribute.
  var me = document.currentScript;
  var origins = [];
  function addOrigin(s) {
    try {
      var u = new URL(s);
      if ((u.protocol === "https:" || u.protocol === "http:") && origins.indexOf(u.origin) < 0) origins.push(u.origin);
    } catch (e) { console.warn("mapline: data-origins: " + JSON.stringify(s) + " is not an origin like https://maps.example.org"); }
  }
  if (me && me.src) addOrigin(me.src);
  else console.warn("mapline: embed.js cannot see its own address (loaded as a module?): only the origins of data-origins are trusted");
  var listed = me && me.getAttribute("data-origins");
  if (listed) listed.split(/\s+/).forEach(function (o) { if (o) addOrigin(o); });

  // embedURL returns the address of an embed (resolved against the page),
  // or "" with a console warning when it is not embed.html on a trusted
  // origin. what names the element in the warning.
  function embedURL(src, what) {
    var u = null;
    try { u = new URL(src, document.baseURI); } catch (e) { /* refused below */ }
    var why = !u ? "it is not an address"
      : u.protocol !== "https:" && u.protocol !== "http:" ? "only http: and https: addresses are embedded"
      : origins.indexOf(u.origin) < 0 ? "its origin " + u.origin + " is not this script's (" + origins.join(", ") + "); list it in the script's data-origins"
      : !/\/embed\.html$/.test(u.pathname) ? "only embed.html is embedded"
      : "";
    if (why) {
      console.warn("mapline: refused " + what + " " + JSON.stringify(String(src).slice(0, 200)) + ": " + why);
      return "";
    }
    return u.href;
  }

  function Embed(frame, box, origin) {
    this.frame = frame;
    this.origin = origin; // the embed's origin: messages from any other are not its
    this.box = box || frame;
    this.heard = false; // the embed has spoken: it listens
    this.queue = [];
    this.handlers = {};
    this.state = {};
  }
  Embed.prototype.send = function (msg) {
    msg.mapline = PROTOCOL;
    if (!this.heard || !this.frame.contentWindow) { this.queue.push(msg); return this; }
    this.frame.contentWindow.postMessage(msg, "*");
    return this;
  };
  Embed.prototype["goto"] = function (to) {
    if (to && typeof to === "object") return this.send({ type: "goto", id: to.id, date: to.date });
    var s = String(to);
    return this.send(/^\d{4}(-\d\d){0,2}/.test(s) ? { type: "goto", date: s } : { type: "goto", id: s });
  };
  Embed.prototype.play = function () { return this.send({ type: "play" }); };
  Embed.prototype.pause = function () { return this.send({ type: "pause" }); };
  Embed.prototype.setView = function (view) {
    if (view && typeof view === "object") view = [view.lat, view.lon, view.zoom].join(",");
    return this.send({ type: "setView", view: String(view) });
  };
  Embed.prototype.load = function () { return this.send({ type: "load" }); };
  Embed.prototype.on = function (type, fn) {
    (this.handlers[type] = this.handlers[type] || []).push(fn);
    return this;
  };
  Embed.prototype.receive = function (m) {
    if (!this.heard) {
      this.heard = true;
      while (this.queue.length) this.frame.contentWindow.postMessage(this.queue.shift(), "*");
    }
    if (m.type === "height" && typeof m.height === "number" && isFinite(m.height) && this.frame.hasAttribute("data-fit")) {
      var h = Math.round(Math.min(MAX_H, Math.max(MIN_H, m.height)));
      this.frame.style.height = h + "px";
    }
    this.state[m.type] = m;
    var hs = this.handlers[m.type] || [];
    for (var i = 0; i < hs.length; i++) {
      try { hs[i].call(this, m); } catch (e) { setTimeout(function () { throw e; }); }
    }
    var ev;
    try { ev = new CustomEvent("mapline-" + m.type, { detail: m }); } catch (e) { return; }
    this.box.dispatchEvent(ev);
  };

  function find(source, origin) {
    for (var i = 0; i < embeds.length; i++) {
      if (embeds[i].frame.contentWindow === source && embeds[i].origin === origin) return embeds[i];
    }
    return null;
  }
  window.addEventListener("message", function (e) {
    var m = e.data;
    if (!m || typeof m !== "object" || m.mapline !== PROTOCOL || typeof m.type !== "string") return;
    var em = find(e.source, e.origin);
    if (em) em.receive(m);
  });

  // Near the viewport, an embed starts its map. (A same-origin embed sees
  // this itself; a cross-origin one cannot see the host's viewport margin.)
  var near = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    for (var i = 0; i < entries.length; i++) {
      if (!entries[i].isIntersecting) continue;
      near.unobserve(entries[i].target);
      var em = get(entries[i].target);
      if (em) em.load();
    }
  }, { rootMargin: "600px 0px" }) : null;

  function adopt(frame, box, origin) {
    for (var i = 0; i < embeds.length; i++) if (embeds[i].frame === frame) return embeds[i];
    var em = new Embed(frame, box, origin);
    embeds.push(em);
    if (near) near.observe(frame);
    return em;
  }

  // scan turns the page's embed placeholders into iframes and adopts plain
  // iframes of the class; it runs at load and may be called again.
  function scan(rootEl) {
    var r = rootEl || document;
    var boxes = r.querySelectorAll("div.mapline-embed[data-src]");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.querySelector("iframe") || box.hasAttribute("data-mapline-refused")) continue;
      var src = embedURL(box.getAttribute("data-src"), "data-src");
      if (!src) { box.setAttribute("data-mapline-refused", ""); continue; }
      var f = document.createElement("iframe");
      f.src = src;
      f.title = box.getAttribute("data-title") || "Interactive map with a timeline";
      f.setAttribute("data-fit", "");
      f.setAttribute("allow", "fullscreen");
      f.style.cssText = "display:block;width:100%;border:0;height:" + (parseInt(box.getAttribute("data-height"), 10) || 560) + "px";
      box.appendChild(f);
      // The embed hears that its height follows its content (frame.js).
      adopt(f, box, new URL(src).origin).send({ type: "fit" });
    }
    var plain = r.querySelectorAll("iframe.mapline-embed:not([data-mapline-refused])");
    for (var j = 0; j < plain.length; j++) {
      if (get(plain[j])) continue;
      var psrc = embedURL(plain[j].getAttribute("src") || "", "iframe src");
      if (psrc) adopt(plain[j], plain[j], new URL(psrc).origin);
      else plain[j].setAttribute("data-mapline-refused", "");
    }
    return embeds.length;
  }

  function get(el) {
    if (typeof el === "string") el = document.querySelector(el);
    if (typeof el === "number") return embeds[el] || null;
    for (var i = 0; i < embeds.length; i++) {
      if (embeds[i].frame === el || embeds[i].box === el) return embeds[i];
    }
    return null;
  }

  window.mapline = { version: PROTOCOL, scan: scan, get: get, embeds: function () { return embeds.slice(); } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { scan(); });
  else scan();
})();
