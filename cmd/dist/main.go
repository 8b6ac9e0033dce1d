// Command dist turns a built site (make build stages it) into one that any
// static host or CDN can serve as is:
//
//   - embed.html gets the demo story written into it for the first paint
//     (site.Prerender: a poster, the title, the card, the list; -story) and
//     the wasm's raw size for its progress bar;
//
//   - the wasm, the scripts and the style sheets in the top directory get
//     content-hashed names (frame.js becomes frame.<hash10>.js, hash10 being
//     the first 10 hex digits of the SHA-256 of the final bytes), so they can be
//     cached for a year; the references to them in the HTML pages and in the
//     scripts are rewritten; the pages, data/ and the host pages' script
//     embed.js (which other sites name) and the studio's preview worker
//     studio-preview.js (a service worker, registered by its URL) keep their names;
//
//   - every text file and the wasm gets precompressed siblings, name.br
//     (brotli) and name.gz (gzip -9), unless compression saves less than 5%.
//
//   - with -data-origins, embed.html gets a <meta name="mapline-data-origins">
//     listing the other origins its data= flag may load a story from (the
//     wasm reads it; without it, stories load only from the embed's own
//     origin), and dist prints the Content-Security-Policy hosts must send
//     with it (site.CSPFor).
//
// It works in place, fails before changing anything when a reference it
// expects is missing (see required), and is deterministic and idempotent: a
// second run finds the hashed names current and changes nothing.
//
//	go run ./cmd/dist [-wasm-quality 11] [-cache DIR] [-data-origins "https://a.example …"] DIR
package main

import (
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/andybalholm/brotli"

	"mapline/site"
)

// required lists the references the site cannot work without, as (file,
// asset) in their unhashed names: each must be found in the file in a form
// the rewrite understands (see refPattern), or dist fails before it changes
// anything. A later edit of a page or of frame.js that changes how it names
// an asset then breaks the build instead of the site.
var required = []struct{ file, asset string }{
	{"embed.html", "embed.css"},
	{"embed.html", "wasm_exec.js"},
	{"embed.html", "frame.js"},
	{"embed.html", "boot.js"},
	{"boot.js", "mapline.wasm"},    // fetch("mapline.wasm")
	{"boot.js", "basemap.pmtiles"}, // var tilesURL = "basemap.pmtiles"
	{"embed.html", "lang.js"},
	{"index.html", "article.css"},
	{"index.html", "article.js"},
	{"studio.html", "studio.css"},
	{"studio.html", "studio.js"},
	{"studio.js", "studio-worker.js"},    // new Worker("studio-worker.js")
	{"studio-worker.js", "wasm_exec.js"}, // importScripts("wasm_exec.js")
	{"studio-worker.js", "studio.wasm"},  // fetch("studio.wasm")
	{"studio-worker.js", "basemap.bin"},  // fetch("basemap.bin")
}

// hashLen is how many hex digits of the SHA-256 go into a name. site.Handler
// serves names of this form as immutable.
const hashLen = 10

// hashedExts are the extensions of the files that get content-hashed names.
var hashedExts = []string{".wasm", ".js", ".css", ".bin", ".pmtiles"}

// stable are the files that keep their names: other sites' pages load
// embed.js by name; the browser keeps the studio's preview worker
// (studio-preview.js) registered under the URL it was registered with.
// site.Handler serves them to be revalidated.
var stable = []string{"embed.js", "studio-preview.js"}

// compressExts are the extensions of the files that get .br and .gz siblings.
var compressExts = []string{".html", ".css", ".js", ".mjs", ".json", ".geojson", ".svg", ".txt", ".xml", ".webmanifest", ".map", ".wasm", ".bin"}

// minSaving: a sibling smaller than this fraction of the original is not
// worth a second file.
const minSaving = 0.05

