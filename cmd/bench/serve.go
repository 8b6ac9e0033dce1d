package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"

	"mapline/geo/synth"
	headless "mapline/internal/browser"
	"mapline/site"
)

// A story the benchmark loads: the demo from dist/, or a generated one
// served from memory under /bench/.
type story struct {
	Name   string `json:"name"`
	Events int    `json:"events"`
	Sites  int    `json:"sites"`
	path   string // URL path, for data=
	raw    []byte // generated stories only
	gz     []byte
}

// allStories are the stories -stories picks from, in the order they run.
var allStories = []story{
	{Name: "demo", path: headless.DemoPath},
	{Name: "10k", Events: 10000, Sites: 2000},
	{Name: "100k", Events: 100000, Sites: 5000},
}

// pickStories are the stories of allStories named in names (separated by
// commas), in allStories' order.
func pickStories(names string) []*story {
	var picked []*story
	for _, s := range allStories {
		if slices.Contains(strings.Split(names, ","), s.Name) {
			picked = append(picked, &s)
		}
	}
	return picked
}

// generate makes a generated story's bytes (geo/synth, seed 1) and their
// gzip, and its path under /bench/; the demo, served from dist/, has none.
func (s *story) generate() {
	if s.Events == 0 {
		return
	}
	s.raw = synth.Story(1, s.Sites, s.Events)
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(s.raw)
	zw.Close()
	s.gz = b.Bytes()
	s.path = "/bench/" + s.Name + ".geojson"
}

// serve serves the built site, the generated stories and the peers
// (peers.go; unless nil) on localhost,
// the stories gzip-compressed when the browser accepts it (as a host would
// serve them; the site's own files come with their .br/.gz siblings), and
// wasm, unless empty, in place of the site's wasm.
func serve(dist, wasm string, stories []*story, peers *peerServer) (base string, stop func(), err error) {
	mux := http.NewServeMux()
	if peers != nil {
		mux.Handle("/peers/", peers)
	}
	h := site.Handler(dist)
	if wasm != "" {
		if _, err := os.Stat(wasm); err != nil {
			return "", nil, err
		}
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			if name := path.Base(r.URL.Path); strings.HasPrefix(name, "mapline.") && strings.HasSuffix(name, ".wasm") {
				w.Header().Set("Content-Type", "application/wasm")
				w.Header().Set("Cache-Control", "no-store")
				http.ServeFile(w, r, wasm)
				return
			}
			h.ServeHTTP(w, r)
		})
	}
	mux.HandleFunc("/bench/", func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimSuffix(path.Base(r.URL.Path), ".geojson")
		for _, s := range stories {
			if s.Name != name || s.raw == nil {
				continue
			}
			w.Header().Set("Content-Type", "application/geo+json")
			w.Header().Set("Cache-Control", site.CacheRevalidate)
			sendEncoded(w, r, "gzip", s.raw, s.gz)
			return
		}
		http.NotFound(w, r)
	})
	if wasm == "" {
		mux.Handle("/", h)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close() }, nil
}

func (s *story) url(base string) string {
	return base + "/embed.html?data=" + s.path
}

// sendEncoded writes raw, or its compressed form in encoding (gzip, br) when
// the request accepts it.
func sendEncoded(w http.ResponseWriter, r *http.Request, encoding string, raw, compressed []byte) {
	w.Header().Set("Vary", "Accept-Encoding")
	body := raw
	if strings.Contains(r.Header.Get("Accept-Encoding"), encoding) {
		w.Header().Set("Content-Encoding", encoding)
		body = compressed
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(body)))
	w.Write(body)
}
