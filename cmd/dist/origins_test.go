package main

import (
	"slices"
	"strings"
	"testing"

	"mapline/site"
)

// TestDataOrigins: -data-origins puts exactly the given origins into
// embed.html, where the wasm and site.Handler read them; a run without them
// takes them out again; runs stay idempotent.
func TestDataOrigins(t *testing.T) {
	dir := writeSite(t, fixture())
	origins := []string{"https://data.example.org", "http://localhost:9000"}
	opt := testOpt
	opt.dataOrigins = origins
	sum, err := run(dir, opt)
	if err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, dir)
	if got := site.PageDataOrigins([]byte(first["embed.html"])); !slices.Equal(got, origins) {
		t.Errorf("embed.html lists %q, want %q:\n%s", got, origins, first["embed.html"])
	}
	if !strings.Contains(first["embed.html"], `<meta name="mapline-data-origins" content="https://data.example.org http://localhost:9000">`+"\n</head>") {
		t.Errorf("the meta is not just before </head>:\n%s", first["embed.html"])
	}
	if site.PageDataOrigins([]byte(first["index.html"])) != nil {
		t.Error("index.html got data origins")
	}
	if got, err := decompress(".br", []byte(first["embed.html.br"])); err != nil || string(got) != first["embed.html"] {
		t.Error("embed.html.br does not have the meta")
	}
	if s := sum.String(); !strings.Contains(s, site.CSPFor(origins)) {
		t.Errorf("the summary does not give the CSP to send:\n%s", s)
	}

	// Again with the same origins: nothing changes.
	if _, err := run(dir, opt); err != nil {
		t.Fatal(err)
	}
	second := snapshot(t, dir)
	for name, data := range first {
		if second[name] != data {
			t.Errorf("a second run with the same origins changed %s", name)
		}
	}

	// Other origins replace them; none removes the meta.
	opt.dataOrigins = origins[:1]
	if _, err := run(dir, opt); err != nil {
		t.Fatal(err)
	}
	if got := site.PageDataOrigins([]byte(snapshot(t, dir)["embed.html"])); !slices.Equal(got, origins[:1]) {
		t.Errorf("after a run with one origin, embed.html lists %q", got)
	}
	runOK(t, dir)
	plain := snapshot(t, dir)["embed.html"]
	if strings.Contains(plain, "mapline-data-origins") {
		t.Errorf("a run without origins left the meta:\n%s", plain)
	}
	if plain != fixture()["embed.html"] && !strings.Contains(plain, `<head><meta name="mapline-spec" content='{`) {
		t.Errorf("embed.html changed around the meta:\n%s", plain)
	}
}

// TestDataOriginsNoHead: origins for an embed.html without </head> fail
// before anything changes.
func TestDataOriginsNoHead(t *testing.T) {
	files := fixture()
	files["embed.html"] = strings.Replace(files["embed.html"], "</head>", "", 1)
	dir := writeSite(t, files)
	before := snapshot(t, dir)
	opt := testOpt
	opt.dataOrigins = []string{"https://data.example.org"}
	_, err := run(dir, opt)
	if err == nil || !strings.Contains(err.Error(), "embed.html: no </head>") {
		t.Fatalf("run error %v, want one about the missing </head>", err)
	}
	after := snapshot(t, dir)
	if len(after) != len(before) {
		t.Errorf("%d files after the failed run, %d before", len(after), len(before))
	}
	for name, data := range before {
		if after[name] != data {
			t.Errorf("the failed run changed %s", name)
		}
	}
}
