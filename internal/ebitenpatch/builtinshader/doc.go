// Package builtinshader is mapline's copy of Ebitengine's
// internal/builtinshader (github.com/hajimehoshi/ebiten/v2 v2.8.8, Apache
// License 2.0, its header kept in shader.go), changed so that the wasm links
// no text/template. The Makefile builds the wasm with go build -overlay
// (.cache/build/overlay.json), which compiles shader.go in place of
// Ebitengine's file of the same name; nothing imports this package.
//
// Why: text/template calls reflect.Value.MethodByName with a name it reads
// from the template. When a program can reach such a call, Go's linker keeps
// every exported method of every type that may sit in an interface, used or
// not (cmd/link's deadcode, "reflectSeen"; golang/go#62024). Ebitengine's
// built-in shader was the only template in the wasm. Measured on the build of
// December 2026 (make size, brotli -q 11): the wasm went from 2,175,967 B to
// 1,930,527 B (-11.3%), raw from 12.37 MB to 10.17 MB; a bare Ebitengine game
// built the same way goes from 1,748,471 B to 1,480,349 B.
//
// shader_test.go holds the copy to the original: the shader sources it writes
// are byte for byte the template's, for every filter, address and colour
// matrix, and every other declaration is the original's; after an upgrade of
// Ebitengine it fails until the copy is made again from the new file.
package builtinshader
