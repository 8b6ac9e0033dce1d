package main

import (
	"errors"
	"strings"
	"unicode/utf8"

	"mapline/geo"
)

// The explorer's from and to fields are text fields in the page's language:
// a <input type=date> is written and read in the browser's locale, not the
// page's (mm/dd/yyyy on a Persian page in an English browser). They show a
// day as the page writes its numbers, year, month, day: "2024-01-02" in
// English, "۲۰۲۴/۰۱/۰۲" in Persian, "٢٠٢٤/٠١/٠٢" in Arabic and Sorani (a "/"
// between Arabic digits keeps the date one number, left to right, in a
// right-to-left line; a "-" would not). They read the days of the Gregorian
// calendar, as the hash and the story write them, in any of those digits
// and separators, and a year or a year and month alone.

// dayDigits are the ten digits of the page's language and the separator of
// its days.
type dayDigits struct {
	digits [10]string
	sep    string
}

// dayDigitsOf takes the digits from the reader's number formatter (a
// single digit is written without grouping).
func dayDigitsOf(d dates) dayDigits {
	var dd dayDigits
	dd.sep = "-"
	for i := range dd.digits {
		dd.digits[i] = d.number(i)
		if dd.digits[i] != string(rune('0'+i)) {
			dd.sep = "/"
		}
	}
	return dd
}

// show writes a day (YYYY-MM-DD, or a year, or a year and month, as the
// hash holds it) in the page's digits; "" stays "".
func (dd dayDigits) show(iso string) string {
	return withDigits(iso, &dd.digits, '-', dd.sep)
}

// errDay is why a field's text is not a day; the page says it in words
// (explore.day.bad).
var errDay = errors.New("not a day")

// readDay reads a field's text: digits ASCII, Arabic-Indic or Persian;
// year, month and day apart by "-", "/", "." or a space, in that order;
// a month or a day of one digit. It returns the day as the hash writes it
// (YYYY-MM-DD, YYYY-MM or YYYY), "" for an empty field, or errDay.
func readDay(s string) (string, error) {
	var parts []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			parts = append(parts, cur.String())
			cur.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
		case r >= '٠' && r <= '٩':
			cur.WriteRune('0' + r - '٠')
		case r >= '۰' && r <= '۹':
			cur.WriteRune('0' + r - '۰')
		case strings.ContainsRune("-/.‐‑–−؍٫ \t", r):
			flush()
		case strings.ContainsRune("\u200e\u200f\u061c\u2066\u2067\u2068\u2069", r):
			// bidi marks a paste may bring
		default:
			return "", errDay
		}
	}
	flush()
	if len(parts) == 0 {
		if strings.TrimSpace(s) == "" {
			return "", nil
		}
		return "", errDay
	}
	if len(parts) > 3 || len(parts[0]) != 4 {
		return "", errDay
	}
	for i := 1; i < len(parts); i++ {
		switch utf8.RuneCountInString(parts[i]) {
		case 1:
			parts[i] = "0" + parts[i]
		case 2:
		default:
			return "", errDay
		}
	}
	iso := strings.Join(parts, "-")
	if _, err := geo.ParseDate(iso); err != nil {
		return "", errDay
	}
	return iso, nil
}

// dayWords are the field's description and, for a text that is not a day,
// its error: the format with an example, the story's first day.
func (w words) dayWords(dd dayDigits, example, bad string) (format, problem string) {
	format = w.msg.Text("explore.day.format", "example", dd.show(example))
	if bad != "" {
		problem = w.msg.Text("explore.day.bad", "text", clip(bad, 40), "example", dd.show(example))
	}
	return format, problem
}
