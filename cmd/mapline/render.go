package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"mapline/geo"
	"mapline/geo/raster"
	"mapline/geo/svg"
)

func init() {
	register(command{name: "render", summary: "draw a story's map as a static SVG or PNG poster", run: render})
}

const renderUsage = `Usage: mapline render -story FILE -o OUT [flags]

Draws the map of a story as the embed shows it before the reader moves it
(the story's sites fitted into the frame, the first event current) or at the
view and moment given, as SVG or PNG (by the extension of -o).

The SVG is small enough to inline in a page: with -theme both (the default for
SVG) it holds the light and the dark colours, the dark ones applying under an
element of class "dark". Its data-view attribute is the view it shows, in the
form of the embed's view= flag. The PNG is for social cards (og:image), print
and <noscript>.

Flags:
`

// renderOptions are the flags of mapline render.
type renderOptions struct {
	story, out     string
	width, height  float64
	scale          float64
	view, t, event string
	theme, mode    string
	label          string
	tiles          string // a PMTiles archive in the Protomaps schema, for the basemap
	keepOut        string
}

func render(args []string, stdout, stderr io.Writer) int {
	var o renderOptions
	fs := flag.NewFlagSet("mapline render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.story, "story", "", "the story, a GeoJSON `file` (see docs/story-format.md)")
	fs.StringVar(&o.out, "o", "", "the poster to write: a `file` ending in .svg or .png, or - for SVG on standard output")
	fs.Float64Var(&o.width, "width", 800, "the width of the map in CSS `px`")
	fs.Float64Var(&o.height, "height", 450, "the height of the map in CSS `px`")
	fs.Float64Var(&o.scale, "scale", 1, "PNG only: device pixels per CSS px (2 for a sharp image on high-density screens)")
	fs.StringVar(&o.view, "view", "", "the view, `LAT,LON,ZOOM` as the embed's view= flag (default: the story's sites fitted)")
	fs.StringVar(&o.t, "t", "", "show the story at this `date` (ISO 8601, as the embed's t= flag)")
	fs.StringVar(&o.event, "event", "", "show the story at the event with this `id` (as the embed's #event-ID)")
	fs.StringVar(&o.theme, "theme", "", "light, dark or both (SVG only; the default for SVG); PNG defaults to light")
	fs.StringVar(&o.mode, "mode", "cumulative", "cumulative (every site so far) or point (the current event's sites)")
	fs.StringVar(&o.keepOut, "keep-out", "", "`boxes` labels keep clear of, as the page's controls over the map: X,Y,W,H in CSS px separated by\nspaces; a negative X or Y counts from the right or bottom edge (-48,8,40,80: 40×80 px, 8 px from the top right)")
	fs.StringVar(&o.tiles, "tiles", "", "draw the basemap from this PMTiles `file` (Protomaps basemap v4 schema, as the embed's tiles=; default: the world basemap the embed's tiles are cut from)")
	fs.StringVar(&o.label, "label", "", "the SVG's text alternative (aria-label); default: the story's title")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), renderUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "mapline render: unexpected arguments %q\n", fs.Args())
		return 2
	}
	out, err := renderPoster(o)
	if err != nil {
		fmt.Fprintf(stderr, "mapline render: %v\n", err)
		var u usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
	if o.out == "-" {
		_, err = stdout.Write(out)
	} else {
		err = os.WriteFile(o.out, out, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "mapline render: %v\n", err)
		return 1
	}
	return 0
}

