package convert

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Sheet is one CSV file: its name (for messages) and its bytes.
type Sheet struct {
	Name string
	Data []byte
	// Columns names the columns of fields in a layout of other names:
	// field (see Fields) → the column's name as in the header, in any case.
	Columns map[string]string
}

// MaxSheetBytes is the largest sheet CSV reads.
const MaxSheetBytes = 20 << 20

// columns maps each field of the story format to the column names that mean
// it, in the spelling of TimelineJS's Google Sheets template, of Knight Lab's
// StoryMapJS, of the layouts of ACLED, GDELT 1.0 and the USGS earthquake
// feed (see layouts.go), and of what newsrooms name their columns. Names are compared in
// lower case with spaces and hyphens read as underscores.
var columns = []struct {
	field string
	names []string
}{
	{"id", []string{"id", "event_id", "site_id", "unique_id", "slug", "event_id_cnty", "globaleventid"}},
	{"time", []string{"date", "start_date", "start", "time", "when", "event_date", "sqldate"}},
	{"end", []string{"end_date", "end"}},
	{"title", []string{"headline", "title"}},
	{"description", []string{"text", "description", "body", "notes"}},
	{"source", []string{"source", "source_url", "url", "link", "sourceurl"}},
	{"sites", []string{"sites", "site"}},
	{"place", []string{"place", "location", "places", "actiongeo_fullname"}},
	{"name", []string{"name", "site_name"}},
	{"lat", []string{"lat", "latitude", "actiongeo_lat"}},
	{"lon", []string{"lon", "lng", "long", "longitude", "actiongeo_long"}},
	{"kind", []string{"kind", "site_kind", "category"}},
	{"approximate", []string{"approximate", "approx", "circa"}},
	// TimelineJS's template: the date in parts.
	{"year", []string{"year"}},
	{"month", []string{"month"}},
	{"day", []string{"day"}},
	{"hour", []string{"time_of_day", "hour"}},
	{"end_year", []string{"end_year"}},
	{"end_month", []string{"end_month"}},
	{"end_day", []string{"end_day"}},
	{"end_hour", []string{"end_time_of_day", "end_hour"}},
}

var underscores = strings.NewReplacer(" ", "_", "-", "_")

func normalize(h string) string {
	return underscores.Replace(strings.ToLower(strings.TrimSpace(h)))
}

// sheet is a parsed sheet: its columns by field, and its rows.
type sheet struct {
	name   string
	header []string       // as written
	keys   []string       // the header normalized, once (extras)
	col    map[string]int // field → column index
	extra  []int          // columns of no field, kept as properties
	notes  []Problem      // warnings about the header
	// title builds a row's title in a layout without a title column
	// (layouts.go); titleCols are the columns it reads.
	title     func(i int) string
	titleCols []int
	rows      [][]string
	lines     []int // the line of each row in the file
	// assumed is the layout assumed for a sheet without a header line
	// (gdeltLayout), "" for a sheet with one.
	assumed string
	// headerLine is the header's line in the file, comma its separator.
	headerLine int
	comma      rune
}

// headerAt is where a problem of the header is: row 1, or the file for a
// sheet without a header line.
func (s *sheet) headerAt() string {
	if s.assumed != "" {
		return ""
	}
	return "row 1"
}

func (s *sheet) has(field string) bool { _, ok := s.col[field]; return ok }

// get is the trimmed cell of field in row i, "" when the sheet has no such column.
func (s *sheet) get(i int, field string) string {
	c, ok := s.col[field]
	if !ok || c >= len(s.rows[i]) {
		return ""
	}
	return strings.TrimSpace(s.rows[i][c])
}

// column names the column of field as written in the header, for messages.
func (s *sheet) column(field string) string {
	c, ok := s.col[field]
	if !ok {
		return ""
	}
	return "column " + s.header[c]
}

func (s *sheet) events() bool { return s.has("time") || s.has("year") }

