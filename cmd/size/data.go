package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// A Go wasm's data section is its memory image below the heap: the linker
// writes the sections rodata (type descriptors, string literals, static
// tables, embedded files, go:func.* stack maps), typelink, itablink, the
// module data, pclntab (function names, file names, pc tables), noptrdata and
// data as segments, leaving out runs of zeros. The module data
// (runtime.moduledata) holds the addresses of their parts; dataParts finds it
// through the pclntab's header, whose address is its first field. The offsets
// of its fields are Go 1.26's (runtime/symtab.go): a test of a real build
// (TestDataPartsOfTheBareGame) fails when they move.

// A part is one stretch of the memory image, [start, end).
type part struct {
	name       string
	start, end int
	bytes      []byte // the segments' bytes within the part (zeros left out by the linker are not there)
}

// pcHeaderMagic is Go 1.20's and later pclntab magic (runtime/symtab.go).
const pcHeaderMagic = 0xfffffff1

// image is the memory the segments fill: segment bytes by address.
type image struct{ segs []segment }

// at returns the n bytes at addr, or nil where a segment does not hold them.
func (im image) at(addr, n int) []byte {
	i := sort.Search(len(im.segs), func(i int) bool { return im.segs[i].addr+len(im.segs[i].bytes) > addr })
	if i == len(im.segs) || im.segs[i].addr > addr || addr+n > im.segs[i].addr+len(im.segs[i].bytes) {
		return nil
	}
	s := im.segs[i]
	return s.bytes[addr-s.addr : addr-s.addr+n]
}

func (im image) word(addr int) (int, bool) {
	b := im.at(addr, 8)
	if b == nil {
		return 0, false
	}
	return int(binary.LittleEndian.Uint64(b)), true
}

// within returns the segments' bytes in [start, end), concatenated.
func (im image) within(start, end int) []byte {
	var out []byte
	for _, s := range im.segs {
		a, b := max(start, s.addr), min(end, s.addr+len(s.bytes))
		if a < b {
			out = append(out, s.bytes[a-s.addr:b-s.addr]...)
		}
	}
	return out
}

// dataParts splits a Go wasm's data segments into the parts the module data
// names, in address order. It returns an error when it cannot find them (not
// a Go wasm, or a layout of another Go version).
func dataParts(m module) ([]part, error) {
	im := image{append([]segment(nil), m.segments...)}
	sort.Slice(im.segs, func(i, j int) bool { return im.segs[i].addr < im.segs[j].addr })
	// The pclntab header: magic, two zero pads, minLC 1, ptrSize 8.
	hdr := -1
	for _, s := range im.segs {
		for i := 0; i+8 <= len(s.bytes); i += 8 {
			if binary.LittleEndian.Uint32(s.bytes[i:]) == pcHeaderMagic && bytes.Equal(s.bytes[i+4:i+8], []byte{0, 0, 1, 8}) {
				hdr = s.addr + i
			}
		}
	}
	if hdr < 0 {
		return nil, fmt.Errorf("size: no pclntab header (magic %#x) in the data segments", pcHeaderMagic)
	}
	// The module data: the header's address, then funcnametab's (header +
	// funcnameOffset, the header's fifth word).
	nameOff, ok := im.word(hdr + 32)
	if !ok {
		return nil, fmt.Errorf("size: pclntab header at %#x: truncated", hdr)
	}
	md := -1
	for _, s := range im.segs {
		for i := 0; i+16 <= len(s.bytes); i += 8 {
			if int(binary.LittleEndian.Uint64(s.bytes[i:])) == hdr && int(binary.LittleEndian.Uint64(s.bytes[i+8:])) == hdr+nameOff {
				md = s.addr + i
			}
		}
	}
	if md < 0 {
		return nil, fmt.Errorf("size: no module data pointing at the pclntab header at %#x", hdr)
	}
	// Field offsets of runtime.moduledata (Go 1.26, 8-byte words): slices
	// are three words.
	field := func(off int) int { v, _ := im.word(md + off); return v }
	slice := func(off int) (int, int) { return field(off), field(off + 8) }
	type mark struct {
		name string
		addr int
	}
	// rodata holds the types, the rest of its symbols, then go:func.*;
	// typelink, itablink and the module data follow, then the pclntab,
	// whose parts the header's offsets (the module data's slices) give.
	// Go 1.26 on wasm lays them out as: rodata, whose [types, etypes)
	// covers all of it (type descriptors, strings, static tables, GC
	// masks, embedded files: the module data does not tell them apart);
	// the pclntab (header, then the tables the header's offsets give, then
	// go:func.*); typelink and itablink; the module data; noptrdata; data.
	marks := []mark{
		{"rodata: types, strings, tables, GC masks, embeds", field(296)},
		{"pclntab: header", hdr},
		{"pclntab: go:func.* (stack maps, inline trees, arg info)", field(320)},
		{"typelink, itablink", field(328)},
		{"module data", md},
		{"noptrdata", field(192)},
		{"data", field(208)},
	}
	for _, t := range []struct {
		name string
		off  int
	}{{"pclntab: function names", 8}, {"pclntab: compilation units", 32}, {"pclntab: file names", 56}, {"pclntab: pc tables", 80}, {"pclntab: function table and _func records", 104}} {
		a, _ := slice(t.off)
		marks = append(marks, mark{t.name, a})
	}
	end := field(216) // edata
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].addr < marks[j].addr })
	var parts []part
	for i, k := range marks {
		e := end
		if i+1 < len(marks) {
			e = marks[i+1].addr
		}
		if e <= k.addr {
			continue
		}
		parts = append(parts, part{k.name, k.addr, e, im.within(k.addr, e)})
	}
	// Bytes outside [rodata, edata) mean the layout is not the one above.
	n := 0
	for _, p := range parts {
		n += len(p.bytes)
	}
	if n != m.data {
		return nil, fmt.Errorf("size: the data parts hold %d B of the segments' %d B: not Go 1.26's layout", n, m.data)
	}
	return parts, nil
}

