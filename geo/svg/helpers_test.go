package svg_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"mapline/geo"
	"mapline/geo/synth"
)

var update = flag.Bool("update", false, "rewrite golden files")

// demoPath is the demo story, as the site serves it.
const demoPath = "../../site/data/story.geojson"

func loadDemo(tb testing.TB) *geo.Story {
	tb.Helper()
	data, err := os.ReadFile(demoPath)
	if err != nil {
		tb.Fatal(err)
	}
	s, err := geo.Load(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("loading %s: %v", demoPath, err)
	}
	return s
}

// A benchStory is one of the stories the benchmarks run on, as in geo's: the
// demo and generated stories (synth.Story, seed 1).
type benchStory struct {
	name          string
	sites, events int // generated; 0 for the demo
}

var benchStories = []benchStory{
	{"demo", 0, 0},
	{"1k", 200, 1000},
	{"10k", 2000, 10000},
	{"100k", 5000, 100000},
}

func (bs benchStory) load(tb testing.TB) *geo.Story {
	tb.Helper()
	if bs.events == 0 {
		return loadDemo(tb)
	}
	s, err := geo.Load(bytes.NewReader(synth.Story(1, bs.sites, bs.events)))
	if err != nil {
		tb.Fatalf("%s: %v", bs.name, err)
	}
	return s
}
