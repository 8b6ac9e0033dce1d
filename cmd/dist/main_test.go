package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"mapline/internal/embedspec"

	"mapline/site"
)

// fixture is a small site shaped like make build's: the pages, the scripts,
// the styles, the wasm and data/, plus a file too small to compress and an
// image that does not compress.
func fixture() map[string]string {
	wasm := "\x00asm\x01\x00\x00\x00" + strings.Repeat("\x01\x02\x03 mapline code ", 400)
	return map[string]string{
		"embed.html": `<!doctype html><html data-wasm-bytes="0"><head><meta name="mapline-spec" content=""><script src="boot.js"></script><link rel="stylesheet" href="embed.css"><script src="lang.js"></script></head><body>
<p>` + strings.Repeat("The map. ", 40) + `</p>
<script src="wasm_exec.js"></script>
<script src="frame.js"></script>
</body></html>
`,
		"index.html": `<!doctype html><html><head><link rel="stylesheet" href='./article.css'></head><body>
<p>` + strings.Repeat("An article. ", 40) + `</p><iframe src="embed.html" style="border:0"></iframe>
<p>Loads frame.js, mentioned in prose: not a reference.</p>
<script src="article.js" defer></script>
</body></html>
`,
		"boot.js":      `(function () { var wasm = fetch("mapline.wasm"); var tilesURL = "basemap.pmtiles"; ` + strings.Repeat("/* load */ ", 40) + "})();\n",
		"frame.js":     `(function () { var go = new Go(); ` + strings.Repeat("/* run */ ", 40) + "})();\n",
		"embed.js":     "// the host pages' script, loaded by name from other sites\n" + strings.Repeat("/* host */ ", 40),
		"wasm_exec.js": "// Go's wasm_exec.js\n" + strings.Repeat("globalThis.Go = class {};\n", 30),
		"lang.js":      `(function () { fetch("lang/" + "ar" + ".json"); ` + strings.Repeat("/* words */ ", 40) + "})();\n",
		"lang/ar.json": `{"timeline": "الخط الزمني"` + strings.Repeat(`, "k": "نص"`, 40) + "}",
		"embed.css":    ":root {} /* m:controls */\n/* m:labels */ /* /m:labels */\n" + strings.Repeat("body { margin: 0; }\n", 30),
		"article.css":  strings.Repeat("article { max-width: 40em; }\n", 30),
		"article.js":   "// the demo article's use of the host API\n" + strings.Repeat("/* api */ ", 40),
		"mapline.wasm": wasm,
		// The studio: its page, script, worker and second wasm.
		"studio.html":        `<!doctype html><html><head><link rel="stylesheet" href="studio.css"><script src="studio.js" defer></script></head><body>` + strings.Repeat("The studio. ", 40) + "</body></html>\n",
		"studio.css":         strings.Repeat("main { margin: 0; }\n", 30),
		"studio.js":          `(function () { var w = new Worker("studio-worker.js"); ` + strings.Repeat("/* page */ ", 40) + "})();\n",
		"studio-worker.js":   `importScripts("wasm_exec.js"); fetch("studio.wasm"); fetch("basemap.bin"); ` + strings.Repeat("/* work */ ", 40) + "\n",
		"studio.wasm":        "\x00asm\x01\x00\x00\x00" + strings.Repeat("\x01\x02 studio code ", 400),
		"basemap.bin":        "MLBM" + strings.Repeat("\x00\x01 countries ", 200),
		"basemap.pmtiles":    "PMTiles\x03" + strings.Repeat("\x00\x01 tiles ", 200),
		"data/story.geojson": `{"type":"FeatureCollection","features":[` + strings.Repeat(`{"type":"Feature","properties":{}},`, 20) + `{}]}`,
		"robots.txt":         "x\n",                                       // compression saves nothing
		"data/photo.png":     "\x89PNG\r\n\x1a\n" + "not compressed here", // not a text file
	}
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot is every file under dir: its path and its bytes.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func hash10(data string) string {
	h := sha256.Sum256([]byte(data))
	return hex.EncodeToString(h[:])[:hashLen]
}

var testOpt = options{wasmQuality: 5}

func runOK(t *testing.T, dir string) summary {
	t.Helper()
	sum, err := run(dir, testOpt)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return sum
}

// named returns the one file of snap whose name matches stem.<hash>.ext.
func named(t *testing.T, snap map[string]string, stem, ext string) string {
	t.Helper()
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(stem) + `\.[0-9a-f]{10}` + regexp.QuoteMeta(ext) + `$`)
	var found []string
	for name := range snap {
		if re.MatchString(name) {
			found = append(found, name)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%s.<hash>%s: found %q", stem, ext, found)
	}
	return found[0]
}

func TestHashedNamesAndReferences(t *testing.T) {
	dir := writeSite(t, fixture())
	sum := runOK(t, dir)
	snap := snapshot(t, dir)

	// Each hashed name is the hash of the file's final bytes, and the server
	// serves it as immutable.
	names := map[string]string{}
	for _, logical := range []string{"mapline.wasm", "boot.js", "frame.js", "lang.js", "wasm_exec.js", "embed.css", "article.css", "article.js", "basemap.bin",
		"studio.wasm", "studio.js", "studio-worker.js", "studio.css"} {
		ext := filepath.Ext(logical)
		name := named(t, snap, strings.TrimSuffix(logical, ext), ext)
		names[logical] = name
		if want := strings.TrimSuffix(logical, ext) + "." + hash10(snap[name]) + ext; name != want {
			t.Errorf("%s: named %s, its bytes hash to %s", logical, name, want)
		}
		if !site.ContentHashed(name) {
			t.Errorf("site.ContentHashed(%q) is false: the server would not cache it", name)
		}
		if _, ok := snap[logical]; ok {
			t.Errorf("%s is still there under its old name", logical)
		}
	}
	if len(sum.hashed) != 14 {
		t.Errorf("summary: %d hashed, want 14: %v", len(sum.hashed), sum.hashed)
	}

	// The references are rewritten, quotes and "./" kept.
	for _, c := range []struct{ file, want string }{
		{"embed.html", `href="` + names["embed.css"] + `"`},
		{"embed.html", `<script src="` + names["wasm_exec.js"] + `">`},
		{"embed.html", `<script src="` + names["frame.js"] + `">`},
		{"embed.html", `<script src="` + names["lang.js"] + `">`},
		{"index.html", `href='./` + names["article.css"] + `'`},
		{"index.html", `<iframe src="embed.html"`},  // the pages keep their names
		{"index.html", `Loads frame.js, mentioned`}, // prose is left alone
		{"embed.html", `<script src="` + names["boot.js"] + `">`},
		{names["boot.js"], `fetch("` + names["mapline.wasm"] + `")`},
	} {
		if !strings.Contains(snap[c.file], c.want) {
			t.Errorf("%s lacks %s:\n%s", c.file, c.want, snap[c.file])
		}
	}
	for _, f := range []string{"embed.html", "index.html", names["frame.js"], names["boot.js"]} {
		for _, old := range []string{`"embed.css"`, `"frame.js"`, `"wasm_exec.js"`, `"mapline.wasm"`, `/article.css'`} {
			if strings.Contains(snap[f], old) {
				t.Errorf("%s still refers to %s", f, old)
			}
		}
	}

	// embed.html knows the wasm's raw size, for its progress bar.
	if want := fmt.Sprintf(`data-wasm-bytes="%d"`, len(fixture()["mapline.wasm"])); !strings.Contains(snap["embed.html"], want) {
		t.Errorf("embed.html lacks %s", want)
	}
	// embed.html carries what its scripts share with the wasm (embedspec).
	if want := embedspec.Meta(); !strings.Contains(snap["embed.html"], want) || strings.Contains(snap["embed.html"], `content=""`) {
		t.Errorf("embed.html lacks %s", want)
	}
	// embed.css carries the controls' sizes (embedspec).
	if want := LabelsBlock(); !strings.Contains(snap[names["embed.css"]], want) {
		t.Errorf("embed.css lacks the labels' styles %q", want)
	}
	if want := embedspec.CSS() + " /* m:controls */"; !strings.Contains(snap[names["embed.css"]], want) {
		t.Errorf("embed.css lacks %s:\n%s", want, snap[names["embed.css"]])
	}
	// The host pages' script keeps its name: other sites load it by name.
	if snap["embed.js"] != fixture()["embed.js"] {
		t.Errorf("embed.js was renamed or changed")
	}

	// The stable names stay, with their content (bar the rewritten pages).
	in := fixture()
	for _, f := range []string{"data/story.geojson", "robots.txt", "data/photo.png"} {
		if snap[f] != in[f] {
			t.Errorf("%s changed", f)
		}
	}

	// Siblings: for the text files and the wasm, decoding to the file; none
	// for robots.txt (too small to gain), the png (not text) and the tile
	// archive (read by ranges of its own bytes).
	for name, data := range snap {
		ext := filepath.Ext(name)
		if ext == ".br" || ext == ".gz" {
			continue
		}
		wantSiblings := name != "robots.txt" && name != "data/photo.png" && filepath.Ext(name) != ".pmtiles"
		for _, enc := range []string{".br", ".gz"} {
			sib, ok := snap[name+enc]
			if ok != wantSiblings {
				t.Errorf("%s%s exists: %v, want %v", name, enc, ok, wantSiblings)
				continue
			}
			if !ok {
				continue
			}
			got, err := decompress(enc, []byte(sib))
			if err != nil || !bytes.Equal(got, []byte(data)) {
				t.Errorf("%s%s does not decode to %s (%v)", name, enc, name, err)
			}
			if len(sib) > len(data)*95/100 {
				t.Errorf("%s%s saves less than 5%%: %d of %d bytes", name, enc, len(sib), len(data))
			}
		}
	}
	if len(sum.wasm) != 2 || sum.wasm[0].name != names["mapline.wasm"] || sum.wasm[1].name != names["studio.wasm"] || sum.wasm[0].br <= 0 || sum.wasm[0].gz <= 0 {
		t.Errorf("summary of the wasm: %+v", sum.wasm)
	}
	if !strings.Contains(sum.String(), names["mapline.wasm"]) {
		t.Errorf("summary: %s", sum)
	}
}

// TestMissingReference: when a page or a script no longer names an asset as
// dist expects, it fails, says which, and leaves the directory as it was.
func TestMissingReference(t *testing.T) {
	for _, tc := range []struct {
		name        string
		edit        func(map[string]string)
		wantInError []string
	}{
		{"wasm fetched by another name", func(f map[string]string) {
			f["boot.js"] = strings.Replace(f["boot.js"], `fetch("mapline.wasm")`, `fetch("map" + "line.wasm")`, 1)
		}, []string{"boot.js", `"mapline.wasm"`}},
		{"wasm renamed", func(f map[string]string) {
			f["app.wasm"] = f["mapline.wasm"]
			delete(f, "mapline.wasm")
			f["boot.js"] = strings.Replace(f["boot.js"], "mapline.wasm", "app.wasm", 1)
		}, []string{"mapline.wasm is missing"}},
		{"style sheet link dropped", func(f map[string]string) {
			f["embed.html"] = strings.Replace(f["embed.html"], `<link rel="stylesheet" href="embed.css">`, ``, 1)
		}, []string{"embed.html", `"embed.css"`}},
		{"unquoted attribute", func(f map[string]string) {
			f["embed.html"] = strings.Replace(f["embed.html"], `src="frame.js"`, `src=frame.js`, 1)
		}, []string{"embed.html", `"frame.js"`}},
		{"absolute path", func(f map[string]string) {
			f["index.html"] = strings.Replace(f["index.html"], `'./article.css'`, `"/article.css"`, 1)
		}, []string{"index.html", `"article.css"`}},
		{"spec meta missing", func(f map[string]string) {
			f["embed.html"] = strings.Replace(f["embed.html"], `<meta name="mapline-spec" content="">`, ``, 1)
		}, []string{"embed.html", `<meta name="mapline-spec">`}},
		{"controls rule missing", func(f map[string]string) {
			f["embed.css"] = strings.Replace(f["embed.css"], ":root {} /* m:controls */", "", 1)
		}, []string{"embed.css", "m:controls"}},
		{"labels mark missing", func(f map[string]string) {
			f["embed.css"] = strings.Replace(f["embed.css"], "/* m:labels */ /* /m:labels */", "", 1)
		}, []string{"embed.css", "m:labels"}},
		{"page missing", func(f map[string]string) {
			delete(f, "index.html")
		}, []string{"index.html is missing"}},
		{"asset nobody loads", func(f map[string]string) {
			f["extra.js"] = "var x;\n"
		}, []string{"extra.js is referenced by no page"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := fixture()
			tc.edit(files)
			dir := writeSite(t, files)
			before := snapshot(t, dir)
			_, err := run(dir, testOpt)
			if err == nil {
				t.Fatal("run succeeded")
			}
			for _, w := range tc.wantInError {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %s: %v", w, err)
				}
			}
			after := snapshot(t, dir)
			if len(after) != len(before) {
				t.Errorf("the directory changed: %d files, was %d", len(after), len(before))
			}
			for name, data := range before {
				if after[name] != data {
					t.Errorf("%s changed", name)
				}
			}
		})
	}
}

