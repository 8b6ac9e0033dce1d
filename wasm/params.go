package main

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"mapline/geo"
	"mapline/internal/embedspec"
	"mapline/internal/origin"
)

// params are the URL flags of embed.html.
type params struct {
	data string    // story URL, resolved
	view *geo.View // centre and zoom, nil when not given
	// readerView: the view came from the hash, where the map puts the view a
	// reader moved to; the camera then does not follow the story.
	readerView bool
	t          *geo.Date
	event      string // from #event-<id>
	coop       *bool  // cooperative (embedspec); nil: on inside an iframe (see cooperative)
	mode       geo.Mode
	play       bool      // autoplay: play on load (never when the reader prefers reduced motion)
	explore    string    // explore (embedspec): "true", "false", "" to decide by the story's size (exploreOn)
	sel        selection // what the hash narrows the story to
	// hashProbs are the parts of the hash that were left out (parseHash):
	// they go to the console, the map opens as if they were not there.
	hashProbs []string
	// tiles is a newsroom's tile archive (tiles=URL, resolved), from the
	// same origins as data=; tilesProb says why a tiles= was refused: a
	// warning, the default basemap stays (tiles_js.go).
	tiles, tilesProb string
}

// readParams reads location's query and hash. Bad values are reported and
// ignored; the map still shows. A data= URL must be on the page's own origin
// or on one of origins, the origins the published build allows (see
// dataOrigins); any other is refused, so that nobody can make a newsroom's
// embed show a forged story by crafting a link.
func readParams(href string, origins ...string) (params, []string) {
	var pr params
	var probs []string
	// The hash is read apart (parseHash): a bad part of it spoils only itself.
	href, fragment, _ := strings.Cut(href, "#")
	u, err := url.Parse(href)
	if err != nil {
		return pr, []string{"the page address cannot be read"}
	}
	q := u.Query()
	data := q.Get("data")
	if data == "" {
		data = "data/story.geojson"
	}
	ref, err := url.Parse(data)
	switch {
	case err != nil:
		probs = append(probs, fmt.Sprintf("data=%q is not a URL", data))
	default:
		abs := u.ResolveReference(ref)
		// Origins compare as browsers compare them (internal/origin): the
		// host in any case, the default port written or not.
		switch o := origin.Of(abs); {
		case origin.Same(abs, u):
			pr.data = abs.String()
		case o != "" && slices.Contains(origins, o):
			pr.data = abs.String()
		case o == "":
			probs = append(probs, fmt.Sprintf("data=%q is refused: a story loads only over http: or https:", data))
		default:
			probs = append(probs, fmt.Sprintf("data=%q is refused: stories load only from this site (%s)%s, not from %s",
				data, origin.Of(u), allowedList(origins), o))
		}
	}
	if tl := q.Get("tiles"); tl != "" {
		pr.tiles, pr.tilesProb = tilesParam(u, tl, origins)
	}
	// The hash's view wins over the query's.
	hash, hashProbs := parseHash(fragment)
	pr.hashProbs = hashProbs
	view := q.Get("view")
	if hv := hash.view; hv != "" {
		view, pr.readerView = hv, true
	}
	if view != "" {
		if v, err := geo.ParseView(view); err == nil {
			pr.view = &v
		} else { // geo's `view "…" must be…`, as the flag is written: view="…"
			probs = append(probs, "view="+strings.TrimPrefix(err.Error(), "view "))
		}
	}
	if t := q.Get("t"); t != "" {
		if d, err := geo.ParseDate(t); err == nil {
			pr.t = &d
		} else {
			probs = append(probs, "t="+err.Error())
		}
	}
	pr.event, pr.sel = hash.event, hash.sel
	// The flags with a closed set of values, by the rules the page's script
	// reads them with (internal/embedspec); the ones only the page uses
	// (dark, static…) are checked here too, so that a bad value is reported.
	for _, f := range embedspec.Flags {
		v, err := embedspec.Value(q, f.Name)
		if err != nil {
			probs = append(probs, err.Error())
		}
		switch f.Name {
		case "cooperative":
			if v != "" {
				on := v == "true"
				pr.coop = &on
			}
		case "mode":
			pr.mode, _ = geo.ParseMode(v)
		case "autoplay":
			pr.play = v == "true"
		case "explore":
			pr.explore = v
		}
	}
	return pr, probs
}

// tilesParam resolves a tiles= URL against the page u, under the rule of
// data=: the page's own origin or one of origins. It returns the URL, or
// why it is refused.
func tilesParam(u *url.URL, tl string, origins []string) (string, string) {
	ref, err := url.Parse(tl)
	if err != nil {
		return "", fmt.Sprintf("tiles=%q is not a URL", tl)
	}
	abs := u.ResolveReference(ref)
	switch o := origin.Of(abs); {
	case origin.Same(abs, u), o != "" && slices.Contains(origins, o):
		return abs.String(), ""
	case o == "":
		return "", fmt.Sprintf("tiles=%q is refused: tiles load only over http: or https:", tl)
	default:
		return "", fmt.Sprintf("tiles=%q is refused: tiles load only from this site (%s)%s, not from %s",
			tl, origin.Of(u), allowedList(origins), o)
	}
}

func allowedList(origins []string) string {
	if len(origins) == 0 {
		return ""
	}
	return " and " + strings.Join(origins, ", ")
}

// dataOrigins reads the content of the page's <meta name="mapline-data-origins">,
// which make build DATA_ORIGINS="…" writes (cmd/dist): origins separated by
// spaces, read by the rules the server reads them with (origin.ParseList).
// What is not an http(s) origin ("https://host[:port]", no path) is reported
// and left out.
func dataOrigins(content string) ([]string, []string) {
	origins, bad := origin.ParseList(content)
	var probs []string
	for _, f := range bad {
		probs = append(probs, fmt.Sprintf("mapline-data-origins: %q is not an origin like https://data.example.org", f))
	}
	return origins, probs
}

// parseView reads "LAT,LON,ZOOM" (geo.ParseView).
func parseView(v string) (*geo.View, bool) {
	gv, err := geo.ParseView(v)
	if err != nil {
		return nil, false
	}
	return &gv, true
}

// viewParam writes a view in the form parseView reads.
func viewParam(v geo.View) string { return v.Param() }
