package main

import (
	"io"
	"syscall/js"
)

// jsBody reads a fetch Response's body stream (response.body.getReader())
// as an io.Reader, one chunk of the browser's at a time. Call Read from a
// goroutine, never from a JS callback (it awaits promises).
type jsBody struct {
	reader js.Value
	chunk  []byte // reused between chunks
	buf    []byte // what is left of the last chunk
	done   bool
}

func newJSBody(resp js.Value) *jsBody {
	body := resp.Get("body")
	if body.IsNull() || body.IsUndefined() {
		return &jsBody{done: true} // no body: an empty story, which geo names
	}
	return &jsBody{reader: body.Call("getReader")}
}

func (b *jsBody) Read(p []byte) (int, error) {
	for len(b.buf) == 0 {
		if b.done {
			return 0, io.EOF
		}
		res, err := await(b.reader.Call("read"))
		if err != nil {
			return 0, err
		}
		if res.Get("done").Bool() {
			b.done = true
			continue
		}
		v := res.Get("value")
		n := v.Get("length").Int()
		if cap(b.chunk) < n {
			b.chunk = make([]byte, n)
		}
		b.buf = b.chunk[:n]
		js.CopyBytesToGo(b.buf, v)
	}
	n := copy(p, b.buf)
	b.buf = b.buf[n:]
	return n, nil
}

// cancel stops the download.
func (b *jsBody) cancel() {
	if !b.done {
		b.done = true
		b.reader.Call("cancel")
	}
}
