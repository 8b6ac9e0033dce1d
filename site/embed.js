// mapline's script for host pages (an external script: it works under a
// strict Content-Security-Policy). It turns
//   <div class="mapline-embed" data-src="https://…/embed.html?…"></div>
// into an iframe, keeps each embed's height fitted to its content, starts an
// embed's map when it comes near the viewport, and gives the page an API:
//   var m = mapline.get(element);      // the div, or the iframe
//   m.goto("ordered-departure");       // an event id, or m.goto({date: "2025-06-11"})
//   m.play(); m.pause(); m.setView("33.3,44.4,6");
//   m.on("eventchange", function (msg) { … msg.id, msg.date … });
// Messages are matched to their iframe by event.source; docs/embed-api.md
// describes the protocol. Plain iframes of embed.html with the class
// "mapline-embed" get the same treatment.
(function () {
  "use strict";
  if (window.mapline && window.mapline.version) return; // loaded twice
  var PROTOCOL = 1;
  var MIN_H = 200, MAX_H = 5000;
  var embeds = [];

  function Embed(frame, box) {
    this.frame = frame;
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

  function find(source) {
    for (var i = 0; i < embeds.length; i++) {
      if (embeds[i].frame.contentWindow === source) return embeds[i];
    }
    return null;
  }
  window.addEventListener("message", function (e) {
    var m = e.data;
    if (!m || typeof m !== "object" || m.mapline !== PROTOCOL || typeof m.type !== "string") return;
    var em = find(e.source);
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

  function adopt(frame, box) {
    for (var i = 0; i < embeds.length; i++) if (embeds[i].frame === frame) return embeds[i];
    var em = new Embed(frame, box);
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
      if (box.querySelector("iframe")) continue;
      var f = document.createElement("iframe");
      f.src = box.getAttribute("data-src");
      f.title = box.getAttribute("data-title") || "Interactive map with a timeline";
      f.setAttribute("data-fit", "");
      f.setAttribute("allow", "fullscreen");
      f.style.cssText = "display:block;width:100%;border:0;height:" + (parseInt(box.getAttribute("data-height"), 10) || 560) + "px";
      box.appendChild(f);
      adopt(f, box);
    }
    var plain = r.querySelectorAll("iframe.mapline-embed");
    for (var j = 0; j < plain.length; j++) adopt(plain[j], plain[j]);
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
