package main

// The report's comparisons: mapline beside its peers on each story, and
// mapline's ready time beside the first frame of a bare Ebitengine game.

import (
	"fmt"
	"io"
	"strings"
)

// pages are the pages of the report's figures, mapline first, then the
// peers in allPeers' order.
func (rep *report) pages() []string {
	seen := map[string]bool{}
	for _, f := range rep.Frames {
		seen[pageName(f.Page)] = true
	}
	out := []string{mapline.Name}
	for _, p := range allPeers {
		if seen[p.Name] {
			out = append(out, p.Name)
		}
	}
	return out
}

// A comparison is one row of the side-by-side table: a figure of a story,
// read from its load or its frames.
type comparison struct {
	label string
	value func(rep *report, page, story string) (stat, bool)
	form  func(stat) string
}

func frameFigure(key string) func(rep *report, page, story string) (stat, bool) {
	return func(rep *report, page, story string) (stat, bool) {
		f := rep.frame(page, story)
		if f == nil {
			return stat{}, false
		}
		s, ok := f.Summary[key]
		return s, ok
	}
}

func pctOf(s stat) string {
	return fmt.Sprintf("%.2f%% (%.2f–%.2f)", s.Median*100, s.Min*100, s.Max*100)
}

var comparisons = []comparison{
	{"ready, ms", func(rep *report, page, story string) (stat, bool) {
		l := rep.load(page, story, "local")
		if l == nil {
			return stat{}, false
		}
		return l.Summary["ready"], true
	}, ms},
	{"pan: p95 of frame intervals, ms", frameFigure("pan.interval.p95"), ms1},
	{"pan: main thread busy", frameFigure("pan.busy"), func(s stat) string { return fmt.Sprintf("%.0f%% (%.0f–%.0f)", s.Median*100, s.Min*100, s.Max*100) }},
	{"zoom: p95 of frame intervals, ms", frameFigure("zoom.interval.p95"), ms1},
	{"scrub step (input to the frame on screen), p95, ms", frameFigure("scrub.step.p95"), ms},
	{"idle: main thread busy", frameFigure("idle.busy"), pctOf},
}

// sideBySide writes mapline and the peers on each story, and the ratio of
// mapline's figure to each peer's (under 1: mapline does better).
func (rep *report) sideBySide(w io.Writer) {
	pages := rep.pages()
	if len(pages) < 2 {
		return
	}
	var head, sep []string
	for _, p := range pages {
		head = append(head, pageTitle(p))
		sep = append(sep, "---")
	}
	for _, p := range pages[1:] {
		head = append(head, "mapline ÷ "+pageTitle(p))
		sep = append(sep, "---")
	}
	fmt.Fprintf(w, "### mapline beside its peers (median (min–max) of the runs; the ratio of the medians)\n\n")
	fmt.Fprintf(w, "| story: figure | %s |\n|---|%s|\n", strings.Join(head, " | "), strings.Join(sep, "|"))
	for _, st := range rep.Stories {
		for _, c := range comparisons {
			var cells []string
			vals := map[string]stat{}
			for _, p := range pages {
				v, ok := c.value(rep, p, st.Name)
				if !ok {
					cells = append(cells, "—")
					continue
				}
				vals[p] = v
				cell := c.form(v)
				if l := rep.load(p, st.Name, "local"); c.label == comparisons[0].label && l != nil {
					if n := l.Summary["notReady"]; n.Max > 0 {
						cell = fmt.Sprintf("not within %.0f s in %d of %d runs; %s", l.Summary["ready"].Max/1000, notReady(l), len(l.Runs), cell)
					}
				}
				cells = append(cells, cell)
			}
			m, ok := vals[mapline.Name]
			for _, p := range pages[1:] {
				v, ok2 := vals[p]
				if !ok || !ok2 || v.Median == 0 {
					cells = append(cells, "—")
					continue
				}
				cells = append(cells, fmt.Sprintf("%.2f", m.Median/v.Median))
			}
			fmt.Fprintf(w, "| %s: %s | %s |\n", st.Name, c.label, strings.Join(cells, " | "))
		}
	}
	fmt.Fprintln(w)
}

func notReady(l *loadResult) int {
	n := 0
	for _, r := range l.Runs {
		if r.NotReady {
			n++
		}
	}
	return n
}

// start writes mapline's ready time on the demo beside the bare game's
// first frame, on each network.
func (rep *report) start(w io.Writer) {
	var rows []string
	for _, net := range []string{"local", "4G"} {
		m, b := rep.load(mapline.Name, "demo", net), rep.load(bare.Name, "none", net)
		if m == nil || b == nil {
			continue
		}
		r, f := m.Summary["ready"], b.Summary["ready"]
		rows = append(rows, fmt.Sprintf("| %s | %s | %s | %.2f× | %+.0f ms |", net, ms(r), ms(f), r.Median/f.Median, r.Median-f.Median))
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "### Ready against a bare Ebitengine game (ms from navigation start; median (min–max))\n\n")
	fmt.Fprintln(w, "| network | mapline: demo ready | bare game (cmd/size/bare): first frame | ratio | gap |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	fmt.Fprintln(w, strings.Join(rows, "\n"))
	fmt.Fprintln(w)
}
