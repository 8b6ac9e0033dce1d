package geo

import (
	"image/color"
	"math"

	"github.com/paulmach/orb"
)

// Theme is the colours and sizes of a map style.
type Theme struct {
	Name      string
	Sea       color.NRGBA
	Land      color.NRGBA
	StoryLand color.NRGBA // countries holding a site of the story
	Border    color.NRGBA
	Region    color.NRGBA // first-level boundaries: states, provinces
	Road      color.NRGBA // the roads of a newsroom's tiles (tiles=)
	Outline   color.NRGBA // the ring around every marker, against the land
	Faded     color.NRGBA // markers of sites the story has not reached yet
	Kinds     map[string]color.NRGBA
	Other     color.NRGBA // markers of kinds not in Kinds
	City      color.NRGBA // the dots of reference cities (outlined in Outline)
	Link      color.NRGBA // the arcs of an event that links sites
}

func rgb(v uint32) color.NRGBA {
	return color.NRGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}
}

// Light is the default theme: a calm locator-map style.
var Light = Theme{
	Name:      "light",
	Sea:       rgb(0xd9e6ef),
	Land:      rgb(0xf6f4ef),
	StoryLand: rgb(0xebe4d3),
	Border:    rgb(0xa69f92),
	Region:    rgb(0xc9c2b4),
	Road:      rgb(0xd8b98a),
	Outline:   rgb(0xffffff),
	Faded:     color.NRGBA{0x6b, 0x6b, 0x6b, 0xa0},
	Kinds: map[string]color.NRGBA{
		"embassy":   rgb(0x1d5fa6),
		"consulate": rgb(0x1d5fa6),
		"military":  rgb(0xb42318),
		"nuclear":   rgb(0x7a3aa0),
		"venue":     rgb(0x0b7a55),
		"city":      rgb(0x3d3d3d),
		"event":     rgb(0xb45309),
	},
	Other: rgb(0x3d3d3d),
	Link:  color.NRGBA{0xb4, 0x23, 0x18, 0xd8},
	City:  rgb(0x4d4d4d),
}

// Dark is the theme for dark pages.
var Dark = Theme{
	Name:      "dark",
	Sea:       rgb(0x0f1b26),
	Land:      rgb(0x27313a),
	StoryLand: rgb(0x34404a),
	Border:    rgb(0x6f7d88),
	Region:    rgb(0x4a5660),
	Road:      rgb(0x5d6a74),
	Outline:   rgb(0x0f1b26),
	Faded:     color.NRGBA{0x9a, 0xa4, 0xad, 0xa0},
	Kinds: map[string]color.NRGBA{
		"embassy":   rgb(0x6ea8ff),
		"consulate": rgb(0x6ea8ff),
		"military":  rgb(0xff7a6b),
		"nuclear":   rgb(0xd29bff),
		"venue":     rgb(0x4fd1a1),
		"city":      rgb(0xe6e6e6),
		"event":     rgb(0xffb454),
	},
	Other: rgb(0xe6e6e6),
	Link:  color.NRGBA{0xff, 0x8a, 0x7a, 0xe0},
	City:  rgb(0xb8c0c7),
}

// Marker sizes, in CSS px.
const (
	OutlineWidth  = 1.5 // the ring around every marker and dot
	HaloWidth     = 6   // the halo around current markers, beyond the marker's radius
	CityRadius    = 2.5 // the dot of a reference city
	CapitalRadius = 3   // the dot of a capital
)

// radius is a marker's radius for a status.
func (th Theme) radius(s Status) float64 {
	switch s {
	case Current:
		return 8
	case Past:
		return 6.5
	}
	return MinMarkerRadius
}

func (th Theme) marker(site int, kind string, p orb.Point, s Status) Marker {
	return th.styledMarker(site, kind, th.KindColor(kind), KindShape(kind), p, s)
}

// styledMarker is marker with the kind's colour and shape already looked up.
func (th Theme) styledMarker(site int, kind string, c color.NRGBA, shape Shape, p orb.Point, s Status) Marker {
	r := th.radius(s)
	m := Marker{Site: site, Kind: kind, Shape: shape, X: p[0], Y: p[1], R: r, Status: s, Fill: c, Stroke: th.Outline}
	switch s {
	case Future:
		m.Fill = th.Faded
	case Current:
		m.Halo = c
		m.Halo.A = 0x70
		m.HaloR = max(r+HaloWidth, m.Shape.Extent(r)+OutlineWidth+3)
	}
	return m
}

// KindColor is the colour of markers of a kind.
func (th Theme) KindColor(kind string) color.NRGBA {
	if c, ok := th.Kinds[kind]; ok {
		return c
	}
	return th.Other
}

// Luminance is the relative luminance of an opaque colour (WCAG 2).
func Luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// Contrast is the WCAG 2 contrast ratio of two opaque colours, 1 to 21.
// Graphics need 3 against their background, text 4.5.
func Contrast(a, b color.NRGBA) float64 {
	la, lb := Luminance(a), Luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// Over is colour c composited over the opaque colour bg.
func Over(c, bg color.NRGBA) color.NRGBA {
	a := float64(c.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(c.R, bg.R), mix(c.G, bg.G), mix(c.B, bg.B), 0xff}
}
