package convert_test

import (
	"strings"
	"testing"
	"unicode/utf16"

	"mapline/geo/convert"
)

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestEncodings: UTF-8 with or without a byte order mark and UTF-16 with one
// are read as they are; a sheet that is not UTF-8 but reads as Windows-1252
// is converted with a warning; one that is neither is refused; a
// replacement character already in the text is pointed out.
func TestEncodings(t *testing.T) {
	const sheet = "date,title,place,lat,lon\n2025-06-11,Talks,Téhéran,35.69,51.39\n2025-06-12,L’envoyé,Téhéran,35.69,51.39\n"
	cp1252 := strings.NewReplacer("é", "\xe9", "’", "\x92").Replace(sheet)
	tests := []struct {
		name  string
		data  []byte
		place string
		title string // of the second event
		want  []string
	}{
		{name: "utf-8", data: []byte(sheet), place: "Téhéran", title: "L’envoyé"},
		{name: "utf-8-bom", data: []byte("\ufeff" + sheet), place: "Téhéran", title: "L’envoyé"},
		{name: "utf-16le-bom", data: utf16Bytes(sheet, false), place: "Téhéran", title: "L’envoyé"},
		{name: "utf-16be-bom", data: utf16Bytes(sheet, true), place: "Téhéran", title: "L’envoyé"},
		{name: "cp1252", data: []byte(cp1252), place: "Téhéran", title: "L’envoyé",
			want: []string{`convert: warning: e.csv: not UTF-8: read as Windows-1252 (cp1252, what Excel on Windows saves as "CSV"; Latin-1 reads the same), from the first byte that is not UTF-8, on line 2 ("2025-06-11,Talks,Téhéran,35.69,51.39"): check the accents, or save the sheet as "CSV UTF-8"`}},
		{name: "neither", data: []byte("date,title\n2025,T\x81h\n"),
			want: []string{`convert: e.csv: not UTF-8, nor Windows-1252 (byte 0x81 on line 2): save the sheet as "CSV UTF-8"`}},
		{name: "replacement-character", data: []byte("date,title\n2025,T\uFFFDh\uFFFDran\n"), title: "",
			want: []string{"convert: warning: e.csv: line 2 (\"2025,T\uFFFDh\uFFFDran\") has U+FFFD, the replacement character: a wrong encoding damaged the text before this file was written; fix it at its source"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := convert.CSV(convert.Sheet{Name: "e.csv", Data: tt.data})
			checkErr(t, err, tt.want)
			if tt.place == "" {
				return
			}
			if doc == nil || len(doc.Features) != 3 {
				t.Fatalf("doc %+v", doc)
			}
			site := doc.Features[0]
			if site.ID != "téhéran" || site.Properties["name"] != tt.place {
				t.Errorf("site %q %q, want téhéran %q", site.ID, site.Properties["name"], tt.place)
			}
			if got := doc.Features[2].Properties["title"]; got != tt.title {
				t.Errorf("title %q, want %q", got, tt.title)
			}
		})
	}
}

// TestEncodingsJSON: the JSON importers read encodings as CSV does, with
// advice that fits a JSON file.
func TestEncodingsJSON(t *testing.T) {
	src := "{\"events\": [{\"start_date\": {\"year\": 2025}, \"text\": {\"headline\": \"T\xe9h\xe9ran\"}}]}"
	doc, err := convert.TimelineJS("t.json", []byte(src))
	checkErr(t, err, []string{`convert: warning: t.json: not UTF-8: read as Windows-1252 (cp1252, Latin-1 reads the same), from the first byte that is not UTF-8, on line 1 ("xt\": {\"headline\": \"Téhéran\"}}]}"): check the accents, or save the file as UTF-8`})
	if doc == nil || len(doc.Features) != 1 || doc.Features[0].Properties["title"] != "Téhéran" {
		t.Fatalf("doc %+v", doc)
	}
	_, err = convert.TimeDimension("t.geojson", utf16Bytes(`{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [51.39, 35.69]}, "properties": {"time": "2025-06-11", "title": "Téhéran"}}]}`, false))
	checkErr(t, err, nil)
}
