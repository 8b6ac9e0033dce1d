// Command wasm is the browser entry of mapline: the Ebitengine game that draws
// the display list of package geo, and the bridge to the page's controls.
// Build it with GOOS=js GOARCH=wasm (see the Makefile).
package main

func main() { run() }
