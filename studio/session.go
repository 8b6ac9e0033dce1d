package studio

import (
	"bytes"
	"encoding/json"
	"fmt"

	"mapline/geo"
	"mapline/geo/raster"
	"mapline/geo/svg"
)

// Session is what the studio's worker holds between the page's requests:
// the work and the basemap. Each method answers with a Reply, which the
// bridge (studio/wasm) hands to the page as JSON; an error is a Reply with
// Error set, never a panic.
type Session struct {
	w  *Work
	bm *geo.Basemap
}

// Reply is an answer to the page.
type Reply struct {
	Error string `json:"error,omitempty"`
	// Opening: the rows, the fields each column edits, and which.
	Name     string   `json:"name,omitempty"`
	Sheet    bool     `json:"sheet,omitempty"`
	Fields   []string `json:"fields,omitempty"`
	Editable []bool   `json:"editable,omitempty"`
	Rows     []Row    `json:"rows,omitempty"`
	Title    string   `json:"title,omitempty"`
	// Every check.
	Checked  bool      `json:"checked,omitempty"`
	Problems []Problem `json:"problems,omitempty"`
	Bad      bool      `json:"bad,omitempty"`
	Story    string    `json:"story,omitempty"`
	// Export.
	Host   string `json:"host,omitempty"`
	Iframe string `json:"iframe,omitempty"`
	SVG    string `json:"svg,omitempty"`
	PNG    []byte `json:"png,omitempty"` // base64 in JSON
	// Pick on map (Pick): the place clicked.
	Lat string `json:"lat,omitempty"`
	Lon string `json:"lon,omitempty"`
}

// Row is one row of the table: its label ("row 4") and its cells, one per
// field of Fields.
type Row struct {
	Label string   `json:"label"`
	Cells []string `json:"cells"`
}

func fail(err error) Reply { return Reply{Error: err.Error()} }

// Open opens a file and checks it.
func (s *Session) Open(name string, data []byte) Reply {
	w, err := Open(name, data)
	if err != nil {
		return fail(err)
	}
	s.w = w
	r := s.check()
	r.Name, r.Sheet, r.Fields, r.Title = name, w.Sheet(), Fields, w.Title()
	for _, f := range Fields {
		r.Editable = append(r.Editable, !w.Sheet() || w.column(f) >= 0)
	}
	r.Rows = make([]Row, w.Len())
	for i := range r.Rows {
		cells := make([]string, len(Fields))
		for k, f := range Fields {
			cells[k] = w.Get(i, f)
		}
		r.Rows[i] = Row{Label: w.Label(i), Cells: cells}
	}
	return r
}

// Set edits one cell and checks again.
func (s *Session) Set(row int, field, value string) Reply {
	if s.w == nil {
		return Reply{Error: "studio: open a file first"}
	}
	if err := s.w.Set(row, field, value); err != nil {
		return fail(err)
	}
	return s.check()
}

// Edit is one cell to set: Session.Edits takes several.
type Edit struct {
	Row   int    `json:"row"`
	Field string `json:"field"`
	Value string `json:"value"`
}

// Edits sets the cells in order and checks once: what the page typed while
// the last check ran. The first edit that fails stops there, with its error.
func (s *Session) Edits(edits []Edit) Reply {
	if s.w == nil {
		return Reply{Error: "studio: open a file first"}
	}
	for _, e := range edits {
		if err := s.w.Set(e.Row, e.Field, e.Value); err != nil {
			return fail(err)
		}
	}
	return s.check()
}

// SetTitle sets the story's title and checks again.
func (s *Session) SetTitle(title string) Reply {
	if s.w == nil {
		return Reply{Error: "studio: open a file first"}
	}
	s.w.SetTitle(title)
	return s.check()
}

func (s *Session) check() Reply {
	res := s.w.Check()
	return Reply{Checked: true, Problems: res.Problems, Bad: res.Bad, Story: string(res.Story)}
}

// Embed writes both forms of the embed code.
func (s *Session) Embed(o Options) Reply {
	host, err := HostCode(o)
	if err != nil {
		return fail(err)
	}
	frame, _ := IframeCode(o) // the same options HostCode took
	return Reply{Host: host, Iframe: frame}
}

// SetBasemap decodes the basemap (basemap.bin) the posters are drawn on.
func (s *Session) SetBasemap(data []byte) Reply {
	bm, err := geo.DecodeBasemap(data)
	if err != nil {
		return fail(err)
	}
	s.bm = bm
	return Reply{}
}

// Poster sizes, in CSS px: the README's poster (mapline render's default).
const (
	PosterWidth  = 1200
	PosterHeight = 800
)

// Poster draws the current story as mapline render does: at view ("" to
// fit the story), in mode, as SVG (both themes, or dark alone) or, when png
// is set, as PNG at twice the size in the theme asked for.
func (s *Session) Poster(view, mode string, dark, png bool) Reply {
	if s.w == nil {
		return Reply{Error: "studio: open a file first"}
	}
	res := s.w.Check()
	if res.Story == nil {
		return Reply{Error: "studio: no story to draw: fix the errors first"}
	}
	st, err := geo.Load(bytes.NewReader(res.Story))
	if st == nil {
		return fail(err)
	}
	if s.bm == nil {
		s.bm = &geo.Basemap{}
	}
	m, _ := geo.ParseMode(mode)
	v := geo.View{Center: geo.HomeView.Center, Zoom: geo.HomeView.Zoom, Width: PosterWidth, Height: PosterHeight, Ratio: 1}
	if view != "" {
		pv, err := geo.ParseView(view)
		if err != nil {
			return fail(err)
		}
		v.Center, v.Zoom = pv.Center, pv.Zoom
		v = v.Constrain(geo.Limits(st, v))
	} else {
		v = geo.StartView(st, v)
	}
	cur, _ := st.StartEvent("", nil)
	themes := geo.PosterBoth
	if png {
		themes = geo.PosterLight
		if dark {
			themes = geo.PosterDark
		}
	}
	p := geo.NewPoster(st, s.bm, v, cur, geo.PosterOptions{Mode: m, Themes: themes})
	var b bytes.Buffer
	if !png {
		if err := svg.Write(&b, p); err != nil {
			return fail(err)
		}
		return Reply{SVG: b.String()}
	}
	sc := p.Light
	if sc == nil {
		sc = p.Dark
	}
	if err := raster.WritePNG(&b, sc, 2); err != nil {
		return fail(err)
	}
	return Reply{PNG: b.Bytes()}
}

// JSON is r as the page reads it.
func (r Reply) JSON() []byte {
	b, err := json.Marshal(r)
	if err != nil { // a NaN cannot come from the studio's values; say so if it does
		b, _ = json.Marshal(Reply{Error: fmt.Sprintf("studio: %v", err)})
	}
	return b
}
