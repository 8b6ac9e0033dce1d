package geo_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPurity keeps the dependencies pointing one way (wasm → geo → orb): geo
// must not pull in the game engine, the browser, the network or GeoJSON
// decoding it does itself, on the host nor in the wasm build. Its renderers
// (geo/svg, geo/raster) and its vector tiles (geo/tiles) are held to the
// same, and the core never depends on a renderer: they import geo, as
// tdewolff/canvas's renderers import canvas.
//
// "os" and "syscall/js" cannot be checked the same way: the standard
// library's fmt imports os, so os is in the dependencies of any package that
// formats an error, and on js/wasm the standard library's syscall imports
// syscall/js. What matters is that geo (and the non-standard packages it uses)
// never import them themselves: geo takes []byte or an io.Reader, and the
// browser is the wasm package's business.
func TestPurity(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	// Not in the dependencies at all.
	forbidden := func(root, pkg string) bool {
		switch {
		case pkg == "net/http", pkg == "github.com/paulmach/orb/geojson":
			return true
		case pkg == "github.com/hajimehoshi/ebiten", strings.HasPrefix(pkg, "github.com/hajimehoshi/ebiten/"):
			return true
		case root == "mapline/geo" && (pkg == "mapline/geo/svg" || pkg == "mapline/geo/raster" || strings.HasPrefix(pkg, "mapline/wasm")):
			return true // a renderer
		}
		return false
	}
	// Not imported by geo nor by any non-standard package it depends on.
	notImported := map[string]bool{"os": true, "syscall/js": true}
	for _, c := range []struct{ root, goos, goarch string }{
		{"mapline/geo", "", ""}, {"mapline/geo", "js", "wasm"},
		{"mapline/geo/svg", "", ""}, {"mapline/geo/svg", "js", "wasm"},
		{"mapline/geo/raster", "", ""}, // host only
		{"mapline/geo/tiles", "", ""}, {"mapline/geo/tiles", "js", "wasm"},
	} {
		root, target := c.root, c
		name := root + "/host"
		if target.goos != "" {
			name = root + "/" + target.goos + "/" + target.goarch
		}
		t.Run(name, func(t *testing.T) {
			// One line per dependency: its path, whether it is in the
			// standard library, and its own imports.
			cmd := exec.Command(goTool, "list", "-deps",
				"-f", `{{.ImportPath}} {{.Standard}} {{join .Imports ","}}`, root)
			cmd.Env = os.Environ()
			if target.goos != "" {
				cmd.Env = append(cmd.Env, "GOOS="+target.goos, "GOARCH="+target.goarch, "CGO_ENABLED=0")
			}
			out, err := cmd.Output()
			if err != nil {
				msg := ""
				if ee, ok := err.(*exec.ExitError); ok {
					msg = string(ee.Stderr)
				}
				t.Fatalf("go list -deps %s: %v\n%s", root, err, msg)
			}
			seen := false
			for line := range strings.Lines(string(out)) {
				fields := strings.Fields(line)
				if len(fields) < 2 {
					continue
				}
				pkg, std := fields[0], fields[1] == "true"
				if pkg == root {
					seen = true
				}
				if forbidden(root, pkg) {
					t.Errorf("%s depends on %s", root, pkg)
				}
				if std || len(fields) < 3 {
					continue
				}
				for imp := range strings.SplitSeq(fields[2], ",") {
					if notImported[imp] {
						t.Errorf("%s imports %s", pkg, imp)
					}
				}
			}
			if !seen {
				t.Errorf("go list -deps %s did not list it:\n%s", root, out)
			}
		})
	}
}
