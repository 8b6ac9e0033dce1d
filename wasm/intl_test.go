package main

import (
	"fmt"
	"testing"
	"time"

	"mapline/geo"
	"mapline/geo/lang"
)

// shifted is a fake calendar whose months start on the 22nd of the
// Gregorian ones (as the Solar Hijri months roughly do) and whose years
// start on 21 March: month m of the fake calendar runs from the 22nd of
// Gregorian month m-1 to the 21st of month m.
type shifted struct{}

func (shifted) date(t time.Time, p geo.Precision) string {
	y, m, d := t.Date()
	fy := y - 621
	if m < 3 || m == 3 && d < 21 {
		fy--
	}
	fm := int(m)
	if d >= 22 {
		fm++
	}
	if fm == 13 {
		fm = 1
		y++
	}
	switch p {
	case geo.Year:
		return fmt.Sprintf("Y%d", fy)
	case geo.Month:
		return fmt.Sprintf("M%d/%d", fm, y)
	}
	return fmt.Sprintf("%d.%d.%d", d, m, y)
}
func (shifted) number(x float64) string { return fmt.Sprintf("#%g", x) }
func (shifted) dayRange(a, b time.Time) string {
	return fmt.Sprintf("%d–%d.%d.%d", a.Day(), b.Day(), b.Month(), b.Year())
}
func (shifted) length(x float64, unit string, long bool) string {
	return fmt.Sprintf("#%g %s", x, map[bool]string{true: unit + "s", false: unit[:1]}[long])
}

func date(t *testing.T, s string) geo.Date {
	t.Helper()
	d, err := geo.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestDates(t *testing.T) {
	fa := newDates(lang.Get("fa"), func(string) formatter { return shifted{} })
	en := newDates(lang.Get("en"), func(string) formatter { return shifted{} })
	ckb := newDates(lang.Get("ckb"), func(string) formatter { return nil }) // the browser lacks Sorani
	approx := date(t, "2025-06-11")
	approx.Approx = true
	tests := []struct {
		name string
		d    dates
		sp   geo.Span
		want string
	}{
		{"english keeps the house style", en, geo.Span{Start: date(t, "2025-06-11")}, "11 June 2025"},
		{"day", fa, geo.Span{Start: date(t, "2025-06-11")}, "11.6.2025"},
		{"approximate day", fa, geo.Span{Start: approx}, "حدود 11.6.2025"},
		{"month across two", fa, geo.Span{Start: date(t, "2025-06")}, "M6/2025 – M7/2025"},
		{"year across two", fa, geo.Span{Start: date(t, "2025")}, "Y1403 – Y1404"},
		{"days as one range", fa, geo.Span{Start: date(t, "2025-06-14"), End: date(t, "2025-06-15")}, "14–15.6.2025"},
		{"day to a month across two", fa, geo.Span{Start: date(t, "2025-05-22"), End: date(t, "2025-06")}, "22.5.2025 – M7/2025"},
		{"months", fa, geo.Span{Start: date(t, "2025-05"), End: date(t, "2025-06")}, "M5/2025 – M7/2025"},
		{"sorani days", ckb, geo.Span{Start: date(t, "2025-06-14"), End: date(t, "2025-06-15")}, "١٤ی حوزەیرانی ٢٠٢٥ – ١٥ی حوزەیرانی ٢٠٢٥"},
		{"same start and end", fa, geo.Span{Start: date(t, "2025-06-14"), End: date(t, "2025-06-14")}, "14.6.2025"},
		{"sorani day from CLDR", ckb, geo.Span{Start: date(t, "2025-06-11")}, "١١ی حوزەیرانی ٢٠٢٥"},
		{"sorani month", ckb, geo.Span{Start: date(t, "2024-12")}, "کانونی یەکەمی ٢٠٢٤"},
		{"sorani year", ckb, geo.Span{Start: date(t, "2024")}, "٢٠٢٤"},
		{"sorani approximate", ckb, geo.Span{Start: approx}, "نزیکەی ١١ی حوزەیرانی ٢٠٢٥"},
		{"sorani time", ckb, geo.Span{Start: date(t, "2025-06-11T08:05:00Z")}, "١١ی حوزەیرانی ٢٠٢٥ ٠٨:٠٥ UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.span(tt.sp); got != tt.want {
				t.Errorf("span = %q, want %q", got, tt.want)
			}
		})
	}
	// Persian readers get the Gregorian date too; the others do not need it.
	if got := fa.gregorianSpan(geo.Span{Start: date(t, "2025-06-11")}); got != "11.6.2025" {
		t.Errorf("fa gregorian = %q", got)
	}
	if en.gregorianSpan(geo.Span{Start: date(t, "2025-06-11")}) != "" || ckb.gregorianSpan(geo.Span{Start: date(t, "2025-06-11")}) != "" {
		t.Error("a Gregorian date for a Gregorian calendar")
	}
	if got := ckb.number(1205); got != "١٢٠٥" {
		t.Errorf("ckb number = %q", got)
	}
	if got := en.number(12); got != "12" {
		t.Errorf("en number = %q", got)
	}
}

