// The interface's language, before the map's wasm arrives: reads lang= (else
// the browser's languages, else English), sets <html lang dir>, and fills the
// page's words from the message file (lang/<lang>.json, the same texts the
// wasm embeds from geo/lang): an element with data-msg="key" gets the text of
// key, one with data-msg-aria-label="key" its aria-label, and so on for any
// attribute. Loaded in <head>, no inline script (strict CSP).
(function () {
  "use strict";
  var root = document.documentElement;
  // The languages (the default first) and those that read right to left, as
  // make build writes them from Go (geo/lang, through internal/embedspec);
  // English alone without them.
  var spec = {};
  try {
    var meta = document.querySelector('meta[name="mapline-spec"]');
    spec = (meta && JSON.parse(meta.content)) || {};
  } catch (e) { spec = {}; }
  var supported = spec.langs && spec.langs.length ? spec.langs : ["en"];
  var rtl = {};
  for (var r = 0; spec.rtl && r < spec.rtl.length; r++) rtl[spec.rtl[r]] = true;

  // match finds the first supported language of a list of BCP 47 tags, as
  // geo/lang.Match does: "fa-IR" is fa, and the spec's aliases ("ku-Arab",
  // Kurdish in Arabic script, is ckb).
  function match(tags) {
    for (var i = 0; i < tags.length; i++) {
      var t = String(tags[i] || "").toLowerCase().replace(/_/g, "-").split("-");
      var base = t[0];
      var alias = spec.aliases && spec.aliases[base + "-" + (t[1] || "")];
      if (typeof alias === "string") base = alias;
      if (supported.indexOf(base) >= 0) return base;
    }
    return "";
  }
  var asked = new URLSearchParams(location.search).get("lang");
  var lang = (asked && match([asked])) ||
    match(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]) || supported[0];
  root.setAttribute("lang", lang);
  root.setAttribute("dir", rtl[lang] ? "rtl" : "ltr");

  var messages = null;
  // The page's words as the HTML has them (English), taken before anything
  // changes them: a word the map has since replaced (the story's title for
  // "Loading the story…") is left alone.
  var original = null;
  function attrsOf(el) {
    var out = [];
    for (var i = 0; i < el.attributes.length; i++) {
      var n = el.attributes[i].name;
      if (n.indexOf("data-msg-") === 0) out.push(n.slice(9));
    }
    return out;
  }
  function remember() {
    original = [];
    var els = document.getElementsByTagName("*");
    for (var i = 0; i < els.length; i++) {
      var el = els[i], attrs = attrsOf(el);
      if (!el.hasAttribute("data-msg") && attrs.length === 0) continue;
      var o = { el: el, text: el.textContent, attrs: {} };
      for (var j = 0; j < attrs.length; j++) o.attrs[attrs[j]] = el.getAttribute(attrs[j]);
      original.push(o);
    }
  }
  function text(key) {
    var v = messages && messages[key];
    if (v && typeof v === "object") v = v.other;
    return typeof v === "string" ? v : null;
  }
  function apply() {
    if (!messages || !original) return;
    for (var i = 0; i < original.length; i++) {
      var o = original[i], el = o.el, t;
      if (el.hasAttribute("data-msg") && el.textContent === o.text && (t = text(el.getAttribute("data-msg"))) !== null) {
        el.textContent = t;
      }
      for (var a in o.attrs) {
        if (el.getAttribute(a) === o.attrs[a] && (t = text(el.getAttribute("data-msg-" + a))) !== null) {
          el.setAttribute(a, t);
        }
      }
    }
    listToggle();
  }
  // The list's button: open, it says what it does next; closed, what the
  // list shows: all events, or while a search, filter or window narrows it
  // what the map's wasm wrote in data-shows ("12 of 340 events", in the
  // reader's words). The page script writes it in English when it opens or
  // closes the list: say it again in the reader's words.
  function listToggle() {
    var b = document.getElementById("list-toggle");
    if (!b) return;
    var open = b.getAttribute("aria-expanded") === "true";
    var t = (!open && b.getAttribute("data-shows")) || text(open ? "list.hide" : "list.show");
    if (t !== null && t !== undefined && b.textContent !== t) b.textContent = t;
  }
  function ready() {
    remember();
    apply();
    var b = document.getElementById("list-toggle");
    if (b && window.MutationObserver) {
      new MutationObserver(listToggle).observe(b, { attributes: true, attributeFilter: ["aria-expanded", "data-shows"], childList: true });
    }
  }
  // For the page's other scripts: the language and its words.
  window.maplineLang = { lang: lang, dir: rtl[lang] ? "rtl" : "ltr", text: function (key) { return text(key); } };

  if (lang !== "en") {
    fetch("lang/" + lang + ".json").then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (m) {
      messages = m;
      apply();
    }).catch(function () { /* the English words stay */ });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
