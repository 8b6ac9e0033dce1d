//go:build !js

package geo

import (
	_ "embed"
	"sync"
)

// The wasm does not embed the basemap: fetched beside it (see frame.js), the
// basemap arrives in parallel, is cached on its own and keeps the wasm small.
// Measured on the wasm build (make size, November 2026): embedding it cost
// 0.68 MB raw and about 0.5 MB brotli.
//
//go:embed basemap.bin
var basemapBin []byte

var (
	defaultBasemapOnce sync.Once
	defaultBasemap     *Basemap
	defaultBasemapErr  error
)

func loadDefaultBasemap() {
	defaultBasemap, defaultBasemapErr = DecodeBasemap(basemapBin)
	if defaultBasemapErr != nil {
		defaultBasemap = &Basemap{}
	}
	defaultBasemap.CutAtAntimeridian() // Fiji, Chukotka: no band round the world

}

// DefaultBasemap returns the embedded basemap, decoded on first use. If it
// cannot be decoded (see DefaultBasemapErr) it returns an empty Basemap.
// Not in the wasm build, which fetches the basemap.
func DefaultBasemap() *Basemap {
	defaultBasemapOnce.Do(loadDefaultBasemap)
	return defaultBasemap
}

// DefaultBasemapErr returns the error of decoding the embedded basemap, if any.
func DefaultBasemapErr() error {
	defaultBasemapOnce.Do(loadDefaultBasemap)
	return defaultBasemapErr
}