func TestScaleText(t *testing.T) {
	b := geo.ScaleBar{Km: 200, Mi: 100}
	tests := []struct {
		name          string
		d             dates
		km, mi, label string
	}{
		{"english", newDates(lang.Get("en"), nil), "200 km", "100 mi", "Scale: 200 km, 100 miles"},
		{"persian", newDates(lang.Get("fa"), func(string) formatter { return shifted{} }), "#200 k", "#100 m", "مقیاس: #200 kilometers، #100 miles"},
		{"sorani", newDates(lang.Get("ckb"), nil), "٢٠٠ km", "١٠٠ mi", "پێوەر: ٢٠٠ km، ١٠٠ mi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			km, mi, label := tt.d.scale(b)
			if km != tt.km || mi != tt.mi || label != tt.label {
				t.Errorf("scale = %q, %q, %q; want %q, %q, %q", km, mi, label, tt.km, tt.mi, tt.label)
			}
		})
	}
	if km, _, _ := newDates(lang.Get("ckb"), nil).scale(geo.ScaleBar{Km: 0.5, Mi: 0.25}); km != "٥٠٠ m" {
		t.Errorf("sorani 500 m = %q", km)
	}
}

func TestIsolate(t *testing.T) {
	tests := []struct {
		name, s string
		rtl     bool
		want    string
	}{
		{"english in english", "Tehran", false, "Tehran"},
		{"arabic in english", "بغداد", false, "\u2068بغداد\u2069"},
		{"arabic in arabic", "بغداد", true, "بغداد"},
		{"english in persian", "U.S. Embassy", true, "\u2068U.S. Embassy\u2069"},
		{"digits first, then arabic", "2025 بغداد", false, "\u20682025 بغداد\u2069"},
		{"no letters", "2025", true, "2025"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isolateIn(tt.s, tt.rtl); got != tt.want {
				t.Errorf("isolateIn(%q, %v) = %q, want %q", tt.s, tt.rtl, got, tt.want)
			}
		})
	}
}

func TestArrowStep(t *testing.T) {
	tests := []struct {
		key  string
		rtl  bool
		want int
	}{
		{"ArrowRight", false, 1}, {"ArrowLeft", false, -1},
		{"ArrowRight", true, -1}, {"ArrowLeft", true, 1}, // later events are to the left
		{"ArrowUp", false, 1}, {"ArrowUp", true, 1}, {"ArrowDown", true, -1},
		{"Home", true, 0},
	}
	for _, tt := range tests {
		if got := arrowStep(tt.key, tt.rtl); got != tt.want {
			t.Errorf("arrowStep(%s, rtl=%v) = %d, want %d", tt.key, tt.rtl, got, tt.want)
		}
	}
}
