package main

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"

	"mapline/geo"
)

func TestLoad(t *testing.T) {
	bm := &geo.Basemap{}
	story := func(t *testing.T) *geo.Story {
		s := wordsStory(t)
		s.Events[0].ID, s.Events[1].ID, s.Events[2].ID = "talks", "sanctions", "storm"
		return s
	}
	okBasemap := func() (*geo.Basemap, error) { return bm, nil }
	noBasemap := func() (*geo.Basemap, error) { return nil, errors.New("the basemap could not be loaded") }
	for _, tc := range []struct {
		name    string
		pr      params
		probs   []string
		basemap func() (*geo.Basemap, error)
		story   func(t *testing.T) (*geo.Story, error)
		// what comes out
		hasStory, hasBasemap bool
		initial              int
		errs                 []string // in this order; none for nil
	}{
		{name: "no data", basemap: okBasemap, hasBasemap: true, initial: -1},
		{name: "no data, URL problems and no basemap", probs: []string{"zoom=x is not a number"}, basemap: noBasemap,
			initial: -1, errs: []string{"zoom=x is not a number", "the basemap could not be loaded"}},
		{name: "a story", pr: params{data: "s.json"}, basemap: okBasemap,
			story:    func(t *testing.T) (*geo.Story, error) { return story(t), nil },
			hasStory: true, hasBasemap: true, initial: 0},
		{name: "the link's event", pr: params{data: "s.json", event: "storm"}, basemap: okBasemap,
			story:    func(t *testing.T) (*geo.Story, error) { return story(t), nil },
			hasStory: true, hasBasemap: true, initial: 2},
		{name: "the link's event is not in the story", pr: params{data: "s.json", event: "flood"}, basemap: okBasemap,
			story:    func(t *testing.T) (*geo.Story, error) { return story(t), nil },
			hasStory: true, hasBasemap: true, initial: 0, errs: []string{`"flood"`, "(from the link)"}},
		{name: "the story fails after the basemap", pr: params{data: "s.json"}, probs: []string{"mode=x"}, basemap: noBasemap,
			story:   func(t *testing.T) (*geo.Story, error) { return nil, errors.New("HTTP 404") },
			initial: -1, errs: []string{"mode=x", "the basemap could not be loaded", "HTTP 404"}},
		{name: "a story without events", pr: params{data: "s.json"}, basemap: okBasemap,
			story:    func(t *testing.T) (*geo.Story, error) { return &geo.Story{Title: "Empty"}, nil },
			hasStory: true, hasBasemap: true, initial: -1, errs: []string{"the story has no events"}},
		{name: "a story with problems keeps them first", pr: params{data: "s.json", event: "storm"}, basemap: okBasemap,
			story:    func(t *testing.T) (*geo.Story, error) { return story(t), errors.New("feature 3: no time") },
			hasStory: true, hasBasemap: true, initial: 2, errs: []string{"feature 3: no time"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked := ""
			f := fetchers{basemap: tc.basemap, story: func(u string) (*geo.Story, error) {
				asked = u
				if tc.story == nil {
					t.Fatalf("the story was fetched from %q without data=", u)
				}
				return tc.story(t)
			}}
			got := load(tc.pr, tc.probs, f)
			if asked != tc.pr.data {
				t.Errorf("story fetched from %q, want %q", asked, tc.pr.data)
			}
			if (got.story != nil) != tc.hasStory || (got.basemap != nil) != tc.hasBasemap {
				t.Errorf("story %v, basemap %v; want %v, %v", got.story != nil, got.basemap != nil, tc.hasStory, tc.hasBasemap)
			}
			if got.initial != tc.initial {
				t.Errorf("initial = %d, want %d", got.initial, tc.initial)
			}
			if len(tc.errs) == 0 {
				if got.err != nil {
					t.Errorf("err = %v, want none", got.err)
				}
				return
			}
			if got.err == nil {
				t.Fatalf("err = nil, want %q", tc.errs)
			}
			msg, at := got.err.Error(), 0
			for _, w := range tc.errs {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("err = %q, want %q in this order: %q", msg, tc.errs, w)
				}
				at += i + len(w)
			}
		})
	}
}

func TestStoryTooLarge(t *testing.T) {
	max := geo.MaxStoryBytes
	for _, tc := range []struct {
		name, header string
		n            int64
		refused      bool
	}{
		{"not sent", "<null>", -1, false},
		{"small", "1234", 1234, false},
		{"at the limit", strconv.Itoa(max), int64(max), false},
		{"over the limit", strconv.Itoa(max + 1), int64(max + 1), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := storyTooLarge("https://x/s.json", tc.header)
			if n != tc.n || (err != nil) != tc.refused {
				t.Fatalf("storyTooLarge(%q) = %d, %v; want %d, refused %v", tc.header, n, err, tc.n, tc.refused)
			}
			if err != nil && !strings.Contains(err.Error(), "https://x/s.json") {
				t.Errorf("the error %q does not name the story", err)
			}
		})
	}
}

// TestLoadStoryBesideBasemap: the story is fetched and parsed while the
// basemap loads, not after it. The basemap here waits for the story's fetch
// to start: loaded one after the other, the two would wait for each other
// forever, which synctest reports as a deadlock.
func TestLoadStoryBesideBasemap(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		storyStarted := make(chan struct{})
		bm := &geo.Basemap{}
		f := fetchers{
			basemap: func() (*geo.Basemap, error) {
				<-storyStarted
				return bm, nil
			},
			story: func(string) (*geo.Story, error) {
				close(storyStarted)
				return wordsStory(t), nil
			},
		}
		got := load(params{data: "s.json"}, nil, f)
		if got.basemap != bm || got.story == nil || got.err != nil {
			t.Fatalf("load = basemap %v, story %v, err %v; want both, no error", got.basemap != nil, got.story != nil, got.err)
		}
	})
}
