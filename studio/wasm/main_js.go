package main

import (
	"syscall/js"

	"mapline/studio"
)

func main() {
	s := new(studio.Session)
	uint8Array := js.Global().Get("Uint8Array")
	js.Global().Set("maplineStudio", js.FuncOf(func(_ js.Value, argv []js.Value) any {
		if len(argv) == 0 || argv[0].Type() != js.TypeString {
			return string(studio.Reply{Error: "studio: no request"}.JSON())
		}
		args := make([]any, 0, len(argv)-1)
		for _, a := range argv[1:] {
			switch {
			case a.Type() == js.TypeString:
				args = append(args, a.String())
			case a.Type() == js.TypeNumber:
				args = append(args, a.Float())
			case a.Type() == js.TypeBoolean:
				args = append(args, a.Bool())
			case a.InstanceOf(uint8Array):
				b := make([]byte, a.Get("length").Int())
				js.CopyBytesToGo(b, a)
				args = append(args, b)
			default:
				args = append(args, nil)
			}
		}
		return string(call(s, argv[0].String(), args).JSON())
	}))
	select {}
}
