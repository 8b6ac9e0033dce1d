package geo

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"mapline/geo/synth"
)

// TestFastStringsAgree: the fast readers of strings and lists of strings
// give what encoding/json gives, or leave the value to it.
func TestFastStringsAgree(t *testing.T) {
	for _, tc := range []struct{ name, raw string }{
		{"plain", `"Baghdad"`},
		{"empty", `""`},
		{"arabic", `"بغداد"`},
		{"escaped-quote", `"say \"hi\""`},
		{"escaped-unicode", `"caf\u00e9"`},
		{"invalid-utf8", "\"a\xffb\""},
		{"number", `42`},
		{"list", `["s1","s2","s3"]`},
		{"list-empty", `[]`},
		{"list-empty-spaces", `[ ]`},
		{"list-spaces", `["s1", "s2"]`},
		{"list-newlines", "[\n\t\"s1\" ,\r\n \"s2\"\n]"},
		{"list-comma-inside", `["a,b","c"]`},
		{"list-bracket-inside", `["a]","c"]`},
		{"list-number", `["s1",2]`},
		{"list-empty-item", `["s1",""]`},
		{"list-escape", `["s\"1"]`},
		{"list-escaped-backslash", `["s\\","t"]`},
		{"list-invalid-utf8", "[\"a\xff\"]"},
		{"pairs", `[["a","b"],["c","d"]]`},
		{"pairs-spaces", `[ [ "a" , "b" ] , ["c","d"] ]`},
		{"pairs-empty", `[]`},
		{"pairs-three", `[["a","b","c"]]`},
		{"pairs-one", `[["a"]]`},
		{"pairs-bracket-inside", `[["a]","b"]]`},
		{"pairs-deeper", `[[["a","b"]]]`},
		{"pairs-null", `[null]`},
		{"pairs-escape", `[["a\"]","b"]]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if s, ok := unquote(tc.raw); ok {
				var want string
				if err := json.Unmarshal([]byte(tc.raw), &want); err != nil || s != want {
					t.Errorf("unquote = %q, json: %q (%v)", s, want, err)
				}
			}
			if at, ok := plainList(tc.raw, nil); ok {
				ss := ids(tc.raw, at)
				var want []string
				if err := json.Unmarshal([]byte(tc.raw), &want); err != nil || len(ss) != len(want) || !slices.Equal(ss, want) {
					t.Errorf("plainList = %q, json: %q (%v)", ss, want, err)
				}
			}
			if at, ok := plainPairs(tc.raw, nil); ok {
				ps := ids(tc.raw, at)
				var want [][]string
				err := json.Unmarshal([]byte(tc.raw), &want)
				same := err == nil && len(ps) == 2*len(want)
				for i := 0; same && i < len(want); i++ {
					same = len(want[i]) == 2 && ps[2*i] == want[i][0] && ps[2*i+1] == want[i][1]
				}
				if !same {
					t.Errorf("plainPairs = %q, json: %q (%v)", ps, want, err)
				}
			}
		})
	}
	if _, ok := unquote(`"a\"b"`); ok {
		t.Error("an escape took the fast way")
	}
	if at, ok := plainList(`["a,b","c"]`, nil); !ok || len(at) != 2 {
		t.Errorf("a comma inside a string: %v, %v", at, ok)
	}
	if _, ok := plainList(`["s1",""]`, nil); ok {
		t.Error("an empty id took the fast way (it is an error, said by the slow one)")
	}
	if _, ok := plainPairs(`[["a","b","c"]]`, nil); ok {
		t.Error("a pair of three took the fast way (it is an error, said by the slow one)")
	}
}

// scanCases are story files for TestScanMatchesDecode and the seeds of
// FuzzScanMatchesDecode; fast says scanStory must read it (not give up).
var scanCases = []struct {
	name string
	fast bool
	src  string
}{
	{"synth-1k", true, string(synth.Story(2, 100, 1000))},
	{"escaped-key", false, `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"n\u0061me":"A"}}]}`},
	{"case-of-member", false, `{"type":"FeatureCollection","features":[{"Type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"name":"A"}}]}`},
	{"dotless-i-of-id", false, `{"type":"FeatureCollection","features":[{"type":"Feature","ıd":"a","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"name":"A"}}]}`},
	{"repeated-properties", false, `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"name":"A"},"properties":{"kind":"city"}}]}`},
	{"type-number", false, `{"type":"FeatureCollection","features":[{"type":7,"id":"a"}]}`},
	{"feature-null", false, `{"type":"FeatureCollection","features":[null]}`},
	{"features-twice", false, `{"type":"FeatureCollection","features":[],"features":null}`},
	{"spaces", true, " {\n \"type\" : \"FeatureCollection\" ,\n \"features\" : [ { \"type\" : \"Feature\" , \"id\" : 3 , \"geometry\" : { \"type\" : \"Point\" , \"coordinates\" : [ 44 , 33 ] } , \"properties\" : { \"name\" : \"A\\\"B\" } } ] }\n"},
	{"empty-features", true, `{"type":"FeatureCollection","features":[]}`},
	{"null-features", true, `{"type":"FeatureCollection","features":null}`},
	{"no-features", true, `{"type":"FeatureCollection"}`},
	{"features-object", false, `{"type":"FeatureCollection","features":{}}`},
	{"null-properties", true, `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":null}]}`},
	{"properties-string", true, `{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":"x"}]}`},
	{"type-not-collection", true, `{"type":"Feature","features":[{"type":"Feature","id":"a","geometry":null,"properties":{"time":"2025","title":"T"}}]}`},
	{"type-escaped", true, `{"type":"Feature\u0043ollection","features":[]}`},
	{"no-type", true, `{"features":[]}`},
	{"not-an-object", false, `[1, 2]`},
	{"trailing-comma", false, `{"type":"FeatureCollection","features":[],}`},
	{"unusual", true, `{"type":"FeatureCollection","title":"T\u00e9","title:ar":"ت","lang":"en","x":[1,{"y":null}],"features":[
		{"type":"Feature","id":"s1","bbox":[1,2,3,4],"geometry":{"type":"Point","coordinates":[44.5,33.25,120],"bbox":[0,0,0,0]},"properties":{"name":" Site \"1\" ","name:ar":"س","name:fa":"","kind":null,"approximate":true,"extra":{"a":[1,2]}}},
		{"type":"Feature","id":"s2","geometry":{"coordinates":[-1e1,0.5e-1],"type":"Point"},"properties":{"name":"S2","name":"Two","description:fr":"deux","description:fr":"Deux"}},
		{"type":"Feature","id":12,"geometry":{"type":"Point","coordinates":[1,2]},"properties":{"name":"N"}},
		{"type":"Feature","id":"e1","geometry":null,"properties":{"time":"2025-06-11T14:00:00Z","end":"2025-06-12","title":"E1","title:ar":"ع","sites":[ "s1" , "s2" ],"links":[ ["s1", "s2"] ],"view":[33,44,6],"approximate":false}},
		{"type":"Feature","id":"e2","geometry":{"type":"Point","coordinates":[40,30]},"properties":{"time":"2024-08~","title":"E2","sites":"s2","place":"sea"}},
		{"type":"Feature","id":"e3","properties":{"time":"2024","title":"E3","sites":[12,"s1"],"links":[["s\u0031","s2"]],"view":"33,44,5"}},
		{"type":"Feature","id":"e4","geometry":null,"properties":{"time":"2023","title":"E4","sites":[],"links":[]}}
	]}`},
	{"problems", true, `{"type":"FeatureCollection","title":5,"features":[
		{"type":"Feature","id":"s1","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"name":"S"}},
		{"type":"Feature","id":"s1","geometry":null,"properties":{"time":"2025","title":"dup"}},
		{"type":"Feature","id":true},
		{"type":"Point","id":"p"},
		{"type":"Feature","id":"g1","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{"name":"L"}},
		{"type":"Feature","id":"g2","geometry":{"type":"Point","coordinates":[1e400,2]},"properties":{"name":"L"}},
		{"type":"Feature","id":"g3","geometry":{"type":"Point","coordinates":["1",2]},"properties":{"name":"L"}},
		{"type":"Feature","id":"g4","geometry":{"type":"Point","coordinates":[1]},"properties":{"name":"L"}},
		{"type":"Feature","id":"g5","geometry":{"type":"Point","Type":"Point","coordinates":[1,2]},"properties":{"name":"L"}},
		{"type":"Feature","id":"g6","geometry":{"type":"Point","coordinates":[1,2],"coordinates":[3,4]},"properties":{"name":"L"}},
		{"type":"Feature","id":"g7","geometry":{"type":"Point","coordinates":[200,2]},"properties":{"name":"L"}},
		{"type":"Feature","id":"g8","geometry":"POINT(1 2)","properties":{"name":"L"}},
		{"type":"Feature","id":"e1","geometry":null,"properties":{"time":"2025-02-30","title":"","end":"x","sites":["s1",""],"links":[["s1","s1"],["a","b","c"]],"approximate":"yes","title:ar":5}},
		{"type":"Feature","id":"e2","geometry":null,"properties":{"time":"2025","title":"E","sites":["nowhere"],"links":[["s1","zz"]]}},
		{"type":"Feature","id":"e3","geometry":null,"properties":{"time":null,"title":"E"}},
		{"type":"Feature","id":"e4","geometry":null,"properties":{"time":"2025","title":"E","links":[["a","a"],["a"]]}},
		{"type":"Feature","id":"e5","geometry":null,"properties":{"time":"2025","title":"E","links":[["a","b"],5]}},
		{"type":"Feature","id":"e6","geometry":null,"properties":{"time":"2025","title":"E","sites":[true]}},
		{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"name":"no id"}},
		{"type":"Feature","id":"n","geometry":null,"properties":{}}
	]}`},
}

// ids are the strings at places in text.
func ids(text string, at [][2]int32) []string {
	ss := []string{}
	for _, a := range at {
		ss = append(ss, text[a[0]:a[1]])
	}
	return ss
}

// TestScanMatchesDecode: Load gives the same story and the same problems
// through scanStory as through encoding/json alone (decodeStory), for every
// test story, the demo, generated stories and files that take the slow way.
func TestScanMatchesDecode(t *testing.T) {
	files, err := filepath.Glob("testdata/stories/*.geojson")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../site/data/story.geojson")
	cases := scanCases
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, struct {
			name string
			fast bool
			src  string
		}{filepath.Base(f), false, string(d)})
	}
	cases[len(cases)-1].fast = true // the demo
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fast := sameBothWays(t, tc.src)
			if tc.fast && !fast {
				t.Error("scanStory gave up")
			}
			if !tc.fast && fast && !strings.Contains(tc.name, ".geojson") {
				t.Error("scanStory read it; it should have given up")
			}
		})
	}
}

