// The studio's preview, as a service worker: the studio registers it for the
// folder studio-preview/ beside the site's pages, a folder that does not
// exist on the server. A page under it is the site's page of the same name
// (the embed, its scripts, its wasm, its tiles: fetched from the site's
// folder, headers and all), except story-<id>.geojson, the story the studio
// holds: the studio writes it into the cache named below before it points
// its preview at it. So the preview is an ordinary embed loading an
// ordinary same-origin data= URL, and the reader's embed carries nothing
// for the studio. Only this site's own pages can write this origin's cache
// or register this worker (docs/security.md, Studio).
"use strict";

var CACHE = "mapline-studio-preview";
var STORY = /^story-[A-Za-z0-9-]{1,64}\.geojson$/;

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (e) { e.waitUntil(self.clients.claim()); });

self.addEventListener("fetch", function (e) {
  var req = e.request;
  var scope = self.registration.scope;
  if (req.url.indexOf(scope) !== 0 || (req.method !== "GET" && req.method !== "HEAD")) return;
  var rest = req.url.slice(scope.length);
  var name = rest.split(/[?#]/)[0];
  if (STORY.test(name)) {
    e.respondWith(caches.open(CACHE).then(function (c) {
      return c.match(scope + name);
    }).then(function (r) {
      return r || new Response("studio preview: no story " + name + " (reopen the studio)", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }));
    return;
  }
  // The site's folder is the folder of this script, the scope's parent.
  var site = new URL("../", scope).href;
  var init = { method: req.method, headers: req.headers, credentials: "same-origin", cache: req.cache === "only-if-cached" ? "default" : req.cache };
  e.respondWith(fetch(site + rest, init));
});
