// The bench's peers read a mapline story (docs/story-format.md) as a page
// of their own would: sites are features with an id and a Point; events are
// features with properties.time, at the sites properties.sites names and at
// a Point of their own. benchStory(url) resolves to one point per event and
// place, sorted by time: {t (ms), time, title, name, lon, lat}.
window.benchStory = function (url) {
  return fetch(url).then(function (r) {
    if (!r.ok) throw new Error(url + ": HTTP " + r.status);
    return r.json();
  }).then(function (fc) {
    var sites = new Map(), pts = [];
    var events = [];
    fc.features.forEach(function (f) {
      var p = f.properties || {};
      if (p.time === undefined) {
        if (f.geometry && f.geometry.type === "Point") sites.set(String(f.id), {name: p.name || String(f.id), c: f.geometry.coordinates});
        return;
      }
      events.push(f);
    });
    events.forEach(function (f) {
      var p = f.properties, t = Date.parse(String(p.time).split("/")[0]);
      if (isNaN(t)) return;
      var add = function (name, c) { pts.push({t: t, time: new Date(t).toISOString(), title: p.title || "", name: name, lon: c[0], lat: c[1]}); };
      if (f.geometry && f.geometry.type === "Point") add(p.title || "", f.geometry.coordinates);
      (p.sites || []).forEach(function (id) {
        var s = sites.get(String(id));
        if (s) add(s.name, s.c);
      });
    });
    pts.sort(function (a, b) { return a.t - b.t; });
    return pts;
  });
};

// benchBounds is the [[south, west], [north, east]] of the points.
window.benchBounds = function (pts) {
  var b = [[90, 180], [-90, -180]];
  pts.forEach(function (p) {
    b[0][0] = Math.min(b[0][0], p.lat); b[0][1] = Math.min(b[0][1], p.lon);
    b[1][0] = Math.max(b[1][0], p.lat); b[1][1] = Math.max(b[1][1], p.lon);
  });
  return b;
};

// benchReady marks the page ready (the bench watches data-ready) in the
// frame after the one that drew the markers: then they are on screen.
window.benchReady = function (state) {
  requestAnimationFrame(function () {
    requestAnimationFrame(function () { document.documentElement.setAttribute("data-ready", state || "ready"); });
  });
};

window.addEventListener("error", function (e) {
  document.documentElement.setAttribute("data-ready", "error");
  document.documentElement.setAttribute("data-error", String(e.message));
});
window.addEventListener("unhandledrejection", function (e) {
  document.documentElement.setAttribute("data-ready", "error");
  document.documentElement.setAttribute("data-error", String(e.reason));
});