// FuzzScanMatchesDecode: whatever scanStory reads, it reads as decodeStory
// does.
func FuzzScanMatchesDecode(f *testing.F) {
	for _, tc := range scanCases {
		if len(tc.src) < 4096 {
			f.Add(tc.src)
		}
	}
	f.Fuzz(func(t *testing.T, src string) { sameBothWays(t, src) })
}

// sameBothWays checks that scanStory, when it reads src, gives the story and
// problems decodeStory gives, and says whether it read it.
func sameBothWays(t *testing.T, src string) bool {
	t.Helper()
	fs, ok, ferr := scanStory(src)
	if !ok {
		return false
	}
	ss, serr := decodeStory(src)
	// The file's own problems come in the order of a map's keys.
	lines := func(err error) []string {
		if err == nil {
			return nil
		}
		l := strings.Split(err.Error(), "\n")
		slices.Sort(l)
		return l
	}
	if !slices.Equal(lines(ferr), lines(serr)) {
		t.Errorf("errors differ:\n fast %v\n slow %v", ferr, serr)
	}
	if (fs == nil) != (ss == nil) || fs != nil && !reflect.DeepEqual(*fs, *ss) {
		t.Errorf("stories differ:\n fast %+v\n slow %+v", fs, ss)
	}
	return true
}

