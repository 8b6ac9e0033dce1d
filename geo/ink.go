package geo

import "image/color"

// LabelInk is how a label's text is painted in a theme: its style's colour
// (LabelStyles) over the page's halo (--halo in site/embed.css,
// TestLabelInkMatchesCSS).
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
	st := l.style()
	ink.Fill = pick(st.Light, st.Dark)
	return ink
}

// LabelFamily is the font family of labels: the page's.
const LabelFamily = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif`

// LabelHalo is the width of the halo around label text, in CSS px (half of
// it outside the glyphs).
const LabelHalo = 3
