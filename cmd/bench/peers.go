package main

// The peers: the maps a newsroom would build instead of mapline, measured
// by the same method on the same stories and basemap. peers/ holds their
// pages (templates); the libraries come from npm into .cache/peers at bench
// time (make bench), never from the repository. Also here: the bare
// Ebitengine game (cmd/size/bare), whose first frame is the yardstick of
// mapline's ready time.

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"

	"mapline/geo"
)

//go:embed peers/*.html peers/*.js
var peerFiles embed.FS

// A mapPage is one of the maps the bench measures.
type mapPage struct {
	Name  string // mapline, leaflet, maplibre, bare
	Title string // in the report
}

var (
	mapline  = mapPage{"mapline", "mapline"}
	leaflet  = mapPage{"leaflet", "Leaflet + TD"}
	maplibre = mapPage{"maplibre", "MapLibre"}
	bare     = mapPage{"bare", "bare Ebitengine"}
)

// allPeers are the peers -peers picks from.
var allPeers = []mapPage{leaflet, maplibre}

// peerPackages are the npm packages the peers' pages load, at the versions
// the report names (make bench installs them into .cache/peers).
var peerPackages = map[string]string{"leaflet": "leaflet", "timedimension": "leaflet-timedimension", "maplibre": "maplibre-gl"}

// pickPeers are the peers of allPeers named in names (separated by commas).
func pickPeers(names string) []mapPage {
	var picked []mapPage
	for _, p := range allPeers {
		if slices.Contains(strings.Split(names, ","), p.Name) {
			picked = append(picked, p)
		}
	}
	return picked
}

// url is where the page shows story s (and, for the bare game, nothing).
func (p mapPage) url(base string, s *story) string {
	switch p {
	case mapline:
		return s.url(base)
	case bare:
		return base + "/peers/bare.html"
	}
	return base + "/peers/" + p.Name + ".html?story=" + strings.TrimPrefix(s.path, "/")
}

// peerServer serves /peers/: the pages, story.js, the libraries from lib
// (node_modules), the basemap as GeoJSON and the bare game's wasm.
type peerServer struct {
	lib      string            // node_modules with the peers' packages; "" for none
	versions map[string]string // of peerPackages, as installed
	wasmExec string            // URL path of the site's wasm_exec.js
	bare     []byte            // the bare game's wasm
	bareBr   []byte            // and its brotli
	basemap  []byte            // GeoJSON of the basemap's countries
	tmpl     *template.Template

	mu sync.Mutex
	gz map[string][]byte // compressed libraries, by path
}

// newPeerServer reads what the peers need: the libraries' versions under
// lib (none when lib is ""), the bare game's wasm (none when bareWasm is "";
// its brotli is cached beside it) and the basemap.
func newPeerServer(lib, bareWasm, dist string) (*peerServer, error) {
	ps := &peerServer{lib: lib, versions: map[string]string{}, gz: map[string][]byte{}}
	if lib != "" {
		for k, pkg := range peerPackages {
			j, err := os.ReadFile(filepath.Join(lib, pkg, "package.json"))
			if err != nil {
				return nil, fmt.Errorf("peers: %v (make bench installs them with npm)", err)
			}
			var v struct{ Version string }
			if err := json.Unmarshal(j, &v); err != nil {
				return nil, fmt.Errorf("peers: %s/package.json: %v", pkg, err)
			}
			ps.versions[k] = v.Version
		}
	}
	if bareWasm != "" {
		var err error
		if ps.bare, err = os.ReadFile(bareWasm); err != nil {
			return nil, fmt.Errorf("the bare game: %v (make bench builds it)", err)
		}
		if ps.bareBr, err = brotliCached(bareWasm, ps.bare); err != nil {
			return nil, err
		}
		m, _ := filepath.Glob(filepath.Join(dist, "wasm_exec.*.js"))
		if len(m) == 0 {
			return nil, fmt.Errorf("no wasm_exec.*.js in %s: run make build", dist)
		}
		ps.wasmExec = "/" + filepath.Base(m[0])
	}
	var err error
	if ps.basemap, err = basemapGeoJSON(geo.DefaultBasemap(), 5); err != nil {
		return nil, err
	}
	ps.tmpl, err = template.ParseFS(peerFiles, "peers/*.html")
	return ps, err
}