// readSheet parses a CSV sheet. The separator is a comma, or a semicolon or a
// tab when the header has one of those and no comma (European spreadsheets,
// copies from Google Sheets).
func readSheet(sh Sheet) (*sheet, []Problem) {
	prob := func(where, msg string) []Problem { return []Problem{{File: sh.Name, Where: where, Msg: msg}} }
	if len(sh.Data) > MaxSheetBytes {
		return nil, prob("", fmt.Sprintf("larger than %d MB", MaxSheetBytes>>20))
	}
	data, enc := decodeText(sh.Name, sh.Data, true)
	if enc != nil && !enc.Warning {
		return nil, []Problem{*enc}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, prob("", "the sheet is empty")
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	switch {
	case bytes.Contains(first, []byte(",")):
	case bytes.Contains(first, []byte(";")):
		r.Comma = ';'
	case bytes.Contains(first, []byte("\t")):
		r.Comma = '\t'
	}
	s := &sheet{name: sh.Name, col: map[string]int{}}
	if enc != nil {
		s.notes = append(s.notes, *enc)
	}
	if cols, layout := gdeltLayout(first); cols != nil {
		r.Comma, r.LazyQuotes = '\t', true
		s.header, s.assumed = cols, layout
		s.notes = append(s.notes, Problem{File: sh.Name, Warning: true, Msg: fmt.Sprintf(
			"no header line: read as %s, tab-separated, in the order of GDELT's Event Codebook: %s, %s, …, ActionGeo_FullName, …, ActionGeo_Lat, ActionGeo_Long, …, %s)",
			layout, cols[0], cols[1], cols[len(cols)-1])})
	}
	var probs []Problem
	n := bytes.Count(data, []byte("\n")) + 1 // about the rows
	s.rows, s.lines = make([][]string, 0, n), make([]int, 0, n)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, prob(fmt.Sprintf("row %d", pe.StartLine), fmt.Sprintf("not valid CSV: %v (column %d of line %d)", pe.Err, pe.Column, pe.Line))
			}
			return nil, prob("", err.Error())
		}
		line, _ := r.FieldPos(0)
		if s.header == nil {
			s.header, s.headerLine, s.comma = rec, line, r.Comma
			continue
		}
		if slices.IndexFunc(rec, func(c string) bool { return strings.TrimSpace(c) != "" }) < 0 {
			continue // an empty row
		}
		s.rows = append(s.rows, rec)
		s.lines = append(s.lines, line)
	}
	byName := map[string]string{}
	for _, c := range columns {
		for _, n := range c.names {
			byName[n] = c.field
		}
	}
	seen := map[string]int{}
	if ps := s.named(sh.Columns); ps != nil {
		return nil, ps
	}
	for f, i := range s.col {
		seen[f] = i
	}
	for i, h := range s.header {
		n := normalize(h)
		if n == "" || slices.Contains(slices.Collect(maps.Values(s.col)), i) {
			continue
		}
		if f, ok := byName[n]; ok {
			if j, dup := seen[f]; dup {
				probs = append(probs, Problem{File: sh.Name, Where: "row 1", Field: "column " + h,
					Msg: fmt.Sprintf("means the same as column %s: keep one of them", s.header[j])})
				continue
			}
			seen[f] = i
			s.col[f] = i
			continue
		}
		s.extra = append(s.extra, i)
	}
	// TimelineJS's template: next to Year, Month and Day, "Time" and "End
	// Time" are times of day.
	if s.has("year") {
		if c, ok := s.col["time"]; ok && normalize(s.header[c]) == "time" {
			delete(s.col, "time")
			s.col["hour"] = c
		}
		for k, c := range s.extra {
			if normalize(s.header[c]) == "end_time" {
				s.col["end_hour"] = c
				s.extra = slices.Delete(s.extra, k, k+1)
				break
			}
		}
	}
	if i := slices.IndexFunc(s.extra, func(c int) bool { return normalize(s.header[c]) == "type" }); i >= 0 && s.has("year") {
		s.col["type"] = s.extra[i]
		s.extra = slices.Delete(s.extra, i, i+1)
	}
	s.layout()
	return s, probs
}

