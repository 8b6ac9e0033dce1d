package geo

import (
	"encoding/json"
	"slices"
	"testing"
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
