package mapui

import (
	"fmt"
	"testing"

	"mapline/geo"
)

func TestLabelDivs(t *testing.T) {
	label := func(ref int, text string, x, y float64) geo.Label {
		return geo.Label{Kind: geo.CityLabel, Ref: ref, Text: text, Shown: true, Box: geo.Box{X: x, Y: y}}
	}
	l0 := label(0, "", 0, 0)
	cl := l0.Class()
	for _, tc := range []struct {
		name   string
		frames [][]geo.Label
		want   []DivChange // of the last frame
	}{
		{"a new label makes its div", [][]geo.Label{{label(0, "Basra", 10, 20.004)}},
			[]DivChange{{Div: 0, New: true, Text: "Basra", SetText: true, Class: cl, SetClass: true, Transform: "translate(10.00px,20.00px)"}}},
		{"nothing changed, nothing to do", [][]geo.Label{{label(0, "Basra", 10, 20)}, {label(0, "Basra", 10, 20.001)}},
			nil},
		{"a move changes only the transform", [][]geo.Label{{label(0, "Basra", 10, 20)}, {label(0, "Basra", 12.5, 20)}},
			[]DivChange{{Div: 0, Transform: "translate(12.50px,20.00px)"}}},
		{"a label not shown is hidden and loses its status", [][]geo.Label{{label(0, "Basra", 10, 20), label(1, "Mosul", 50, 60)}, {label(1, "Mosul", 50, 60)}},
			[]DivChange{{Div: 0, Hide: true, Class: "label", SetClass: true}}},
		{"a label shown again gets its div back", [][]geo.Label{{label(0, "Basra", 10, 20)}, {}, {label(0, "Basra", 10, 20)}},
			[]DivChange{{Div: 0, Class: cl, SetClass: true, Show: true}}},
		{"a label not placed is not shown", [][]geo.Label{{{Kind: geo.CityLabel, Ref: 0, Text: "Basra"}}},
			nil},
		{"a new text", [][]geo.Label{{label(0, "Basra", 10, 20)}, {label(0, "البصرة", 10, 20)}},
			[]DivChange{{Div: 0, Text: "البصرة", SetText: true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewLabelDivs()
			var got []DivChange
			for _, f := range tc.frames {
				got = d.Layout(f)
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("changes\n%+v\nwant\n%+v", got, tc.want)
			}
		})
	}
}
