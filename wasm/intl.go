package main

import (
	"strconv"
	"strings"
	"time"

	"mapline/geo"
	"mapline/geo/lang"
	"mapline/internal/subst"
)

// formatter writes dates and numbers in one language and calendar: the
// browser's Intl (intl_js.go), or CLDR's patterns kept here for a language
// the browser's Intl does not know (cldrFormatter), or English.
type formatter interface {
	// date writes the instant t (UTC) to precision p: the year, the month,
	// the day, or the day and time.
	date(t time.Time, p geo.Precision) string
	// number writes a number in the language's digits.
	number(x float64) string
	// dayRange writes the days a to b as one range, as short as the
	// language writes it ("14–15 June 2025"), or "" when it cannot.
	dayRange(a, b time.Time) string
	// length writes a length with its unit, "kilometer", "meter" or "mile";
	// long spells the unit out (for screen readers).
	length(x float64, unit string, long bool) string
}

// locales are the Intl locales of the interface's languages. Persian readers
// read the Solar Hijri calendar; Arabic and Sorani ones the Gregorian.
var locales = map[string]struct{ main, gregorian string }{
	"ar":  {"ar", ""},
	"ckb": {"ckb", ""},
	"fa":  {"fa-u-ca-persian", "fa-u-ca-gregory"},
}

// dates writes the story's dates and numbers for the reader. English keeps
// the house style of geo.Date.String ("11 June 2025"); other languages go
// through a formatter. When the reader's calendar is not the Gregorian one,
// gregorian writes the Gregorian date too (for the title of a date, and in
// the list).
type dates struct {
	msg       *lang.Messages
	f         formatter // nil for English
	gregorian formatter // nil when f's calendar is the Gregorian one
}

// newDates makes the dates of a language; browser returns the browser's
// formatter of an Intl locale, or nil when the browser does not know it.
func newDates(msg *lang.Messages, browser func(locale string) formatter) dates {
	d := dates{msg: msg}
	loc, ok := locales[msg.Lang]
	if !ok {
		return d
	}
	pick := func(locale string) formatter {
		if browser != nil {
			if f := browser(locale); f != nil {
				return f
			}
		}
		if f, ok := cldrFormatters[msg.Lang]; ok {
			return f
		}
		return nil
	}
	d.f = pick(loc.main)
	if loc.gregorian != "" && d.f != nil {
		d.gregorian = pick(loc.gregorian)
	}
	return d
}

// span writes an event's time: one date, or "start – end".
func (d dates) span(sp geo.Span) string { return d.spanIn(d.f, sp) }

// gregorianSpan writes the span in the Gregorian calendar when the reader's
// calendar is another one, "" otherwise.
func (d dates) gregorianSpan(sp geo.Span) string {
	if d.gregorian == nil {
		return ""
	}
	return d.spanIn(d.gregorian, sp)
}

// date writes one date (see span).
func (d dates) date(x geo.Date) string { return d.dateIn(d.f, x) }

func (d dates) spanIn(f formatter, sp geo.Span) string {
	if f == nil {
		return sp.String()
	}
	if sp.End.IsZero() || sp.End == sp.Start {
		return d.dateIn(f, sp.Start)
	}
	if s, e := sp.Start, sp.End; s.Precision == geo.Day && e.Precision == geo.Day && s.Approx == e.Approx {
		if r := f.dayRange(s.T, e.T); r != "" {
			if s.Approx {
				r = d.msg.Text("date.approx", "date", r)
			}
			return r
		}
	}
	// From the first period of the start to the last of the end (see dateIn).
	a0, _ := d.periods(f, sp.Start)
	_, b1 := d.periods(f, sp.End)
	if a0 == b1 {
		return d.approx(a0, sp.Start.Approx)
	}
	return d.msg.Text("date.range", "start", d.approx(a0, sp.Start.Approx), "end", d.approx(b1, sp.End.Approx))
}

// periods writes the first and the last period of the reader's calendar that
// a date covers: the same for a day; for a Gregorian month or year, maybe two
// (June 2025 is Khordad to Tir 1404).
func (d dates) periods(f formatter, x geo.Date) (first, last string) {
	switch x.Precision {
	case geo.Year, geo.Month:
		return f.date(x.T, x.Precision), f.date(x.End().Add(-time.Hour), x.Precision)
	case geo.Day, geo.Minute:
		s := f.date(x.T, x.Precision)
		return s, s
	}
	return "", ""
}

func (d dates) approx(s string, on bool) string {
	if on && s != "" {
		return d.msg.Text("date.approx", "date", s)
	}
	return s
}

