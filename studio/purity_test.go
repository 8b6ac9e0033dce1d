package studio_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPurity: package studio takes bytes and gives bytes, like geo: no
// files, network or browser (studio/wasm is the bridge), and no Ebitengine,
// so that studio.wasm stays small.
func TestPurity(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	list := func(args ...string) []string {
		out, err := exec.Command(goTool, append([]string{"list"}, args...)...).Output()
		if err != nil {
			t.Fatalf("go list: %v", err)
		}
		return strings.Fields(string(out))
	}
	for _, imp := range list("-f", `{{join .Imports " "}}`, "mapline/studio") {
		switch imp {
		case "os", "net/http", "syscall/js", "os/exec":
			t.Errorf("studio imports %s", imp)
		}
	}
	deps := list("-deps", "-f", `{{.ImportPath}}`, "mapline/studio")
	if len(deps) == 0 {
		t.Fatal("go list gave no packages")
	}
	for _, imp := range deps {
		if strings.HasPrefix(imp, "github.com/hajimehoshi/ebiten") || imp == "github.com/paulmach/orb/geojson" || imp == "net/http" {
			t.Errorf("studio depends on %s", imp)
		}
	}
}
