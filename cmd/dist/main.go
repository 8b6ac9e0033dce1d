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
//     embed.js (which other sites name) keep their names;
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
//	go run ./cmd/dist [-wasm-quality 10] [-cache DIR] [-data-origins "https://a.example …"] DIR
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

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
	{"frame.js", "mapline.wasm"}, // fetch("mapline.wasm")
	{"frame.js", "basemap.bin"},  // fetch("basemap.bin")
	{"embed.html", "lang.js"},
	{"index.html", "article.css"},
	{"index.html", "article.js"},
}

// hashLen is how many hex digits of the SHA-256 go into a name. site.Handler
// serves names of this form as immutable.
const hashLen = 10

// hashedExts are the extensions of the files that get content-hashed names.
var hashedExts = []string{".wasm", ".js", ".css", ".bin"}

// stable are the files that keep their names: other sites' pages load them
// by name (site.Handler serves them to be revalidated).
var stable = []string{"embed.js"}

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
// q10 gets four fifths of q11's gain over q9 in half q11's time. make build
// pays for it only when the wasm changes: it keeps the compressed wasm in a
// cache (-cache). -wasm-quality overrides the choice.
const (
	textQuality = 11
	wasmQuality = 10
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

// asset is one file to be content-hashed, by its logical (unhashed) name.
type asset struct {
	name    string   // logical name: embed.js
	stem    string   // embed
	ext     string   // .js
	src     string   // the file on disk now: embed.js, or embed.<hash>.js on a second run
	stale   []string // older hashed copies to delete
	text    bool     // scanned for and rewritten in references (not the wasm)
	data    []byte
	refs    []string // logical names of the assets it references
	final   string   // its hashed name, once computed
	pattern *regexp.Regexp
}

// hashedName matches a content-hashed name: stem, hash, extension.
var hashedName = regexp.MustCompile(fmt.Sprintf(`^(.+)\.([0-9a-f]{%d})(\.[a-z0-9]+)$`, hashLen))

// refPattern matches a reference to the asset stem+ext, unhashed or hashed,
// as it appears in HTML attributes, script string literals and CSS url():
// after a quote or "(", optionally "./", and before a quote, ")", "?" or "#".
// Group 1 and 2 are the delimiters, kept as they are.
func refPattern(stem, ext string) *regexp.Regexp {
	return regexp.MustCompile(`(["'(](?:\./)?)` + regexp.QuoteMeta(stem) + fmt.Sprintf(`(?:\.[0-9a-f]{%d})?`, hashLen) + regexp.QuoteMeta(ext) + `(["')?#])`)
}

func run(dir string, opt options) (summary, error) {
	var sum summary
	entries, err := os.ReadDir(dir)
	if err != nil {
		return sum, err
	}

	// 1. Find the assets and the pages in the top directory.
	assets := map[string]*asset{}
	var pages []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || strings.HasPrefix(name, ".") {
			continue
		}
		ext := path.Ext(name)
		switch {
		case ext == ".html":
			pages = append(pages, name)
			continue
		case !slices.Contains(hashedExts, ext) || slices.Contains(stable, name):
			continue
		}
		logical, hashed := name, false
		if m := hashedName.FindStringSubmatch(name); m != nil && m[3] == ext {
			logical, hashed = m[1]+m[3], true
		}
		a := assets[logical]
		if a == nil {
			a = &asset{name: logical, stem: strings.TrimSuffix(logical, ext), ext: ext, text: ext != ".wasm" && ext != ".bin"}
			a.pattern = refPattern(a.stem, a.ext)
			assets[logical] = a
		}
		if hashed {
			a.stale = append(a.stale, name)
		} else {
			a.src = name
		}
	}
	names := slices.Sorted(maps.Keys(assets))
	for _, n := range names {
		a := assets[n]
		if a.src == "" { // only hashed copies: a second run
			if len(a.stale) > 1 {
				return sum, fmt.Errorf("%s: several hashed copies (%s) and no %s to tell which is current: rebuild %s from scratch", dir, strings.Join(a.stale, ", "), n, dir)
			}
			a.src, a.stale = a.stale[0], nil
		}
		if a.data, err = os.ReadFile(filepath.Join(dir, a.src)); err != nil {
			return sum, err
		}
	}
	pageData := map[string][]byte{}
	for _, p := range pages {
		if pageData[p], err = os.ReadFile(filepath.Join(dir, p)); err != nil {
			return sum, err
		}
	}
	if data, ok := pageData[originsPage]; ok {
		if pageData[originsPage], err = setOrigins(data, opt.dataOrigins); err != nil {
			return sum, fmt.Errorf("%s: %s: %v", dir, originsPage, err)
		}
		sum.origins = opt.dataOrigins
	} else if len(opt.dataOrigins) > 0 {
		return sum, fmt.Errorf("%s: no %s to list the data origins in", dir, originsPage)
	}

	// The embed page's first paint.
	if p, ok := pageData["embed.html"]; ok {
		size := 0
		if w := assets["mapline.wasm"]; w != nil {
			size = len(w.data)
		}
		if pageData["embed.html"], err = firstPaint(dir, p, size, opt.story); err != nil {
			return sum, fmt.Errorf("%s: %v", dir, err)
		}
	}

	// 2. Who references what; check the required references and that every
	// asset is referenced somewhere (else its hashed name would be unknown
	// to whoever loads it).
	found := map[[2]string]bool{} // (file, asset)
	referenced := map[string]bool{}
	scan := func(file string, data []byte) []string {
		var refs []string
		for _, n := range names {
			if n != file && assets[n].pattern.Match(data) {
				refs = append(refs, n)
				found[[2]string{file, n}] = true
				referenced[n] = true
			}
		}
		return refs
	}
	for _, p := range pages {
		scan(p, pageData[p])
	}
	for _, n := range names {
		if a := assets[n]; a.text {
			a.refs = scan(n, a.data)
		}
	}
	var problems []string
	for _, r := range required {
		_, isPage := pageData[r.file]
		if !isPage && assets[r.file] == nil {
			problems = append(problems, fmt.Sprintf("%s is missing (it should reference %s)", r.file, r.asset))
			continue
		}
		if assets[r.asset] == nil {
			problems = append(problems, fmt.Sprintf("%s is missing (%s references it)", r.asset, r.file))
			continue
		}
		if !found[[2]string{r.file, r.asset}] {
			problems = append(problems, fmt.Sprintf("%s no longer references %q in a form dist rewrites (a quoted name, as in src=%q or fetch(%q))", r.file, r.asset, r.asset, r.asset))
		}
	}
	for _, n := range names {
		if !referenced[n] {
			problems = append(problems, fmt.Sprintf("%s is referenced by no page or script in a form dist rewrites (a quoted name): its hashed name would reach nobody", n))
		}
	}
	if len(problems) > 0 {
		return sum, fmt.Errorf("%s: cannot rewrite the references, nothing changed:\n\t%s\n(the expected references are listed in cmd/dist: required)", dir, strings.Join(problems, "\n\t"))
	}

	// 3. Hash the assets, the referenced before the referencing: a script's
	// hash covers the hashed names it refers to.
	order, err := topo(names, assets)
	if err != nil {
		return sum, fmt.Errorf("%s: %v", dir, err)
	}
	rewrite := func(data []byte, refs []string) []byte {
		for _, r := range refs {
			a := assets[r]
			data = a.pattern.ReplaceAll(data, []byte("${1}"+strings.ReplaceAll(a.final, "$", "$$")+"${2}"))
		}
		return data
	}
	for _, n := range order {
		a := assets[n]
		a.data = rewrite(a.data, a.refs)
		h := sha256.Sum256(a.data)
		a.final = a.stem + "." + hex.EncodeToString(h[:])[:hashLen] + a.ext
	}

	// 4. Write: the hashed assets, then the pages that name them, then
	// remove what they replace.
	for _, n := range order {
		a := assets[n]
		if err := put(dir, a.src, a.final, a.data); err != nil {
			return sum, err
		}
		var old []string
		if a.src != a.final {
			old = append(old, a.src)
		}
		for _, s := range a.stale {
			if s != a.final {
				old = append(old, s)
			}
		}
		for _, o := range old {
			for _, suffix := range []string{"", ".br", ".gz"} {
				if err := os.Remove(filepath.Join(dir, o+suffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return sum, err
				}
			}
		}
		sum.hashed = append(sum.hashed, a.final)
	}
	for _, p := range pages {
		data := rewrite(pageData[p], names)
		if err := put(dir, p, p, data); err != nil {
			return sum, err
		}
	}

	// 5. Precompress.
	if err := precompress(dir, opt, &sum); err != nil {
		return sum, err
	}
	return sum, nil
}

// originsPage is the page that gets the data origins.
const originsPage = "embed.html"

// originsMeta matches the meta setOrigins writes, with its line break.
var originsMeta = regexp.MustCompile(`[ \t]*<meta name="` + regexp.QuoteMeta(site.DataOriginsMeta) + `"[^>]*>\n?`)

// setOrigins makes page list exactly origins in its data-origins meta, just
// before </head>; with no origins it has none.
func setOrigins(page []byte, origins []string) ([]byte, error) {
	page = originsMeta.ReplaceAll(page, nil)
	if len(origins) == 0 {
		return page, nil
	}
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return nil, errors.New("no </head> to put the data origins before")
	}
	meta := fmt.Sprintf("<meta name=%q content=\"%s\">\n", site.DataOriginsMeta, html.EscapeString(strings.Join(origins, " ")))
	return slices.Concat(page[:i], []byte(meta), page[i:]), nil
}

