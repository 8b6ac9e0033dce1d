//go:build !js

package main

import (
	"fmt"
	"os"
)

// run explains that the map runs only in a browser.
func run() {
	fmt.Fprintln(os.Stderr, "mapline: the map runs in the browser; build it with GOOS=js GOARCH=wasm (make build)")
	os.Exit(2)
}
