package geo

import "time"

// Poster is a static picture of a scene: the first paint of an embed before
// its wasm arrives, a social card, a print. Package geo/svg writes it as SVG
// small enough to inline in a page, with both themes in one picture;
// geo/raster draws one of its scenes as pixels.
//
// The scenes must be rendered from the same story, view and event, their
// labels sized and placed (Scene.Measure, Scene.Place) in the first one, so
// that they paint the same operations (Scene.Paint) in other colours. One
// of them may be nil: the poster then has the other theme only.
type Poster struct {
	Light, Dark *Scene
	Label       string // the text alternative: aria-label of the <svg>
}

// PosterThemes says which themes a poster has.
type PosterThemes uint8

const (
	PosterLight PosterThemes = 1 << iota
	PosterDark
	PosterBoth = PosterLight | PosterDark
)

// PosterOptions are the choices of NewPoster beyond the story, view and event.
type PosterOptions struct {
	Mode    Mode         // cumulative or point (see Story.SiteStatusIn)
	Themes  PosterThemes // zero for both
	KeepOut []Box        // what lies over the map in the page (its controls): labels keep clear
	At      time.Time    // the moment shown, for tracks (Map.RenderAt); zero for the start of cur
}

// NewPoster renders the poster of story s (nil for the basemap alone) on
// basemap bm for view v at event cur (-1 for none): a scene per theme, its
// labels sized without a browser (Scene.Measure) and placed clear of the
// markers and of the keep-out boxes. Its Label is the story's title.
func NewPoster(s *Story, bm *Basemap, v View, cur int, opt PosterOptions) *Poster {
	p := &Poster{}
	if s != nil {
		p.Label = s.Title
	}
	themes := opt.Themes
	if themes == 0 {
		themes = PosterBoth
	}
	var first *Scene
	for _, t := range []struct {
		want PosterThemes
		th   Theme
		dst  **Scene
	}{{PosterLight, Light, &p.Light}, {PosterDark, Dark, &p.Dark}} {
		if themes&t.want == 0 {
			continue
		}
		m := NewMap(MapOptions{Story: s, Basemap: bm, Theme: t.th, Mode: opt.Mode})
		sc := m.RenderAt(v, cur, opt.At)
		if first == nil {
			sc.Measure()
			sc.Place(new(Placer), opt.KeepOut)
			first = sc
		} else {
			copy(sc.Labels, first.Labels) // the same texts at the same places
		}
		*t.dst = sc
	}
	return p
}
