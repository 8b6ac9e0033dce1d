package builtinshader

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestWasmLinksNoReflectMethod links the wasm as make build does, with the
// workspace file that puts this copy in place of Ebitengine's file, and reads
// the linker's dependency dump: no function that calls a method by a name
// known only at run time (<ReflectMethod>), and no text/template. Either one
// would make the linker keep every exported method again (doc.go). Built
// without the workspace, the same dump marks text/template's evalField.
func TestWasmLinksNoReflectMethod(t *testing.T) {
	work, err := filepath.Abs("../../../.cache/build/wasm.work")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(work); err != nil {
		if os.Getenv("MAPLINE_DIST") == "" {
			t.Skip("the wasm's workspace file comes from make build (make test runs this test after it)")
		}
		t.Fatalf("no workspace file for the wasm: %v (make build writes it)", err)
	}
	if testing.Short() {
		t.Skip("links the whole wasm")
	}
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-dumpdep", "-o", filepath.Join(t.TempDir(), "mapline.wasm"), "./wasm")
	cmd.Dir = "../../.."
	cmd.Env = append(os.Environ(), "GOWORK="+work, "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go build ./wasm: %v\n%.2000s", err, out)
	}
	if !bytes.Contains(out, []byte("main.main")) {
		t.Fatalf("no dependency dump from the linker:\n%.2000s", out)
	}
	for _, bad := range []string{"<ReflectMethod>", "text/template"} {
		if i := bytes.Index(out, []byte(bad)); i >= 0 {
			line := out[max(0, bytes.LastIndexByte(out[:i], '\n')+1):]
			if j := bytes.IndexByte(line, '\n'); j >= 0 {
				line = line[:j]
			}
			t.Errorf("the wasm links %s: %s", bad, line)
		}
	}
}
