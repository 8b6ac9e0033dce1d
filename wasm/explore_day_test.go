package main

import (
	"strconv"
	"strings"
	"testing"

	"mapline/geo/lang"
)

// persianDigits is a browser formatter that writes numbers as Intl's "fa"
// does: Persian digits.
type persianDigits struct{ shifted }

func (persianDigits) number(x float64) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '۰' + r - '0'
		}
		return r
	}, strconv.FormatFloat(x, 'f', -1, 64))
}

// TestDayFields: the from and to fields show a day in the page's digits,
// and read it back from any of the digits and separators a reader types,
// to the form the hash writes; what is not a day is refused.
func TestDayFields(t *testing.T) {
	en := dayDigitsOf(newDates(lang.Get("en"), nil))
	fa := dayDigitsOf(newDates(lang.Get("fa"), func(string) formatter { return persianDigits{} }))
	ckb := dayDigitsOf(newDates(lang.Get("ckb"), nil)) // CLDR's Arabic-Indic digits
	for _, tc := range []struct {
		name string
		dd   dayDigits
		iso  string
		want string
	}{
		{"english-is-iso", en, "2024-01-02", "2024-01-02"},
		{"persian-digits-and-slashes", fa, "2024-01-02", "۲۰۲۴/۰۱/۰۲"},
		{"sorani-arabic-indic-digits", ckb, "2024-11-30", "٢٠٢٤/١١/٣٠"},
		{"a-month", fa, "2024-06", "۲۰۲۴/۰۶"},
		{"empty", fa, "", ""},
	} {
		t.Run("show-"+tc.name, func(t *testing.T) {
			if got := tc.dd.show(tc.iso); got != tc.want {
				t.Errorf("show(%q) = %q, want %q", tc.iso, got, tc.want)
			}
			if back, err := readDay(tc.want); err != nil || back != tc.iso {
				t.Errorf("readDay(%q) = %q, %v, want %q", tc.want, back, err, tc.iso)
			}
		})
	}
	for _, tc := range []struct {
		name, text, want string
		bad              bool
	}{
		{"iso", "2024-01-02", "2024-01-02", false},
		{"persian", "۲۰۲۴/۰۱/۰۲", "2024-01-02", false},
		{"arabic-indic", "٢٠٢٤/١/٢", "2024-01-02", false},
		{"mixed-digits-dots-and-spaces", " 2024.۱ ٢ ", "2024-01-02", false},
		{"bidi-marks-of-a-paste", "\u2066۲۰۲۴/۰۱/۰۲\u2069", "2024-01-02", false},
		{"a-year", "۲۰۲۴", "2024", false},
		{"a-year-and-month", "2024/6", "2024-06", false},
		{"empty", "  ", "", false},
		{"day-first-refused", "02/01/2024", "", true},
		{"no-day-30-in-february", "2024-02-30", "", true},
		{"month-13", "۲۰۲۴/۱۳/۰۱", "", true},
		{"letters", "yesterday", "", true},
		{"too-many-parts", "2024-01-02-03", "", true},
		{"separators-only", "//", "", true},
	} {
		t.Run("read-"+tc.name, func(t *testing.T) {
			got, err := readDay(tc.text)
			if (err != nil) != tc.bad || got != tc.want {
				t.Errorf("readDay(%q) = %q, %v; want %q, bad %v", tc.text, got, err, tc.want, tc.bad)
			}
		})
	}
}

// TestDayWords: the fields' description and error name the format with an
// example in the page's digits.
func TestDayWords(t *testing.T) {
	w := newWords(lang.Get("ckb"), nil)
	dd := dayDigitsOf(w.dates)
	format, problem := w.dayWords(dd, "2024-01-02", "")
	if !strings.Contains(format, "٢٠٢٤/٠١/٠٢") || problem != "" {
		t.Errorf("format %q, problem %q", format, problem)
	}
	_, problem = newWords(lang.Get("en"), nil).dayWords(en0, "2024-01-02", "02/01/2024")
	if want := "“02/01/2024” is not a date: write the year, month and day, as 2024-01-02"; problem != want {
		t.Errorf("problem %q, want %q", problem, want)
	}
}

var en0 = dayDigitsOf(newDates(lang.Get("en"), nil))