// printData writes the data section's parts with their bytes and brotli -q 11
// alone, beside base's parts of the same name, and the code and data
// sections' brotli sizes alone: which half to attack.
func printData(w io.Writer, m module, base *module) error {
	parts, err := dataParts(m)
	if err != nil {
		return err
	}
	var bparts []part
	if base != nil {
		if bparts, err = dataParts(*base); err != nil {
			return fmt.Errorf("base: %w", err)
		}
	}
	inBase := map[string]int{}
	for _, p := range bparts {
		inBase[p.name] += len(p.bytes)
	}
	bro := func(b []byte) int {
		return compressed(b, func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, brotli.BestCompression) })
	}
	br := make([]int, len(parts))
	var secs [4]int // code, data, base code, base data
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Go(func() { br[i] = bro(p.bytes) })
	}
	wg.Go(func() { secs[0] = bro(m.code) })
	wg.Go(func() { secs[1] = bro(m.dataSec) })
	if base != nil {
		wg.Go(func() { secs[2] = bro(base.code) })
		wg.Go(func() { secs[3] = bro(base.dataSec) })
	}
	wg.Wait()
	fmt.Fprintf(w, "  sections alone, brotli -q 11: code %d B (%d raw), data %d B (%d raw)", secs[0], len(m.code), secs[1], len(m.dataSec))
	if base != nil {
		fmt.Fprintf(w, "; beyond the base: code %+d B, data %+d B", secs[0]-secs[2], secs[1]-secs[3])
	}
	fmt.Fprintf(w, "\n  %-52s %10s %10s %9s\n", "data part", "bytes", "vs base", "br alone")
	for i, p := range parts {
		delta := ""
		if base != nil {
			delta = fmt.Sprintf("%+d", len(p.bytes)-inBase[p.name])
		}
		fmt.Fprintf(w, "  %-52s %10d %10s %9d\n", p.name, len(p.bytes), delta, br[i])
	}
	return nil
}

// printPkg writes the largest functions of one package (its name as pkgOf
// gives it: "mapline_geo", "main"), top first, with the base's size of the
// same function where base has it.
func printPkg(w io.Writer, m module, base *module, pkg string, top int) {
	in := map[string]int{}
	if base != nil {
		for _, f := range base.funcs {
			in[f.name] = f.size
		}
	}
	var fs []fn
	total := 0
	for _, f := range m.funcs {
		if pkgOf(f.name) == pkg {
			fs = append(fs, f)
			total += f.size
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return fs[i].size > fs[j].size })
	fmt.Fprintf(w, "  package %s: %d functions, code %d B\n", pkg, len(fs), total)
	for _, f := range fs[:min(top, len(fs))] {
		delta := ""
		if base != nil {
			delta = fmt.Sprintf("%+d", f.size-in[f.name])
		}
		fmt.Fprintf(w, "  %-80s %8d %8s\n", strings.TrimPrefix(f.name, pkg+"."), f.size, delta)
	}
}