// topo orders the assets so that each comes after the ones it references.
func topo(names []string, assets map[string]*asset) ([]string, error) {
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(n string, chain []string) error
	visit = func(n string, chain []string) error {
		switch state[n] {
		case 1:
			return fmt.Errorf("the assets reference each other in a cycle (%s → %s): their hashes cannot be computed", strings.Join(chain, " → "), n)
		case 2:
			return nil
		}
		state[n] = 1
		for _, r := range assets[n].refs {
			if err := visit(r, append(chain, n)); err != nil {
				return err
			}
		}
		state[n] = 2
		order = append(order, n)
		return nil
	}
	for _, n := range names {
		if err := visit(n, nil); err != nil {
			return nil, err
		}
	}
	return order, nil
}

// put makes dir/to hold data, dir/from being the file it replaces (maybe
// the same name): a rename when the bytes did not change, else an atomic
// write. A file already as it should be is left alone.
func put(dir, from, to string, data []byte) error {
	src, dst := filepath.Join(dir, from), filepath.Join(dir, to)
	if cur, err := os.ReadFile(dst); err == nil && bytes.Equal(cur, data) {
		return os.Chmod(dst, hashedPerm)
	}
	if from != to {
		if cur, err := os.ReadFile(src); err == nil && bytes.Equal(cur, data) {
			if err := os.Rename(src, dst); err != nil {
				return err
			}
			return os.Chmod(dst, hashedPerm)
		}
	}
	return writeAtomic(dst, data)
}

