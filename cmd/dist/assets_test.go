package main

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestFindAssets(t *testing.T) {
	h1, h2 := strings.Repeat("a", hashLen), strings.Repeat("b", hashLen)
	for _, tc := range []struct {
		name    string
		files   []string
		pages   string // the pages, separated by spaces
		assets  string // each asset as logical<src[;stale,…]>, separated by spaces
		wantErr string
	}{
		{name: "first-run",
			files:  []string{"embed.html", "frame.js", "embed.css", "mapline.wasm", "basemap.bin", "index.html"},
			pages:  "embed.html index.html",
			assets: "basemap.bin<basemap.bin> embed.css<embed.css> frame.js<frame.js> mapline.wasm<mapline.wasm>"},
		{name: "second-run-keeps-the-hashed-copy",
			files:  []string{"frame." + h1 + ".js"},
			assets: "frame.js<frame." + h1 + ".js>"},
		{name: "new-file-replaces-the-hashed-copies",
			files:  []string{"frame." + h1 + ".js", "frame.js", "frame." + h2 + ".js"},
			assets: "frame.js<frame.js;frame." + h1 + ".js,frame." + h2 + ".js>"},
		{name: "several-hashed-copies-and-no-source",
			files:   []string{"frame." + h1 + ".js", "frame." + h2 + ".js"},
			wantErr: "site: several hashed copies (frame." + h1 + ".js, frame." + h2 + ".js) and no frame.js to tell which is current: rebuild site from scratch"},
		{name: "stable-hidden-and-other-files-left-alone",
			files:  []string{"embed.js", "studio-preview.js", ".frame.js", "robots.txt", "photo.png", "lang.js"},
			assets: "lang.js<lang.js>"},
		{name: "hash-of-the-wrong-length-is-a-name",
			files:  []string{"frame.abc.js"},
			assets: "frame.abc.js<frame.abc.js>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assets, pages, err := findAssets("site", tc.files)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(pages, " "); got != tc.pages {
				t.Errorf("pages %q, want %q", got, tc.pages)
			}
			var got []string
			for _, n := range slices.Sorted(maps.Keys(assets)) {
				a := assets[n]
				s := a.name + "<" + a.src
				if len(a.stale) > 0 {
					s += ";" + strings.Join(a.stale, ",")
				}
				got = append(got, s+">")
				if a.text != (a.ext != ".wasm" && a.ext != ".bin") || a.stem+a.ext != a.name {
					t.Errorf("%s: stem %q, ext %q, text %v", n, a.stem, a.ext, a.text)
				}
			}
			if strings.Join(got, " ") != tc.assets {
				t.Errorf("assets %q, want %q", strings.Join(got, " "), tc.assets)
			}
		})
	}
}

// TestReferenceProblems checks the graph of references against required.
func TestReferenceProblems(t *testing.T) {
	// complete is the graph of a site that has every required reference.
	complete := func() ([]string, map[string][]string) {
		refs := map[string][]string{}
		assets := []string{}
		for _, r := range required {
			refs[r.file] = append(refs[r.file], r.asset)
			if !slices.Contains(assets, r.asset) {
				assets = append(assets, r.asset)
			}
		}
		for f := range refs {
			if strings.HasSuffix(f, ".js") && !slices.Contains(assets, f) {
				assets = append(assets, f)
			}
		}
		return assets, refs
	}
	for _, tc := range []struct {
		name string
		edit func(assets []string, refs map[string][]string) []string
		want []string
	}{
		{"complete", func(a []string, _ map[string][]string) []string { return a }, nil},
		{"page-missing", func(a []string, refs map[string][]string) []string {
			delete(refs, "index.html")
			return slices.DeleteFunc(a, func(n string) bool { return n == "article.css" || n == "article.js" })
		}, []string{
			"index.html is missing (it should reference article.css)",
			"index.html is missing (it should reference article.js)",
		}},
		{"asset-missing", func(a []string, refs map[string][]string) []string {
			refs["frame.js"] = []string{"basemap.pmtiles"}
			return slices.DeleteFunc(a, func(n string) bool { return n == "mapline.wasm" })
		}, []string{"mapline.wasm is missing (boot.js references it)"}},
		{"reference-not-found", func(a []string, refs map[string][]string) []string {
			refs["embed.html"] = slices.DeleteFunc(refs["embed.html"], func(n string) bool { return n == "lang.js" })
			return a
		}, []string{
			`embed.html no longer references "lang.js" in a form dist rewrites (a quoted name, as in src="lang.js" or fetch("lang.js"))`,
			"lang.js is referenced by no page or script in a form dist rewrites (a quoted name): its hashed name would reach nobody",
		}},
		{"referenced-by-a-script-is-enough", func(a []string, refs map[string][]string) []string {
			refs["article.js"] = []string{"extra.js"}
			return append(a, "extra.js")
		}, nil},
		{"asset-nobody-loads", func(a []string, _ map[string][]string) []string {
			return append(a, "extra.js")
		}, []string{"extra.js is referenced by no page or script in a form dist rewrites (a quoted name): its hashed name would reach nobody"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assets, refs := complete()
			assets = tc.edit(assets, refs)
			got := referenceProblems(assets, refs)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("problems:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
		})
	}
}

// TestHashOrder: an asset's name is hashed after the names of the assets it
// references are written into it, so a change of the wasm renames frame.js
// too, and nothing else.
func TestHashOrder(t *testing.T) {
	names := func(wasm string) map[string]string {
		tr := &tree{dir: "site", names: []string{"embed.css", "frame.js", "mapline.wasm"}, assets: map[string]*asset{}}
		for n, data := range map[string]string{"embed.css": "body{}", "frame.js": `fetch("mapline.wasm")`, "mapline.wasm": wasm} {
			a, _, err := findAssets("site", []string{n})
			if err != nil {
				t.Fatal(err)
			}
			tr.assets[n] = a[n]
			tr.assets[n].data = []byte(data)
		}
		tr.assets["frame.js"].refs = []string{"mapline.wasm"}
		order, err := tr.hash()
		if err != nil {
			t.Fatal(err)
		}
		if i, j := slices.Index(order, "mapline.wasm"), slices.Index(order, "frame.js"); i > j {
			t.Errorf("order %v: frame.js hashed before the wasm it names", order)
		}
		if got, want := string(tr.assets["frame.js"].data), `fetch("`+tr.assets["mapline.wasm"].final+`")`; got != want {
			t.Errorf("frame.js: %s, want %s", got, want)
		}
		out := map[string]string{}
		for n, a := range tr.assets {
			out[n] = a.final
		}
		return out
	}
	a, b := names("\x00asm one"), names("\x00asm two")
	for n, changes := range map[string]bool{"mapline.wasm": true, "frame.js": true, "embed.css": false} {
		if (a[n] != b[n]) != changes {
			t.Errorf("%s: %s then %s after a change of the wasm; want a new name: %v", n, a[n], b[n], changes)
		}
	}
}
