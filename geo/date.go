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
	if strings.Contains(s, "~") {
		return bad(`one "~" at the end marks a date approximate: 2025-06~`)
	}
	if len(s) > 10 && strings.IndexByte("Tt ", s[10]) >= 0 { // YYYY-MM-DD and a time
		t, err := time.Parse(time.RFC3339, strings.ToUpper(strings.Replace(s, " ", "T", 1)))
		if err != nil {
			// Blame the part that is wrong: the date, then the clock, and
			// only then the time zone.
			if _, err := parseDate(in, s[:10]); err != nil {
				return Date{}, err
			}
			return bad(clockProblem(s[11:]))
		}
		d.T, d.Precision = t.UTC(), Minute
		if y := d.T.Year(); y < 0 || y > 9999 {
			// 0000-01-01T00:00+00:10 is in the year -1 in UTC, which no
			// YYYY can write back.
			return bad("in UTC it falls outside the years 0000 to 9999")
		}
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
	// Words ("11 June 2025") or a bare number that is not a year (an
	// Excel serial date): the forms, not the year, are what to say.
	if !ok && (strings.IndexFunc(s, unicode.IsLetter) >= 0 || len(parts) == 1 && len(s) > 4 && strings.Trim(s, "0123456789") == "") {
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

// clockProblem says what is wrong with the time of day c (what follows the
// T) that time.Parse refused: the hour, minute or second out of range, or
// else the form or the time zone.
func clockProblem(c string) string {
	if len(c) >= 8 && c[2] == ':' && c[5] == ':' {
		hh, mm, ss := digits(c, 0), digits(c, 3), digits(c, 6)
		switch {
		case hh > 23:
			return "the hour must be 00 to 23"
		case mm > 59:
			return "the minute must be 00 to 59"
		case ss > 59:
			return "the second must be 00 to 59"
		}
	}
	return "expected YYYY-MM-DDThh:mm:ssZ with a time zone"
}

// plainDate reads the usual shapes of a date without allocating: "2025",
// "2025-06", "2025-06-11" and "2025-06-11T14:00:00Z", every field in range.
// ok is false for anything else, which ParseDate reads the long way (and
// says what is wrong). It is the long way's result to the bit
// (TestPlainDate).
func plainDate(s string) (t time.Time, p Precision, ok bool) {
	y, m, d, hh, mm, ss := 0, 1, 1, 0, 0, 0
	switch len(s) {
	case 20:
		if s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' {
			return time.Time{}, 0, false
		}
		if hh, mm, ss = digits(s, 11), digits(s, 14), digits(s, 17); hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59 {
			return time.Time{}, 0, false
		}
		p = Minute
		fallthrough
	case 10:
		if s[7] != '-' {
			return time.Time{}, 0, false
		}
		d = digits(s, 8)
		p = max(p, Day)
		fallthrough
	case 7:
		if s[4] != '-' {
			return time.Time{}, 0, false
		}
		m = digits(s, 5)
		p = max(p, Month)
		fallthrough
	case 4:
		c, yy := digits(s, 0), digits(s, 2)
		if c < 0 || yy < 0 {
			return time.Time{}, 0, false
		}
		y = c*100 + yy
		p = max(p, Year)
	default:
		return time.Time{}, 0, false
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return time.Time{}, 0, false
	}
	// Days since 1970-01-01 in the proleptic Gregorian calendar, by eras of
	// 400 years that begin on 1 March (H. Hinnant, "chrono-Compatible
	// Low-Level Date Algorithms"); y is 0 to 9999.
	if m <= 2 {
		y--
	}
	era := (y + 400) / 400 // of y+400, never negative
	yoe := y + 400 - era*400
	mp := (m + 9) % 12 // March is 0
	doe := yoe*365 + yoe/4 - yoe/100 + (153*mp+2)/5 + d - 1
	days := (era-1)*146097 + doe - 719468
	return time.Unix(int64(days)*86400+int64(hh*3600+mm*60+ss), 0).UTC(), p, true
}

// digits is the number written s[i:i+2] in decimal digits, or -1.
func digits(s string, i int) int {
	a, b := s[i], s[i+1]
	if a < '0' || a > '9' || b < '0' || b > '9' {
		return -1
	}
	return int(a-'0')*10 + int(b-'0')
}

// daysIn is the number of days in month m of year y.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
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
