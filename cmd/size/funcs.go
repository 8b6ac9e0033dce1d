package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// A module is what -funcs reads of a WebAssembly binary: the size of each
// function body (code section) with its name (the "name" custom section, which
// Go writes unless linked with -s), and the data segments.
type module struct {
	funcs    []fn
	data     int       // bytes in the data section's segments
	segments []segment // the data section's segments, in order
	code     []byte    // the code section's contents
	dataSec  []byte    // the data section's contents
}

// A segment is one active data segment: bytes copied to addr in memory.
type segment struct {
	addr  int
	bytes []byte
}

type fn struct {
	name string
	size int    // body bytes in the code section
	body []byte // the body itself
}

// parseModule reads a wasm binary's import, code, data and name sections.
func parseModule(b []byte) (module, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return module{}, errors.New("size: not a wasm binary (no \\0asm header)")
	}
	r := &reader{b: b, off: 8}
	var m module
	var imports int
	var bodies [][]byte
	names := map[int]string{}
	for r.off < len(b) {
		id := r.byte()
		n := r.uleb()
		if r.err != nil || n > len(b)-r.off {
			return module{}, fmt.Errorf("size: section at byte %d: truncated", r.off)
		}
		sec := &reader{b: b[:r.off+n], off: r.off}
		r.off += n
		switch id {
		case 2: // imports: only the functions take function indices
			for i, count := 0, sec.uleb(); i < count && sec.err == nil; i++ {
				sec.name()
				sec.name()
				switch kind := sec.byte(); kind {
				case 0:
					sec.uleb()
					imports++
				case 1: // table: reftype, limits
					sec.byte()
					sec.limits()
				case 2:
					sec.limits()
				case 3: // global: valtype, mutability
					sec.byte()
					sec.byte()
				default:
					return module{}, fmt.Errorf("size: import %d: unknown kind %d", i, kind)
				}
			}
		case 10: // code
			m.code = sec.b[sec.off:]
			for i, count := 0, sec.uleb(); i < count && sec.err == nil; i++ {
				size := sec.uleb()
				if sec.err != nil || size > len(sec.b)-sec.off {
					return module{}, fmt.Errorf("size: function body %d: truncated", i)
				}
				bodies = append(bodies, sec.b[sec.off:sec.off+size])
				sec.off += size
			}
		case 11: // data: memory index, offset expression, bytes
			m.dataSec = sec.b[sec.off:]
			for i, count := 0, sec.uleb(); i < count && sec.err == nil; i++ {
				if flags := sec.uleb(); flags != 0 {
					return module{}, fmt.Errorf("size: data segment %d: flags %d (only active segments of memory 0 are read)", i, flags)
				}
				if op := sec.byte(); op != 0x41 { // i32.const offset, end
					return module{}, fmt.Errorf("size: data segment %d: offset opcode %#x, not i32.const", i, op)
				}
				addr := sec.sleb()
				if sec.byte() != 0x0b {
					return module{}, fmt.Errorf("size: data segment %d: offset expression longer than i32.const", i)
				}
				size := sec.uleb()
				if sec.err != nil || size > len(sec.b)-sec.off {
					return module{}, fmt.Errorf("size: data segment %d: truncated", i)
				}
				m.data += size
				m.segments = append(m.segments, segment{addr, sec.b[sec.off : sec.off+size]})
				sec.off += size
			}
		case 0:
			if sec.name() != "name" {
				break
			}
			for sec.off < len(sec.b) && sec.err == nil {
				sub := sec.byte()
				size := sec.uleb()
				end := sec.off + size
				if sub == 1 { // function names
					for i, count := 0, sec.uleb(); i < count && sec.err == nil; i++ {
						idx := sec.uleb()
						names[idx] = sec.name()
					}
				}
				sec.off = end
			}
		}
		if sec.err != nil {
			return module{}, fmt.Errorf("size: section %d: %v", id, sec.err)
		}
	}
	for i, body := range bodies {
		name, ok := names[imports+i]
		if !ok {
			name = fmt.Sprintf("?%d", imports+i)
		}
		m.funcs = append(m.funcs, fn{name, len(body), body})
	}
	return m, nil
}

