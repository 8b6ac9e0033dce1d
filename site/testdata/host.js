// The embed gets the host page's query: /testdata/host.html?dark=true opens
// /embed.html?dark=true in the iframe.
document.getElementById("map").src = "/embed.html" + location.search;
