package main

import (
	"errors"
	"fmt"
	"strconv"

	"mapline/geo"
)

// loaded is what the map starts with: the story (nil when there is none or
// it could not be loaded), the basemap (nil when it could not be loaded),
// the event to open on (-1: the story's own start) and every problem met on
// the way, joined in the order met.
type loaded struct {
	story   *geo.Story
	basemap *geo.Basemap
	initial int
	err     error
}

// fetchers are how the map gets its basemap and its story (run_js.go
// fetches them in the page).
type fetchers struct {
	basemap func() (*geo.Basemap, error)
	story   func(url string) (*geo.Story, error)
}

// load gets the basemap and, beside it, the story of pr.data (if any), and
// works out the event to open on from the link (pr.event, pr.t). probs are
// the problems of the URL, reported first, then the basemap's, then the
// story's. Nothing stops it: the map shows whatever came, with the errors
// over it. The story does not wait for the basemap (their fetches wait on
// the network, and the story's parse can run while the basemap's range
// requests are out).
func load(pr params, probs []string, f fetchers) loaded {
	var errs []error
	for _, pb := range probs {
		errs = append(errs, errors.New(pb))
	}
	out := loaded{initial: -1}
	type basemap struct {
		bm  *geo.Basemap
		err error
	}
	bmc := make(chan basemap, 1)
	go func() {
		bm, err := f.basemap()
		bmc <- basemap{bm, err}
	}()
	var s *geo.Story
	var serr error
	if pr.data != "" {
		s, serr = f.story(pr.data)
	}
	b := <-bmc
	if b.err != nil {
		errs = append(errs, b.err)
	}
	out.basemap = b.bm
	if pr.data == "" {
		out.err = errors.Join(errs...)
		return out
	}
	if serr != nil {
		errs = append(errs, serr)
	}
	if s != nil && len(s.Events) == 0 {
		// Nothing to show on the timeline: say so rather than show an
		// empty map as if it were ready.
		errs = append(errs, errors.New("the story has no events: an event is a feature with properties.time and properties.title (docs/story-format.md)"))
	}
	if s != nil {
		var err error
		if out.initial, err = s.StartEvent(pr.event, pr.t); err != nil {
			errs = append(errs, fmt.Errorf("%w (from the link)", err))
		}
	}
	out.story, out.err = s, errors.Join(errs...)
	return out
}

// storyTooLarge refuses a story from u before it is read, when the server
// says its size (contentLength, the Content-Length header, "" when not
// sent) and that is over geo.MaxStoryBytes. It returns the size read (-1
// when unknown), a hint for reading the body (readStoryText).
func storyTooLarge(u, contentLength string) (int64, error) {
	n, err := strconv.ParseInt(contentLength, 10, 64)
	if err != nil {
		return -1, nil
	}
	if n > geo.MaxStoryBytes {
		return n, fmt.Errorf("the story at %s is %.1f MB, larger than the %d MB a story may be", u, float64(n)/(1<<20), geo.MaxStoryBytes>>20)
	}
	return n, nil
}