// Brotli quality. Quality 11 for the small files costs nothing. For the wasm
// (12.0 MB raw, gzip -9 3.31 MB in 1.5 s), measured with this package on the
// 2-core build machine, November 2026:
//
//	q 9: 2.70 MB in  6 s
//	q10: 2.44 MB in 31 s (35–43 s in make build on a busy machine)
//	q11: 2.38 MB in 68 s
//
// q10 looked like four fifths of q11's gain in half its time, but its size
// swings with the code's layout: three builds of December 2026 a few KB of
// code apart gave q10 2,180,457, 2,232,695 and 2,269,361 B, while q11 (make
// size) gave 2,178,367 to 2,175,521 B. At 12.37 MB raw, q11 is 93,840 B (4.1%)
// smaller: every reader downloads that, so the wasm is served at q11, and
// make build pays about 40 s more only when the wasm changes (the compressed
// wasm is kept in a cache, -cache). -wasm-quality overrides the choice.
const (
	textQuality = 11
	wasmQuality = 11
	lgWin       = 22 // brotli's default window, 4 MB; 2^24 saved 0.7% on the wasm for 25% more time
	gzipLevel   = gzip.BestCompression
	hashedPerm  = 0o644
)

func main() {
	wasmQ := flag.Int("wasm-quality", wasmQuality, "brotli quality (0–11) for .wasm files")
	story := flag.String("story", "", "the story (a path under DIR) written into embed.html for the first paint (optional)")
	cache := flag.String("cache", "", "directory that keeps compressed files between runs (optional)")
	originList := flag.String("data-origins", "", "origins besides its own that embed.html may load a story from, separated by spaces (optional)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: dist [-wasm-quality N] [-cache DIR] [-data-origins LIST] DIR\nhashes the names of DIR's wasm, scripts and styles, rewrites their references, writes .br and .gz siblings")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 || *wasmQ < brotli.BestSpeed || *wasmQ > brotli.BestCompression {
		flag.Usage()
		os.Exit(2)
	}
	origins, err := site.ParseOrigins(*originList)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist: -data-origins:", err)
		os.Exit(2)
	}
	sum, err := run(flag.Arg(0), options{wasmQuality: *wasmQ, cache: *cache, story: *story, dataOrigins: origins})
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
	fmt.Print(sum)
}

type options struct {
	wasmQuality int
	// cache, when set, is a directory of compressed bytes by the SHA-256 of
	// their input: a rebuild after an edit of the pages does not brotli the
	// unchanged wasm again. Entries this run did not use are removed.
	cache string
	// story, when set, is the story (a path under the directory) whose
	// poster and text embed.html shows before the wasm runs.
	story string
	// dataOrigins (from site.ParseOrigins) go into embed.html's
	// <meta name="mapline-data-origins">; none removes it.
	dataOrigins []string
}

// summary is what a run did, for the build log.
type summary struct {
	hashed     []string // final names of the hashed assets
	compressed int      // files with at least one sibling
	skipped    []string // compressible files left without siblings
	wasm       []sizes
	origins    []string // the data origins embed.html lists
}

type sizes struct {
	name          string
	raw, gz, br   int64
	brotliQuality int
}

func (s summary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dist: %d hashed (%s), %d precompressed", len(s.hashed), strings.Join(s.hashed, " "), s.compressed)
	if len(s.skipped) > 0 {
		fmt.Fprintf(&b, ", %d left alone (< 5%% saved)", len(s.skipped))
	}
	b.WriteString("\n")
	for _, w := range s.wasm {
		fmt.Fprintf(&b, "dist: %s: %s raw, %s gzip -9, %s brotli -q %d\n", w.name, mb(w.raw), mb(w.gz), mb(w.br), w.brotliQuality)
	}
	if len(s.origins) > 0 {
		fmt.Fprintf(&b, "dist: embed.html loads stories from %s too; send its pages with\n  Content-Security-Policy: %s\n",
			strings.Join(s.origins, " "), site.CSPFor(s.origins))
	}
	return b.String()
}

func mb(n int64) string {
	if n < 0 {
		return "-"
	}
	return fmt.Sprintf("%d B (%.2f MB)", n, float64(n)/1e6)
}

// run makes the site in dir ready to serve, step by step; it changes
// nothing in dir until the references have been checked.
func run(dir string, opt options) (summary, error) {
	var sum summary
	t, err := readTree(dir)
	if err != nil {
		return sum, err
	}
	if err := t.prepareEmbed(opt, &sum); err != nil {
		return sum, err
	}
	if err := t.checkReferences(); err != nil {
		return sum, err
	}
	order, err := t.hash()
	if err != nil {
		return sum, err
	}
	if sum.hashed, err = t.write(order); err != nil {
		return sum, err
	}
	if err := precompress(dir, opt, &sum); err != nil {
		return sum, err
	}
	return sum, nil
}
