package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"

	"mapline/geo"
	"mapline/geo/svg"
	"mapline/internal/embedspec"
	"mapline/site"
)

// wasmBytes is where embed.html carries the wasm's raw size: the page counts
// the bytes it receives (after decompression, in boot.js) against it for the
// progress bar of frame.js.
var wasmBytes = regexp.MustCompile(`data-wasm-bytes="[0-9]*"`)

// specMeta is where embed.html carries internal/embedspec for its scripts:
// the flags and their values, the languages and their direction, the map's
// shape.
var specMeta = regexp.MustCompile(`<meta name="` + embedspec.MetaName + `"[^>]*>`)

// setSpec writes embedspec's meta into the embed page, in place of the one
// it has (the page's scripts read it; a page without it is an error).
func setSpec(page []byte) ([]byte, error) {
	if !specMeta.Match(page) {
		return nil, fmt.Errorf(`embed.html has no <meta name="%s"> for its scripts' flags, languages and shape`, embedspec.MetaName)
	}
	return specMeta.ReplaceAllLiteral(page, []byte(embedspec.Meta())), nil
}

// controlsRule is where the style sheet carries the controls' sizes
// (embedspec.CSS), after its marker comment.
var controlsRule = regexp.MustCompile(`:root \{[^}]*\} /\* m:controls \*/`)

// setControls writes what the style sheet takes from Go into it: embedspec's
// controls' sizes, in place of the rule it marks, and the labels' styles
// after their mark (a sheet without either is an error).
func setControls(css []byte) ([]byte, error) {
	if !controlsRule.Match(css) {
		return nil, fmt.Errorf("embed.css has no \":root {} /* m:controls */\" rule for the controls' sizes")
	}
	css = controlsRule.ReplaceAllLiteral(css, []byte(embedspec.CSS()+" /* m:controls */"))
	// The labels' fonts and colours (geo.LabelStyles), after their marker.
	if !labelsBlock.Match(css) {
		return nil, fmt.Errorf("embed.css has no \"/* m:labels */ /* /m:labels */\" block for the labels' styles")
	}
	return labelsBlock.ReplaceAllLiteral(css, []byte(LabelsBlock())), nil
}

// labelsBlock is where the style sheet carries the labels' styles.
var labelsBlock = regexp.MustCompile(`(?s)/\* m:labels \*/.*?/\* /m:labels \*/`)

// LabelsBlock is the labels' styles as the built style sheet holds them.
func LabelsBlock() string { return "/* m:labels */\n" + geo.LabelCSS() + "/* /m:labels */" }

// firstPaint writes into the embed page what it shows before the wasm runs:
// the wasm's size, and, with a story (a path under dir), that story's poster
// and text (site.Prerender).
func firstPaint(dir string, page []byte, wasmSize int, story string) ([]byte, error) {
	if !wasmBytes.Match(page) {
		return nil, fmt.Errorf("embed.html has no data-wasm-bytes attribute for frame.js's progress bar")
	}
	page = wasmBytes.ReplaceAll(page, []byte(`data-wasm-bytes="`+strconv.Itoa(wasmSize)+`"`))
	if story == "" {
		return page, nil
	}
	f, err := os.Open(filepath.Join(dir, story))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", story, err)
	}
	if len(s.Events) == 0 {
		return nil, fmt.Errorf("%s: the story has no events to show first", story)
	}
	cur, err := s.StartEvent("", nil)
	if err != nil {
		return nil, err
	}
	var posters []byte
	for _, p := range posterSizes {
		v := p.view(s)
		// What lies over the live map, measured in Chromium (the -keep-out
		// boxes TestPosterMatchesLiveMap prints): the zoom buttons top right,
		// the attribution bottom right, the scale and the key bottom left
		// (the key starts closed on phones). The poster's labels keep clear
		// of them, as the live map's do.
		// The zoom buttons' box and the key's inset come from embedspec,
		// which the style sheet reads too; the boxes of text (the
		// attribution, the scale, the key) are measured.
		const in = embedspec.ControlInset
		keep := []geo.Box{embedspec.ZoomBox(p.w), {X: p.w - 177, Y: p.h - 18, W: 177, H: 18}}
		if p.w < 560 {
			keep = append(keep, geo.Box{X: in, Y: p.h - in - 62, W: 100, H: 29}, geo.Box{X: in, Y: p.h - in - 29, W: 48, H: 29})
		} else {
			keep = append(keep, geo.Box{X: in, Y: p.h - in - 182, W: 100, H: 29}, geo.Box{X: in, Y: p.h - in - 149, W: 107, H: 149})
		}
		pic, err := svg.Append(nil, geo.NewPoster(s, geo.DefaultBasemap(), v, cur, geo.PosterOptions{KeepOut: keep}))
		if err != nil {
			return nil, fmt.Errorf("%s: poster %gx%g: %v", story, p.w, p.h, err)
		}
		// Scaled to the map's size as CSS's object-fit: cover would;
		// frame.js hands the wasm the view that matches (data-start-view).
		pic = bytes.Replace(pic, []byte("<svg "), []byte(`<svg preserveAspectRatio="xMidYMid slice" `), 1)
		posters = fmt.Appendf(posters, `<div class="poster-%s">%s</div>`, p.name, pic)
	}
	return site.Prerender(page, s, cur, posters)
}

// posterSizes are the sizes of the posters written into embed.html, in CSS
// px: one for phones and one for wider embeds (embed.css picks by width,
// frame.js by the shape of the map when it runs).
// Their shape is the map's in an embed whose height embed.js fits
// (embedspec.MapHeight, which the page's script reads from the build).
//
// A poster covers the map (object-fit: cover), so a map of another shape
// crops it: minRatio and maxRatio (width/height) are the shapes of the maps
// frame.js shows it on (its pick is nearest by shape, so the bounds lie
// halfway, in log scale, between neighbouring posters; the outer ones are
// the tallest and widest maps an embed makes: 390×474 on a phone's
// embed.html, 2:1 on a wide page). The story is fitted into the part of the
// poster that every such crop keeps, so no crop cuts a site off
// (TestFollowKeepsCurrentInside in site/ checks the live map that opens on it).
var posterSizes = []posterSize{
	{"narrow", 360, float64(embedspec.MapHeight(360)), 1.175, 1.49}, // 360×260
	{"wide", 720, float64(embedspec.MapHeight(720)), 1.49, 2},       // 720×446
	{"square", 380, 380, 0.8, 1.175},                                // a phone's plain iframe of a fixed height; frame.js picks it by shape
}

type posterSize struct {
	name               string
	w, h               float64
	minRatio, maxRatio float64
}

// view is the poster's view of story s: the story fitted into the part of
// the poster that survives a crop to any shape from minRatio to maxRatio.
func (p posterSize) view(s *geo.Story) geo.View {
	r := p.w / p.h
	safe := geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Ratio: 1,
		Width: p.w * min(1, p.minRatio/r), Height: p.h * min(1, r/p.maxRatio)}
	v := geo.StartView(s, safe)
	v.Width, v.Height = p.w, p.h
	return v
}
