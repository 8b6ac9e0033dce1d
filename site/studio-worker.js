// The studio's worker: runs the studio's wasm (package studio, the command line's
// reader and checker) away from the page, so that a large sheet never
// freezes it. Requests {id, op, args} in, answers {id, reply} out, one at a
// time, in order.
"use strict";
importScripts("wasm_exec.js");

var go = new Go();
var waiting = [];
var started = false;

function answer(m) {
  var reply;
  try {
    reply = JSON.parse(self.maplineStudio.apply(null, [m.op].concat(m.args || [])));
  } catch (e) {
    reply = { error: "studio: " + m.op + " failed: " + String(e && e.message || e) };
  }
  self.postMessage({ id: m.id, reply: reply });
}

self.onmessage = function (e) {
  var m = e.data;
  if (!m || typeof m.op !== "string") return;
  if (started) answer(m);
  else waiting.push(m);
};

function instantiate() {
  var res = fetch("studio.wasm");
  if (WebAssembly.instantiateStreaming) {
    return WebAssembly.instantiateStreaming(res, go.importObject).catch(function () {
      return fetch("studio.wasm").then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
    });
  }
  return res.then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.instantiate(b, go.importObject); });
}

// The posters are drawn on the same basemap as the embed; it arrives beside
// the wasm and is handed over before the first request.
var basemap = fetch("basemap.bin").then(function (r) { return r.ok ? r.arrayBuffer() : null; }).catch(function () { return null; });

instantiate().then(function (r) {
  go.run(r.instance); // main exports maplineStudio, then waits
  return basemap;
}).then(function (b) {
  if (b) self.maplineStudio("basemap", new Uint8Array(b));
  started = true;
  waiting.splice(0).forEach(answer);
}).catch(function (e) {
  var msg = "The studio could not start: " + String(e && e.message || e);
  waiting.splice(0).forEach(function (m) { self.postMessage({ id: m.id, reply: { error: msg } }); });
  self.onmessage = function (ev) { if (ev.data) self.postMessage({ id: ev.data.id, reply: { error: msg } }); };
});
