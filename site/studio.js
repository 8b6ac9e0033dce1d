// studio.html's page script: the file, the table, the problems, the preview
// and the export. Reading and checking are the worker's (it
// runs package studio, the command line's own code); every text of a file
// is written with textContent or as an input's value, never as HTML.
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var root = document.documentElement;

  var worker = new Worker("studio-worker.js");
  var nextID = 1, pending = {};
  worker.onmessage = function (e) {
    var m = e.data || {};
    var done = pending[m.id];
    delete pending[m.id];
    if (done) done(m.reply || {});
  };
  function ask(op, args) {
    return new Promise(function (resolve) {
      var id = nextID++;
      pending[id] = resolve;
      worker.postMessage({ id: id, op: op, args: args || [] });
    });
  }

  var FIELDS = ["title", "date", "place", "lat", "lon", "source"];
  var NAMES = { title: "Title", date: "Date", place: "Place", lat: "Lat", lon: "Lon", source: "Source" };
  var WINDOW = 200;        // rows in the table at a time
  var SHOWN_PROBLEMS = 500; // problems listed at a time
  var KEY = "mapline-studio";
  // The worker names the size limit (package studio); the page reads at most
  // this much of a file so that a huge one is never read whole.
  var READ_AT_MOST = 32 << 20;

  var st = { name: "", bytes: null, rows: [], editable: [], start: 0, selected: -1, story: "", problems: [], edits: [], liveView: "" };
  var checks = 0;

  function say(msg) { $("status").textContent = msg; }
  function showError(msg) { var e = $("error"); e.textContent = msg || ""; e.hidden = !msg; }

  // ---- opening

  function openFile(file) {
    if (!file) return;
    showError("");
    say("Reading " + file.name + "…");
    file.slice(0, READ_AT_MOST).arrayBuffer().then(function (buf) {
      return load(file.name, new Uint8Array(buf), [], null);
    }).catch(function (e) {
      showError(file.name + ": " + String(e && e.message || e));
      say("");
    });
  }

  function load(name, bytes, edits, saved) {
    root.setAttribute("data-studio", "loading");
    return ask("open", [name, bytes]).then(function (r) {
      if (r.error) {
        showError(r.error);
        say(name + " was not opened: see why below.");
        root.setAttribute("data-studio", st.name ? "ready" : "empty");
        return;
      }
      st.name = name;
      st.bytes = bytes;
      st.rows = r.rows || [];
      st.editable = r.editable || [];
      st.start = 0;
      st.selected = -1;
      st.edits = [];
      var opts = saved || {};
      $("opt-title").value = opts.title != null ? opts.title : (r.title || "");
      setOptions(opts, name);
      $("work").hidden = false;
      $("start-over").hidden = false;
      var chain = Promise.resolve(r);
      if (edits && edits.length) {
        chain = chain.then(function () { return ask("edits", [JSON.stringify(edits.map(record))]); });
      }
      if (opts.title != null && opts.title !== (r.title || "")) {
        chain = chain.then(function () { return ask("title", [opts.title]); });
      }
      return chain.then(function (last) {
        renderRows();
        checked(last);
        say(name + ": " + st.rows.length.toLocaleString("en") + (r.sheet ? " rows" : " features") + " read.");
        save();
        root.setAttribute("data-studio", "ready");
      });
    });
  }

  // record keeps an edit in the table and in the list a reload replays.
  function record(e) {
    var k = FIELDS.indexOf(e.field);
    if (st.rows[e.row] && k >= 0) st.rows[e.row].cells[k] = e.value;
    st.edits = st.edits.filter(function (x) { return x.row !== e.row || x.field !== e.field; });
    st.edits.push({ row: e.row, field: e.field, value: e.value });
    return e;
  }

  // ---- problems

  function checked(r) {
    if (!r || !r.checked) {
      if (r && r.error) showError(r.error);
      return;
    }
    showError("");
    st.problems = r.problems || [];
    st.story = r.story || "";
    renderProblems();
    schedulePreview();
    updateCode();
    checks++;
    root.setAttribute("data-checks", String(checks));
  }

  function plural(n, w) { return n === 1 ? "1 " + w : n.toLocaleString("en") + " " + w + "s"; }

  function renderProblems() {
    var ul = $("problems");
    ul.textContent = "";
    var errs = 0, warns = 0;
    st.problems.forEach(function (p) { if (p.warning) warns++; else errs++; });
    $("problems-count").textContent = errs + warns === 0 ? "No problems: the story is ready." :
      plural(errs, "error") + ", " + plural(warns, "warning") + (errs ? ": rows with errors are left out of the map." : ".");
    st.problems.slice(0, SHOWN_PROBLEMS).forEach(function (p) {
      var li = document.createElement("li");
      li.className = p.warning ? "warning" : "error";
      if (p.row >= 0) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "link";
        b.textContent = p.text;
        b.addEventListener("click", function () { selectRow(p.row, p.text); });
        li.appendChild(b);
      } else {
        li.textContent = p.text;
      }
      ul.appendChild(li);
    });
    if (st.problems.length > SHOWN_PROBLEMS) {
      var more = document.createElement("li");
      more.textContent = "… and " + (st.problems.length - SHOWN_PROBLEMS).toLocaleString("en") + " more: fix these first.";
      ul.appendChild(more);
    }
  }

  // ---- the table

  function renderRows() {
    var body = $("rows").tBodies[0];
    body.textContent = "";
    var n = st.rows.length;
    var end = Math.min(n, st.start + WINDOW);
    for (var i = st.start; i < end; i++) {
      var row = st.rows[i];
      var tr = document.createElement("tr");
      tr.setAttribute("data-row", String(i));
      if (i === st.selected) tr.className = "selected";
      var th = document.createElement("th");
      th.scope = "row";
      th.textContent = row.label;
      tr.appendChild(th);
      FIELDS.forEach(function (f, k) {
        var td = document.createElement("td");
        if (st.editable[k]) {
          var inp = document.createElement("input");
          inp.type = "text";
          inp.value = row.cells[k] || "";
          inp.setAttribute("aria-label", NAMES[f] + ", " + row.label);
          inp.setAttribute("data-field", f);
          td.appendChild(inp);
        } else {
          td.textContent = "—";
          td.title = "no " + NAMES[f].toLowerCase() + " column";
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    }
    $("rows-range").textContent = n === 0 ? "No rows." : "Rows " + (st.start + 1).toLocaleString("en") + " to " + end.toLocaleString("en") + " of " + n.toLocaleString("en") + ".";
    $("rows-earlier").hidden = st.start === 0;
    $("rows-later").hidden = end >= n;
  }

  function selectRow(i, why) {
    if (i < st.start || i >= st.start + WINDOW) {
      st.start = Math.max(0, i - 10);
      st.selected = i;
      renderRows();
    } else {
      var old = $("rows").querySelector("tr.selected");
      if (old) old.className = "";
      st.selected = i;
    }
    var tr = $("rows").querySelector('tr[data-row="' + i + '"]');
    if (!tr) return;
    tr.className = "selected";
    // The field the problem names, when its column is one of the table's.
    var f = fieldIn(why || "");
    var inp = (f && tr.querySelector('input[data-field="' + f + '"]')) || tr.querySelector("input");
    tr.scrollIntoView({ block: "nearest" });
    if (inp) inp.focus();
  }

  // fieldIn guesses the table's field a problem's text is about.
  function fieldIn(text) {
    var t = text.toLowerCase();
    var tries = [["date", /column (date|start_date|start|time|when|event_date)|properties\.time|start_date/],
      ["lat", /column (lat|latitude)|latitude/], ["lon", /column (lon|lng|long|longitude)|longitude/],
      ["title", /column (headline|title)|properties\.(title|name)|headline/], ["place", /column (place|location)|properties\.place/],
      ["source", /column (source|url|link)|properties\.source/]];
    for (var i = 0; i < tries.length; i++) if (tries[i][1].test(t)) return tries[i][0];
    return "";
  }

  var typing = null, queued = [];
  $("rows").addEventListener("input", function (e) {
    var inp = e.target;
    var tr = inp.closest && inp.closest("tr[data-row]");
    if (!tr || !inp.getAttribute("data-field")) return;
    var row = Number(tr.getAttribute("data-row"));
    queued = queued.filter(function (q) { return q.row !== row || q.field !== inp.getAttribute("data-field"); });
    queued.push({ row: row, field: inp.getAttribute("data-field"), value: inp.value });
    clearTimeout(typing);
    typing = setTimeout(flush, 300);
  });
  // flush sends what was typed; while the worker checks, typing queues, and
  // the next check takes all of it at once.
  var checking = false;
  function flush() {
    if (checking || !queued.length) return;
    checking = true;
    var todo = queued.splice(0).map(record);
    ask("edits", [JSON.stringify(todo)]).then(function (r) {
      checking = false;
      checked(r);
      save();
      flush();
    });
  }
  // A cell taking the focus selects its row (the row pick on map sets).
  $("rows").addEventListener("focusin", function (e) {
    var tr = e.target.closest && e.target.closest("tr[data-row]");
    if (!tr) return;
    var old = $("rows").querySelector("tr.selected");
    if (old && old !== tr) old.className = "";
    tr.className = "selected";
    st.selected = Number(tr.getAttribute("data-row"));
  });
  $("rows-earlier").addEventListener("click", function () { st.start = Math.max(0, st.start - WINDOW); renderRows(); $("rows-range").focus(); });
  $("rows-later").addEventListener("click", function () { st.start += WINDOW; renderRows(); $("rows-range").focus(); });
  $("rows-range").tabIndex = -1;

  // ---- the preview: an ordinary embed under studio-preview/, where the
  // service worker this page registers (studio-preview.js) serves the site's
  // own pages and scripts, and the story this page writes into the cache
  // the worker reads (docs/security.md, Studio). The reader's embed carries
  // nothing for the studio.

  var PREVIEW_CACHE = "mapline-studio-preview";
  var PREVIEW_DIR = new URL("studio-preview/", location.href).href;
  // This tab's stories: two tabs of the studio never share one.
  var previewTab = String(Date.now().toString(36)) + "-" + Math.random().toString(36).slice(2, 10);
  var previewN = 0, previewName = "", previewTimer = null, previewWorker = null;
  function previewReady() {
    if (previewWorker) return previewWorker;
    previewWorker = new Promise(function (resolve, reject) {
      if (!window.isSecureContext || !("serviceWorker" in navigator) || !window.caches) {
        reject(new Error("this browser keeps service workers from this page: the studio's preview needs the site served over https (or from localhost)"));
        return;
      }
      navigator.serviceWorker.register("studio-preview.js", { scope: "studio-preview/" }).then(function (reg) {
        if (reg.active) { resolve(); return; }
        var sw = reg.installing || reg.waiting;
        sw.addEventListener("statechange", function () {
          if (sw.state === "activated") resolve();
          if (sw.state === "redundant") reject(new Error("its service worker could not start"));
        });
      }, reject);
    });
    previewWorker.catch(function () { previewWorker = null; });
    return previewWorker;
  }
  function previewQuery(data) {
    var q = ["data=" + encodeURIComponent(data), "lazy=false"];
    var o = options();
    if (o.Mode === "point") q.push("mode=point");
    if (o.Theme === "dark") q.push("dark");
    if (o.Theme === "auto") q.push("dark=auto");
    if (o.Lang) q.push("lang=" + encodeURIComponent(o.Lang));
    if (o.View) q.push("view=" + encodeURIComponent(o.View));
    if (o.Autoplay) q.push("autoplay");
    return q.join("&");
  }
  function schedulePreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(showPreview, 400);
  }
  function showPreview() {
    if (!st.story) return;
    var story = st.story, old = previewName;
    var name = "story-" + previewTab + "-" + (++previewN) + ".geojson";
    root.setAttribute("data-preview", "loading");
    var cache;
    previewReady().then(function () {
      return caches.open(PREVIEW_CACHE);
    }).then(function (c) {
      cache = c;
      return c.put(PREVIEW_DIR + name, new Response(story, { headers: { "Content-Type": "application/geo+json" } }));
    }).then(function () {
      if (story !== st.story) { cache.delete(PREVIEW_DIR + name); return; } // a newer one is on its way
      previewName = name;
      $("preview").src = PREVIEW_DIR + "embed.html?" + previewQuery(name);
      if (old) cache.delete(PREVIEW_DIR + old);
    }).catch(function (e) {
      root.setAttribute("data-preview", "error");
      say("The preview cannot be shown: " + String(e && e.message || e) + ".");
    });
  }
  // The stories this tab wrote go when it does.
  function forgetPreview() {
    if (!window.caches) return;
    caches.open(PREVIEW_CACHE).then(function (c) {
      return c.keys().then(function (keys) {
        keys.forEach(function (k) { if (k.url.indexOf(PREVIEW_DIR + "story-" + previewTab + "-") === 0) c.delete(k); });
      });
    }).catch(function () {});
  }
  window.addEventListener("pagehide", forgetPreview);
  window.addEventListener("message", function (e) {
    var f = $("preview");
    if (e.source !== f.contentWindow || e.origin !== location.origin) return;
    var d = e.data;
    if (!d || d.mapline !== 1) return;
    if ((d.type === "ready" || d.type === "viewchange") && typeof d.view === "string" && d.view.length <= 80) {
      st.liveView = d.view;
      $("view-now").textContent = "The preview is at " + d.view + ".";
    }
    if (d.type === "ready" || d.type === "error") root.setAttribute("data-preview", d.type);
  });

  // ---- pick on map: with the toggle pressed, a click (not a drag) on the
  // preview's map sets the selected row's lat and lon, and the problems are
  // checked again. The preview is an embed of this very origin, so the
  // studio listens on its window itself (a cross-origin one throws and is
  // left alone): the reader's embed carries nothing for the studio.
  var picking = false, hooked = new WeakSet();
  $("pick").addEventListener("click", function () {
    picking = !picking;
    $("pick").setAttribute("aria-pressed", String(picking));
    if (picking) root.setAttribute("data-picking", ""); else root.removeAttribute("data-picking");
    if (picking) say(st.rows[st.selected] ? "Click the preview's map to set the coordinates of " + st.rows[st.selected].label + "." :
      "Select a row (a cell of it), then click the preview's map.");
    hookPreview();
  });
  $("preview").addEventListener("load", hookPreview);
  function hookPreview() {
    var w;
    try {
      w = $("preview").contentWindow;
      if (!w || w.location.origin !== location.origin) return;
    } catch (e) { return; }
    // One hook per document: the iframe's window stays the same object
    // across the preview's reloads, its document does not.
    if (!w.document || hooked.has(w.document)) return;
    hooked.add(w.document);
    // The place is read at the press (the map focused by the press may
    // scroll into view before the release), and taken at the release
    // unless the pointer moved: a drag pans the map.
    var down = null;
    w.addEventListener("pointerdown", function (e) {
      down = null;
      var view = w.document.documentElement.getAttribute("data-view");
      if (!picking || e.button !== 0 || e.target.tagName !== "CANVAS" || !view) return;
      var r = e.target.getBoundingClientRect();
      down = { sx: e.screenX, sy: e.screenY, args: [view, r.width, r.height, e.clientX - r.left, e.clientY - r.top] };
    }, true);
    w.addEventListener("pointerup", function (e) {
      var d = down;
      down = null;
      if (d && picking && Math.abs(e.screenX - d.sx) + Math.abs(e.screenY - d.sy) <= 4) pickAt.apply(null, d.args);
    }, true);
  }
  function pickAt(view, w, h, x, y) {
    var i = st.selected, row = st.rows[i];
    if (!row) { say("Select a row (a cell of it) first: a click on the map then sets its coordinates."); return; }
    if (!st.editable[FIELDS.indexOf("lat")] || !st.editable[FIELDS.indexOf("lon")]) {
      say("This file has no lat and lon columns to set."); return;
    }
    ask("pick", [view, w, h, x, y]).then(function (r) {
      if (!r || r.error) { say(r && r.error || "The map could not be read."); return; }
      ["lat", "lon"].forEach(function (f) {
        queued = queued.filter(function (q) { return q.row !== i || q.field !== f; });
        queued.push({ row: i, field: f, value: r[f] });
        var inp = $("rows").querySelector('tr[data-row="' + i + '"] input[data-field="' + f + '"]');
        if (inp) inp.value = r[f];
      });
      say(row.label + " is now at " + r.lat + ", " + r.lon + ".");
      clearTimeout(typing);
      flush();
    });
  }

  $("use-view").addEventListener("click", function () {
    if (!st.liveView) { say("Move the preview's map first."); return; }
    $("opt-view").value = st.liveView;
    optionsChanged();
    say("The embed opens at " + st.liveView + ".");
  });

  // ---- options

  function slug(name) {
    var s = name.replace(/\.[^.]*$/, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
    return s || "story";
  }
  function setOptions(o, name) {
    $("opt-mode").value = o.Mode || "cumulative";
    $("opt-theme").value = o.Theme || "";
    $("opt-lang").value = o.Lang || "";
    $("opt-autoplay").checked = !!o.Autoplay;
    $("opt-view").value = o.View || "";
    $("opt-site").value = o.Site || new URL(".", location.href).href;
    $("opt-data").value = o.Data || "data/" + slug(name) + ".geojson";
  }
  function options() {
    return {
      Site: $("opt-site").value, Data: $("opt-data").value.trim(), View: $("opt-view").value.trim(),
      Mode: $("opt-mode").value, Theme: $("opt-theme").value, Lang: $("opt-lang").value,
      Autoplay: $("opt-autoplay").checked, Title: $("opt-title").value
    };
  }
  function optionsChanged() { save(); updateCode(); schedulePreview(); }
  ["opt-mode", "opt-theme", "opt-lang", "opt-autoplay"].forEach(function (id) { $(id).addEventListener("change", optionsChanged); });
  ["opt-view", "opt-site", "opt-data"].forEach(function (id) { $(id).addEventListener("change", optionsChanged); });
  var titling = null;
  $("opt-title").addEventListener("input", function () {
    clearTimeout(titling);
    titling = setTimeout(function () {
      ask("title", [$("opt-title").value]).then(function (r) { checked(r); save(); });
    }, 300);
  });

  // ---- export

  function updateCode() {
    ask("embed", [JSON.stringify(options())]).then(function (r) {
      $("code-host").value = r.host || "";
      $("code-iframe").value = r.iframe || "";
      if (r.error) $("code-host").value = r.error;
    });
  }
  function copy(id) {
    var ta = $(id);
    var done = function () { say("Copied. Paste it into your page."); };
    var fallback = function () { ta.focus(); ta.select(); try { document.execCommand("copy"); done(); } catch (e) { say("Select the code and copy it (Ctrl+C)."); } };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(ta.value).then(done, fallback);
    else fallback();
  }
  $("copy-host").addEventListener("click", function () { copy("code-host"); });
  $("copy-iframe").addEventListener("click", function () { copy("code-iframe"); });

  function download(name, blob) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }
  function base() { return slug(st.name); }
  $("download-story").addEventListener("click", function () {
    if (!st.story) { say("No story yet: fix the errors first."); return; }
    download(base() + ".geojson", new Blob([st.story], { type: "application/geo+json" }));
  });
  $("poster-svg").addEventListener("click", function () {
    say("Drawing the poster…");
    var o = options();
    ask("poster", [o.View, o.Mode, false, false]).then(function (r) {
      if (r.error) { say(r.error); return; }
      download(base() + ".svg", new Blob([r.svg], { type: "image/svg+xml" }));
      say("The poster is downloaded (SVG, light and dark).");
    });
  });
  $("poster-png").addEventListener("click", function () {
    say("Drawing the poster at 2×, which takes a few seconds…");
    var o = options();
    ask("poster", [o.View, o.Mode, o.Theme === "dark", true]).then(function (r) {
      if (r.error) { say(r.error); return; }
      var bin = atob(r.png), b = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) b[i] = bin.charCodeAt(i);
      download(base() + ".png", new Blob([b], { type: "image/png" }));
      say("The poster is downloaded (PNG, 2×).");
    });
  });

  // ---- work in progress, kept in this browser

  function save() {
    if (!st.bytes) return;
    try {
      var s = "";
      for (var i = 0; i < st.bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, st.bytes.subarray(i, i + 0x8000));
      var o = options();
      o.title = $("opt-title").value;
      localStorage.setItem(KEY, JSON.stringify({ name: st.name, file: s, edits: st.edits, options: o }));
    } catch (e) {
      say("This file is too large to keep in the browser: your edits will not survive a reload.");
    }
  }
  function restore() {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved.name !== "string" || typeof saved.file !== "string") return;
    var b = new Uint8Array(saved.file.length);
    for (var i = 0; i < b.length; i++) b[i] = saved.file.charCodeAt(i) & 0xff;
    var edits = Array.isArray(saved.edits) ? saved.edits.filter(function (e) {
      return e && typeof e.row === "number" && FIELDS.indexOf(e.field) >= 0 && typeof e.value === "string";
    }) : [];
    say("Opening your work in progress…");
    load(saved.name, b, edits, saved.options && typeof saved.options === "object" ? saved.options : null);
  }
  $("start-over").addEventListener("click", function () {
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing kept */ }
    st = { name: "", bytes: null, rows: [], editable: [], start: 0, selected: -1, story: "", problems: [], edits: [], liveView: "" };
    $("work").hidden = true;
    $("start-over").hidden = true;
    $("preview").removeAttribute("src");
    forgetPreview();
    previewName = "";
    $("file").value = "";
    showError("");
    root.setAttribute("data-studio", "empty");
    say("Started over: nothing is kept.");
    $("file").focus();
  });

  // ---- the file: chosen or dropped

  $("file").addEventListener("change", function () { openFile(this.files && this.files[0]); });
  document.addEventListener("dragover", function (e) { e.preventDefault(); root.setAttribute("data-drag", ""); });
  document.addEventListener("dragleave", function (e) { if (!e.relatedTarget) root.removeAttribute("data-drag"); });
  document.addEventListener("drop", function (e) {
    e.preventDefault();
    root.removeAttribute("data-drag");
    var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    openFile(f);
  });

  restore();
})();