// CSV converts spreadsheet sheets into a story. Give either one sheet of
// events with lat and lon columns (each place named in its place column
// becomes a site), or a sheet of events and a sheet of sites (id, name, lat,
// lon, kind, description, approximate), in any order: a sheet with a date
// column (date, start_date, or TimelineJS's year, month, day) holds events.
// docs/story-format.md lists the columns. Columns of no field are kept as
// properties of the feature (under their name in lower case with
// underscores). An empty row is skipped.
func CSV(sheets ...Sheet) (*Doc, error) {
	var probs []Problem
	var evs, sts *sheet
	for _, sh := range sheets {
		s, ps := readSheet(sh)
		probs = append(probs, ps...)
		if s == nil {
			continue
		}
		switch {
		case s.events() && evs == nil:
			evs = s
		case !s.events() && sts == nil && (s.has("lat") || s.has("name")):
			sts = s
		case s.events():
			probs = append(probs, Problem{File: sh.Name, Msg: fmt.Sprintf("a second sheet of events (the first is %s): give one", evs.name)})
		case sts != nil:
			probs = append(probs, Problem{File: sh.Name, Msg: fmt.Sprintf("a second sheet of sites (the first is %s): give one", sts.name)})
		default:
			probs = append(probs, Problem{File: sh.Name, Where: "row 1", Msg: "neither events (no date, start_date or year column) nor sites (no name, lat and lon columns)"})
		}
	}
	if evs != nil && !evs.has("title") && evs.title == nil {
		probs = append(probs, Problem{File: evs.name, Where: "row 1", Msg: "a sheet of events needs a headline or title column (or -columns title=COLUMN)"})
	}
	if evs == nil && len(probs) == 0 {
		probs = append(probs, Problem{Msg: "no sheet of events (a sheet with a date, start_date or year column)"})
	}
	if len(probs) > 0 {
		return nil, &Error{probs}
	}
	c := &csvConv{doc: &Doc{}, taken: ids{}, byRef: map[string]int{}, byName: map[string]int{}, byBand: map[string][]int{}}
	for _, s := range []*sheet{evs, sts} {
		if s != nil {
			c.probs = append(c.probs, s.notes...)
		}
	}
	if sts != nil {
		c.sites(sts)
	}
	c.events(evs)
	if len(c.probs) > 0 {
		return c.doc, &Error{c.probs}
	}
	return c.doc, nil
}

type csvConv struct {
	doc   *Doc
	probs []Problem
	taken ids            // feature ids in use
	byRef map[string]int // site id, and name in lower case → index in doc.Features
	// byName is the first site of each name (in lower case); byBand lists
	// the sites of a name by band of latitude (nameBand), to find the
	// nearest without comparing a row with every site of its name.
	byName map[string]int
	byBand map[string][]int
	// sitesAt finds the site made from a place column with coordinates.
	sitesAt map[string]int
}

func (c *csvConv) prob(s *sheet, i int, field, msg string, warning bool) {
	where := fmt.Sprintf("row %d", s.lines[i])
	if id := s.get(i, "id"); id != "" {
		where += fmt.Sprintf(" (%q)", id)
	}
	if field != "" {
		field = s.column(field)
	}
	c.probs = append(c.probs, Problem{File: s.name, Where: where, Field: field, Msg: msg, Warning: warning})
}

// point reads the row's lat and lon; ok is false when the row has neither.
func (c *csvConv) point(s *sheet, i int) (p *[2]float64, bad bool) {
	la, lo := s.get(i, "lat"), s.get(i, "lon")
	if la == "" && lo == "" {
		return nil, false
	}
	if la == "" || lo == "" {
		field := "lat"
		if la != "" {
			field = "lon"
		}
		if !s.has(field) {
			c.prob(s, i, "", "a latitude needs a longitude column, and a longitude a latitude column", false)
		} else {
			c.prob(s, i, field, "is empty, but the row has the other coordinate", false)
		}
		return nil, true
	}
	lat, err := coordinate(la, "latitude", 90)
	if err != nil {
		c.prob(s, i, "lat", err.Error(), false)
		bad = true
	}
	lon, err := coordinate(lo, "longitude", 180)
	if err != nil {
		c.prob(s, i, "lon", err.Error(), false)
		bad = true
	}
	if bad {
		return nil, true
	}
	return &[2]float64{lon, lat}, false
}

