// Command mapline is the command line of mapline: it checks stories, converts
// newsroom data into them, and more, one subcommand each.
//
//	mapline validate story.geojson
//	mapline import -o story.geojson events.csv
//	mapline help
//
// docs/cli.md describes every command.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// command is one subcommand of mapline.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int // the exit status
}

var commands []command

func register(c command) { commands = append(commands, c) }

func main() {
	os.Exit(mainRun(os.Args[1:], os.Stdout, os.Stderr))
}

// mainRun runs the command args name and returns its exit status: 2 for a
// command line mapline cannot read.
func mainRun(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(rest) > 0 {
			if c, ok := lookup(rest[0]); ok {
				return c.run([]string{"-help"}, stdout, stderr)
			}
			fmt.Fprintf(stderr, "mapline: no command %q\n", rest[0])
			usage(stderr)
			return 2
		}
		usage(stdout)
		return 0
	}
	c, ok := lookup(name)
	if !ok {
		fmt.Fprintf(stderr, "mapline: no command %q\n", name)
		usage(stderr)
		return 2
	}
	return c.run(rest, stdout, stderr)
}

func lookup(name string) (command, bool) {
	i := slices.IndexFunc(commands, func(c command) bool { return c.name == name })
	if i < 0 {
		return command{}, false
	}
	return commands[i], true
}

// usage lists the commands with their summaries, in name order.
func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: mapline COMMAND [flags] [arguments]\n\nCommands:")
	cs := slices.Clone(commands)
	slices.SortFunc(cs, func(a, b command) int { return strings.Compare(a.name, b.name) })
	width := 0
	for _, c := range cs {
		width = max(width, len(c.name))
	}
	for _, c := range cs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w, "\n\"mapline COMMAND -help\" (or \"mapline help COMMAND\") describes a command; docs/cli.md has them all.")
}
