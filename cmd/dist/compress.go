package main

// Precompression: a .br and a .gz sibling of every text file and the wasm,
// kept between runs in a cache (-cache) by the SHA-256 of their input.

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
)

// A job compresses one file into one sibling.
type job struct {
	file    string // path
	enc     string // ".br" or ".gz"
	data    []byte
	quality int
	cache   string // options.cache
	out     int64  // sibling size, or -1 when not worth it
	err     error
}

func precompress(dir string, opt options, sum *summary) error {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && p != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		ext := path.Ext(d.Name())
		if ext == ".br" || ext == ".gz" {
			// A sibling whose original is gone or not compressible: remove.
			base := strings.TrimSuffix(p, ext)
			if _, err := os.Stat(base); errors.Is(err, fs.ErrNotExist) && slices.Contains(compressExts, path.Ext(base)) {
				return os.Remove(p)
			}
			return nil
		}
		if slices.Contains(compressExts, ext) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}

	var jobs []*job
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		q := textQuality
		if path.Ext(f) == ".wasm" {
			q = opt.wasmQuality
		}
		jobs = append(jobs, &job{file: f, enc: ".br", data: data, quality: q, cache: opt.cache}, &job{file: f, enc: ".gz", data: data, cache: opt.cache})
	}
	// The big files first: the wasm's brotli is the critical path.
	sort.SliceStable(jobs, func(i, j int) bool { return len(jobs[i].data) > len(jobs[j].data) })
	work := make(chan *job)
	var wg sync.WaitGroup
	for range max(1, runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				j.out, j.err = j.do()
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()

	if opt.cache != "" {
		if err := pruneCache(opt.cache, jobs); err != nil {
			return err
		}
	}
	with := map[string]bool{}
	wasm := map[string]*sizes{}
	for _, j := range jobs {
		if j.err != nil {
			return fmt.Errorf("%s%s: %v", j.file, j.enc, j.err)
		}
		if j.out >= 0 {
			with[j.file] = true
		}
		if path.Ext(j.file) == ".wasm" {
			s := wasm[j.file]
			if s == nil {
				s = &sizes{name: filepath.Base(j.file), raw: int64(len(j.data)), gz: -1, br: -1, brotliQuality: opt.wasmQuality}
				wasm[j.file] = s
			}
			if j.enc == ".br" {
				s.br = j.out
			} else {
				s.gz = j.out
			}
		}
	}
	for _, f := range files {
		if with[f] {
			sum.compressed++
		} else {
			rel, _ := filepath.Rel(dir, f)
			sum.skipped = append(sum.skipped, rel)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(wasm)) {
		sum.wasm = append(sum.wasm, *wasm[k])
	}
	return nil
}

// do writes the sibling, or removes it when it saves less than minSaving.
// A sibling that already decompresses to the file is kept as it is.
func (j *job) do() (int64, error) {
	name := j.file + j.enc
	if cur, err := os.ReadFile(name); err == nil {
		if got, err := decompress(j.enc, cur); err == nil && bytes.Equal(got, j.data) && worth(len(cur), len(j.data)) {
			return int64(len(cur)), nil
		}
	}
	out, err := j.compress()
	if err != nil {
		return 0, err
	}
	if !worth(len(out), len(j.data)) {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return 0, err
		}
		return -1, nil
	}
	return int64(len(out)), writeAtomic(name, out)
}

// cacheKey names the compressed bytes of j in the cache.
func (j *job) cacheKey() string {
	h := sha256.Sum256(j.data)
	if j.enc == ".br" {
		return fmt.Sprintf("%x-br-q%d-w%d", h, j.quality, lgWin)
	}
	return fmt.Sprintf("%x-gz-%d", h, gzipLevel)
}

// cacheName matches the names cacheKey makes, and nothing else that might
// be in the directory.
var cacheName = regexp.MustCompile(`^[0-9a-f]{64}-(?:br-q[0-9]+-w[0-9]+|gz-[0-9]+)$`)

// compress compresses j.data, or takes the bytes from the cache when they
// are there and decode to j.data.
func (j *job) compress() ([]byte, error) {
	var key string
	if j.cache != "" {
		key = filepath.Join(j.cache, j.cacheKey())
		if cur, err := os.ReadFile(key); err == nil {
			if got, err := decompress(j.enc, cur); err == nil && bytes.Equal(got, j.data) {
				return cur, nil
			}
		}
	}
	var buf bytes.Buffer
	var w io.WriteCloser
	if j.enc == ".br" {
		w = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: j.quality, LGWin: lgWin})
	} else {
		// No name and no time in the header: the same bytes every run.
		z, err := gzip.NewWriterLevel(&buf, gzipLevel)
		if err != nil {
			return nil, err
		}
		w = z
	}
	if _, err := w.Write(j.data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if key != "" {
		if err := os.MkdirAll(j.cache, 0o755); err != nil {
			return nil, err
		}
		if err := writeAtomic(key, buf.Bytes()); err != nil {
			return nil, err
		}
	}
	return buf.Bytes(), nil
}

// pruneCache removes the entries of the cache that no job of this run used.
func pruneCache(dir string, jobs []*job) error {
	used := map[string]bool{}
	for _, j := range jobs {
		used[j.cacheKey()] = true
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, e := range entries {
		if cacheName.MatchString(e.Name()) && !used[e.Name()] {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

func worth(compressed, raw int) bool {
	return float64(compressed) <= (1-minSaving)*float64(raw)
}

func decompress(enc string, data []byte) ([]byte, error) {
	var r io.Reader
	if enc == ".br" {
		r = brotli.NewReader(bytes.NewReader(data))
	} else {
		z, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		r = z
	}
	return io.ReadAll(r)
}
