package draw

import "github.com/hajimehoshi/ebiten/v2"

// In the browser the painter builds Ebitengine's own vertices: no copy on
// the way to DrawTriangles.
type (
	Vertex   = ebiten.Vertex
	FillRule = ebiten.FillRule
)

const (
	FillAll = ebiten.FillRuleFillAll
	EvenOdd = ebiten.FillRuleEvenOdd
)
