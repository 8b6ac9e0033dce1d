package main

import (
	"fmt"
	"os"
	"path/filepath"
)

// wasmSizes are the brotli -q 11 sizes of the wasm a reader downloads and of
// the yardsticks: the bare Ebitengine game (cmd/size/bare) as any game would
// link it, and, when given, the same game linked as mapline's wasm is (with
// internal/ebitenpatch: make size's "built alike").
type wasmSizes struct {
	Mapline   int `json:"mapline"`
	Bare      int `json:"bare"`
	BareAlike int `json:"bareAlike,omitempty"`
}

// measureWasm reads the served wasm's .br sibling in dist (or compresses the
// -wasm file served in its place) and compresses the bare games, as cmd/dist
// does.
func measureWasm(cfg config, bareAlike string) (*wasmSizes, error) {
	var s wasmSizes
	if cfg.wasm != "" {
		n, err := brotliSize(cfg.wasm)
		if err != nil {
			return nil, err
		}
		s.Mapline = n
	} else {
		m, err := filepath.Glob(filepath.Join(cfg.dist, "mapline.*.wasm.br"))
		if err != nil || len(m) != 1 {
			return nil, fmt.Errorf("the wasm's brotli in %s: want one mapline.*.wasm.br, found %d", cfg.dist, len(m))
		}
		fi, err := os.Stat(m[0])
		if err != nil {
			return nil, err
		}
		s.Mapline = int(fi.Size())
	}
	for _, y := range []struct {
		name string
		n    *int
	}{{cfg.bareWasm, &s.Bare}, {bareAlike, &s.BareAlike}} {
		if y.name == "" {
			continue
		}
		n, err := brotliSize(y.name)
		if err != nil {
			return nil, err
		}
		*y.n = n
	}
	return &s, nil
}

// brotliSize is the size of file name at brotli -q 11 (cached as
// brotliCached keeps it).
func brotliSize(name string) (int, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return 0, err
	}
	br, err := brotliCached(name, b)
	return len(br), err
}

// target is the wasm budget as the issue sets it: at most 1.15× the bare
// game, brotli; the ratio to the game linked alike is said beside.
func (s *wasmSizes) target() (target, bool) {
	if s == nil || s.Bare == 0 {
		return target{}, false
	}
	r := float64(s.Mapline) / float64(s.Bare)
	m := fmt.Sprintf("%d B against %d B: %.3f×", s.Mapline, s.Bare, r)
	if s.BareAlike > 0 {
		m += fmt.Sprintf(" (against the bare game linked as the wasm is, %d B: %.3f×)", s.BareAlike, float64(s.Mapline)/float64(s.BareAlike))
	}
	return target{"the wasm at most 1.15× a bare Ebitengine game, brotli -q 11", m, r <= 1.15}, true
}
