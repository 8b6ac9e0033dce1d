package convert

import (
	"fmt"
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"

	"mapline/geo"
)

// dateHint is the advice given with a date the story format cannot read.
const dateHint = "write it as 2025-06-11, 2025-06 or 2025 (a spreadsheet keeps that form when the column is formatted as text or as yyyy-mm-dd)"

var (
	slashDate = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$`)
	basicDate = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	noZone    = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$`)
)

// span checks a date or "start/end" in the story format and returns it as
// written in the story. A date and time without a time zone is read as UTC,
// with a warning (warn is not empty).
func span(s string) (out, warn string, err error) {
	s = strings.TrimSpace(s)
	if m := slashDate.FindStringSubmatch(s); m != nil {
		return "", "", fmt.Errorf("%s is not an ISO 8601 date: %s/%s could be day/month or month/day; %s", quote(s), m[1], m[2], dateHint)
	}
	if m := basicDate.FindStringSubmatch(s); m != nil {
		// ISO 8601's basic form, GDELT's SQLDATE: 20250611.
		s = m[1] + "-" + m[2] + "-" + m[3]
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
		return "", "", fmt.Errorf("%v; %s", err, dateHint)
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