// BenchmarkLoadScan is Load of 10,000 generated events the fast way
// (scanStory) and through encoding/json alone (decodeStory).
func BenchmarkLoadScan(b *testing.B) {
	data := synth.Story(1, 2000, 10000)
	defer func() { scanFast = true }()
	for _, fast := range []bool{true, false} {
		b.Run(map[bool]string{true: "scan", false: "decode"}[fast], func(b *testing.B) {
			scanFast = fast
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Load(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPropIndex: every property Load reads has its index, and no other key.
func TestPropIndex(t *testing.T) {
	names := []string{"time", "end", "title", "description", "source", "place", "approximate", "sites", "links", "view", "name", "kind", "times"}
	for j, name := range names {
		if got := propIndex(name); got != j {
			t.Errorf("propIndex(%q) = %d, want %d", name, got, j)
		}
	}
	for _, k := range []string{"", "t", "ti", "tim", "timex", "Time", "titles", "site", "sources", "name:ar", "x", "endx", "kinds"} {
		if got := propIndex(k); got != -1 {
			t.Errorf("propIndex(%q) = %d, want -1", k, got)
		}
	}
}

// TestFeatureReset: reset leaves a feature as new but for its text and the
// room of its list of per-language properties.
func TestFeatureReset(t *testing.T) {
	src := `{"type":"Feature","id":"e","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"time":"2025","title":"T","title:ar":"ع","x":1}}`
	f := feature{src: src}
	sc := &scanner{s: src, ok: true}
	if !sc.feature(&f) || len(f.props.local) == 0 || !f.geometry.point {
		t.Fatalf("the scanner did not read the feature: %+v", f)
	}
	f.badProps = true
	f.reset()
	want := feature{src: src, props: props{local: f.props.local[:0]}}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("after reset %+v, want %+v", f, want)
	}
}
