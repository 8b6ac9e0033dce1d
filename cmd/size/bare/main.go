//go:build js

// Command bare is the smallest Ebitengine game: a blank screen. Built for the
// browser (make size), it is the yardstick of mapline's wasm size budget:
// mapline's wasm, brotli-compressed, stays within 15% of this one's.
package main

import "github.com/hajimehoshi/ebiten/v2"

type game struct{}

func (game) Update() error              { return nil }
func (game) Draw(*ebiten.Image)         {}
func (game) Layout(w, h int) (int, int) { return w, h }

func main() { _ = ebiten.RunGame(game{}) }
