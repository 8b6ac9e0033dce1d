package jsonval

import (
	"encoding/json"
	"errors"
	"testing"
)

var valueSeeds = []string{
	`{"a": 1, "b": [true, false, null], "a": "x"}`,
	`[1, -2.5e+3, "\u00e9\ud83d\ude00", {"k": {}}]`,
	`"\ud800 \udc00 \ud800\u0041 \\ \/ \b\f\n\r\t"`,
	"\"\xff\xfe bad utf-8\"",
	` 12 `,
	`{"a": [1, 2}`,
	`NaN`,
	`[1, 2,]`,
	`"<&> \u2028"`,
	`{"\u0041": 1, "A": 2}`,
	`{"TYPE": 1, "type": 2, "Type": 3, "\u0074ype": 4}`,
	``,
}

// FuzzValue checks the reader against encoding/json: for any input, both
// agree on whether it is JSON (and on the syntax error's message and
// offset), and on what it holds: an object's members (the last of a name
// repeated), an array's items, a string's characters, a number's text; and
// Quote writes a string as json.Marshal does.
func FuzzValue(f *testing.F) {
	for _, s := range valueSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Check(s)
		var v any
		jerr := json.Unmarshal([]byte(s), &v)
		if (err == nil) != json.Valid([]byte(s)) {
			t.Fatalf("Check(%q) = %v, json.Valid disagrees", s, err)
		}
		if err != nil {
			var se *SyntaxError
			var jse *json.SyntaxError
			if !errors.As(err, &se) || !errors.As(jerr, &jse) || se.Error() != jse.Error() || se.Offset != jse.Offset {
				t.Fatalf("Check(%q) = %v, json.Unmarshal: %v", s, err, jerr)
			}
		}
		members, okObj := Object(s)
		var m map[string]json.RawMessage
		if jok := json.Unmarshal([]byte(s), &m) == nil && m != nil; okObj != jok {
			t.Fatalf("Object(%q) ok %v, json.Unmarshal into a map ok %v", s, okObj, jok)
		}
		if okObj {
			got := map[string]string{}
			for _, mb := range members {
				got[mb.Key] = mb.Value
			}
			if len(got) != len(m) {
				t.Fatalf("Object(%q) = %q, json: %q", s, got, m)
			}
			for k, v := range m {
				if got[k] != string(v) {
					t.Fatalf("Object(%q)[%q] = %q, json: %q", s, k, got[k], v)
				}
			}
		}
		var st struct {
			Type json.RawMessage `json:"type"`
		}
		if okObj && json.Unmarshal([]byte(s), &st) == nil {
			if v, _ := Field(members, "type"); v != string(st.Type) {
				t.Fatalf("Field(Object(%q), type) = %q, json: %q", s, v, st.Type)
			}
		}
		items, okArr := Array(s)
		var raw []json.RawMessage
		if jok := json.Unmarshal([]byte(s), &raw) == nil && raw != nil; okArr != jok {
			t.Fatalf("Array(%q) ok %v, json.Unmarshal into a slice ok %v", s, okArr, jok)
		}
		if okArr {
			if len(items) != len(raw) {
				t.Fatalf("Array(%q) = %q, json: %q", s, items, raw)
			}
			for i := range raw {
				if items[i] != string(raw[i]) {
					t.Fatalf("Array(%q)[%d] = %q, json: %q", s, i, items[i], raw[i])
				}
			}
		}
		str, okStr := String(s)
		var js string
		jok := err == nil && Kind(s) == '"' && json.Unmarshal([]byte(s), &js) == nil
		if okStr != jok || str != js {
			t.Fatalf("String(%q) = %q, %v; json: %q, %v", s, str, okStr, js, jok)
		}
		n, okNum := Number(s)
		var jn json.Number
		jok = err == nil && Kind(s) == '0' && json.Unmarshal([]byte(s), &jn) == nil
		if okNum != jok || n != string(jn) {
			t.Fatalf("Number(%q) = %q, %v; json: %q, %v", s, n, okNum, jn, jok)
		}
		if b, _ := json.Marshal(s); Quote(s) != string(b) {
			t.Fatalf("Quote(%q) = %s, json.Marshal: %s", s, Quote(s), b)
		}
	})
}
