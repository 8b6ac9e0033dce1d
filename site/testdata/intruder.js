// A window that is not the embed's host posts a well-formed command to it:
// the embed must ignore it (TestHostAPI).
parent.document.querySelector("#map-story iframe").contentWindow.postMessage({ mapline: 1, type: "goto", id: "talks-round-6" }, "*");
document.title = "sent";