func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), hashedPerm)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// A job compresses one file into one sibling.
type job struct {
	file    string // path
	enc     string // ".br" or ".gz"
	data    []byte
	quality int
	cache   string // options.cache
	out     int64  // sibling size, or -1 when not worth it
	err     error
}

func precompress(dir string, opt options, sum *summary) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		ext := path.Ext(d.Name())
		if ext == ".br" || ext == ".gz" {
			// A sibling whose original is gone or not compressible: remove.
			base := strings.TrimSuffix(p, ext)
			if _, err := os.Stat(base); errors.Is(err, fs.ErrNotExist) && slices.Contains(compressExts, path.Ext(base)) {
				return os.Remove(p)
			}
			return nil
		}
		if slices.Contains(compressExts, ext) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}

	var jobs []*job
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		q := textQuality
		if path.Ext(f) == ".wasm" {
			q = opt.wasmQuality
		}
		jobs = append(jobs, &job{file: f, enc: ".br", data: data, quality: q, cache: opt.cache}, &job{file: f, enc: ".gz", data: data, cache: opt.cache})
	}
	// The big files first: the wasm's brotli is the critical path.
	sort.SliceStable(jobs, func(i, j int) bool { return len(jobs[i].data) > len(jobs[j].data) })
	work := make(chan *job)
	var wg sync.WaitGroup
	for range max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.out, j.err = j.do()
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()

	if opt.cache != "" {
		if err := pruneCache(opt.cache, jobs); err != nil {
			return err
		}
	}
	with := map[string]bool{}
	wasm := map[string]*sizes{}
	for _, j := range jobs {
		if j.err != nil {
			return fmt.Errorf("%s%s: %v", j.file, j.enc, j.err)
		}
		if j.out >= 0 {
			with[j.file] = true
		}
		if path.Ext(j.file) == ".wasm" {
			s := wasm[j.file]
			if s == nil {
				s = &sizes{name: filepath.Base(j.file), raw: int64(len(j.data)), gz: -1, br: -1, brotliQuality: opt.wasmQuality}
				wasm[j.file] = s
			}
			if j.enc == ".br" {
				s.br = j.out
			} else {
				s.gz = j.out
			}
		}
	}
	for _, f := range files {
		if with[f] {
			sum.compressed++
		} else {
			rel, _ := filepath.Rel(dir, f)
			sum.skipped = append(sum.skipped, rel)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(wasm)) {
		sum.wasm = append(sum.wasm, *wasm[k])
	}
	return nil
}

