package geo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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
		{"list-spaces", `["s1", "s2"]`},
		{"list-comma-inside", `["a,b","c"]`},
		{"list-number", `["s1",2]`},
		{"list-empty-item", `["s1",""]`},
		{"list-escape", `["s\"1"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := []byte(tc.raw)
			if s, ok := unquote(raw); ok {
				var want string
				if err := json.Unmarshal(raw, &want); err != nil || s != want {
					t.Errorf("unquote = %q, json: %q (%v)", s, want, err)
				}
			}
			if ss, ok := stringList(raw); ok {
				var want []string
				if err := json.Unmarshal(raw, &want); err != nil || !slices.Equal(ss, want) {
					t.Errorf("stringList = %q, json: %q (%v)", ss, want, err)
				}
			}
		})
	}
	if _, ok := unquote([]byte(`"a\"b"`)); ok {
		t.Error("an escape took the fast way")
	}
	if ss, ok := stringList([]byte(`["a,b","c"]`)); ok {
		t.Errorf("a comma inside a string split it: %q", ss)
	}
	if _, ok := stringList([]byte(`["s1",""]`)); ok {
		t.Error("an empty id took the fast way (it is an error, said by the slow one)")
	}
}

// TestScanMatchesDecode: Load gives the same story and the same problems
// through scanCollection as through encoding/json alone, for every test
// story, the demo, generated stories and files that take the slow way.
func TestScanMatchesDecode(t *testing.T) {
	files, err := filepath.Glob("testdata/stories/*.geojson")
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, "../site/data/story.geojson")
	cases := map[string][]byte{
		"synth-1k":            synth.Story(2, 100, 1000),
		"escaped-key":         []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"n\u0061me":"A"}}]}`),
		"case-of-member":      []byte(`{"type":"FeatureCollection","features":[{"Type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"name":"A"}}]}`),
		"repeated-properties": []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[44,33]},"properties":{"name":"A"},"properties":{"kind":"city"}}]}`),
		"type-number":         []byte(`{"type":"FeatureCollection","features":[{"type":7,"id":"a"}]}`),
		"spaces":              []byte(" {\n \"type\" : \"FeatureCollection\" ,\n \"features\" : [ { \"type\" : \"Feature\" , \"id\" : 3 , \"geometry\" : { \"type\" : \"Point\" , \"coordinates\" : [ 44 , 33 ] } , \"properties\" : { \"name\" : \"A\\\"B\" } } ] }\n"),
		"empty-features":      []byte(`{"type":"FeatureCollection","features":[]}`),
		"null-properties":     []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","geometry":null,"properties":null}]}`),
	}
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases[filepath.Base(f)] = d
	}
	defer func() { scanFast = true }()
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			scanFast = true
			fs, ferr := Load(bytes.NewReader(data))
			scanFast = false
			ss, serr := Load(bytes.NewReader(data))
			if fmt.Sprint(ferr) != fmt.Sprint(serr) {
				t.Errorf("errors differ:\n fast %v\n slow %v", ferr, serr)
			}
			if !reflect.DeepEqual(fs, ss) {
				t.Errorf("stories differ:\n fast %+v\n slow %+v", fs, ss)
			}
		})
	}
}

// BenchmarkLoadScan is Load of 10,000 generated events the fast way
// (scanCollection) and through encoding/json alone.
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
