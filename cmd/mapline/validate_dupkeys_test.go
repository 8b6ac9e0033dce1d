package main

import "testing"

// TestValidateDuplicateKeys: keys written twice in one object are warnings
// of validate (JSON readers disagree on which value counts), with the
// feature and the key's path; the story stays valid.
func TestValidateDuplicateKeys(t *testing.T) {
	const file = "testdata/duplicate-keys.geojson"
	for _, tc := range []struct {
		name string
		args []string
		code int
		out  string
	}{
		{name: "warned", args: []string{file}, out: `warning: ` + file + `: title: written 2 times in one object: the map uses the last, other JSON readers may use another; keep one
warning: ` + file + `: feature 1 ("departure"): properties.title: written 2 times in one object: the map uses the last, other JSON readers may use another; keep one
warning: ` + file + `: feature 1 ("departure"): properties.sites: written 2 times in one object: the map uses the last, other JSON readers may use another; keep one
` + file + ": valid, 3 warnings\n"},
		{name: "strict-fails", args: []string{"-strict", "-q", file}, code: 1, out: file + ": valid, 3 warnings\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(append([]string{"validate"}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit status %d, want %d (stderr %q)", code, tc.code, errOut)
			}
			if out != tc.out {
				t.Errorf("stdout\n%s\nwant\n%s", out, tc.out)
			}
		})
	}
}
