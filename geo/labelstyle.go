package geo

import (
	"fmt"
	"strings"
)

// LabelStyle is the look of one class of map label: the one home of the
// labels' fonts and text colours. make build writes the page's CSS for them
// from this table (LabelCSS, into embed.css); the poster paints from it
// (Label.Font, Theme.LabelInk); the page lays labels out with it.
type LabelStyle struct {
	Class       string // the label's CSS classes (Label.Class)
	Font        LabelFont
	Light, Dark uint32 // the text colour, 0xRRGGBB, in each theme
}

// labelStyles are the classes of labels, quieter down the list: the story's
// current places, those it has passed, those it has not reached, reference
// capitals and cities and, quietest, spaced capitals for countries (those
// holding a site of the story a little darker). The colours keep 4.5:1
// against the label halo over land and sea in both themes (site's
// TestLabelContrast).
var labelStyles = [...]LabelStyle{
	siteCurrent:  {"label site current", LabelFont{Size: 13, Weight: 700}, 0x1a1a1a, 0xeef1f4},
	sitePast:     {"label site past", LabelFont{Size: 13, Weight: 500}, 0x595959, 0xa9b4bd},
	siteFuture:   {"label site future", LabelFont{Size: 12, Weight: 500}, 0x616161, 0x9aa4ad},
	capital:      {"label city capital", LabelFont{Size: 12, Weight: 600}, 0x4d4d4d, 0xb8c0c7},
	city:         {"label city", LabelFont{Size: 12, Weight: 500}, 0x4d4d4d, 0xb8c0c7},
	countryStory: {"label country story", LabelFont{Size: 11, Weight: 600, Upper: true, Spacing: 0.12}, 0x4a4a4a, 0xb4bec6},
	country:      {"label country", LabelFont{Size: 11, Weight: 600, Upper: true, Spacing: 0.12}, 0x6b6b6b, 0x8e9aa4},
}

const (
	siteCurrent = iota
	sitePast
	siteFuture
	capital
	city
	countryStory
	country
)

// LabelStyles are the styles of every class of label.
func LabelStyles() []LabelStyle { return labelStyles[:] }

// style is the label's style, from its kind, status and emphasis.
func (l *Label) style() *LabelStyle {
	switch l.Kind {
	case SiteLabel:
		switch l.Status {
		case Current:
			return &labelStyles[siteCurrent]
		case Past:
			return &labelStyles[sitePast]
		}
		return &labelStyles[siteFuture]
	case CapitalLabel:
		return &labelStyles[capital]
	case CityLabel:
		return &labelStyles[city]
	}
	if l.Emphasis {
		return &labelStyles[countryStory]
	}
	return &labelStyles[country]
}

// LabelCSS is the page's CSS for the labels' fonts and colours, one rule per
// class and one more per class for the dark theme (the root's class "dark").
// The rules' selectors name every class of the label, so no two match the
// same label with equal weight.
func LabelCSS() string {
	var b strings.Builder
	for _, s := range labelStyles {
		sel := "." + strings.ReplaceAll(s.Class, " ", ".")
		f := s.Font
		fmt.Fprintf(&b, "%s { font-size: %gpx; font-weight: %d; color: #%06x;", sel, f.Size, f.Weight, s.Light)
		if f.Spacing != 0 {
			fmt.Fprintf(&b, " letter-spacing: %gem;", f.Spacing)
		}
		if f.Upper {
			b.WriteString(" text-transform: uppercase;")
		}
		fmt.Fprintf(&b, " }\n:root.dark %s { color: #%06x; }\n", sel, s.Dark)
	}
	return b.String()
}
