package geo

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Precision says how much of a date is known.
type Precision int

// Precisions, from the coarsest.
const (
	Year Precision = iota + 1
	Month
	Day
	Minute // a date and a time of day (seconds are kept but not shown)
)

// Date is a point in time with the precision it was given in: "2025-06" is the
// month of June 2025, not its first day. Approx marks a date the source gives
// only roughly ("last August"); in data it is an EDTF "~" suffix
// ("2024-08~") or the event's approximate property.
type Date struct {
	T         time.Time // start of the period, in UTC
	Precision Precision
	Approx    bool
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Precision == 0 }

// End is the end of the period d names (exclusive): the next day for a day,
// the next month for a month, the same instant for a time of day.
func (d Date) End() time.Time {
	switch d.Precision {
	case Year:
		return d.T.AddDate(1, 0, 0)
	case Month:
		return d.T.AddDate(0, 1, 0)
	case Day:
		return d.T.AddDate(0, 0, 1)
	}
	return d.T
}

// ParseDate reads an ISO 8601 date of year, month or day precision, or an RFC
// 3339 date and time: "2025", "2025-06", "2025-06-11", "2025-06-11T14:00:00Z".
// A trailing "~" marks it approximate. Dates that do not exist (2025-02-30) are
// errors.
func ParseDate(s string) (Date, error) {
	in := s
	s = strings.TrimSpace(s)
	approx := strings.HasSuffix(s, "~")
	if approx {
		s = s[:len(s)-1]
	}
	if t, p, ok := plainDate(s); ok {
		return Date{T: t, Precision: p, Approx: approx}, nil
	}
	d, err := parseDate(in, s)
	d.Approx = approx && err == nil
	return d, err
}

