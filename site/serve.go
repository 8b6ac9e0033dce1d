// Package site holds the static pages of mapline (index.html, embed.html and
// the demo story under data/), the handler that serves a built site, and the
// browser tests that check it in headless Chromium.
package site

import (
	"mime"
	"net/http"
	"path"
	"strings"
)

func init() {
	// Browsers stream-compile wasm only when it is served with this type.
	mime.AddExtensionType(".wasm", "application/wasm")
	mime.AddExtensionType(".geojson", "application/geo+json")
}

// Handler serves the built site in dir (see make build).
func Handler(dir string) http.Handler {
	fs := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		// Files are not content-hashed yet: let browsers revalidate.
		h.Set("Cache-Control", "no-cache")
		if strings.HasSuffix(path.Clean(r.URL.Path), ".wasm") {
			h.Set("Content-Type", "application/wasm")
		}
		fs.ServeHTTP(w, r)
	})
}
