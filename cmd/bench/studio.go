package main

// The studio (studio.html): from a sheet of 10,000 events given to its file
// input to the problems listed and the preview drawn.

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/chromedp/chromedp"

	"mapline/geo"
	"mapline/geo/synth"
)

// studioEvents is the size of the sheet: the 10k story's, as CSV.
const studioEvents = 10000

// studioRun is one run: ms from the file given to the problems listed
// (data-studio=ready) and to the preview's embed ready (data-preview=ready).
type studioRun struct {
	Listed float64 `json:"listed"`
	Drawn  float64 `json:"drawn"`
}

type studioResult struct {
	Rows   int         `json:"rows"`
	Bytes  int         `json:"bytes"`
	Runs   []studioRun `json:"runs"`
	Listed stat        `json:"listedMs"`
	Drawn  stat        `json:"drawnMs"`
}

// studioSheet writes the 10k story (geo/synth, seed 1, as the 10k story of
// the embed's figures) as a sheet in mapline's own layout: one row an event
// at its first site.
func studioSheet() ([]byte, int, error) {
	s, err := geo.Load(bytes.NewReader(synth.Story(1, 2000, studioEvents)))
	if err != nil {
		return nil, 0, err
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"date", "headline", "source", "place", "lat", "lon"})
	for _, e := range s.Events {
		row := []string{e.Time.Start.ISO(), e.Title, e.Source, "", "", ""}
		if len(e.Sites) > 0 {
			st := s.Sites[e.Sites[0]]
			row[3] = st.Name
			row[4] = strconv.FormatFloat(st.LonLat[1], 'f', -1, 64)
			row[5] = strconv.FormatFloat(st.LonLat[0], 'f', -1, 64)
		}
		w.Write(row)
	}
	w.Flush()
	return b.Bytes(), len(s.Events), w.Error()
}

// studioWatchJS notes when the file is given and when the page says the
// problems are listed and the preview drawn.
const studioWatchJS = `(() => {
  const w = window.__studio = {};
  document.getElementById("file").addEventListener("change", () => { w.t0 = performance.now(); }, true);
  new MutationObserver(() => {
    const r = document.documentElement;
    if (w.t0 && !w.listed && r.dataset.studio === "ready") w.listed = performance.now() - w.t0;
    if (w.listed && !w.drawn && r.dataset.preview === "ready") w.drawn = performance.now() - w.t0;
  }).observe(document.documentElement, {attributes: true});
  return true;
})()`

// measureStudio gives the studio the 10k sheet cfg.runs times, each in a
// fresh tab with nothing kept from the last.
func (b *browser) measureStudio(rep *report, cfg config, base string) error {
	sheet, rows, err := studioSheet()
	if err != nil {
		return fmt.Errorf("studio: %v", err)
	}
	dir, err := os.MkdirTemp("", "mapline-bench-studio-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "events-10k.csv")
	if err := os.WriteFile(file, sheet, 0o644); err != nil {
		return err
	}
	res := &studioResult{Rows: rows, Bytes: len(sheet)}
	for i := range cfg.runs {
		r, err := b.studioOnce(cfg.viewport, base, file)
		if err != nil {
			return fmt.Errorf("studio run %d: %v", i+1, err)
		}
		log.Printf("studio 10k run %d: problems listed %.0f ms, preview drawn %.0f ms", i+1, r.Listed, r.Drawn)
		res.Runs = append(res.Runs, r)
	}
	var listed, drawn []float64
	for _, r := range res.Runs {
		listed, drawn = append(listed, r.Listed), append(drawn, r.Drawn)
	}
	res.Listed, res.Drawn = summarize(listed), summarize(drawn)
	rep.Studio = res
	return nil
}

func (b *browser) studioOnce(vp [2]int64, base, file string) (studioRun, error) {
	ctx, done, err := b.tab(vp, 5*time.Minute)
	if err != nil {
		return studioRun{}, err
	}
	defer done()
	// The studio reopens the work a reader left: forget it first.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/embed.js")); err != nil {
		return studioRun{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`localStorage.clear(), true`)); err != nil {
		return studioRun{}, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/studio.html"), chromedp.WaitReady(chromedp.CSS(`#file`))); err != nil {
		return studioRun{}, err
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](studioWatchJS)); err != nil {
		return studioRun{}, err
	}
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{file})); err != nil {
		return studioRun{}, err
	}
	for {
		r, err := chromedp.Run(ctx, chromedp.Evaluate[studioRun](`({listed: window.__studio.listed || 0, drawn: window.__studio.drawn || 0})`))
		if err != nil {
			return studioRun{}, err
		}
		if r.Drawn > 0 {
			return r, nil
		}
		select {
		case <-ctx.Done():
			return studioRun{}, context.Cause(ctx)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// studioTable writes the studio's figures, when there are any.
func (rep *report) studioTable(w io.Writer) {
	s := rep.Studio
	if s == nil {
		return
	}
	fmt.Fprintf(w, "\n### Studio (ms from the file given to studio.html; median (min–max) of %d runs)\n\n", len(s.Runs))
	fmt.Fprintln(w, "| sheet | problems listed | preview drawn |")
	fmt.Fprintln(w, "|---|---|---|")
	fmt.Fprintf(w, "| the 10k story as CSV (%d rows, %.1f MB) | %s | %s |\n", s.Rows, float64(s.Bytes)/1e6, ms(s.Listed), ms(s.Drawn))
}
