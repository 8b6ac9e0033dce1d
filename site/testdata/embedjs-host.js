// A host page for the host script's tests (site/hostile_input_test.go):
// each ?src=URL becomes an embed placeholder (a div with data-src, id
// embed-0, embed-1, …); ?origins=… becomes the script's data-origins. Then
// /embed.js is loaded. window.heard keeps the types of the messages the
// host script passed on, in order.
(function () {
  var q = new URLSearchParams(location.search);
  window.heard = [];
  q.getAll("src").forEach(function (src, i) {
    var d = document.createElement("div");
    d.className = "mapline-embed";
    d.id = "embed-" + i;
    d.setAttribute("data-src", src);
    ["ready", "error", "height"].forEach(function (type) {
      d.addEventListener("mapline-" + type, function () { window.heard.push(type); });
    });
    document.body.appendChild(d);
  });
  var s = document.createElement("script");
  s.src = "/embed.js";
  if (q.has("origins")) s.setAttribute("data-origins", q.get("origins"));
  document.head.appendChild(s);
})();
