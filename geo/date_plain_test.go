package geo

import "testing"

// plainDates are dates for FuzzPlainDate, read the fast way or not.
var plainDates = []string{
	"2025", "2025-06", "2025-06-11", "2025-06-11T14:00:00Z", "0000-01-01", "9999-12-31T23:59:59Z",
	"2024-02-29", "2023-02-29", "2025-04-31", "2025-13", "2025-00", "2025-06-00", "2025-06-32",
	"2025-06-11T24:00:00Z", "2025-06-11T23:60:00Z", "2025-06-11T23:59:60Z", "2025-06-11t14:00:00z",
	"2025-06-11 14:00:00Z", "2025-06-11T14:00:00+02:00", "2025-06-11T14:00Z", "2025-6-11", "202a",
	"-202", "+2025", "20a5", "2a25-01", "0000-02-29", "0400-02-29", "1900-02-29", "2000-02-29", "0001-03-01", "1969-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "2025-06-1a", "2025/06/11", "2025-06-11T14:00:00.5Z", "2025-06-11T1a:00:00Z",
}

// TestPlainDate: the dates plainDate reads, it reads as the long way does
// (parseDate), to the last bit of the time.Time.
func TestPlainDate(t *testing.T) {
	read := 0
	for _, s := range plainDates {
		if samePlainDate(t, s) {
			read++
		}
	}
	if read < 6 {
		t.Errorf("plainDate read %d of the dates", read)
	}
}

func FuzzPlainDate(f *testing.F) {
	for _, s := range plainDates {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { samePlainDate(t, s) })
}

func samePlainDate(t *testing.T, s string) bool {
	t.Helper()
	pt, p, ok := plainDate(s)
	if !ok {
		return false
	}
	d, err := parseDate(s, s)
	if err != nil || d.T != pt || d.Precision != p {
		t.Errorf("plainDate(%q) = %v, %v; the long way %+v, %v", s, pt, p, d, err)
	}
	return true
}
