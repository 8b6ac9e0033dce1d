package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"mapline/geo/convert"
)

func init() {
	register(command{
		name:    "validate",
		summary: "check stories (or CSV and TimelineJS files) and print every problem, one a line",
		run:     runValidate,
	})
}

func runValidate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	strict := fs.Bool("strict", false, "warnings fail too (exit status 1)")
	quiet := fs.Bool("q", false, "print errors only, no warnings")
	from := fs.String("from", "", "the files' format: story, csv, timelinejs or timedimension (default: from each file)")
	sites := fs.String("sites", "", "a CSV sheet of sites for the CSV sheets of events")
	var cols columnsFlag
	fs.Var(&cols, "columns", "the columns of CSV sheets of another layout: date=COLUMN,lat=COLUMN,title=COLUMN,… (fields: "+strings.Join(convert.Fields, ", ")+")")
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: mapline validate [-strict] [-q] [-from FORMAT] [-sites sites.csv] [-columns F=COL,…] FILE…

Checks each FILE as the widget loads it and prints every problem, one a line:
the feature's index and id (or the CSV row and column, or the TimelineJS item
and field), the field, what is wrong and what to write instead. Errors keep a
feature off the map; warnings are what loads but is probably wrong (a site no
event uses, swapped latitude and longitude, the same event twice, a date
precision that looks accidental, an event without a source, a key written
twice in one object).
The exit status is 0 when every file is valid (warnings allowed, unless
-strict), 1 when one is not, 2 when a file cannot be read.

Flags:
`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	status := 0
	for _, name := range fs.Args() {
		c, err := convertFile(name, *from, *sites, cols)
		if err != nil {
			fmt.Fprintf(stderr, "mapline validate: %v\n", err)
			status = 2
			continue
		}
		_, lines, bad := c.check()
		errs, warns := 0, 0
		for _, l := range lines {
			if l.warning {
				warns++
			} else {
				errs++
			}
			if !l.warning || !*quiet {
				fmt.Fprintln(stdout, l.text)
			}
		}
		switch {
		case bad:
			fmt.Fprintf(stdout, "%s: not valid: %s, %s\n", name, plural(errs, "error"), plural(warns, "warning"))
			status = max(status, 1)
		case warns > 0:
			fmt.Fprintf(stdout, "%s: valid, %s\n", name, plural(warns, "warning"))
			if *strict {
				status = max(status, 1)
			}
		default:
			fmt.Fprintf(stdout, "%s: valid\n", name)
		}
	}
	return status
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
