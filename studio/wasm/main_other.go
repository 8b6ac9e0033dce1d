//go:build !js

package main

import (
	"fmt"
	"os"
)

// The studio's bridge runs only in a browser; on the host its logic is
// package studio's, with its tests.
func main() {
	fmt.Fprintln(os.Stderr, "studio/wasm: build it with GOOS=js GOARCH=wasm (make build)")
	os.Exit(2)
}
