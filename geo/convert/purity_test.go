package convert_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestPurity: convert is pure Go like geo: it imports the standard library,
// orb, mapline/geo and golang.org/x/text's decoders (for sheets not in
// UTF-8), and takes bytes, never files, the network or the
// browser.
func TestPurity(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	out, err := exec.Command(goTool, "list", "-f", `{{join .Imports " "}}`, "mapline/geo/convert").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := strings.Fields(string(out))
	if len(imports) == 0 {
		t.Fatal("go list gave no imports")
	}
	for _, imp := range imports {
		switch {
		case imp == "os", imp == "net/http", imp == "syscall/js", strings.HasPrefix(imp, "os/"):
			t.Errorf("convert imports %s", imp)
		case imp == "golang.org/x/text/encoding/charmap", imp == "golang.org/x/text/encoding/unicode":
		case imp == "mapline/geo", imp == "github.com/paulmach/orb", strings.HasPrefix(imp, "github.com/paulmach/orb/") && imp != "github.com/paulmach/orb/geojson":
		case strings.Contains(strings.SplitN(imp, "/", 2)[0], "."):
			t.Errorf("convert imports %s, outside the standard library, orb and mapline/geo", imp)
		case strings.HasPrefix(imp, "mapline/"):
			t.Errorf("convert imports %s: only mapline/geo", imp)
		}
	}
}