// parseDate is ParseDate the long way, of s (in trimmed, without its "~").
func parseDate(in, s string) (Date, error) {
	var d Date
	bad := func(why string) (Date, error) {
		return Date{}, fmt.Errorf("%q is not an ISO 8601 date (%s)", in, why)
	}
	if s == "" {
		return bad("empty")
	}
	if len(s) > 10 && strings.IndexByte("Tt ", s[10]) >= 0 { // YYYY-MM-DD and a time
		t, err := time.Parse(time.RFC3339, strings.ToUpper(strings.Replace(s, " ", "T", 1)))
		if err != nil {
			return bad("expected YYYY-MM-DDThh:mm:ssZ with a time zone")
		}
		d.T, d.Precision = t.UTC(), Minute
		return d, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return bad("expected YYYY, YYYY-MM or YYYY-MM-DD")
	}
	num := func(p string, digits int) (int, bool) {
		if len(p) != digits {
			return 0, false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(p)
		return n, err == nil
	}
	y, ok := num(parts[0], 4)
	if !ok && unicode.IsLetter(rune(s[0])) {
		return bad("expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
	}
	if !ok {
		return bad("the year must have four digits")
	}
	m, day := 1, 1
	d.Precision = Year
	if len(parts) > 1 {
		if m, ok = num(parts[1], 2); !ok || m < 1 || m > 12 {
			return bad("the month must be 01 to 12")
		}
		d.Precision = Month
	}
	if len(parts) > 2 {
		if day, ok = num(parts[2], 2); !ok {
			return bad("the day must be two digits")
		}
		d.Precision = Day
	}
	d.T = time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC)
	if d.T.Day() != day {
		return bad(fmt.Sprintf("%s %d has no day %d", time.Month(m), y, day))
	}
	return d, nil
}

// plainDate reads the usual shapes of a date without allocating: "2025",
// "2025-06", "2025-06-11" and "2025-06-11T14:00:00Z", every field in range.
// ok is false for anything else, which ParseDate reads the long way (and
// says what is wrong).
func plainDate(s string) (t time.Time, p Precision, ok bool) {
	num := func(i, n int) int { // the digits s[i:i+n], or -1
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				return -1
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	sep := func(i int, c byte) bool { return s[i] == c }
	y, m, d, hh, mm, ss := 0, 1, 1, 0, 0, 0
	switch len(s) {
	case 20:
		if !sep(10, 'T') || !sep(13, ':') || !sep(16, ':') || !sep(19, 'Z') {
			return time.Time{}, 0, false
		}
		if hh, mm, ss = num(11, 2), num(14, 2), num(17, 2); hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 {
			return time.Time{}, 0, false
		}
		p = Minute
		fallthrough
	case 10:
		if !sep(7, '-') {
			return time.Time{}, 0, false
		}
		if d = num(8, 2); d < 1 || d > 31 {
			return time.Time{}, 0, false
		}
		p = max(p, Day)
		fallthrough
	case 7:
		if !sep(4, '-') {
			return time.Time{}, 0, false
		}
		if m = num(5, 2); m < 1 || m > 12 {
			return time.Time{}, 0, false
		}
		p = max(p, Month)
		fallthrough
	case 4:
		if y = num(0, 4); y < 0 {
			return time.Time{}, 0, false
		}
		p = max(p, Year)
	default:
		return time.Time{}, 0, false
	}
	t = time.Date(y, time.Month(m), d, hh, mm, ss, 0, time.UTC)
	if t.Day() != d { // 30 February
		return time.Time{}, 0, false
	}
	return t, p, true
}

// ISO writes d back in the form ParseDate reads.
func (d Date) ISO() string {
	var s string
	switch d.Precision {
	case Year:
		s = d.T.Format("2006")
	case Month:
		s = d.T.Format("2006-01")
	case Day:
		s = d.T.Format("2006-01-02")
	case Minute:
		s = d.T.Format(time.RFC3339)
	default:
		return ""
	}
	if d.Approx {
		s += "~"
	}
	return s
}

// String is the date in words, as precise as it is known: "11 June 2025",
// "June 2025", "2025", "11 June 2025, 14:00 UTC", "about August 2024".
func (d Date) String() string {
	var s string
	switch d.Precision {
	case Year:
		s = d.T.Format("2006")
	case Month:
		s = d.T.Format("January 2006")
	case Day:
		s = d.T.Format("2 January 2006")
	case Minute:
		s = d.T.Format("2 January 2006, 15:04 UTC")
	default:
		return ""
	}
	if d.Approx {
		s = "about " + s
	}
	return s
}

// Span is an event's time: a date, or a start and an end date (inclusive of
// the end's whole period: 14–15 June covers both days).
type Span struct {
	Start Date
	End   Date // zero when the event has a single date
}

// ParseSpan reads a date or an ISO 8601 interval "start/end".
func ParseSpan(s string) (Span, error) {
	a, b, ok := strings.Cut(s, "/")
	start, err := ParseDate(a)
	if err != nil || !ok {
		return Span{Start: start}, err
	}
	end, err := ParseDate(b)
	if err != nil {
		return Span{}, err
	}
	sp := Span{Start: start, End: end}
	return sp, sp.check()
}

func (sp Span) check() error {
	if !sp.End.IsZero() && sp.End.T.Before(sp.Start.T) {
		return fmt.Errorf("end %q is before start %q", sp.End.ISO(), sp.Start.ISO())
	}
	return nil
}

// Until is the exclusive end instant of the span.
func (sp Span) Until() time.Time {
	if sp.End.IsZero() {
		return sp.Start.End()
	}
	return sp.End.End()
}

// String is the span in words: "11 June 2025", "14–15 June 2025".
func (sp Span) String() string {
	if sp.End.IsZero() {
		return sp.Start.String()
	}
	a, b := sp.Start, sp.End
	if a == b {
		return a.String()
	}
	if a.Precision == Day && b.Precision == Day && a.Approx == b.Approx &&
		a.T.Year() == b.T.Year() && a.T.Month() == b.T.Month() {
		s := fmt.Sprintf("%d–%s", a.T.Day(), b.T.Format("2 January 2006"))
		if a.Approx {
			s = "about " + s
		}
		return s
	}
	return a.String() + " – " + b.String()
}
