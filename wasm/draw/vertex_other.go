//go:build !js

package draw

// Vertex and FillRule are Ebitengine's on every other platform too, field
// for field: Ebitengine does not build on a host without a display's
// headers and cgo, and the painter must be tested there. The browser build
// (vertex_js.go) uses ebiten.Vertex itself, so code that compiles against
// this twin and not against Ebitengine's fails there (GOOS=js go vet).
type Vertex struct {
	DstX, DstY                     float32
	SrcX, SrcY                     float32
	ColorR, ColorG, ColorB, ColorA float32
	Custom0, Custom1               float32
	Custom2, Custom3               float32
}

// FillRule is how overlapping triangles fill.
type FillRule int

const (
	FillAll FillRule = iota // every triangle fills
	EvenOdd                 // a pixel covered an even number of times is left out
)
