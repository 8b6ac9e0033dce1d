package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
)

// nameLangs are the languages the basemap names countries in besides
// English: those of the interface (geo/lang) that are not English.
var nameLangs = []string{"ar", "ckb", "fa"}

// noNumeric are the Natural Earth countries without an ISO 3166-1 numeric
// code that CLDR still names, by their Natural Earth name.
var noNumeric = map[string]string{"Kosovo": "XK"}

// countryNames reads the countries' names in nameLangs from Unicode CLDR: the
// npm packages cldr-core (ISO 3166-1 numeric → alpha-2 codes, in
// supplemental/codeMappings.json) and cldr-localenames-full (the territory
// names of each language, main/LANG/territories.json), both in dir. A name's
// short form ("PS-alt-short") is preferred, as Natural Earth's English names
// are short ones. The result names a country by its numeric id, or by its
// English name for those in noNumeric.
func countryNames(dir string) (func(id int, en string) map[string]string, error) {
	var cm struct {
		Supplemental struct {
			CodeMappings map[string]struct {
				Numeric string `json:"_numeric"`
			} `json:"codeMappings"`
		} `json:"supplemental"`
	}
	if err := readJSON(filepath.Join(dir, "cldr-core", "supplemental", "codeMappings.json"), &cm); err != nil {
		return nil, fmt.Errorf("cldr: %w", err)
	}
	codes := map[int][]string{} // numeric → alpha-2 codes, old ones too (104: BU, MM)
	for a2, m := range cm.Supplemental.CodeMappings {
		if n, err := strconv.Atoi(m.Numeric); err == nil && len(a2) == 2 {
			codes[n] = append(codes[n], a2)
		}
	}
	names := map[string]map[string]string{} // language → alpha-2 → name
	for _, l := range nameLangs {
		var t struct {
			Main map[string]struct {
				LocaleDisplayNames struct {
					Territories map[string]string `json:"territories"`
				} `json:"localeDisplayNames"`
			} `json:"main"`
		}
		if err := readJSON(filepath.Join(dir, "cldr-localenames-full", "main", l, "territories.json"), &t); err != nil {
			return nil, fmt.Errorf("cldr: %w", err)
		}
		ts := t.Main[l].LocaleDisplayNames.Territories
		if len(ts) == 0 {
			return nil, fmt.Errorf("cldr: no territory names for %s", l)
		}
		names[l] = ts
	}
	// Of the codes sharing a number, the one CLDR names (MM, not BU).
	alpha2 := map[int]string{}
	for n, cs := range codes {
		sort.Strings(cs)
		alpha2[n] = cs[0]
		for _, c := range cs {
			if names[nameLangs[0]][c] != "" {
				alpha2[n] = c
				break
			}
		}
	}
	return func(id int, en string) map[string]string {
		a2, ok := noNumeric[en]
		if !ok && id > 0 {
			a2, ok = alpha2[id]
		}
		if !ok {
			return nil
		}
		out := map[string]string{}
		for _, l := range nameLangs {
			if n := names[l][a2+"-alt-short"]; n != "" {
				out[l] = n
			} else if n := names[l][a2]; n != "" {
				out[l] = n
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}, nil
}

// readJSON reads the JSON file path into v; an error names the file.
func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
