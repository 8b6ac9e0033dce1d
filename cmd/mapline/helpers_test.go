package main

import (
	"flag"
	"os"
	"testing"

	"mapline/geo"
)

var update = flag.Bool("update", false, "rewrite golden files and measurements")

// demoStory is the story of the demo.
const demoStory = "../../site/data/story.geojson"

func loadStory(t *testing.T, path string) *geo.Story {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := geo.Load(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}
