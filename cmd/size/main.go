// Command size prints the raw, gzip and brotli sizes of files: what a reader
// downloads for each, depending on the compression the server offers.
//
//	go run ./cmd/size dist/mapline.wasm
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/andybalholm/brotli"
)

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: size FILE...\nprints raw, gzip -9 and brotli -q 11 sizes")
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	fmt.Printf("%-24s %22s %22s %22s\n", "file", "raw", "gzip -9", "brotli -q 11")
	for _, name := range flag.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "size:", err)
			os.Exit(1)
		}
		gz := compressed(data, func(w io.Writer) io.WriteCloser { z, _ := gzip.NewWriterLevel(w, gzip.BestCompression); return z })
		br := compressed(data, func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, brotli.BestCompression) })
		fmt.Printf("%-24s %22s %22s %22s\n", name, size(len(data)), size(gz), size(br))
	}
}

func compressed(data []byte, newWriter func(io.Writer) io.WriteCloser) int {
	var buf bytes.Buffer
	w := newWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Len()
}

func size(n int) string { return fmt.Sprintf("%d B (%.2f MB)", n, float64(n)/1e6) }
