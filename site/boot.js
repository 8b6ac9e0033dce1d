// The embed's first script, in its <head>: it starts what the live map needs
// from the network (the wasm, compiled as it streams in; the basemap's
// archive head; the story when it is on this site) at once, before the page
// is parsed or painted, when the page will load the map anyway: lazy=false,
// a browser without IntersectionObserver, or the embed opened as the page
// itself (not in a frame, so in the reader's viewport). Otherwise the page
// script starts them when the map is wanted (near the viewport, a click, the
// host's word), through the same maplineLoad. No inline script: a strict CSP
// works.
(function () {
  "use strict";
  var root = document.documentElement;
  var q = new URLSearchParams(location.search);
  // The flags as the page script and the wasm read them: the spec make
  // build writes into the <meta> above this script (internal/embedspec).
  var spec = {};
  try {
    var meta = document.querySelector('meta[name="mapline-spec"]');
    spec = (meta && JSON.parse(meta.content)) || {};
  } catch (e) { spec = {}; }
  function flag(name) {
    var f = spec.flags && spec.flags[name];
    if (!f) return "";
    var v = q.get(name);
    return v !== null && Object.prototype.hasOwnProperty.call(f.values, v) ? f.values[v] : f.default;
  }
  // The page script reads the spec and the flags through these: one reader.
  window.maplineSpec = spec;
  window.maplineFlag = flag;

  var started = null;
  // maplineLoad starts the downloads once and returns them: wasm (a promise
  // of the compiled module), progress (set onbytes to follow the wasm's
  // bytes as they arrive: got, and total, the raw size or 0 when unknown).
  window.maplineLoad = function () {
    if (started) return started;
    var progress = { onbytes: null };
    // The basemap's tiles come from one archive read by ranges: its first
    // 48 KiB (the header, the directory and, in the default archive, the
    // zoom 0 tile the map opens with, 29 KB at byte 6,083) come beside the
    // wasm, in parallel; the map takes them from here and fetches its tiles
    // itself (wasm/tiles_js.go). A host that ignores Range would send the
    // whole archive: refused after its headers, never read.
    var tilesURL = "basemap.pmtiles";
    window.maplineTilesURL = tilesURL;
    window.maplineBasemap = fetch(tilesURL, { headers: { Range: "bytes=0-49151" } }).then(function (r) {
      if (r.status !== 206) {
        if (r.body) r.body.cancel();
        throw new Error(r.ok ? "the host ignores Range requests (HTTP " + r.status + " instead of 206): docs/basemap.md lists hosts that serve them" : "HTTP " + r.status);
      }
      return r.arrayBuffer();
    });
    window.maplineBasemap.catch(function () {}); // the map reports it
    // And the story, when it is on this site, so that it does not wait for
    // the wasm to compile (data=, else the demo's path, as wasm/params.go
    // reads them). The map takes the response only if it asks for the very
    // same URL, after its own checks (wasm/run_js.go fetchStory); a story
    // from another origin it fetches itself.
    try {
      var story = new URL(q.get("data") || "data/story.geojson", location.href);
      if (story.origin === location.origin && /^https?:$/.test(story.protocol)) {
        window.maplineStory = { url: story.href, response: fetch(story.href) };
        window.maplineStory.response.catch(function () {}); // the map reports it
      }
    } catch (e) { /* not a URL: the map says so */ }
    var total = Number(root.getAttribute("data-wasm-bytes")) || 0;
    var wasm = fetch("mapline.wasm").then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      if (!total && !r.headers.get("Content-Encoding")) total = Number(r.headers.get("Content-Length")) || 0;
      if (!r.body || !window.ReadableStream) return r;
      // Count the bytes as they arrive (after decompression: total is the
      // raw size), and hand the same stream on to the compiler.
      var got = 0, reader = r.body.getReader();
      var counted = new ReadableStream({
        pull: function (ctl) {
          return reader.read().then(function (x) {
            if (x.done) {
              if (window.performance && performance.mark) performance.mark("mapline:wasm-fetched");
              ctl.close();
              return;
            }
            got += x.value.byteLength;
            if (progress.onbytes) progress.onbytes(got, total);
            ctl.enqueue(x.value);
          });
        },
        cancel: function (why) { reader.cancel(why); }
      });
      return new Response(counted, { headers: { "Content-Type": "application/wasm" } });
    });
    // Compiled as it streams in: compiling needs no imports, so it need
    // not wait for the Go runtime's script (the page script instantiates).
    var module = WebAssembly.compileStreaming
      ? WebAssembly.compileStreaming(wasm)
      : wasm.then(function (r) { return r.arrayBuffer(); }).then(function (b) { return WebAssembly.compile(b); });
    module.catch(function () {}); // the page script reports it
    started = { wasm: module, progress: progress };
    return started;
  };

  var staticMode = flag("static");
  if (staticMode === "true" || staticMode === "click") return; // the reader asks
  if (!window.WebAssembly || !window.fetch) return; // the page script says why not
  if (flag("lazy") === "false" || !window.IntersectionObserver || window.top === window) window.maplineLoad();
})();