// pkgOf returns the Go package of a function's name in a Go wasm's name
// section, where the linker wrote '/', '(', '*' and ')' as '_':
// "mapline_geo.__View_.X" is "mapline_geo",
// "github.com_paulmach_orb_planar.Area" is "github.com_paulmach_orb_planar",
// a name without a package ("go_buildid") is "?".
func pkgOf(sym string) string {
	i := strings.IndexByte(sym, '.')
	if i < 0 {
		return "?"
	}
	// A module path's host ("github.com_…", "golang.org_x_…") holds a dot.
	if j := strings.IndexByte(sym[i+1:], '_'); j > 0 && !strings.Contains(sym[:i], "_") && hosts[sym[i+1:i+1+j]] {
		if k := strings.IndexByte(sym[i+1+j:], '.'); k >= 0 {
			return sym[:i+1+j+k]
		}
	}
	return sym[:i]
}

var hosts = map[string]bool{"com": true, "org": true, "net": true, "io": true, "dev": true, "in": true}

// pkgSize is the code bytes of one package.
type pkgSize struct {
	pkg   string
	size  int
	funcs int
	code  []byte // the package's function bodies, one after the other
}

// byPackage sums function bodies per package, largest first.
func byPackage(funcs []fn) []pkgSize {
	sum := map[string]*pkgSize{}
	for _, f := range funcs {
		p := pkgOf(f.name)
		if sum[p] == nil {
			sum[p] = &pkgSize{pkg: p}
		}
		sum[p].size += f.size
		sum[p].funcs++
		sum[p].code = append(sum[p].code, f.body...)
	}
	out := make([]pkgSize, 0, len(sum))
	for _, s := range sum {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].size != out[j].size {
			return out[i].size > out[j].size
		}
		return out[i].pkg < out[j].pkg
	})
	return out
}

// printFuncs writes the packages' code sizes, the largest top first, with
// the difference from base's (a bare game) where base is not nil: then the
// packages the file adds come first. "br alone" is the brotli -q 11 size of
// the package's function bodies compressed on their own: an upper bound of
// what the package costs in the compressed wasm (compressed together, code
// shares a dictionary), good for ranking.
func printFuncs(w io.Writer, name string, m module, base *module, top int) {
	code := 0
	for _, f := range m.funcs {
		code += f.size
	}
	fmt.Fprintf(w, "%s: %d functions, code %d B, data %d B\n", name, len(m.funcs), code, m.data)
	in := map[string]int{}
	if base != nil {
		for _, p := range byPackage(base.funcs) {
			in[p.pkg] = p.size
		}
		bc := 0
		for _, f := range base.funcs {
			bc += f.size
		}
		fmt.Fprintf(w, "  beyond the base: code %+d B, data %+d B\n", code-bc, m.data-base.data)
	}
	pkgs := byPackage(m.funcs)
	if base != nil {
		sort.SliceStable(pkgs, func(i, j int) bool { return pkgs[i].size-in[pkgs[i].pkg] > pkgs[j].size-in[pkgs[j].pkg] })
	}
	pkgs = pkgs[:min(top, len(pkgs))]
	br := make([]int, len(pkgs))
	var wg sync.WaitGroup
	for i, p := range pkgs {
		wg.Go(func() {
			br[i] = compressed(p.code, func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, brotli.BestCompression) })
		})
	}
	wg.Wait()
	fmt.Fprintf(w, "  %-52s %10s %6s %10s %9s\n", "package", "code B", "funcs", "vs base", "br alone")
	for i, p := range pkgs {
		delta := ""
		if base != nil {
			delta = fmt.Sprintf("%+d", p.size-in[p.pkg])
		}
		fmt.Fprintf(w, "  %-52s %10d %6d %10s %9d\n", p.pkg, p.size, p.funcs, delta, br[i])
	}
}

// reader reads LEB128 numbers and names; the first error sticks.
type reader struct {
	b   []byte
	off int
	err error
}

func (r *reader) byte() byte {
	if r.err != nil || r.off >= len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	c := r.b[r.off]
	r.off++
	return c
}

func (r *reader) uleb() int {
	var v uint64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return int(v)
		}
	}
	if r.err == nil {
		r.err = errors.New("LEB128 number too long")
	}
	return 0
}

// sleb reads a signed LEB128 number of at most 32 bits (an i32.const).
func (r *reader) sleb() int {
	var v int64
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= int64(c&0x7f) << shift
		if c&0x80 == 0 {
			if c&0x40 != 0 {
				v |= -1 << (shift + 7)
			}
			return int(int32(v))
		}
	}
	if r.err == nil {
		r.err = errors.New("LEB128 number too long")
	}
	return 0
}

func (r *reader) name() string {
	n := r.uleb()
	if r.err != nil || n > len(r.b)-r.off {
		r.err = io.ErrUnexpectedEOF
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

func (r *reader) limits() {
	if r.byte()&1 != 0 {
		r.uleb()
	}
	r.uleb()
}
