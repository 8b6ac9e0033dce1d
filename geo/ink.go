package geo

import "image/color"

// LabelInk is how a label's text is painted in a theme: the page's colours
// (site/embed.css, TestLabelInkMatchesCSS).
type LabelInk struct {
	Fill color.NRGBA // the text
	Halo color.NRGBA // the outline that keeps it readable over any ground
}

// LabelInk is the ink of a label of kind k and status s (emphasis: a country
// holding a site of the story) in the theme: the dark page's colours for the
// theme named "dark", the light page's for any other.
func (th Theme) LabelInk(l *Label) LabelInk {
	dark := th.Name == "dark"
	pick := func(light, dk uint32) color.NRGBA {
		if dark {
			return rgb(dk)
		}
		return rgb(light)
	}
	ink := LabelInk{Halo: color.NRGBA{0xff, 0xff, 0xff, 0xd9}}
	if dark {
		ink.Halo = color.NRGBA{0x0f, 0x1b, 0x26, 0xd9}
	}
	switch l.Kind {
	case SiteLabel:
		switch l.Status {
		case Current:
			ink.Fill = pick(0x1a1a1a, 0xeef1f4) // --fg
		case Past:
			ink.Fill = pick(0x595959, 0xa9b4bd) // --muted
		default:
			ink.Fill = pick(0x616161, 0x9aa4ad) // --label-future
		}
	case CapitalLabel, CityLabel:
		ink.Fill = pick(0x4d4d4d, 0xb8c0c7) // --label-city
	default:
		if l.Emphasis {
			ink.Fill = pick(0x4a4a4a, 0xb4bec6) // --label-country-story
		} else {
			ink.Fill = pick(0x6b6b6b, 0x8e9aa4) // --label-country
		}
	}
	return ink
}

// LabelFamily is the font family of labels: the page's.
const LabelFamily = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif`

// LabelHalo is the width of the halo around label text, in CSS px (half of
// it outside the glyphs).
const LabelHalo = 3
