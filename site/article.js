// The demo article's use of the host API (embed.js): buttons that move a map
// to an event, and a line that follows the map's current event.
(function () {
  "use strict";
  function ready(fn) { if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fn); else fn(); }
  ready(function () {
    var buttons = document.querySelectorAll("button[data-goto]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function (e) {
        var b = e.currentTarget, m = window.mapline && window.mapline.get(document.getElementById(b.getAttribute("data-map")));
        if (m) m.goto(b.getAttribute("data-goto"));
      });
    }
    var lines = document.querySelectorAll(".now[data-map]");
    for (var j = 0; j < lines.length; j++) {
      (function (line) {
        var box = document.getElementById(line.getAttribute("data-map"));
        if (!box) return;
        box.addEventListener("mapline-eventchange", function (e) {
          line.textContent = "Now showing: " + e.detail.date;
          line.setAttribute("data-event", e.detail.id);
        });
      })(lines[j]);
    }
  });
})();
