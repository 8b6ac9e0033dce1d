// Command size prints the raw, gzip and brotli sizes of files: what a reader
// downloads for each, depending on the compression the server offers. With
// -base it also compares each file's brotli size with the base file's, against
// a budget (make size: mapline's wasm against a bare Ebitengine game of the
// same version, cmd/size/bare). With -like, a second yardstick: the bare game
// built the way the first file is (make size: against mapline's copy of
// Ebitengine's built-in shader, internal/ebitenpatch), its ratio printed beside
// without a budget.
//
// With -funcs it reads instead where the bytes are: the function bodies of a
// wasm linked without -s (which keeps Go's "name" section), summed per Go
// package, largest first, and beside the base's (make size-funcs); then the
// data section in parts (type descriptors, strings and tables, function names,
// pc tables...) and the code and data sections' brotli sizes alone. With
// -pkg NAME it lists the largest functions of one package instead
// (make size-funcs PKG=mapline_geo).
//
//	go run ./cmd/size [-base FILE -budget 1.15 [-like FILE]] FILE...
//	go run ./cmd/size -funcs [-top 40] [-pkg NAME] [-base FILE] FILE...
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

type sizes struct{ raw, gz, br int }

func main() {
	base := flag.String("base", "", "a file to compare the brotli sizes with")
	budget := flag.Float64("budget", 1.15, "with -base: the largest ratio of a file's brotli size to the base's")
	like := flag.String("like", "", "with -base: the base built as the files are; its ratio is printed too, without a budget")
	funcs := flag.Bool("funcs", false, "print each wasm's code bytes per Go package (link without -s to keep the names)")
	top := flag.Int("top", 40, "with -funcs: how many packages (or functions, with -pkg) to print")
	pkg := flag.String("pkg", "", "with -funcs: list the largest functions of this package (as the names section spells it: mapline_geo, main, net_url)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: size [-base FILE [-budget R] [-like FILE]] FILE...\n       size -funcs [-top N] [-pkg NAME] [-base FILE] FILE...\nprints raw, gzip -9 and brotli -q 11 sizes, or the code bytes per package")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	if *funcs {
		if err := runFuncs(*base, *top, *pkg, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	names := flag.Args()
	if *base != "" && *like != "" {
		names = append(names, *like)
	}
	if *base != "" {
		names = append(names, *base)
	}
	// Brotli -q 11 of a 12 MB file takes about a minute: one file a core.
	got := make([]sizes, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], errs[i] = measure(name)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			fmt.Fprintln(os.Stderr, "size:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("%-28s %22s %22s %22s\n", "file", "raw", "gzip -9", "brotli -q 11")
	for i, name := range names {
		fmt.Printf("%-28s %22s %22s %22s\n", name, size(got[i].raw), size(got[i].gz), size(got[i].br))
	}
	if *base == "" {
		return
	}
	b := got[len(got)-1]
	for i, name := range flag.Args() {
		r := float64(got[i].br) / float64(b.br)
		verdict := "within"
		if r > *budget {
			verdict = "OVER"
		}
		fmt.Printf("%s: brotli %.3f× %s (budget %.2f×: %s)\n", name, r, *base, *budget, verdict)
		if *like != "" {
			l := got[len(got)-2]
			fmt.Printf("%s: brotli %.3f× %s (built alike; no budget)\n", name, float64(got[i].br)/float64(l.br), *like)
		}
	}
}

func measure(name string) (sizes, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return sizes{}, err
	}
	gz := compressed(data, func(w io.Writer) io.WriteCloser { z, _ := gzip.NewWriterLevel(w, gzip.BestCompression); return z })
	br := compressed(data, func(w io.Writer) io.WriteCloser { return brotli.NewWriterLevel(w, brotli.BestCompression) })
	return sizes{len(data), gz, br}, nil
}

func compressed(data []byte, newWriter func(io.Writer) io.WriteCloser) int {
	var buf bytes.Buffer
	w := newWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Len()
}

func size(n int) string { return fmt.Sprintf("%d B (%.2f MB)", n, float64(n)/1e6) }

func runFuncs(base string, top int, pkg string, names []string) error {
	read := func(name string) (module, error) {
		b, err := os.ReadFile(name)
		if err != nil {
			return module{}, err
		}
		m, err := parseModule(b)
		if err != nil {
			return module{}, fmt.Errorf("%s: %w", name, err)
		}
		if len(m.funcs) > 0 && strings.HasPrefix(m.funcs[0].name, "?") {
			return module{}, fmt.Errorf("size: %s has no function names: link it without -s", name)
		}
		return m, nil
	}
	var bm *module
	if base != "" {
		m, err := read(base)
		if err != nil {
			return err
		}
		bm = &m
	}
	for _, name := range names {
		m, err := read(name)
		if err != nil {
			return err
		}
		if pkg != "" {
			printPkg(os.Stdout, m, bm, pkg, top)
			continue
		}
		printFuncs(os.Stdout, name, m, bm, top)
		if err := printData(os.Stdout, m, bm); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
