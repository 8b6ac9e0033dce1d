package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestPkgOf(t *testing.T) {
	for _, c := range []struct{ sym, want string }{
		{"mapline_geo.__Map_.RenderAt", "mapline_geo"},
		{"runtime.runqget", "runtime"},
		{"github.com_hajimehoshi_ebiten_v2_internal_ui.__UserInterface_.update", "github.com_hajimehoshi_ebiten_v2_internal_ui"},
		{"golang.org_x_text_unicode_bidi.Lookup", "golang.org_x_text_unicode_bidi"},
		{"slices.choosePivotOrdered_go.shape.string_", "slices"},
		{"main.__frameGate_.publish.func1", "main"},
		{"type_.eq.mapline_geo.Date", "type_"},
		{"go_buildid", "?"},
	} {
		t.Run(c.sym, func(t *testing.T) {
			if got := pkgOf(c.sym); got != c.want {
				t.Errorf("pkgOf(%q) = %q, want %q", c.sym, got, c.want)
			}
		})
	}
}

// wasmOf builds a wasm binary from its sections (id, contents).
func wasmOf(sections ...[]byte) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	for i := 0; i < len(sections); i += 2 {
		b = append(b, sections[i][0], byte(len(sections[i+1])))
		b = append(b, sections[i+1]...)
	}
	return b
}

func str(s string) []byte { return append([]byte{byte(len(s))}, s...) }

func TestParseModule(t *testing.T) {
	imports := append([]byte{2}, append(append(str("go"), str("debug")...), 0, 0)...) // two imports: a function and a memory
	imports = append(imports, append(append(str("go"), str("mem")...), 2, 0, 1)...)
	code := []byte{2, 3, 0, 0x01, 0x0b, 5, 0, 0x01, 0x01, 0x01, 0x0b}                            // bodies of 3 and 5 bytes
	data := []byte{2, 0, 0x41, 0x0b, 0x0b, 4, 'a', 'b', 'c', 'd', 0, 0x41, 0, 0x0b, 2, 'e', 'f'} // the first offset, 11, is the byte of end
	names := []byte{1, 0}
	sub := append([]byte{2, 1}, str("main.a")...)
	sub = append(sub, append([]byte{2}, str("runtime.b")...)...)
	names = append([]byte{1, byte(len(sub))}, sub...)
	custom := append(str("name"), names...)
	b := wasmOf([]byte{2}, imports, []byte{10}, code, []byte{11}, data, []byte{0}, custom)

	m, err := parseModule(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.funcs) != 2 || m.funcs[0].name != "main.a" || m.funcs[0].size != 3 || m.funcs[1].name != "runtime.b" || m.funcs[1].size != 5 {
		t.Errorf("funcs %+v, want main.a of 3 B and runtime.b of 5 B (function indices after the one imported function)", m.funcs)
	}
	if m.data != 6 {
		t.Errorf("data %d B, want 6", m.data)
	}
	var out bytes.Buffer
	printFuncs(&out, "x.wasm", m, nil, 10)
	if !strings.Contains(out.String(), "code 8 B, data 6 B") {
		t.Errorf("printFuncs:\n%s", out.String())
	}

	for name, bad := range map[string][]byte{
		"not wasm":        []byte("\x7fELF...."),
		"truncated code":  wasmOf([]byte{10}, []byte{1, 9, 0}),
		"section too big": append(wasmOf(), 10, 40, 1),
	} {
		if _, err := parseModule(bad); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestPrintPkg(t *testing.T) {
	m := module{funcs: []fn{{name: "main.small", size: 3}, {name: "runtime.x", size: 50}, {name: "main.big", size: 9}}}
	base := module{funcs: []fn{{name: "main.small", size: 1}}}
	var out bytes.Buffer
	printPkg(&out, m, &base, "main", 10)
	got := out.String()
	big, small := strings.Index(got, "big"), strings.Index(got, "small")
	if !strings.Contains(got, "2 functions, code 12 B") || big < 0 || small < big || strings.Contains(got, "runtime") || !strings.Contains(got, "+2") {
		t.Errorf("printPkg of main: want big before small, +2 beside small, no runtime:\n%s", got)
	}
}

func TestSleb(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
		want int
	}{
		{"one byte", []byte{0x0b}, 11},
		{"negative one byte", []byte{0x7f}, -1},
		{"two bytes", []byte{0xc0, 0xbb, 0x78}, -123456},
		{"an address above 64 KiB", []byte{0xc3, 0xcb, 0x07}, 0x1e5c3},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := &reader{b: c.b}
			if got := r.sleb(); got != c.want || r.err != nil {
				t.Errorf("sleb(% x) = %d (%v), want %d", c.b, got, r.err, c.want)
			}
		})
	}
}

// TestDataPartsOfTheBareGame builds the bare game for wasm and splits its
// data section: the module data's field offsets are the Go toolchain's, and
// this fails when a new Go moves them.
func TestDataPartsOfTheBareGame(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a wasm")
	}
	out := t.TempDir() + "/bare.wasm"
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, "./bare")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	m, err := parseModule(b)
	if err != nil {
		t.Fatal(err)
	}
	parts, err := dataParts(m)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	for _, p := range parts {
		got[p.name] = p.bytes
	}
	if !bytes.Contains(got["pclntab: function names"], []byte("runtime.main\x00")) {
		t.Errorf("the function names part does not hold runtime.main")
	}
	if !bytes.Contains(got["pclntab: file names"], []byte("runtime/proc.go\x00")) {
		t.Errorf("the file names part does not hold runtime/proc.go")
	}
	if len(got["pclntab: pc tables"]) < 100_000 || len(got["rodata: types, strings, tables, GC masks, embeds"]) < 100_000 {
		t.Errorf("pc tables %d B, rodata %d B: want both over 100 kB in an Ebitengine game", len(got["pclntab: pc tables"]), len(got["rodata: types, strings, tables, GC masks, embeds"]))
	}
}
