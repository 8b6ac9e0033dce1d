package geo

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Limits of a story, far beyond what a real story reaches (the demo has 14
// sites, events name one to five, titles are under 100 characters) and
// well below what freezes a page: the map's work for a site, a text or a
// label is bounded by them (issue 19: 20,000 sites named by one event
// blocked the page for 15.7 s, a title of 50,000 combining marks for 43 s).
// Past a limit Load reports a problem naming the feature and the field, and
// leaves that feature out (or, for the story's own title and description,
// the field), as for any other wrong field: the rest of the story shows, and
// a newsroom sees what to shorten rather than a text cut where it did not
// choose.
const (
	// MaxSites is the number of sites a story may have; the sites after
	// it are left out, with one problem.
	MaxSites = 10000
	// MaxSitesPerEvent is the number of sites an event may name in
	// properties.sites, and of links in properties.links.
	MaxSitesPerEvent = 200
	// MaxTitle is the length, in characters (code points), of a title, a
	// site's name, an event's place and their variants in other languages.
	MaxTitle = 300
	// MaxText is the length of a description or a source.
	MaxText = 5000
	// MaxCombining is the number of combining marks that may follow one
	// another: Vietnamese, Arabic or Hebrew with its points need two to
	// four; runs of thousands ("Zalgo" text) make text measuring and
	// shaping slow without showing anything more.
	MaxCombining = 8
	// MaxFeatureVertices is the number of positions a feature's geometry
	// may have (a line, an area, a track): a province at 1:10m detail has
	// a few thousand, a GPX trace of a day one every few seconds.
	MaxFeatureVertices = 20000
	// MaxStoryVertices is the number of positions all the geometries of a
	// story may have together; the features past it are left out, each
	// named. Drawing is linear in them, every frame.
	MaxStoryVertices = 500000
)

// checkText returns why s cannot be a text of at most max characters, or
// nil.
func checkText(s string, max int) error {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		if len(s) > max {
			return fmt.Errorf("is %d characters long; it may have at most %d", len(s), max)
		}
		return nil
	}
	n, run := 0, 0
	for i, r := range s {
		n++
		if unicode.Is(unicode.M, r) {
			if run++; run > MaxCombining {
				return fmt.Errorf("has more than %d combining marks in a row (at byte %d); it may have at most %d", MaxCombining, i, MaxCombining)
			}
		} else {
			run = 0
		}
	}
	if n > max {
		return fmt.Errorf("is %d characters long; it may have at most %d", n, max)
	}
	return nil
}

// textLimit is the length a text field may have: MaxText for descriptions
// and sources, MaxTitle for the others.
func textLimit(field string) int {
	if field == "description" || field == "source" {
		return MaxText
	}
	return MaxTitle
}