// extras copies the row's columns of no field into props, under their
// names normalized (s.keys).
func extras(s *sheet, i int, props map[string]any) {
	if s.keys == nil {
		s.keys = make([]string, len(s.header))
		for c, h := range s.header {
			s.keys[c] = normalize(h)
		}
	}
	for _, col := range s.extra {
		if col < len(s.rows[i]) {
			if v := strings.TrimSpace(s.rows[i][col]); v != "" {
				if k := s.keys[col]; props[k] == nil {
					props[k] = v
				}
			}
		}
	}
}

func (c *csvConv) sites(s *sheet) {
	for i := range s.rows {
		ok := true
		name := s.get(i, "name")
		if name == "" {
			name = s.get(i, "place")
		}
		if name == "" {
			c.prob(s, i, "", "a site needs a name (column name)", false)
			ok = false
		}
		pt, bad := c.point(s, i)
		if pt == nil && !bad {
			c.prob(s, i, "", "a site needs lat and lon (decimal degrees)", false)
			ok = false
		}
		ok = ok && !bad
		id := s.get(i, "id")
		if id != "" && c.taken.has(id) {
			c.prob(s, i, "id", fmt.Sprintf("%q is the id of an earlier row", id), false)
			ok = false
		}
		props := map[string]any{"name": name}
		for _, f := range []string{"kind", "description"} {
			if v := s.get(i, f); v != "" {
				props[f] = v
			}
		}
		if s.has("approximate") {
			if a, err := boolean(s.get(i, "approximate")); err != nil {
				c.prob(s, i, "approximate", err.Error(), false)
				ok = false
			} else if a {
				props["approximate"] = true
			}
		}
		if !ok {
			continue
		}
		extras(s, i, props)
		if id == "" {
			id = c.taken.unique(orDefault(slug(name), "site"))
		} else {
			c.taken.take(id)
		}
		c.addSite(Feature{ID: id, Point: pt, Properties: props, From: fmt.Sprintf("%s: row %d", s.name, s.lines[i])})
	}
}

func (c *csvConv) addSite(f Feature) int {
	n := len(c.doc.Features)
	c.doc.Features = append(c.doc.Features, f)
	c.byRef[f.ID] = n
	if name, _ := f.Properties["name"].(string); name != "" {
		if _, ok := c.byName[strings.ToLower(name)]; !ok {
			c.byName[strings.ToLower(name)] = n
		}
		if f.Point != nil {
			k := nameBand(name, f.Point[1], 0)
			c.byBand[k] = append(c.byBand[k], n)
		}
	}
	if name, _ := f.Properties["name"].(string); name != "" {
		if _, dup := c.byRef[strings.ToLower(name)]; !dup {
			c.byRef[strings.ToLower(name)] = n
		}
	}
	return n
}

// site finds a site by id, or by name in any case.
func (c *csvConv) site(ref string) (string, bool) {
	j, ok := c.byRef[ref]
	if !ok {
		j, ok = c.byRef[strings.ToLower(ref)]
	}
	if !ok {
		return "", false
	}
	return c.doc.Features[j].ID, true
}

// splitRefs splits a cell of several site references: "baghdad; erbil".
func splitRefs(s string) []string {
	var out []string
	for _, r := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' }) {
		if r = strings.TrimSpace(r); r != "" {
			out = append(out, r)
		}
	}
	return out
}

