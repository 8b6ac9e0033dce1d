package convert

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Fields are the names Sheet.Columns gives columns by: the story format's
// fields, with "date" for the event's time.
var Fields = []string{"id", "date", "end", "title", "description", "source", "sites", "place", "name", "lat", "lon", "kind", "approximate"}

// named gives the columns that cols names their fields, before the columns
// are read by their names.
func (s *sheet) named(cols map[string]string) []Problem {
	var probs []Problem
	prob := func(msg string) {
		probs = append(probs, Problem{File: s.name, Where: s.headerAt(), Field: "columns", Msg: msg})
	}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range cols {
			if !yield(k) {
				return
			}
		}
	})
	for _, k := range keys {
		f := normalize(k)
		if !slices.Contains(Fields, f) {
			prob(fmt.Sprintf("%q is not a field: the fields are %s", k, strings.Join(Fields, ", ")))
			continue
		}
		if f == "date" {
			f = "time"
		}
		i := slices.IndexFunc(s.header, func(h string) bool { return normalize(h) == normalize(cols[k]) })
		if i < 0 {
			prob(fmt.Sprintf("%s=%s: the sheet has no column %q (its columns: %s)", k, cols[k], cols[k], strings.Join(s.header, ", ")))
			continue
		}
		s.col[f] = i
	}
	return probs
}

// layout reads what the layouts newsrooms receive need beyond the names of
// their columns, and says it once in s.notes:
//   - a day column beats the year (ACLED's event_date and year, GDELT's
//     SQLDATE and Year): the year, month and day columns are dropped;
//   - without a title column, a title is built from the columns a layout
//     has: the USGS feed's mag and place ("M 4.5 – 10 km SW of Neiafu,
//     Tonga"), ACLED's sub_event_type (or event_type) and location, GDELT's
//     Actor1Name, Actor2Name and ActionGeo_FullName;
//   - the columns of no field, kept as properties the map does not show,
//     are named.
func (s *sheet) layout() {
	note := func(msg string) {
		s.notes = append(s.notes, Problem{File: s.name, Where: s.headerAt(), Msg: msg, Warning: true})
	}
	var dropped []string
	because := ""
	for _, g := range [][]string{{"time", "year", "month", "day", "hour"}, {"end", "end_year", "end_month", "end_day", "end_hour"}} {
		if !s.has(g[0]) || !s.has(g[1]) {
			continue
		}
		for _, f := range g[1:] {
			if c, ok := s.col[f]; ok {
				dropped = append(dropped, s.header[c])
				delete(s.col, f)
			}
		}
		if because == "" {
			because = s.header[s.col[g[0]]]
		}
	}
	extra := func(name string) int {
		if i := slices.IndexFunc(s.extra, func(c int) bool { return normalize(s.header[c]) == name }); i >= 0 {
			return s.extra[i]
		}
		return -1
	}
	cell := func(i, c int) string {
		if c < 0 || c >= len(s.rows[i]) {
			return ""
		}
		return strings.TrimSpace(s.rows[i][c])
	}
	withPlace := func(t string, i int) string {
		if p := s.get(i, "place"); p != "" {
			if t == "" {
				return p
			}
			return t + " – " + p
		}
		return t
	}
	var from string
	if !s.has("title") {
		place := ""
		if s.has("place") {
			place = s.header[s.col["place"]]
		}
		mag, sub, ev, a1, a2 := extra("mag"), extra("sub_event_type"), extra("event_type"), extra("actor1name"), extra("actor2name")
		switch {
		case mag >= 0:
			s.titleCols = []int{mag}
			from = "columns " + s.header[mag]
			s.title = func(i int) string {
				if m := cell(i, mag); m != "" {
					return withPlace("M "+m, i)
				}
				return ""
			}
		case sub >= 0 || ev >= 0:
			s.titleCols = []int{sub, ev}
			switch {
			case sub >= 0 && ev >= 0:
				from = fmt.Sprintf("columns %s (or %s)", s.header[sub], s.header[ev])
			case sub >= 0:
				from = "columns " + s.header[sub]
			default:
				from = "columns " + s.header[ev]
			}
			s.title = func(i int) string {
				t := cell(i, sub)
				if t == "" {
					t = cell(i, ev)
				}
				if t == "" {
					return ""
				}
				return withPlace(t, i)
			}
		case a1 >= 0:
			s.titleCols = []int{a1, a2}
			from = "columns " + s.header[a1]
			if a2 >= 0 {
				from += ", " + s.header[a2]
			}
			s.title = func(i int) string {
				var actors []string
				for _, c := range []int{a1, a2} {
					if v := cell(i, c); v != "" {
						actors = append(actors, v)
					}
				}
				return withPlace(strings.Join(actors, " / "), i)
			}
		}
		if s.title != nil {
			if place != "" {
				from += " and " + place
			}
			if strings.HasPrefix(from, "columns ") && !strings.Contains(from, " and ") && !strings.Contains(from, ", ") {
				from = "column " + strings.TrimPrefix(from, "columns ")
			}
			example := ""
			for i := range s.rows {
				if example = s.title(i); example != "" {
					break
				}
			}
			note(fmt.Sprintf("no headline or title column: each title is built from %s: %s", from, quote(example)))
		}
	}
	var kept []string
	for _, c := range s.extra {
		if !slices.Contains(s.titleCols, c) && strings.TrimSpace(s.header[c]) != "" {
			kept = append(kept, s.header[c])
		}
	}
	var msg []string
	switch len(dropped) {
	case 0:
	case 1:
		msg = append(msg, fmt.Sprintf("column %s is dropped (the date is column %s)", dropped[0], because))
	default:
		msg = append(msg, fmt.Sprintf("columns %s are dropped (the date is column %s)", strings.Join(dropped, ", "), because))
	}
	if len(kept) > 0 {
		msg = append(msg, "kept as properties the map does not show: "+strings.Join(kept, ", "))
	}
	if len(msg) > 0 {
		note(strings.Join(msg, "; "))
	}
}

