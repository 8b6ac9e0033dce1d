package geo

import (
	"fmt"
	"strings"
)

// Problem is one thing wrong with one feature of a story file.
type Problem struct {
	Feature  int    // index in the features array; -1 for the file itself
	ID       string // the feature's id, if it has one
	Field    string // "geometry", "properties.time", …
	Msg      string
	Severity Severity // Error (the zero value) from Load, Warning from Check
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString("geo: ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	if p.Feature >= 0 {
		fmt.Fprintf(&b, "feature %d", p.Feature)
		if p.ID != "" {
			fmt.Fprintf(&b, " (%q)", p.ID)
		}
		b.WriteString(": ")
	}
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// LoadError lists every problem found in a story file. The story Load returns
// with it holds the features that had no problem.
type LoadError struct{ Problems []Problem }

func (e *LoadError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.Error()
	}
	return strings.Join(msgs, "\n")
}
