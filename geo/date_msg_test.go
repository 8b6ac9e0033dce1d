package geo_test

import (
	"testing"

	"mapline/geo"
)

// TestParseDateBlamesTheRightPart: the error of a date that cannot be read
// names the part that is wrong, not a neighbour.
func TestParseDateBlamesTheRightPart(t *testing.T) {
	for _, tc := range []struct{ name, in, err string }{
		{"hour-out-of-range", "2025-06-11T25:00:00Z", `"2025-06-11T25:00:00Z" is not an ISO 8601 date (the hour must be 00 to 23)`},
		{"everything-out-of-range", "2025-06-11T25:61:61Z", `"2025-06-11T25:61:61Z" is not an ISO 8601 date (the hour must be 00 to 23)`},
		{"minute-out-of-range", "2025-06-11T14:61:00Z", `"2025-06-11T14:61:00Z" is not an ISO 8601 date (the minute must be 00 to 59)`},
		{"second-out-of-range", "2025-06-11T14:00:61+02:00", `"2025-06-11T14:00:61+02:00" is not an ISO 8601 date (the second must be 00 to 59)`},
		{"no-such-day-with-a-time", "2025-02-30T10:00:00Z", `"2025-02-30T10:00:00Z" is not an ISO 8601 date (February 2025 has no day 30)`},
		{"bad-month-with-a-time", "2025-13-01T10:00:00Z", `"2025-13-01T10:00:00Z" is not an ISO 8601 date (the month must be 01 to 12)`},
		{"no-time-zone-still-says-so", "2025-06-11T14:00:00", `"2025-06-11T14:00:00" is not an ISO 8601 date (expected YYYY-MM-DDThh:mm:ssZ with a time zone)`},
		{"two-tildes", "2025-06~~", `"2025-06~~" is not an ISO 8601 date (one "~" at the end marks a date approximate: 2025-06~)`},
		{"time-zone-before-year-0000", "0000-01-01T00:00:00+00:10", `"0000-01-01T00:00:00+00:10" is not an ISO 8601 date (in UTC it falls outside the years 0000 to 9999)`},
		{"time-zone-past-year-9999", "9999-12-31T23:59:00-01:00", `"9999-12-31T23:59:00-01:00" is not an ISO 8601 date (in UTC it falls outside the years 0000 to 9999)`},
		{"tilde-inside", "2025~-06", `"2025~-06" is not an ISO 8601 date (one "~" at the end marks a date approximate: 2025-06~)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := geo.ParseDate(tc.in)
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseDate(%q) error\n got %v\nwant %s", tc.in, err, tc.err)
			}
		})
	}
}
