package geo

import (
	"strings"
	"unicode"
)

// Label text without a browser. The page measures its labels in the DOM;
// a static renderer (the poster) has no DOM, so it estimates the widths from
// font metrics, on the safe side: a label a little too wide for its text is
// dropped a little more often, a label too narrow would overlap its
// neighbour.

// LabelFont is how a label's text is set (LabelStyles; the page's CSS is
// written from them).
type LabelFont struct {
	Size    float64 // font size in CSS px
	Weight  int     // CSS font weight
	Upper   bool    // text-transform: uppercase
	Spacing float64 // letter spacing in em, after every character
}

// LineHeight is the height of a label's line box as a multiple of its font
// size: the page's line-height.
const LineHeight = 1.4

// Font is the label's font, from its kind and status (LabelStyles).
func (l *Label) Font() LabelFont { return l.style().Font }

// Shown is the text as it shows: upper case when the font says so.
func (f LabelFont) Shown(text string) string {
	if f.Upper {
		return strings.ToUpper(text)
	}
	return text
}

// Bold reports whether the weight is set in a bold face: 600 and above, as a
// browser does with a family that has no semibold.
func (f LabelFont) Bold() bool { return f.Weight >= 600 }

// textMargin is the safety margin of TextWidth: the estimate is the widest
// advance of each character in several common sans-serif fonts, and a little
// more for the fonts a reader's system may use instead (system-ui is Segoe UI,
// San Francisco or Roboto, all narrower than DejaVu Sans).
// TestTextWidthCoversChromium checks the estimate against widths measured in
// Chromium.
const textMargin = 1.02

// TextWidth estimates the width in CSS px of text (as shown, after any
// upper-casing) set in font f, letter spacing included. Latin text uses a
// table of advance widths (textwidth_table.go); other scripts a width per
// class of character, wide enough for common fonts of those scripts.
func (f LabelFont) TextWidth(text string) float64 {
	table := &advanceRegular
	if f.Bold() {
		table = &advanceBold
	}
	em := 0.0 // in 1/1000 em
	n := 0
	for _, r := range text {
		n++
		if r >= advanceFirst && r <= advanceLast && table[r-advanceFirst] > 0 {
			em += float64(table[r-advanceFirst])
			continue
		}
		em += fallbackAdvance(r, f.Bold())
	}
	return (em/1000*f.Size + float64(n)*f.Spacing*f.Size) * textMargin
}

// fallbackAdvance is the advance of a character outside the table, in
// 1/1000 em: none for combining marks and invisible format characters, a
// full em for ideographs, kana, Hangul and full-width forms, and otherwise
// as wide as a wide Latin capital.
func fallbackAdvance(r rune, bold bool) float64 {
	switch {
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r):
		return 0
	case unicode.IsSpace(r):
		return 350
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0xff01 && r <= 0xff60) || (r >= 0x3000 && r <= 0x303f):
		return 1000
	case bold:
		return 800
	}
	return 750
}

// Size sets the label's W and H from its font (TextWidth, LineHeight), as
// the page's CSS would set them.
func (l *Label) Size() {
	f := l.Font()
	l.W = f.TextWidth(f.Shown(l.Text))
	l.H = f.Size * LineHeight
}

// Measure sets the size of every label of the scene without a browser
// (Label.Size), ready for Place. It mutates sc.Labels.
func (sc *Scene) Measure() {
	for i := range sc.Labels {
		sc.Labels[i].Size()
	}
}
