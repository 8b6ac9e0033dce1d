package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"mapline/geo"
)

// TestGzipBombStory: a story served gzip-compressed whose Content-Length (the
// compressed size, 0.6 MB) is far under the cap but which expands to 600 MB
// is refused with the cap named, counted on the decompressed bytes (wasm
// readStoryText), not read whole and called "empty".
func TestGzipBombStory(t *testing.T) {
	ctx := tab(t, 600, 500, 1)
	var bomb bytes.Buffer
	z, _ := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	line := bytes.Repeat([]byte(" "), 1<<20)
	for range 600 {
		z.Write(line)
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	if bomb.Len() > geo.MaxStoryBytes/4 {
		t.Fatalf("the bomb is %d bytes compressed: it must be far under the cap", bomb.Len())
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/bomb.geojson", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/geo+json")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(bomb.Len()))
		io.Copy(w, bytes.NewReader(bomb.Bytes()))
	})
	mux.Handle("/", Handler(distDir))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/embed.html?data=bomb.geojson"),
		chromedp.WaitReady(chromedp.CSS(`html[data-mapline="error"]`)),
	); err != nil {
		t.Fatalf("waiting for the error: %v", err)
	}
	note := text(t, ctx, `document.getElementById("map-note").innerText`)
	if want := "larger than the 20 MB a story may be (counted decompressed)"; !strings.Contains(note, want) {
		t.Errorf("error note %q does not contain %q", note, want)
	}
}