// do writes the sibling, or removes it when it saves less than minSaving.
// A sibling that already decompresses to the file is kept as it is.
func (j *job) do() (int64, error) {
	name := j.file + j.enc
	if cur, err := os.ReadFile(name); err == nil {
		if got, err := decompress(j.enc, cur); err == nil && bytes.Equal(got, j.data) && worth(len(cur), len(j.data)) {
			return int64(len(cur)), nil
		}
	}
	out, err := j.compress()
	if err != nil {
		return 0, err
	}
	if !worth(len(out), len(j.data)) {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
		return -1, nil
	}
	return int64(len(out)), writeAtomic(name, out)
}

// cacheKey names the compressed bytes of j in the cache.
func (j *job) cacheKey() string {
	h := sha256.Sum256(j.data)
	if j.enc == ".br" {
		return fmt.Sprintf("%x-br-q%d-w%d", h, j.quality, lgWin)
	}
	return fmt.Sprintf("%x-gz-%d", h, gzipLevel)
}

// cacheName matches the names cacheKey makes, and nothing else that might
// be in the directory.
var cacheName = regexp.MustCompile(`^[0-9a-f]{64}-(?:br-q[0-9]+-w[0-9]+|gz-[0-9]+)$`)

// compress compresses j.data, or takes the bytes from the cache when they
// are there and decode to j.data.
func (j *job) compress() ([]byte, error) {
	var key string
	if j.cache != "" {
		key = filepath.Join(j.cache, j.cacheKey())
		if cur, err := os.ReadFile(key); err == nil {
			if got, err := decompress(j.enc, cur); err == nil && bytes.Equal(got, j.data) {
				return cur, nil
			}
		}
	}
	var buf bytes.Buffer
	var w io.WriteCloser
	if j.enc == ".br" {
		w = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: j.quality, LGWin: lgWin})
	} else {
		// No name and no time in the header: the same bytes every run.
		z, err := gzip.NewWriterLevel(&buf, gzipLevel)
		if err != nil {
			return nil, err
		}
		w = z
	}
	if _, err := w.Write(j.data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if key != "" {
		if err := os.MkdirAll(j.cache, 0o755); err != nil {
			return nil, err
		}
		if err := writeAtomic(key, buf.Bytes()); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// pruneCache removes the entries of the cache that no job of this run used.
func pruneCache(dir string, jobs []*job) error {
	used := map[string]bool{}
	for _, j := range jobs {
		used[j.cacheKey()] = true
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if cacheName.MatchString(e.Name()) && !used[e.Name()] {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

func worth(compressed, raw int) bool {
	return float64(compressed) <= (1-minSaving)*float64(raw)
}

func decompress(enc string, data []byte) ([]byte, error) {
	var r io.Reader
	if enc == ".br" {
		r = brotli.NewReader(bytes.NewReader(data))
	} else {
		z, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		r = z
	}
	return io.ReadAll(r)
}
