package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"mapline/geo"
	"mapline/geo/convert"
)

func init() {
	register(command{
		name:    "import",
		summary: "convert a spreadsheet (CSV), a TimelineJS file or Leaflet.TimeDimension GeoJSON into a story",
		run:     runImport,
	})
}

// Input formats (convert.Detect).
const (
	fromStory         = convert.FormatStory
	fromCSV           = convert.FormatCSV
	fromTimelineJS    = convert.FormatTimelineJS
	fromTimeDimension = convert.FormatTimeDimension
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "write the story to this file (default: standard output)")
	from := fs.String("from", "", "the input's format: csv, timelinejs or timedimension (default: from the file)")
	sites := fs.String("sites", "", "a CSV sheet of sites (id, name, lat, lon, …) for a CSV sheet of events")
	var cols columnsFlag
	fs.Var(&cols, "columns", "the columns of a CSV sheet of another layout: date=COLUMN,lat=COLUMN,title=COLUMN,… (fields: "+strings.Join(convert.Fields, ", ")+")")
	title := fs.String("title", "", "the story's title (default: the input's, if it has one)")
	desc := fs.String("description", "", "the story's description (default: the input's, if it has one)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: mapline import [-o story.geojson] [-from FORMAT] [-sites sites.csv] [-columns F=COL,…] [-title T] [-description D] FILE

Converts FILE into a mapline story (docs/story-format.md):
  - a CSV sheet of events (date, headline, text, source, place, lat, lon, …),
    with -sites a CSV sheet of sites (id, name, lat, lon, kind, …); ACLED,
    GDELT (also its raw files without a header line) and USGS earthquake
    layouts are read as they are, and -columns names the columns of any
    other;
  - a TimelineJS JSON file (events with start_date, text.headline, …; or
    TimelineJS 2's {"timeline": {"date": […]}});
  - GeoJSON for Leaflet.TimeDimension (properties.time or times), and the
    USGS earthquake feed's GeoJSON.
The columns and fields are in docs/story-format.md. Every problem is printed,
one a line, with its row and column or item and field; with any error no
story is written and the exit status is 1. Warnings (what was dropped or
guessed, and what the story probably got wrong) do not stop the import.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if *from == "" {
		// A GeoJSON file is converted as Leaflet.TimeDimension's, of
		// which a story is a case: it passes through.
		if data, err := readInput(fs.Arg(0)); err == nil && detect(fs.Arg(0), data) == fromStory && *sites == "" {
			*from = fromTimeDimension
		}
	}
	res, err := convertFile(fs.Arg(0), *from, *sites, cols)
	if err != nil {
		fmt.Fprintf(stderr, "mapline import: %v\n", err)
		return 2
	}
	if res.doc != nil {
		if *title != "" {
			res.doc.Title = *title
		}
		if *desc != "" {
			res.doc.Description = *desc
		}
	}
	data, lines, bad := res.check()
	for _, l := range lines {
		fmt.Fprintln(stderr, l.text)
	}
	if bad {
		fmt.Fprintf(stderr, "mapline import: %s: not converted: fix the errors above\n", fs.Arg(0))
		return 1
	}
	if *out == "" {
		if _, err := stdout.Write(data); err != nil {
			fmt.Fprintf(stderr, "mapline import: %v\n", err)
			return 1
		}
		return 0
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintf(stderr, "mapline import: %v\n", err)
		return 1
	}
	return 0
}

// detect tells the format of a file from its name and its first bytes.
func detect(name string, data []byte) string { return convert.Detect(filepath.Base(name), data) }

// conversion is a file read for validate or import: either a story file as
// it is (story), or a Doc converted from another format with the problems
// the converter found.
type conversion struct {
	name  string
	story []byte // a story file as it is
	doc   *convert.Doc
	probs []convert.Problem
}

// maxInput is how much of a file is read: more than any converter or the
// loader takes, so that they name the limit.
const maxInput = max(geo.MaxStoryBytes, convert.MaxSheetBytes) + 1

func readInput(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxInput))
}

// columnsFlag is -columns: date=Fecha,title=Titular names the columns of
// fields in a CSV sheet of events of another layout.
type columnsFlag map[string]string

func (c *columnsFlag) String() string {
	var kv []string
	for k, v := range *c {
		kv = append(kv, k+"="+v)
	}
	slices.Sort(kv)
	return strings.Join(kv, ",")
}

func (c *columnsFlag) Set(s string) error {
	if *c == nil {
		*c = columnsFlag{}
	}
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if !ok || k == "" || v == "" {
			return fmt.Errorf("%q: write FIELD=COLUMN, separated by commas (date=Fecha,title=Titular)", kv)
		}
		(*c)[k] = v
	}
	return nil
}

// convertFile reads name in the format from ("" to detect it); sites is a
// CSV sheet of sites to go with a CSV sheet of events, cols the columns of
// its fields (-columns). Its error is for files that cannot be read or a
// format that does not exist.
func convertFile(name, from, sites string, cols columnsFlag) (*conversion, error) {
	data, err := readInput(name)
	if err != nil {
		return nil, err
	}
	if from == "" {
		from = detect(name, data)
		if from == fromStory && sites != "" {
			from = fromCSV
		}
	}
	if len(cols) > 0 && from != fromCSV {
		return nil, fmt.Errorf("-columns goes with a CSV sheet, not with %s (%s)", name, from)
	}
	if sites != "" && from != fromCSV {
		return nil, fmt.Errorf("-sites goes with a CSV sheet of events, not with %s (%s)", name, from)
	}
	c := &conversion{name: name}
	var doc *convert.Doc
	switch from {
	case fromStory:
		c.story = data
		return c, nil
	case fromCSV:
		sheets := []convert.Sheet{{Name: filepath.Base(name), Data: data, Columns: cols}}
		if sites != "" {
			sd, err := readInput(sites)
			if err != nil {
				return nil, err
			}
			sheets = append(sheets, convert.Sheet{Name: filepath.Base(sites), Data: sd})
		}
		doc, err = convert.CSV(sheets...)
	case fromTimelineJS:
		doc, err = convert.TimelineJS(filepath.Base(name), data)
	case fromTimeDimension:
		doc, err = convert.TimeDimension(filepath.Base(name), data)
	default:
		return nil, fmt.Errorf("-from %q: the formats are story, csv, timelinejs and timedimension", from)
	}
	c.doc = doc
	var ce *convert.Error
	if errors.As(err, &ce) {
		c.probs = ce.Problems
	} else if err != nil {
		return nil, err
	}
	return c, nil
}

// finding is one problem, written as a line.
type finding struct {
	text    string
	warning bool
}

// check loads the story (converted, if it is) as the widget would, and runs
// geo.Check on it (convert.Check, which the studio runs too). It returns the
// story file, every problem as a line, and whether any problem is an error.
func (c *conversion) check() (data []byte, lines []finding, bad bool) {
	data, found, bad := convert.Check(c.name, c.story, c.doc, c.probs)
	for _, f := range found {
		lines = append(lines, finding{f.Text, f.Warning})
	}
	return data, lines, bad
}
