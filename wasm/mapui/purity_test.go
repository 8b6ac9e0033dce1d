package mapui_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPurity keeps mapui apart from the browser and the game engine, on
// the host and in the wasm build: nothing it depends on is ebiten, and no
// non-standard package it depends on imports syscall/js (on js/wasm the
// standard library's syscall does; see geo's TestPurity). That is what lets
// all of it be tested on the host.
func TestPurity(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	for _, target := range []struct{ name, goos, goarch string }{{"host", "", ""}, {"js-wasm", "js", "wasm"}} {
		t.Run(target.name, func(t *testing.T) {
			cmd := exec.Command(goTool, "list", "-deps", "-f", `{{.ImportPath}} {{.Standard}} {{join .Imports ","}}`, "mapline/wasm/mapui")
			cmd.Env = os.Environ()
			if target.goos != "" {
				cmd.Env = append(cmd.Env, "GOOS="+target.goos, "GOARCH="+target.goarch, "CGO_ENABLED=0")
			}
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list -deps mapline/wasm/mapui: %v", err)
			}
			seen := false
			for line := range strings.Lines(string(out)) {
				fields := strings.Fields(line)
				if len(fields) < 2 {
					continue
				}
				pkg, std := fields[0], fields[1] == "true"
				seen = seen || pkg == "mapline/wasm/mapui"
				if strings.HasPrefix(pkg, "github.com/hajimehoshi/ebiten") {
					t.Errorf("mapui depends on %s", pkg)
				}
				if std || len(fields) < 3 {
					continue
				}
				for imp := range strings.SplitSeq(fields[2], ",") {
					if imp == "syscall/js" {
						t.Errorf("%s imports syscall/js", pkg)
					}
				}
			}
			if !seen {
				t.Error("mapline/wasm/mapui is not in its own dependencies")
			}
		})
	}
}
