package geo_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"mapline/geo"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want geo.Date
		err  string // the whole error text; empty when in is valid
	}{
		{name: "year", in: "2025", want: geo.Date{T: day(2025, 1, 1), Precision: geo.Year}},
		{name: "month", in: "2025-06", want: geo.Date{T: day(2025, 6, 1), Precision: geo.Month}},
		{name: "day", in: "2025-06-11", want: geo.Date{T: day(2025, 6, 11), Precision: geo.Day}},
		{name: "leap day", in: "2024-02-29", want: geo.Date{T: day(2024, 2, 29), Precision: geo.Day}},
		{name: "rfc3339 utc", in: "2025-06-11T14:00:00Z",
			want: geo.Date{T: time.Date(2025, 6, 11, 14, 0, 0, 0, time.UTC), Precision: geo.Minute}},
		{name: "rfc3339 with zone is kept in utc", in: "2025-06-11T14:00:00+02:00",
			want: geo.Date{T: time.Date(2025, 6, 11, 12, 0, 0, 0, time.UTC), Precision: geo.Minute}},
		{name: "rfc3339 with a space for the T", in: "2025-06-11 14:00:00Z",
			want: geo.Date{T: time.Date(2025, 6, 11, 14, 0, 0, 0, time.UTC), Precision: geo.Minute}},
		// RFC 3339 §5.6 allows a lower-case "t" and "z"; ParseDate looks for
		// "t" but time.Parse(time.RFC3339) refuses it.
		{name: "rfc3339 lower case", in: "2025-06-11t14:00:00z",
			want: geo.Date{T: time.Date(2025, 6, 11, 14, 0, 0, 0, time.UTC), Precision: geo.Minute}},
		{name: "approximate month", in: "2024-08~", want: geo.Date{T: day(2024, 8, 1), Precision: geo.Month, Approx: true}},
		{name: "approximate day with spaces", in: " 2025-06-11~ ",
			want: geo.Date{T: day(2025, 6, 11), Precision: geo.Day, Approx: true}},

		{name: "day that does not exist", in: "2025-02-30",
			err: `"2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`},
		{name: "leap day of a common year", in: "2023-02-29",
			err: `"2023-02-29" is not an ISO 8601 date (February 2023 has no day 29)`},
		{name: "day 32", in: "2025-06-32",
			err: `"2025-06-32" is not an ISO 8601 date (June 2025 has no day 32)`},
		{name: "day zero", in: "2025-06-00",
			err: `"2025-06-00" is not an ISO 8601 date (June 2025 has no day 0)`},
		{name: "month 13", in: "2025-13",
			err: `"2025-13" is not an ISO 8601 date (the month must be 01 to 12)`},
		{name: "month zero", in: "2025-00",
			err: `"2025-00" is not an ISO 8601 date (the month must be 01 to 12)`},
		{name: "two-digit year", in: "25-06-11",
			err: `"25-06-11" is not an ISO 8601 date (the year must have four digits)`},
		{name: "empty", in: "",
			err: `"" is not an ISO 8601 date (empty)`},
		{name: "only a tilde", in: "~",
			err: `"~" is not an ISO 8601 date (empty)`},
		{name: "one-digit month and day", in: "2025-6-1",
			err: `"2025-6-1" is not an ISO 8601 date (the month must be 01 to 12)`},
		{name: "one-digit day", in: "2025-06-1",
			err: `"2025-06-1" is not an ISO 8601 date (the day must be two digits)`},
		{name: "signed month", in: "2025-+6",
			err: `"2025-+6" is not an ISO 8601 date (the month must be 01 to 12)`},
		{name: "signed year", in: "+202",
			err: `"+202" is not an ISO 8601 date (the year must have four digits)`},
		{name: "four parts", in: "2025-06-11-01",
			err: `"2025-06-11-01" is not an ISO 8601 date (expected YYYY, YYYY-MM or YYYY-MM-DD)`},
		{name: "time without zone", in: "2025-06-11T14:00:00",
			err: `"2025-06-11T14:00:00" is not an ISO 8601 date (expected YYYY-MM-DDThh:mm:ssZ with a time zone)`},
		{name: "time without seconds", in: "2025-06-11T14:00Z",
			err: `"2025-06-11T14:00Z" is not an ISO 8601 date (expected YYYY-MM-DDThh:mm:ssZ with a time zone)`},
		{name: "day in words", in: "11 June 2025",
			err: `"11 June 2025" is not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`},
		{name: "a number", in: "45374",
			err: `"45374" is not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`},
		{name: "words", in: "June 2025",
			err: `"June 2025" is not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := geo.ParseDate(tt.in)
			if tt.err != "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %+v, want error %q", tt.in, got, tt.err)
				}
				msg := err.Error()
				if msg != tt.err {
					t.Errorf("ParseDate(%q) error\n got %s\nwant %s", tt.in, msg, tt.err)
				}
				// The message names the input and says why.
				if !strings.Contains(msg, strconv.Quote(tt.in)) || !strings.HasSuffix(msg, ")") {
					t.Errorf("ParseDate(%q) error %q does not quote the input and give a reason", tt.in, msg)
				}
				if !got.IsZero() {
					t.Errorf("ParseDate(%q) returned %+v with its error, want the zero Date", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if !got.T.Equal(tt.want.T) || got.T.Location() != time.UTC ||
				got.Precision != tt.want.Precision || got.Approx != tt.want.Approx {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			// ISO writes it back in a form ParseDate reads to the same date.
			again, err := geo.ParseDate(got.ISO())
			if err != nil || again != got {
				t.Errorf("ParseDate(%q.ISO() = %q) = %+v, %v; want %+v", tt.in, got.ISO(), again, err, got)
			}
		})
	}
}

func TestDateString(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"day", "2025-06-11", "11 June 2025"},
		{"day without leading zero", "2025-06-01", "1 June 2025"},
		{"month", "2025-06", "June 2025"},
		{"year", "2025", "2025"},
		{"time of day in utc", "2025-06-11T16:30:59+02:00", "11 June 2025, 14:30 UTC"},
		{"approximate month", "2024-08~", "about August 2024"},
		{"approximate day", "2024-08-05~", "about 5 August 2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := geo.ParseDate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("ParseDate(%q).String() = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got := (geo.Date{}).String(); got != "" {
		t.Errorf("zero Date String() = %q, want empty", got)
	}
}

func TestDateEnd(t *testing.T) {
	tests := []struct {
		name, in string
		want     time.Time
	}{
		{"year", "2025", day(2026, 1, 1)},
		{"month", "2025-06", day(2025, 7, 1)},
		{"december", "2025-12", day(2026, 1, 1)},
		{"day", "2025-06-11", day(2025, 6, 12)},
		{"last day of february", "2023-02-28", day(2023, 3, 1)},
		{"leap day", "2024-02-29", day(2024, 3, 1)},
		{"time of day is an instant", "2025-06-11T14:00:00Z", time.Date(2025, 6, 11, 14, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := geo.ParseDate(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.End(); !got.Equal(tt.want) {
				t.Errorf("ParseDate(%q).End() = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseSpan(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		str   string    // Span.String
		until time.Time // Span.Until
		err   string    // the whole error text; empty when in is valid
	}{
		{name: "single day", in: "2025-06-11", str: "11 June 2025", until: day(2025, 6, 12)},
		{name: "single month", in: "2025-06", str: "June 2025", until: day(2025, 7, 1)},
		{name: "days of one month", in: "2025-06-14/2025-06-15", str: "14–15 June 2025", until: day(2025, 6, 16)},
		{name: "same day twice", in: "2025-06-14/2025-06-14", str: "14 June 2025", until: day(2025, 6, 15)},
		{name: "across months", in: "2025-06-30/2025-07-02", str: "30 June 2025 – 2 July 2025", until: day(2025, 7, 3)},
		{name: "across years", in: "2024-12-31/2025-01-01", str: "31 December 2024 – 1 January 2025", until: day(2025, 1, 2)},
		{name: "months", in: "2025-05/2025-06", str: "May 2025 – June 2025", until: day(2025, 7, 1)},
		{name: "approximate days", in: "2025-06-14~/2025-06-15~", str: "about 14–15 June 2025", until: day(2025, 6, 16)},
		{name: "only the start approximate", in: "2025-06-14~/2025-06-15",
			str: "about 14 June 2025 – 15 June 2025", until: day(2025, 6, 16)},
		// The end (09:00 on the 14th) is after the start (the whole 14th
		// begins at 00:00), yet the check compares the end of both periods.
		{name: "day to a time later that day", in: "2025-06-14/2025-06-14T09:00:00Z",
			str: "14 June 2025 – 14 June 2025, 09:00 UTC", until: time.Date(2025, 6, 14, 9, 0, 0, 0, time.UTC)},

		{name: "end before start", in: "2025-06-15/2025-06-14",
			err: `end "2025-06-14" is before start "2025-06-15"`},
		{name: "month before start", in: "2025-06/2025-05",
			err: `end "2025-05" is before start "2025-06"`},
		{name: "bad start", in: "2025-02-30/2025-03-01",
			err: `"2025-02-30" is not an ISO 8601 date (February 2025 has no day 30)`},
		{name: "bad end", in: "2025-06-14/2025-06-31",
			err: `"2025-06-31" is not an ISO 8601 date (June 2025 has no day 31)`},
		{name: "no end", in: "2025-06-14/",
			err: `"" is not an ISO 8601 date (empty)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp, err := geo.ParseSpan(tt.in)
			if tt.err != "" {
				if err == nil {
					t.Fatalf("ParseSpan(%q) = %v, want error %q", tt.in, sp, tt.err)
				}
				if err.Error() != tt.err {
					t.Errorf("ParseSpan(%q) error\n got %s\nwant %s", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSpan(%q): %v", tt.in, err)
			}
			if got := sp.String(); got != tt.str {
				t.Errorf("ParseSpan(%q).String() = %q, want %q", tt.in, got, tt.str)
			}
			if got := sp.Until(); !got.Equal(tt.until) {
				t.Errorf("ParseSpan(%q).Until() = %v, want %v", tt.in, got, tt.until)
			}
		})
	}
}