// usageError is a mistake in the flags (exit status 2), as opposed to a
// problem with the story (1).
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// renderPoster checks the options, loads the story and returns the poster's
// bytes.
func renderPoster(o renderOptions) ([]byte, error) {
	if o.story == "" {
		return nil, usagef("-story is required")
	}
	format := ""
	switch ext := strings.ToLower(filepath.Ext(o.out)); {
	case o.out == "-" || ext == ".svg":
		format = "svg"
	case ext == ".png":
		format = "png"
	case o.out == "":
		return nil, usagef("-o is required: a file ending in .svg or .png, or - for SVG on standard output")
	default:
		return nil, usagef("-o %s: the poster is written as .svg or .png", o.out)
	}
	if !(o.width >= 16 && o.width <= 4096 && o.height >= 16 && o.height <= 4096) {
		return nil, usagef("-width %g -height %g: the size must be 16 to 4096 px", o.width, o.height)
	}
	themes := geo.PosterBoth
	switch o.theme {
	case "":
		if format == "png" {
			themes = geo.PosterLight
		}
	case "light":
		themes = geo.PosterLight
	case "dark":
		themes = geo.PosterDark
	case "both":
		if format == "png" {
			return nil, usagef("-theme both is for SVG: a PNG has one theme, light or dark")
		}
	default:
		return nil, usagef("-theme %q must be light, dark or both", o.theme)
	}
	if o.scale != 1 && format != "png" {
		return nil, usagef("-scale is for PNG: an SVG scales by itself")
	}
	mode, ok := geo.ParseMode(o.mode)
	if !ok {
		return nil, usagef("-mode %q must be cumulative or point", o.mode)
	}
	if o.t != "" && o.event != "" {
		return nil, usagef("-t and -event both choose the moment: give one")
	}
	var date *geo.Date
	if o.t != "" {
		d, err := geo.ParseDate(o.t)
		if err != nil {
			return nil, usagef("-t: %v", err)
		}
		date = &d
	}
	keep, err := parseKeepOut(o.keepOut, o.width, o.height)
	if err != nil {
		return nil, usagef("-keep-out: %v", err)
	}
	var view *geo.View
	if o.view != "" {
		v, err := geo.ParseView(o.view)
		if err != nil {
			return nil, usagef("-view: %v", err)
		}
		view = &v
	}

	// geo.Load reads no more than geo.MaxStoryBytes and a byte, and names the
	// limit: -story /dev/zero stops there.
	f, err := os.Open(o.story)
	if err != nil {
		return nil, err
	}
	s, err := geo.Load(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", o.story, err)
	}
	cur, err := s.StartEvent(o.event, date)
	if err != nil {
		return nil, fmt.Errorf("%s: -event: %w", o.story, err)
	}
	if err := geo.DefaultBasemapErr(); err != nil {
		return nil, err
	}

	// The map at its default state for the size, or at the view given kept
	// within the same limits, as the embed does.
	v := geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: o.width, Height: o.height, Ratio: 1}
	if view != nil {
		v.Center, v.Zoom = view.Center, view.Zoom
		v = v.Constrain(geo.Limits(s, v))
	} else {
		v = geo.StartView(s, v)
	}
	bm := geo.DefaultBasemap()
	if o.tiles != "" {
		if bm, err = tilesBasemap(o.tiles, v); err != nil {
			return nil, fmt.Errorf("-tiles: %w", err)
		}
	}
	p := geo.NewPoster(s, bm, v, cur, geo.PosterOptions{Mode: mode, Themes: themes, KeepOut: keep})
	if o.label != "" {
		p.Label = o.label
	}
	var b bytes.Buffer
	if format == "svg" {
		err = svg.Write(&b, p)
	} else {
		sc := p.Light
		if sc == nil {
			sc = p.Dark
		}
		err = raster.WritePNG(&b, sc, o.scale)
	}
	return b.Bytes(), err
}

// parseKeepOut reads boxes "X,Y,W,H" separated by spaces or semicolons, in a
// map of size w×h: a negative X or Y (-0 too) is measured from the right or
// bottom edge to the box's right or bottom side.
func parseKeepOut(s string, w, h float64) ([]geo.Box, error) {
	var out []geo.Box
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ';' }) {
		parts := strings.Split(f, ",")
		if len(parts) != 4 {
			return nil, fmt.Errorf("%q is not X,Y,W,H", f)
		}
		var v [4]float64
		for i, p := range parts {
			x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%q is not X,Y,W,H", f)
			}
			v[i] = x
		}
		b := geo.Box{X: v[0], Y: v[1], W: v[2], H: v[3]}
		if !(b.W > 0 && b.H > 0) {
			return nil, fmt.Errorf("%q: the width and height must be positive", f)
		}
		if math.Signbit(v[0]) {
			b.X = w + v[0] - b.W
		}
		if math.Signbit(v[1]) {
			b.Y = h + v[1] - b.H
		}
		out = append(out, b)
	}
	return out, nil
}