func TestCycle(t *testing.T) {
	files := fixture()
	files["a.js"] = `load("b.js");`
	files["b.js"] = `load("a.js");`
	files["embed.html"] = strings.Replace(files["embed.html"], "</body>", `<script src="a.js"></script></body>`, 1)
	_, err := run(writeSite(t, files), testOpt)
	if err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("want an error about a cycle, got %v", err)
	}
}

// TestIdempotent: a second run changes nothing, and a run after a new
// unhashed file arrived replaces the old hashed one and what refers to it.
func TestIdempotent(t *testing.T) {
	dir := writeSite(t, fixture())
	runOK(t, dir)
	first := snapshot(t, dir)
	sum := runOK(t, dir)
	second := snapshot(t, dir)
	if len(first) != len(second) {
		t.Errorf("second run: %d files, was %d", len(second), len(first))
	}
	for name, data := range first {
		if second[name] != data {
			t.Errorf("second run changed %s", name)
		}
	}
	if len(sum.hashed) != 14 {
		t.Errorf("second run: %d hashed", len(sum.hashed))
	}

	// A new wasm dropped in place: new names for it and for boot.js (which
	// names it), embed.html rewritten, no stale file or sibling left.
	oldWasm, oldJS := named(t, first, "mapline", ".wasm"), named(t, first, "boot", ".js")
	newWasm := fixture()["mapline.wasm"] + "new code"
	if err := os.WriteFile(filepath.Join(dir, "mapline.wasm"), []byte(newWasm), 0o644); err != nil {
		t.Fatal(err)
	}
	runOK(t, dir)
	third := snapshot(t, dir)
	wasm, js := named(t, third, "mapline", ".wasm"), named(t, third, "boot", ".js")
	if wasm != "mapline."+hash10(newWasm)+".wasm" || js == oldJS {
		t.Errorf("after a new wasm: %s and %s (were %s and %s)", wasm, js, oldWasm, oldJS)
	}
	for _, old := range []string{oldWasm, oldWasm + ".br", oldWasm + ".gz", oldJS, oldJS + ".br", oldJS + ".gz", "mapline.wasm"} {
		if _, ok := third[old]; ok {
			t.Errorf("%s is left over", old)
		}
	}
	if !strings.Contains(third[js], `fetch("`+wasm+`")`) || !strings.Contains(third["embed.html"], `src="`+js+`"`) {
		t.Errorf("references not updated:\n%s\n%s", third[js], third["embed.html"])
	}
	if got, err := decompress(".br", []byte(third["embed.html.br"])); err != nil || string(got) != third["embed.html"] {
		t.Errorf("embed.html.br is stale")
	}
}

