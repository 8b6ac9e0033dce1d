package main

// The content-hashed names: which files are assets, who references whom,
// the hashes computed in order, the files written under their new names.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"mapline/site"
)

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

// A tree is the top directory of a built site as dist reads it: the pages
// and the assets to hash, with their bytes as dist rewrites them.
type tree struct {
	dir    string
	pages  []string          // the .html files, in the directory's order
	page   map[string][]byte // their bytes
	assets map[string]*asset // by logical name
	names  []string          // the assets' logical names, sorted
}

// readTree finds the assets and the pages in dir's top directory and reads
// them.
func readTree(dir string) (*tree, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() {
			files = append(files, e.Name())
		}
	}
	t := &tree{dir: dir, page: map[string][]byte{}}
	if t.assets, t.pages, err = findAssets(dir, files); err != nil {
		return nil, err
	}
	t.names = slices.Sorted(maps.Keys(t.assets))
	for _, n := range t.names {
		a := t.assets[n]
		if a.data, err = os.ReadFile(filepath.Join(dir, a.src)); err != nil {
			return nil, err
		}
	}
	for _, p := range t.pages {
		if t.page[p], err = os.ReadFile(filepath.Join(dir, p)); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// findAssets sorts the names of the regular files of a site's top
// directory into pages (.html) and assets to hash, each asset with the file
// that holds it now (src: its unhashed name, or on a second run its one
// hashed copy) and the older hashed copies to delete. Hidden files, the
// stable ones and other extensions are left alone. dir is for the error.
func findAssets(dir string, files []string) (map[string]*asset, []string, error) {
	assets := map[string]*asset{}
	var pages []string
	for _, name := range files {
		if strings.HasPrefix(name, ".") {
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
	for _, n := range slices.Sorted(maps.Keys(assets)) {
		a := assets[n]
		if a.src == "" { // only hashed copies: a second run
			if len(a.stale) > 1 {
				return nil, nil, fmt.Errorf("%s: several hashed copies (%s) and no %s to tell which is current: rebuild %s from scratch", dir, strings.Join(a.stale, ", "), n, dir)
			}
			a.src, a.stale = a.stale[0], nil
		}
	}
	return assets, pages, nil
}

// prepareEmbed writes into the embed page, before its references are
// checked, the data origins (opt.dataOrigins), what its scripts share with
// the wasm (setSpec) and the first paint (the wasm's size; with opt.story,
// the story's poster and text).
func (t *tree) prepareEmbed(opt options, sum *summary) error {
	var err error
	if data, ok := t.page[originsPage]; ok {
		if t.page[originsPage], err = setOrigins(data, opt.dataOrigins); err != nil {
			return fmt.Errorf("%s: %s: %v", t.dir, originsPage, err)
		}
		sum.origins = opt.dataOrigins
	} else if len(opt.dataOrigins) > 0 {
		return fmt.Errorf("%s: no %s to list the data origins in", t.dir, originsPage)
	}
	if c := t.assets["embed.css"]; c != nil {
		if c.data, err = setControls(c.data); err != nil {
			return fmt.Errorf("%s: %v", t.dir, err)
		}
	}
	if p, ok := t.page["embed.html"]; ok {
		size := 0
		if w := t.assets["mapline.wasm"]; w != nil {
			size = len(w.data)
		}
		if p, err = setSpec(p); err != nil {
			return fmt.Errorf("%s: %v", t.dir, err)
		}
		if t.page["embed.html"], err = firstPaint(t.dir, p, size, opt.story); err != nil {
			return fmt.Errorf("%s: %v", t.dir, err)
		}
	}
	return nil
}

// checkReferences finds who references what (each text asset's refs), and
// fails, naming every problem, when a required reference is missing or an
// asset is referenced by nobody (its hashed name would reach nobody).
func (t *tree) checkReferences() error {
	refs := map[string][]string{} // file → the assets it references
	for _, p := range t.pages {
		refs[p] = t.scan(p, t.page[p])
	}
	for _, n := range t.names {
		if a := t.assets[n]; a.text {
			a.refs = t.scan(n, a.data)
			refs[n] = a.refs
		}
	}
	if problems := referenceProblems(t.names, refs); len(problems) > 0 {
		return fmt.Errorf("%s: cannot rewrite the references, nothing changed:\n\t%s\n(the expected references are listed in cmd/dist: required)", t.dir, strings.Join(problems, "\n\t"))
	}
	return nil
}

// scan is the assets that data, the bytes of file, references.
func (t *tree) scan(file string, data []byte) []string {
	var refs []string
	for _, n := range t.names {
		if n != file && t.assets[n].pattern.Match(data) {
			refs = append(refs, n)
		}
	}
	return refs
}

// referenceProblems checks the references found against required: refs
// has a key for every page and text asset (the files scanned), assets are
// the logical names of every asset.
func referenceProblems(assets []string, refs map[string][]string) []string {
	var problems []string
	isAsset := func(n string) bool { return slices.Contains(assets, n) }
	for _, r := range required {
		if _, scanned := refs[r.file]; !scanned && !isAsset(r.file) {
			problems = append(problems, fmt.Sprintf("%s is missing (it should reference %s)", r.file, r.asset))
			continue
		}
		if !isAsset(r.asset) {
			problems = append(problems, fmt.Sprintf("%s is missing (%s references it)", r.asset, r.file))
			continue
		}
		if !slices.Contains(refs[r.file], r.asset) {
			problems = append(problems, fmt.Sprintf("%s no longer references %q in a form dist rewrites (a quoted name, as in src=%q or fetch(%q))", r.file, r.asset, r.asset, r.asset))
		}
	}
	for _, n := range assets {
		referenced := false
		for _, rs := range refs {
			referenced = referenced || slices.Contains(rs, n)
		}
		if !referenced {
			problems = append(problems, fmt.Sprintf("%s is referenced by no page or script in a form dist rewrites (a quoted name): its hashed name would reach nobody", n))
		}
	}
	return problems
}

// hash gives every asset its final name, the referenced before the
// referencing (a script's hash covers the hashed names it refers to), and
// returns that order.
func (t *tree) hash() ([]string, error) {
	order, err := topo(t.names, t.assets)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", t.dir, err)
	}
	for _, n := range order {
		a := t.assets[n]
		a.data = t.rewrite(a.data, a.refs)
		h := sha256.Sum256(a.data)
		a.final = a.stem + "." + hex.EncodeToString(h[:])[:hashLen] + a.ext
	}
	return order, nil
}

// rewrite replaces in data the references to the assets refs by their final
// names.
func (t *tree) rewrite(data []byte, refs []string) []byte {
	for _, r := range refs {
		a := t.assets[r]
		data = a.pattern.ReplaceAll(data, []byte("${1}"+strings.ReplaceAll(a.final, "$", "$$")+"${2}"))
	}
	return data
}

// write writes the hashed assets in order, removing what each replaces
// (older names and their siblings), then the pages that name them; it
// returns the assets' final names.
func (t *tree) write(order []string) ([]string, error) {
	var hashed []string
	for _, n := range order {
		a := t.assets[n]
		if err := put(t.dir, a.src, a.final, a.data); err != nil {
			return hashed, err
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
				if err := os.Remove(filepath.Join(t.dir, o+suffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return hashed, err
				}
			}
		}
		hashed = append(hashed, a.final)
	}
	for _, p := range t.pages {
		if err := put(t.dir, p, p, t.rewrite(t.page[p], t.names)); err != nil {
			return hashed, err
		}
	}
	return hashed, nil
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