// gdelt1 are the columns of a GDELT 1.0 event file, in the order of the
// GDELT Event Codebook V1.03 (data.gdeltproject.org/documentation). GDELT's
// event files have no header line.
var gdelt1 = strings.Fields(`GLOBALEVENTID SQLDATE MonthYear Year FractionDate
	Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
	Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
	IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone
	Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID
	Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID
	ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID
	DATEADDED SOURCEURL`)

// gdeltLayout reads the first line of a sheet without a header as a GDELT
// event file's: tab-separated, with 57 columns (GDELT 1.0's files of events
// before April 2013, without SOURCEURL), 58 (its daily files since) or 61
// (GDELT 2.0: an ADM2Code after each ADM1Code, in the order of the GDELT
// Event Codebook V2.0), a number first and a date YYYYMMDD second
// (GLOBALEVENTID, SQLDATE). It returns the columns' names and the layout
// in words, or nil when the line is not such.
func gdeltLayout(first []byte) ([]string, string) {
	f := strings.Split(strings.TrimRight(string(first), "\r"), "\t")
	if !allDigits.MatchString(f[0]) {
		return nil, ""
	}
	if m := basicDate.FindStringSubmatch(f[min(1, len(f)-1)]); m == nil || len(f) < 2 {
		return nil, ""
	} else if y, _ := strconv.Atoi(m[1]); y < 1900 {
		return nil, ""
	} else if mo, _ := strconv.Atoi(m[2]); mo < 1 || mo > 12 {
		return nil, ""
	}
	switch len(f) {
	case 57:
		return gdelt1[:57], "a GDELT 1.0 event file of before April 2013 (57 columns, without SOURCEURL"
	case 58:
		return gdelt1, "a GDELT 1.0 event file (58 columns"
	case 61:
		var cols []string
		for _, c := range gdelt1 {
			cols = append(cols, c)
			if strings.HasSuffix(c, "Geo_ADM1Code") {
				cols = append(cols, strings.Replace(c, "ADM1", "ADM2", 1))
			}
		}
		return cols, "a GDELT 2.0 event file (61 columns"
	}
	return nil, ""
}