// TestDeterministic: the same input gives the same bytes under the same
// names.
func TestDeterministic(t *testing.T) {
	a, b := writeSite(t, fixture()), writeSite(t, fixture())
	runOK(t, a)
	runOK(t, b)
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) != len(sb) {
		t.Fatalf("%d files against %d", len(sa), len(sb))
	}
	for name, data := range sa {
		if sb[name] != data {
			t.Errorf("%s differs between two runs on the same input", name)
		}
	}
}

// TestCache: a second site with the same files takes the compressed bytes
// from the cache, the same bytes; an entry that does not decode to the file
// is not used; entries no run used any more are removed, other files kept.
func TestCache(t *testing.T) {
	cache := t.TempDir()
	opt := options{wasmQuality: 5, cache: cache}
	a := writeSite(t, fixture())
	if _, err := run(a, opt); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(cache)
	if len(entries) == 0 {
		t.Fatal("nothing in the cache")
	}
	// Spoil the wasm's gzip entry, add a stale entry and a foreign file.
	wasm := []byte(fixture()["mapline.wasm"])
	spoilt := (&job{enc: ".gz", data: wasm}).cacheKey()
	if err := os.WriteFile(filepath.Join(cache, spoilt), gzipOf(t, []byte("something else")), 0o644); err != nil {
		t.Fatal(err)
	}
	stale := (&job{enc: ".br", data: []byte("an old wasm"), quality: 5}).cacheKey()
	for _, name := range []string{stale, "README"} {
		if err := os.WriteFile(filepath.Join(cache, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := writeSite(t, fixture())
	if _, err := run(b, opt); err != nil {
		t.Fatal(err)
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	for name, data := range sa {
		if sb[name] != data {
			t.Errorf("%s differs with the cache", name)
		}
	}
	if _, err := os.Stat(filepath.Join(cache, stale)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the stale entry is still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(cache, "README")); err != nil {
		t.Errorf("a foreign file was removed: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(cache, spoilt)); !bytes.Equal(mustDecompress(t, ".gz", got), wasm) {
		t.Errorf("the spoilt entry was not replaced")
	}
}

func gzipOf(t *testing.T, data []byte) []byte {
	t.Helper()
	out, err := (&job{enc: ".gz", data: data}).compress()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustDecompress(t *testing.T, enc string, data []byte) []byte {
	t.Helper()
	out, err := decompress(enc, data)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