// dateIn writes a date with f. A month or a year of the Gregorian calendar
// may fall across two of the reader's calendar (June 2025 is Khordad to Tir
// 1404): then it is written as the range of its first and last day's.
func (d dates) dateIn(f formatter, x geo.Date) string {
	if f == nil {
		return x.String()
	}
	s, last := d.periods(f, x)
	if last != s {
		s = d.msg.Text("date.range", "start", s, "end", last)
	}
	return d.approx(s, x.Approx)
}

// number writes a whole number in the reader's digits.
func (d dates) number(n int) string {
	if d.f == nil {
		return strconv.Itoa(n)
	}
	return d.f.number(float64(n))
}

// scale writes the lengths of a scale bar: short for the bar, long for
// screen readers.
func (d dates) scale(b geo.ScaleBar) (km, mi, label string) {
	if d.f == nil {
		km, mi = b.KmText(), b.MiText()
		return km, mi, d.msg.Text("scale.label", "km", km, "mi", strings.Replace(mi, " mi", " miles", 1))
	}
	kmLen, kmUnit := b.Km, "kilometer"
	if b.Km < 1 {
		kmLen, kmUnit = b.Km*1000, "meter"
	}
	km, mi = d.f.length(kmLen, kmUnit, false), d.f.length(b.Mi, "mile", false)
	return km, mi, d.msg.Text("scale.label", "km", d.f.length(kmLen, kmUnit, true), "mi", d.f.length(b.Mi, "mile", true))
}

// cldrFormatter writes dates and numbers from CLDR's data of a language, for
// languages the browser's Intl lacks: Chromium's ICU has no Sorani (ckb).
type cldrFormatter struct {
	months     [12]string
	day, month string // patterns: {d} day, {m} month name, {y} year
	digits     [10]string
	decimal    string
	units      map[string]string // unit → pattern, {0} the number
	unitsLong  map[string]string
	utc, clock string // {t} the time of day
}

// cldrFormatters are the CLDR 48.2 data of Sorani (cldr-dates-full
// main/ckb/ca-gregorian.json: the wide format months, dateFormats long
// "dی MMMMی y" and availableFormats yMMM "MMMی y"; cldr-numbers-full
// main/ckb/numbers.json: default numbering system arab, decimal "٫";
// cldr-units-full main/ckb/units.json: "{0} km", "{0} m", "{0} mi").
var cldrFormatters = map[string]cldrFormatter{
	"ckb": {
		months: [12]string{"کانوونی دووەم", "شوبات", "ئازار", "نیسان", "ئایار", "حوزەیران",
			"تەمووز", "ئاب", "ئەیلوول", "تشرینی یەکەم", "تشرینی دووەم", "کانونی یەکەم"},
		day: "{d}ی {m}ی {y}", month: "{m}ی {y}",
		digits:  [10]string{"٠", "١", "٢", "٣", "٤", "٥", "٦", "٧", "٨", "٩"},
		decimal: "٫",
		units:   map[string]string{"kilometer": "{0} km", "meter": "{0} m", "mile": "{0} mi"},
		clock:   "{t} UTC",
	},
}

func (c cldrFormatter) digitsOf(s string) string {
	return withDigits(s, &c.digits, '.', c.decimal)
}

// withDigits writes s with its ASCII digits as digits has them and the rune
// sep as with (a number's decimal point, a day's dashes); the rest as is.
func withDigits(s string, digits *[10]string, sep rune, with string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteString(digits[r-'0'])
		case r == sep:
			b.WriteString(with)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (c cldrFormatter) date(t time.Time, p geo.Precision) string {
	t = t.UTC()
	y := c.digitsOf(strconv.Itoa(t.Year()))
	m := c.months[t.Month()-1]
	d := c.digitsOf(strconv.Itoa(t.Day()))
	fill := func(s string) string { return subst.All(s, "{d}", d, "{m}", m, "{y}", y) }
	switch p {
	case geo.Year:
		return y
	case geo.Month:
		return fill(c.month)
	case geo.Minute:
		return fill(c.day) + " " + strings.Replace(c.clock, "{t}", c.digitsOf(t.Format("15:04")), 1)
	}
	return fill(c.day)
}

func (c cldrFormatter) dayRange(a, b time.Time) string { return "" }

func (c cldrFormatter) number(x float64) string {
	return c.digitsOf(strconv.FormatFloat(x, 'f', -1, 64))
}

func (c cldrFormatter) length(x float64, unit string, long bool) string {
	pat := c.units[unit]
	if long && c.unitsLong[unit] != "" {
		pat = c.unitsLong[unit]
	}
	if pat == "" {
		pat = "{0} " + unit
	}
	return strings.Replace(pat, "{0}", c.number(x), 1)
}
