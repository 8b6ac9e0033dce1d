// Command mapline is the project's tool: its subcommands render posters of
// stories and more. Run `mapline help` for the list.
package main

import (
	"fmt"
	"io"
	"os"
)

// command is one subcommand of mapline.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int // the exit status
}

var commands []command

func register(c command) { commands = append(commands, c) }

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run runs the command named by args[0] with the rest of args.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "mapline: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: mapline COMMAND [flags]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun `mapline COMMAND -help` for the flags of a command.")
}