// when reads the row's date: the date column, or TimelineJS's year, month,
// day and time columns.
func (c *csvConv) when(s *sheet, i int, start bool) (string, bool) {
	field, y, m, d, h := "time", "year", "month", "day", "hour"
	if !start {
		field, y, m, d, h = "end", "end_year", "end_month", "end_day", "end_hour"
	}
	v := s.get(i, field)
	vf := field
	if v == "" && s.get(i, y) != "" {
		v, vf = s.get(i, y), y
		if mo := s.get(i, m); mo != "" {
			v += "-" + pad2(mo)
			if dd := s.get(i, d); dd != "" {
				v += "-" + pad2(dd)
				if hh := s.get(i, h); hh != "" {
					if k := strings.IndexByte(hh, ':'); k == 1 {
						hh = "0" + hh
					}
					v += "T" + hh
					if strings.Count(hh, ":") == 1 {
						v += ":00"
					}
					v += "Z"
				}
			}
		}
	}
	if v == "" {
		if start {
			if s.has("time") {
				c.prob(s, i, "time", "is empty: every event needs a date", false)
			} else {
				c.prob(s, i, "year", "is empty: every event needs a date", false)
			}
			return "", false
		}
		return "", true
	}
	out, warn, err := span(v, true)
	if err != nil {
		c.prob(s, i, vf, err.Error(), false)
		return "", false
	}
	if warn != "" {
		c.prob(s, i, vf, warn, true)
	}
	return out, true
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

func (c *csvConv) events(s *sheet) {
	c.sitesAt = map[string]int{}
	type row struct {
		i int
		f Feature
	}
	rows := make([]row, 0, len(s.rows))
	for i := range s.rows {
		// TimelineJS's template: the title slide and eras.
		switch strings.ToLower(s.get(i, "type")) {
		case "title":
			c.doc.Title, _ = plain(s.get(i, "title"))
			c.doc.Description, _ = plain(s.get(i, "description"))
			continue
		case "era":
			c.prob(s, i, "type", "an era is dropped: the story format has none", true)
			continue
		}
		ok := true
		props := map[string]any{}
		if t, good := c.when(s, i, true); good {
			props["time"] = t
		} else {
			ok = false
		}
		if e, good := c.when(s, i, false); !good {
			ok = false
		} else if e != "" {
			if strings.Contains(e, "/") {
				c.prob(s, i, "end", "must be one date, not an interval", false)
				ok = false
			} else {
				props["end"] = e
			}
		}
		title, marked := plain(s.get(i, "title"))
		if s.title != nil && !s.has("title") {
			title, marked = plain(s.title(i))
		}
		if marked {
			c.prob(s, i, "title", "HTML markup removed: the story format holds plain text", true)
		}
		if title == "" {
			if !s.has("title") {
				c.prob(s, i, "", "no title: the columns a title is built from are empty", false)
			} else {
				c.prob(s, i, "title", "is empty: every event needs a headline", false)
			}
			ok = false
		}
		props["title"] = title
		if v, marked := plain(s.get(i, "description")); v != "" {
			props["description"] = v
			if marked {
				c.prob(s, i, "description", "HTML markup removed: the story format holds plain text", true)
			}
		}
		if v := s.get(i, "source"); v != "" {
			props["source"] = v
		}
		if s.has("approximate") {
			if a, err := boolean(s.get(i, "approximate")); err != nil {
				c.prob(s, i, "approximate", err.Error(), false)
				ok = false
			} else if a {
				props["approximate"] = true
			}
		}
		id := s.get(i, "id")
		if id != "" && c.taken.has(id) {
			c.prob(s, i, "id", fmt.Sprintf("%q is the id of an earlier row or site", id), false)
			ok = false
		}
		// Where: site references, a place (a site's id or name, or words),
		// coordinates (with a place: a site of that name; without: the
		// event's own point).
		var sites []string
		for _, ref := range splitRefs(s.get(i, "sites")) {
			if sid, found := c.site(ref); found {
				sites = append(sites, sid)
			} else {
				c.prob(s, i, "sites", fmt.Sprintf("no site has the id or name %q", ref), false)
				ok = false
			}
		}
		pt, bad := c.point(s, i)
		ok = ok && !bad
		place := s.get(i, "place")
		var geom *[2]float64
		switch {
		case place != "" && pt != nil && ok:
			sites = append(sites, c.siteAt(s, i, place, pt))
		case place != "" && pt == nil:
			refs := splitRefs(place)
			var found []string
			for _, r := range refs {
				if sid, f := c.site(r); f {
					found = append(found, sid)
				}
			}
			if len(found) == len(refs) {
				sites = append(sites, found...)
			} else {
				props["place"] = place
			}
		case pt != nil:
			geom = pt
		}
		if len(sites) > 0 {
			props["sites"] = slices.Compact(sites)
		}
		if !ok {
			continue
		}
		extras(s, i, props)
		if id != "" {
			c.taken.take(id)
		}
		rows = append(rows, row{i, Feature{ID: id, Point: geom, Properties: props, From: fmt.Sprintf("%s: row %d", s.name, s.lines[i])}})
	}
	c.doc.Features = slices.Grow(c.doc.Features, len(rows))
	for _, r := range rows {
		c.doc.Features = append(c.doc.Features, r.f)
	}
}

// SameSite is how far apart, in metres, two places of one name may be and
// still be one site. Farther apart they are two sites, with a warning.
const SameSite = 1000

// siteAt is the site of a place with coordinates in the events sheet: the
// nearest site with that id or name (of the sites sheet, or made for an
// earlier row) when it is within SameSite metres, or else one made for it. A
// name already used farther away makes a site of its own (an id with a
// number: gaza-2), with a warning naming the row of the nearest site of
// that name within a band of latitude about 3 km wide, or else of the first.
func (c *csvConv) siteAt(s *sheet, i int, place string, pt *[2]float64) string {
	key := strings.ToLower(place) + "\x00" + strconv.FormatFloat(pt[0], 'g', -1, 64) + "," + strconv.FormatFloat(pt[1], 'g', -1, 64)
	if j, ok := c.sitesAt[key]; ok {
		return c.doc.Features[j].ID
	}
	near, dist := -1, 0.0
	var cands []int
	for d := -1; d <= 1; d++ {
		cands = append(cands, c.byBand[nameBand(place, pt[1], d)]...)
	}
	if j, ok := c.byRef[place]; ok {
		cands = append(cands, j)
	}
	for _, j := range cands {
		if q := c.doc.Features[j].Point; q != nil {
			if d := distance(*q, *pt); near < 0 || d < dist {
				near, dist = j, d
			}
		}
	}
	if near >= 0 && dist <= SameSite {
		c.sitesAt[key] = near
		return c.doc.Features[near].ID
	}
	if near < 0 { // none near: the first of the name, to name in the warning
		if j, ok := c.byName[strings.ToLower(place)]; ok && c.doc.Features[j].Point != nil {
			near, dist = j, distance(*c.doc.Features[j].Point, *pt)
		} else if j, ok := c.byRef[place]; ok && c.doc.Features[j].Point != nil {
			near, dist = j, distance(*c.doc.Features[j].Point, *pt)
		}
	}
	props := map[string]any{"name": place}
	if k := s.get(i, "kind"); k != "" {
		props["kind"] = k
	}
	id := c.taken.unique(orDefault(slug(place), "site"))
	if near >= 0 {
		other := c.doc.Features[near].From
		if rest, ok := strings.CutPrefix(other, s.name+": "); ok {
			other = rest
		}
		c.prob(s, i, "place", fmt.Sprintf("%s is %s km from the place of that name in %s: a site of its own, %s (one name is one site only within 1 km)",
			quote(place), thousands(int(math.Round(dist/1000))), other, id), true)
	}
	j := c.addSite(Feature{ID: id, Point: pt, Properties: props, From: fmt.Sprintf("%s: row %d", s.name, s.lines[i])})
	c.sitesAt[key] = j
	return id
}

// nameBand is the key of byBand: a name in lower case and the band of
// latitude (bands of 0.01°, 1.1 km, wider than SameSite) lat is in, moved by
// d bands. Two places within SameSite of each other are in the same band or
// in bands next to each other.
func nameBand(name string, lat float64, d int) string {
	return strings.ToLower(name) + "\x00" + strconv.Itoa(int(math.Floor(lat*100))+d)
}

// distance is the great-circle distance in metres between two points
// [longitude, latitude] in degrees.
func distance(a, b [2]float64) float64 {
	const r = 6371008.8 // the Earth's mean radius (IUGG), metres
	rad := math.Pi / 180
	dlat, dlon := (b[1]-a[1])*rad, (b[0]-a[0])*rad
	h := math.Pow(math.Sin(dlat/2), 2) + math.Cos(a[1]*rad)*math.Cos(b[1]*rad)*math.Pow(math.Sin(dlon/2), 2)
	return 2 * r * math.Asin(math.Sqrt(min(1, h)))
}

// thousands writes n with commas between thousands: 4,700.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for k := len(s) - 3; k > 0 && s[k-1] != '-'; k -= 3 {
		s = s[:k] + "," + s[k:]
	}
	return s
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
