package builtinshader

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"text/template"
)

// upstream is the path of Ebitengine's own shader.go, the file the overlay
// replaces, in the module cache of the version go.mod requires.
func upstream(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/hajimehoshi/ebiten/v2/internal/builtinshader").Output()
	if err != nil {
		t.Fatalf("go list Ebitengine's builtinshader: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "shader.go")
}

// decls parses a Go file and returns its top-level declarations as source
// text, keyed by the names they declare, without the imports.
func decls(t *testing.T, path string) (map[string]string, *ast.File, *token.FileSet) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, d := range f.Decls {
		var names []string
		switch d := d.(type) {
		case *ast.FuncDecl:
			names = append(names, d.Name.Name)
		case *ast.GenDecl:
			if d.Tok == token.IMPORT {
				continue
			}
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					names = append(names, s.Name.Name)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						names = append(names, n.Name)
					}
				}
			}
		}
		var b bytes.Buffer
		if err := format.Node(&b, fset, d); err != nil {
			t.Fatal(err)
		}
		m[strings.Join(names, ",")] = b.String()
	}
	return m, f, fset
}

// TestSameDeclarations: the copy declares what the original declares, the
// same way, except the template (gone) and ShaderSource (which writes the
// source with strings); source is the copy's own.
func TestSameDeclarations(t *testing.T) {
	orig, _, _ := decls(t, upstream(t))
	mine, _, _ := decls(t, "shader.go")
	for name, src := range orig {
		switch name {
		case "tmpl":
			if _, ok := mine[name]; ok {
				t.Errorf("the copy still declares the template")
			}
			continue
		case "ShaderSource":
			if _, ok := mine[name]; !ok {
				t.Errorf("the copy lacks ShaderSource")
			}
			continue
		}
		if mine[name] != src {
			t.Errorf("%s differs from Ebitengine's (make the copy again from %s):\n%s\nwant\n%s", name, upstream(t), mine[name], src)
		}
	}
	for name := range mine {
		if _, ok := orig[name]; !ok && name != "source" {
			t.Errorf("the copy declares %s, which the original does not", name)
		}
	}
	b, err := os.ReadFile("shader.go")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(b, []byte(`"text/template"`)) || bytes.Contains(b, []byte(`"reflect"`)) {
		t.Error("the copy imports text/template or reflect: the wasm's linker would keep every exported method again")
	}
}

// TestSourcesAsTheTemplateWrote executes the original's template, read from
// Ebitengine's file, for every filter, address and colour matrix, and
// compares with what the copy writes.
func TestSourcesAsTheTemplateWrote(t *testing.T) {
	_, f, _ := decls(t, upstream(t))
	var text string
	ast.Inspect(f, func(n ast.Node) bool {
		c, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Parse" && len(c.Args) == 1 {
			if lit, ok := c.Args[0].(*ast.BasicLit); ok {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				text = s
			}
		}
		return true
	})
	if text == "" {
		t.Fatal("no template in Ebitengine's shader.go: the original changed; make the copy again")
	}
	tmpl := template.Must(template.New("tmpl").Parse(text))
	n := 0
	for filter := Filter(0); filter < FilterCount; filter++ {
		for address := Address(0); address < AddressCount; address++ {
			for _, useColorM := range []bool{false, true} {
				var want bytes.Buffer
				err := tmpl.Execute(&want, struct {
					Filter             Filter
					FilterNearest      Filter
					FilterLinear       Filter
					Address            Address
					AddressUnsafe      Address
					AddressClampToZero Address
					AddressRepeat      Address
					UseColorM          bool
				}{filter, FilterNearest, FilterLinear, address, AddressUnsafe, AddressClampToZero, AddressRepeat, useColorM})
				if err != nil {
					t.Fatal(err)
				}
				if got := ShaderSource(filter, address, useColorM); !bytes.Equal(got, want.Bytes()) {
					t.Errorf("filter %d, address %d, colour matrix %v:\n%s\nwant\n%s", filter, address, useColorM, got, want.Bytes())
				}
				n++
			}
		}
	}
	if n != 12 {
		t.Errorf("compared %d sources, want 12", n)
	}
}
