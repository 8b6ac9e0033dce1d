package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cldrFixture writes a small CLDR tree: codeMappings with two codes of one
// number (BU, an old one, and MM), and territory names with a short form.
func cldrFixture(t *testing.T, langs ...string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cldr-core/supplemental/codeMappings.json", `{"supplemental": {"codeMappings": {
		"IQ": {"_numeric": "368", "_alpha3": "IRQ"}, "PS": {"_numeric": "275"},
		"BU": {"_numeric": "104"}, "MM": {"_numeric": "104"}, "XK": {"_alpha3": "XKK"}, "AC": {}}}}`)
	names := map[string]string{
		"ar":  `{"IQ": "العراق", "PS": "الأراضي الفلسطينية", "PS-alt-short": "فلسطين", "MM": "ميانمار", "XK": "كوسوفو"}`,
		"ckb": `{"IQ": "عێراق", "MM": "میانمار", "XK": "کۆسۆڤۆ"}`,
		"fa":  `{"IQ": "عراق", "PS": "سرزمین‌های فلسطینی", "MM": "میانمار", "XK": "کوزوو"}`,
	}
	for _, l := range langs {
		write("cldr-localenames-full/main/"+l+"/territories.json",
			`{"main": {"`+l+`": {"localeDisplayNames": {"territories": `+names[l]+`}}}}`)
	}
	return dir
}

func TestCountryNames(t *testing.T) {
	names, err := countryNames(cldrFixture(t, nameLangs...))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		id   int
		en   string
		want map[string]string
	}{
		{"by numeric code", 368, "Iraq", map[string]string{"ar": "العراق", "ckb": "عێراق", "fa": "عراق"}},
		{"short form first, missing languages left out", 275, "Palestine", map[string]string{"ar": "فلسطين", "fa": "سرزمین‌های فلسطینی"}},
		{"the code CLDR names, not the old one", 104, "Myanmar", map[string]string{"ar": "ميانمار", "ckb": "میانمار", "fa": "میانمار"}},
		{"no numeric code, known by name", 0, "Kosovo", map[string]string{"ar": "كوسوفو", "ckb": "کۆسۆڤۆ", "fa": "کوزوو"}},
		{"no numeric code, unknown", 0, "N. Cyprus", nil},
		{"unknown code", 999, "Nowhere", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := names(tt.id, tt.en)
			if len(got) != len(tt.want) {
				t.Fatalf("%v, want %v", got, tt.want)
			}
			for l, n := range tt.want {
				if got[l] != n {
					t.Errorf("%s: %q, want %q", l, got[l], n)
				}
			}
		})
	}
}

func TestCountryNamesMissingLanguage(t *testing.T) {
	_, err := countryNames(cldrFixture(t, "ar", "fa")) // no ckb
	if err == nil || !strings.Contains(err.Error(), "ckb") {
		t.Errorf("error %v, want one naming ckb", err)
	}
}
