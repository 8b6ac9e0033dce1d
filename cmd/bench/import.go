package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"mapline/geo/synth"
)

// The importer's and the poster's measures, on the host (no browser):
// mapline import of a sheet of 100,000 rows in ACLED's layout (geo/synth,
// seed 1, 5,000 places), which converts the sheet and loads and checks the
// story as the widget would, and mapline render's PNG poster of the 10k
// story at its last event (its 2,000 sites on the map) at scale 1 and 2.
// Each is the command itself, run as a subprocess: its wall time and its
// peak memory (the maximum resident set size the kernel reports in its
// rusage), median of the runs.

// Import sizes and goals (issue 16).
const (
	importRows    = 100000
	importPlaces  = 5000
	importSeconds = 3.0
	importMB      = 300.0
)

// procRun is one run of a command.
type procRun struct {
	Seconds float64 `json:"seconds"`
	CPU     float64 `json:"cpuSeconds"` // user and system: what other work on the machine does not inflate
	MaxRSS  float64 `json:"maxRSSMB"`   // peak resident memory, MB
}

// importResult is the importer's and the poster's figures.
type importResult struct {
	Rows       int                  `json:"rows"`
	SheetBytes int                  `json:"sheetBytes"`
	StoryBytes int                  `json:"storyBytes"`
	Import     []procRun            `json:"import"`
	PNG        map[string][]procRun `json:"png"` // by scale: "1", "2"
	PNGSites   int                  `json:"pngSites"`
}

// measureImport builds cmd/mapline into a temporary directory (make bench
// runs from the repository's root) and runs each command runs times.
func measureImport(runs int) (*importResult, error) {
	dir, err := os.MkdirTemp("", "mapline-bench-import")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	exe := filepath.Join(dir, "mapline")
	if out, err := exec.Command("go", "build", "-o", exe, "./cmd/mapline").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build ./cmd/mapline: %v\n%s", err, out)
	}
	sheet := synth.ACLED(1, importPlaces, importRows)
	story := synth.Story(1, 2000, 10000)
	csv, storyFile := filepath.Join(dir, "acled.csv"), filepath.Join(dir, "10k.geojson")
	if err := os.WriteFile(csv, sheet, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(storyFile, story, 0o644); err != nil {
		return nil, err
	}
	res := &importResult{Rows: importRows, SheetBytes: len(sheet), PNG: map[string][]procRun{}, PNGSites: 2000}
	out := filepath.Join(dir, "acled.geojson")
	for range runs {
		r, err := runCommand(exe, "import", "-o", out, csv)
		if err != nil {
			return nil, err
		}
		res.Import = append(res.Import, r)
	}
	if fi, err := os.Stat(out); err == nil {
		res.StoryBytes = int(fi.Size())
	}
	for _, k := range []string{"1", "2"} {
		for range runs {
			r, err := runCommand(exe, "render", "-story", storyFile, "-event", "e9999", "-scale", k, "-o", filepath.Join(dir, "poster.png"))
			if err != nil {
				return nil, err
			}
			res.PNG[k] = append(res.PNG[k], r)
		}
	}
	return res, nil
}

// runCommand runs a command to its end and measures it; its standard error (the
// importer's warnings) is kept for the message of a failure only.
func runCommand(exe string, args ...string) (procRun, error) {
	cmd := exec.Command(exe, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start).Seconds()
	if err != nil {
		tail := stderr.Bytes()
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return procRun{}, fmt.Errorf("mapline %v: %v\n%s", args, err, tail)
	}
	r := procRun{Seconds: took}
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		// Linux gives kilobytes; macOS bytes.
		rss := float64(u.Maxrss) * 1024
		if runtime.GOOS == "darwin" {
			rss = float64(u.Maxrss)
		}
		r.MaxRSS = rss / 1e6
		r.CPU = time.Duration(u.Utime.Nano() + u.Stime.Nano()).Seconds()
	}
	return r, nil
}

func seconds(rs []procRun) stat {
	var xs []float64
	for _, r := range rs {
		xs = append(xs, r.Seconds)
	}
	return summarize(xs)
}

func cpu(rs []procRun) stat {
	var xs []float64
	for _, r := range rs {
		xs = append(xs, r.CPU)
	}
	return summarize(xs)
}

func rss(rs []procRun) stat {
	var xs []float64
	for _, r := range rs {
		xs = append(xs, r.MaxRSS)
	}
	return summarize(xs)
}

// table writes the figures as a Markdown section.
func (r *importResult) table(w io.Writer) {
	if r == nil {
		return
	}
	fmt.Fprintf(w, "\n### Import and poster (the commands as subprocesses on the host; median (min–max) of %d runs)\n\n", len(r.Import))
	fmt.Fprintf(w, "`mapline import` of a sheet of %s rows in ACLED's layout (geo/synth seed 1, %s places, %.1f MB; the story it writes %.1f MB) converts, loads and checks; `mapline render` draws the 10k story at its last event (%s sites) as a 800×450 PNG. The seconds are wall time, which other work on the machine inflates; the CPU seconds are the command's own (the Go runtime works on both cores).\n\n",
		thousandsOf(r.Rows), thousandsOf(importPlaces), float64(r.SheetBytes)/1e6, float64(r.StoryBytes)/1e6, thousandsOf(r.PNGSites))
	fmt.Fprintln(w, "| command | seconds | CPU seconds (user + system) | peak memory (max RSS, MB) |")
	fmt.Fprintln(w, "|---|---|---|---|")
	row := func(name string, rs []procRun) {
		s, c, m := seconds(rs), cpu(rs), rss(rs)
		fmt.Fprintf(w, "| %s | %.2f (%.2f–%.2f) | %.2f (%.2f–%.2f) | %.0f (%.0f–%.0f) |\n", name, s.Median, s.Min, s.Max, c.Median, c.Min, c.Max, m.Median, m.Min, m.Max)
	}
	row("import, "+thousandsOf(r.Rows)+" rows", r.Import)
	for _, k := range []string{"1", "2"} {
		row("render PNG, 10k story, scale "+k, r.PNG[k])
	}
}

// targets are the importer's goals.
func (r *importResult) targets() []target {
	if r == nil || len(r.Import) == 0 {
		return nil
	}
	s, m := seconds(r.Import), rss(r.Import)
	return []target{{
		Goal:    fmt.Sprintf("import and check a sheet of %s rows in at most %g s and %g MB", thousandsOf(r.Rows), importSeconds, importMB),
		Measure: fmt.Sprintf("%.2f s (CPU %.2f s), %.0f MB (median)", s.Median, cpu(r.Import).Median, m.Median),
		Met:     s.Median <= importSeconds && m.Median <= importMB,
	}}
}

func thousandsOf(n int) string {
	s := strconv.Itoa(n)
	for k := len(s) - 3; k > 0; k -= 3 {
		s = s[:k] + "," + s[k:]
	}
	return s
}
