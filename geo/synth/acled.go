package synth

import (
	"math/rand/v2"
	"strconv"
	"time"
)

// acledHeader is the first line of the sheet: the columns of an ACLED
// export (the ACLED Codebook's names, as in
// geo/convert/testdata/layouts/acled.csv) that mapline reads. The export's
// others (notes, actors, fatalities, …) would be kept as properties, and
// 100,000 rows of them would make a story larger than geo.MaxStoryBytes.
const acledHeader = "event_id_cnty,event_date,year,sub_event_type,location,latitude,longitude,source\n"

// acledTypes are sub-event types, as ACLED names them.
var acledTypes = []string{"Air/drone strike", "Shelling/artillery/missile attack", "Armed clash", "Peaceful protest", "Attack", "Looting/property destruction"}

// ACLED returns a sheet of nRows events in ACLED's CSV layout (what
// mapline import reads as it is): nPlaces places over the Middle East, each
// always at the same point (so each is one site), twenty a day from 1
// January 2020, no headline column (the importer builds the titles). The
// same seed gives the same bytes. Rows are about 70 bytes: 100,000 rows (7
// MB) stay under geo/convert's MaxSheetBytes, and their story (20.6 MB)
// just under geo.MaxStoryBytes. nPlaces is at least 1.
func ACLED(seed uint64, nPlaces, nRows int) []byte {
	nPlaces = max(nPlaces, 1)
	r := rand.New(rand.NewPCG(seed, 0x61636c6564))
	type place struct {
		name     string
		lat, lon float64
	}
	places := make([]place, nPlaces)
	for i := range places {
		places[i] = place{"P" + strconv.Itoa(i), 22 + r.Float64()*18, 34 + r.Float64()*26}
	}
	b := make([]byte, 0, 120*nRows+len(acledHeader))
	b = append(b, acledHeader...)
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range nRows {
		p := places[r.IntN(nPlaces)]
		t := acledTypes[r.IntN(len(acledTypes))]
		day := start.AddDate(0, 0, i/20)
		b = append(b, "SYN"...)
		b = strconv.AppendInt(b, int64(i), 10)
		b = append(b, ',')
		b = day.AppendFormat(b, "2006-01-02")
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(day.Year()), 10)
		b = append(b, ',')
		b = append(b, t...)
		b = append(b, ',')
		b = append(b, p.name...)
		b = append(b, ',')
		b = strconv.AppendFloat(b, p.lat, 'f', 4, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, p.lon, 'f', 4, 64)
		b = append(b, ",Wire"...)
		b = append(b, '\n')
	}
	return b
}
