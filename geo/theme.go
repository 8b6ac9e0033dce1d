package geo

import (
	"image/color"

	"github.com/paulmach/orb"
)

// Theme is the colours and sizes of a map style.
type Theme struct {
	Name      string
	Sea       color.NRGBA
	Land      color.NRGBA
	StoryLand color.NRGBA // countries holding a site of the story
	Border    color.NRGBA
	Outline   color.NRGBA // the ring around every marker, against the land
	Faded     color.NRGBA // markers of sites the story has not reached yet
	Kinds     map[string]color.NRGBA
	Other     color.NRGBA // markers of kinds not in Kinds
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
}

// Dark is the theme for dark pages.
var Dark = Theme{
	Name:      "dark",
	Sea:       rgb(0x0f1b26),
	Land:      rgb(0x27313a),
	StoryLand: rgb(0x34404a),
	Border:    rgb(0x6f7d88),
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
}

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
	c, ok := th.Kinds[kind]
	if !ok {
		c = th.Other
	}
	m := Marker{Site: site, Kind: kind, X: p[0], Y: p[1], R: th.radius(s), Status: s, Fill: c, Stroke: th.Outline}
	switch s {
	case Future:
		m.Fill = th.Faded
	case Current:
		m.Halo = c
		m.Halo.A = 0x70
	}
	return m
}
