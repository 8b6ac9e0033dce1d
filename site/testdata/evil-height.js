// A page that is not the embed, loaded into an adopted embed's iframe from
// another origin: the host script must not obey it (TestHostScriptRefuses).
for (var i = 0; i < 5; i++) {
  setTimeout(function () { parent.postMessage({ mapline: 1, type: "height", height: 4000 }, "*"); }, i * 100);
}
setTimeout(function () { document.title = "sent"; }, 600);
