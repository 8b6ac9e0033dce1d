package convert

import (
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"mapline/geo"
)

// sheetTip is added to the advice for a date of a spreadsheet.
const sheetTip = "; a spreadsheet keeps that form when the column is formatted as text or as yyyy-mm-dd"

var (
	slashDate = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
	yearFirst = regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`)
	basicDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	allDigits = regexp.MustCompile(`^\d+$`)
	serial    = regexp.MustCompile(`^(\d{5})(\.\d+)?$`)
	isoShaped = regexp.MustCompile(`^\d{4}(-|$)`)
	noZone    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$`)
	// Dates with the month in English words: "11 June 2025", "June 11,
	// 2025", "June 2025" (ACLED's export writes "09 March 2023").
	dayMonthYear = regexp.MustCompile(`^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$`)
	monthDayYear = regexp.MustCompile(`^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	monthYear    = regexp.MustCompile(`^([A-Za-z]+)\.?,?\s+(\d{4})$`)
)

// monthNamed is the month an English name or its abbreviation of three
// letters or more names ("June", "Jun", "Sept"), or 0.
func monthNamed(w string) int {
	w = strings.ToLower(w)
	if len(w) < 3 {
		return 0
	}
	for m := time.January; m <= time.December; m++ {
		if strings.HasPrefix(strings.ToLower(m.String()), w) {
			return int(m)
		}
	}
	return 0
}

// dayOf is the date y-m-d if it exists.
func dayOf(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, m >= 1 && m <= 12 && t.Day() == d
}

// span checks a date or "start/end" in the story format and returns it as
// written in the story. A date and time without a time zone is read as UTC,
// a number of 9 or 10 digits as seconds since 1970 and one of 12 or 13
// digits as milliseconds, each with a warning (warn is not empty); 8 digits
// that are a date as ISO 8601's basic form (20250611), and an English month
// name with its day and year as that date ("11 June 2025"), without one.
// The advice with an error rewrites the value itself where it can; sheet
// adds advice for spreadsheets.
func span(s string, sheet bool) (out, warn string, err error) {
	s = strings.TrimSpace(s)
	tip := ""
	if sheet {
		tip = sheetTip
	}
	num := func(v string) int { n, _ := strconv.Atoi(v); return n }
	if m := basicDate.FindStringSubmatch(s); m != nil {
		if _, ok := dayOf(num(m[1]), num(m[2]), num(m[3])); ok {
			s = m[1] + "-" + m[2] + "-" + m[3]
		}
	}
	if allDigits.MatchString(s) {
		switch n, _ := strconv.ParseInt(s, 10, 64); len(s) {
		case 9, 10:
			out = time.Unix(n, 0).UTC().Format(time.RFC3339)
			return out, fmt.Sprintf("%s read as seconds since 1970 (Unix time): %s", quote(s), out), nil
		case 12, 13:
			out = time.UnixMilli(n).UTC().Format(time.RFC3339Nano)
			return out, fmt.Sprintf("%s read as milliseconds since 1970 (Unix time): %s", quote(s), out), nil
		}
	}
	if m := serial.FindStringSubmatch(s); m != nil {
		d := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, num(m[1]))
		return "", "", fmt.Errorf("%s looks like an Excel date serial number: %s in Excel's usual 1900 date system (%s in the 1904 system of old Mac files); write it as %s%s",
			quote(s), d.Format("2006-01-02"), d.AddDate(0, 0, 1462).Format("2006-01-02"), d.Format("2006-01-02"), tip)
	}
	if m := slashDate.FindStringSubmatch(s); m != nil {
		a, b, y := num(m[1]), num(m[2]), num(m[3])
		dm, dmOK := dayOf(y, b, a) // day/month
		md, mdOK := dayOf(y, a, b) // month/day
		switch {
		case dmOK && mdOK && a != b:
			return "", "", fmt.Errorf("%s is not an ISO 8601 date: %s/%s could be day/month or month/day; write it as %s (%s) or %s (%s)%s",
				quote(s), m[1], m[2], dm.Format("2006-01-02"), dm.Format("2 January"), md.Format("2006-01-02"), md.Format("January 2"), tip)
		case dmOK:
			return "", "", fmt.Errorf("%s is not an ISO 8601 date: write it as %s (%s)%s", quote(s), dm.Format("2006-01-02"), dm.Format("2 January 2006"), tip)
		case mdOK:
			return "", "", fmt.Errorf("%s is not an ISO 8601 date: write it as %s (%s)%s", quote(s), md.Format("2006-01-02"), md.Format("January 2, 2006"), tip)
		}
		return "", "", fmt.Errorf("%s is not a date: %s/%s is neither day/month nor month/day", quote(s), m[1], m[2])
	}
	if m := yearFirst.FindStringSubmatch(s); m != nil {
		if d, ok := dayOf(num(m[1]), num(m[2]), num(m[3])); ok {
			return "", "", fmt.Errorf("%s is not an ISO 8601 date: write it as %s%s", quote(s), d.Format("2006-01-02"), tip)
		}
	}
	if m := dayMonthYear.FindStringSubmatch(s); m != nil && monthNamed(m[2]) > 0 {
		s = fmt.Sprintf("%s-%02d-%02d", m[3], monthNamed(m[2]), num(m[1]))
	} else if m := monthDayYear.FindStringSubmatch(s); m != nil && monthNamed(m[1]) > 0 {
		s = fmt.Sprintf("%s-%02d-%02d", m[3], monthNamed(m[1]), num(m[2]))
	} else if m := monthYear.FindStringSubmatch(s); m != nil && monthNamed(m[1]) > 0 {
		s = fmt.Sprintf("%s-%02d", m[2], monthNamed(m[1]))
	}
	a, b, isRange := strings.Cut(s, "/")
	fix := func(d string) string {
		if noZone.MatchString(d) {
			warn = fmt.Sprintf("%s has no time zone: read as UTC", quote(s))
			d = strings.Replace(d, " ", "T", 1)
			if strings.Count(d, ":") == 1 {
				d += ":00"
			}
			return d + "Z"
		}
		return d
	}
	a = fix(a)
	if isRange {
		b = fix(b)
		s = a + "/" + b
	} else {
		s = a
	}
	if _, err := geo.ParseSpan(s); err != nil {
		if isoShaped.MatchString(s) {
			return "", "", err
		}
		return "", "", fmt.Errorf("%v; write it in the form 2025-06-11, 2025-06 or 2025%s", err, tip)
	}
	return s, warn, nil
}

// coordinate reads a latitude or longitude (decimal degrees; a decimal comma
// is accepted) and checks its range.
func coordinate(s, what string, limit float64) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%s is not a %s in decimal degrees (like 33.31)", quote(s), what)
	}
	if v < -limit || v > limit {
		return 0, fmt.Errorf("%s %v is outside -%v..%v", what, v, limit, limit)
	}
	return v, nil
}

// boolean reads a yes/no cell: true, yes, y, 1, x, ~; false, no, n, 0 or empty.
func boolean(s string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "y", "1", "x", "~", "approximate", "approx":
		return true, nil
	case "false", "no", "n", "0", "":
		return false, nil
	}
	return false, fmt.Errorf("%s must be true or false (or yes or no)", quote(s))
}

var (
	tag       = regexp.MustCompile(`(?s)<!--.*?-->|<[^>]*>`)
	blockTag  = regexp.MustCompile(`(?i)<\s*(br|/p|/div|/li|/h[1-6])\b[^>]*>`)
	dropBlock = regexp.MustCompile(`(?is)<(script|style)\b.*?</(script|style)\s*>`)
	spaces    = regexp.MustCompile(`[ \t\r\f\v]+`)
	blankLine = regexp.MustCompile(`\s*\n\s*`)
)

// plain turns the HTML that TimelineJS and Leaflet popups allow in their
// text into plain text: markup removed (the text of scripts and styles
// too), entities decoded, white space collapsed. It reports whether there
// was markup. The story format holds text; the widget never reads it as HTML.
func plain(s string) (string, bool) {
	if !strings.ContainsAny(s, "<&") {
		if !strings.ContainsAny(s, "\t\r\f\v") && !strings.Contains(s, "  ") {
			return strings.TrimSpace(s), false // most cells: no regexp
		}
		return strings.TrimSpace(spaces.ReplaceAllString(s, " ")), false
	}
	t := dropBlock.ReplaceAllString(s, "")
	t = blockTag.ReplaceAllString(t, "\n")
	t = tag.ReplaceAllString(t, "")
	t = html.UnescapeString(t)
	t = spaces.ReplaceAllString(t, " ")
	t = blankLine.ReplaceAllString(t, " ")
	t = strings.TrimSpace(t)
	return t, t != strings.TrimSpace(s)
}