// brotliCached is the brotli of data (quality 11, as cmd/dist compresses
// the site's wasm), kept in name.q11.br while it is newer than name.
func brotliCached(name string, data []byte) ([]byte, error) {
	br := name + ".q11.br"
	if a, err := os.Stat(name); err == nil {
		if b, err := os.Stat(br); err == nil && b.ModTime().After(a.ModTime()) {
			return os.ReadFile(br)
		}
	}
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: 11, LGWin: 22})
	w.Write(data)
	if err := w.Close(); err != nil {
		return nil, err
	}
	os.WriteFile(br, buf.Bytes(), 0o644) // a cache: failing to write it costs time only
	return buf.Bytes(), nil
}

// basemapGeoJSON is the basemap's countries at the level of detail mapline
// draws at zoom, as a GeoJSON FeatureCollection of MultiPolygons in
// longitude and latitude (5 decimals, about a metre).
func basemapGeoJSON(b *geo.Basemap, zoom float64) ([]byte, error) {
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   struct {
			Type        string          `json:"type"`
			Coordinates [][][][]float64 `json:"coordinates"`
		} `json:"geometry"`
	}
	round := func(x float64) float64 { return math.Round(x*1e5) / 1e5 }
	var fs []feature
	for _, c := range b.Level(zoom).Countries {
		f := feature{Type: "Feature", Properties: map[string]string{"name": c.Name}}
		f.Geometry.Type = "MultiPolygon"
		for _, poly := range c.Polygons {
			var rings [][][]float64
			for _, r := range poly {
				var pts [][]float64
				for _, w := range r {
					ll := geo.LonLat(w)
					pts = append(pts, []float64{round(ll[0]), round(ll[1])})
				}
				rings = append(rings, pts)
			}
			f.Geometry.Coordinates = append(f.Geometry.Coordinates, rings)
		}
		fs = append(fs, f)
	}
	return json.Marshal(map[string]any{"type": "FeatureCollection", "features": fs})
}

func (ps *peerServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	name := strings.TrimPrefix(r.URL.Path, "/peers/")
	switch {
	case name == "basemap.geojson":
		ps.send(w, r, "application/geo+json", name, ps.basemap)
	case name == "story.js":
		b, _ := peerFiles.ReadFile("peers/story.js")
		ps.send(w, r, "text/javascript", name, b)
	case name == "bare.wasm" && ps.bare != nil:
		w.Header().Set("Content-Type", "application/wasm")
		sendEncoded(w, r, "br", ps.bare, ps.bareBr)
	case strings.HasSuffix(name, ".html"):
		p := strings.TrimSuffix(name, ".html")
		if (p == bare.Name && ps.bare == nil) || (p != bare.Name && ps.lib == "") {
			http.NotFound(w, r)
			return
		}
		story := "/" + strings.TrimPrefix(path.Clean("/"+r.URL.Query().Get("story")), "/")
		var buf bytes.Buffer
		err := ps.tmpl.ExecuteTemplate(&buf, name, map[string]any{"Lib": "/peers/lib", "Versions": ps.versions,
			"Story": story, "Basemap": "/peers/basemap.geojson", "WasmExec": ps.wasmExec, "Wasm": "/peers/bare.wasm"})
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(buf.Bytes())
	case strings.HasPrefix(name, "lib/") && ps.lib != "":
		rel := path.Clean(strings.TrimPrefix(name, "lib/"))
		if strings.HasPrefix(rel, "..") {
			http.NotFound(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(ps.lib, filepath.FromSlash(rel)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		ctype := mime.TypeByExtension(path.Ext(rel))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		ps.send(w, r, ctype, name, b)
	default:
		http.NotFound(w, r)
	}
}

// send writes b, gzip-compressed when the browser takes it (as a CDN
// serves the libraries), compressed once per path.
func (ps *peerServer) send(w http.ResponseWriter, r *http.Request, ctype, key string, b []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Vary", "Accept-Encoding")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		ps.mu.Lock()
		z, ok := ps.gz[key]
		if !ok {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			io.Copy(zw, bytes.NewReader(b))
			zw.Close()
			z = buf.Bytes()
			ps.gz[key] = z
		}
		ps.mu.Unlock()
		w.Header().Set("Content-Encoding", "gzip")
		b = z
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.Write(b)
}
