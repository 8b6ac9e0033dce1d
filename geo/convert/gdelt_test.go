package convert_test

import (
	"bytes"
	"strings"
	"testing"

	"mapline/geo/convert"
)

// codebook are the 58 columns of a GDELT 1.0 event file (GDELT Event
// Codebook V1.03); GDELT 2.0 adds an ADM2Code after each ADM1Code.
var codebook = strings.Fields(`GLOBALEVENTID SQLDATE MonthYear Year FractionDate Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles AvgTone Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL`)

// kept are the columns of cols a GDELT sheet keeps as properties: all but
// those of the story's fields, the title's and Year.
func kept(cols []string) string {
	var out []string
	for _, c := range cols {
		switch c {
		case "GLOBALEVENTID", "SQLDATE", "Year", "Actor1Name", "Actor2Name", "ActionGeo_FullName", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL":
		default:
			out = append(out, c)
		}
	}
	return strings.Join(out, ", ")
}

// TestHeaderlessGDELT: GDELT's event files as GDELT publishes them,
// tab-separated without a header line (testdata/layouts/NOTE.md), in the
// three layouts of the codebooks: each read in its columns' order, with one
// warning naming the layout assumed; where each event lands, its date, its
// title and its source.
func TestHeaderlessGDELT(t *testing.T) {
	v1 := read(t, "layouts/gdelt-1.0.export.CSV")
	var v2 []string
	for _, c := range codebook {
		v2 = append(v2, c)
		if strings.HasSuffix(c, "Geo_ADM1Code") {
			v2 = append(v2, strings.Replace(c, "ADM1", "ADM2", 1))
		}
	}
	// The back files before April 2013: no SOURCEURL.
	var old [][]byte
	for _, l := range bytes.SplitAfter(v1, []byte("\n")) {
		if i := bytes.LastIndexByte(l, '\t'); i >= 0 {
			old = append(old, append(l[:i:i], '\n'))
		}
	}
	title := `convert: warning: %s: no headline or title column: each title is built from columns Actor1Name, Actor2Name and ActionGeo_FullName: "UNITED STATES / IRAQ – Baghdad, Baghdad, Iraq"`
	want := []string{
		"1100000001 2025-06-11 UNITED STATES / IRAQ – Baghdad, Baghdad, Iraq@baghdad-baghdad-iraq",
		"1100000002 2025-06-12 IRAN / UNITED STATES – Muscat, Masqat, Oman@muscat-masqat-oman",
		"1100000003 2025-06-13 UNITED STATES@",
	}
	for _, tt := range []struct {
		file   string
		data   []byte
		cols   []string
		layout string
		source bool
	}{
		{"gdelt-1.0.export.CSV", v1, codebook, "a GDELT 1.0 event file (58 columns", true},
		{"gdelt-2.0.export.CSV", read(t, "layouts/gdelt-2.0.export.CSV"), v2, "a GDELT 2.0 event file (61 columns", true},
		{"20130331.export.CSV", bytes.Join(old, nil), codebook[:57], "a GDELT 1.0 event file of before April 2013 (57 columns, without SOURCEURL", false},
	} {
		t.Run(tt.file, func(t *testing.T) {
			doc, err := convert.CSV(convert.Sheet{Name: tt.file, Data: tt.data})
			last := "SOURCEURL"
			if !tt.source {
				last = "DATEADDED"
			}
			checkErr(t, err, []string{
				"convert: warning: " + tt.file + ": no header line: read as " + tt.layout + ", tab-separated, in the order of GDELT's Event Codebook: GLOBALEVENTID, SQLDATE, …, ActionGeo_FullName, …, ActionGeo_Lat, ActionGeo_Long, …, " + last + ")",
				strings.Replace(title, "%s", tt.file, 1),
				"convert: warning: " + tt.file + ": column Year is dropped (the date is column SQLDATE); kept as properties the map does not show: " + kept(tt.cols),
			})
			if doc == nil {
				t.Fatal("no doc")
			}
			sites, _ := where(doc)
			if got, want := strings.Join(sites, " "), "baghdad-baghdad-iraq=44.3939,33.3386 muscat-masqat-oman=58.5933,23.6133"; got != want {
				t.Errorf("sites %s, want %s", got, want)
			}
			if got := events(doc); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("events\n got %q\nwant %q", got, want)
			}
			src := doc.Features[2].Properties["source"]
			if want := "https://example.org/news/ordered-departure"; tt.source && src != want || !tt.source && src != nil {
				t.Errorf("the first event's source is %v (want %q: %v)", src, want, tt.source)
			}
			mustLoad(t, doc, nil)
		})
	}
}
