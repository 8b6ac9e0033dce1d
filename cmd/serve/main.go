// Command serve serves the built mapline site (dist/) on localhost.
//
//	go run ./cmd/serve -dir dist        # PORT overrides the default 8080
//
// Its oEmbed answers (/oembed.json) hold absolute URLs of the site. Behind
// a proxy or on a public name, say where the site is:
//
//	go run ./cmd/serve -dir dist -base https://maps.example.org/
//
// Without -base they are built from the request's Host (refused unless it is
// a host name) and scheme; -trust-proxy lets X-Forwarded-Proto from the
// proxy in front say the scheme (never set it when clients reach the server
// directly: anyone can send that header). docs/security.md says what the
// server promises about hostile requests.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"mapline/site"
)

func main() {
	dir := flag.String("dir", "dist", "the built site to serve")
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	addr := flag.String("addr", "localhost:"+port, "address to listen on")
	base := flag.String("base", "", "the site's public `address` (https://maps.example.org/), from which oEmbed builds its URLs; default: the request's Host and scheme")
	trustProxy := flag.Bool("trust-proxy", false, "take the scheme from the X-Forwarded-Proto header of a proxy in front of the server")
	flag.Parse()
	if _, err := os.Stat(*dir + "/embed.html"); err != nil {
		log.Fatalf("serve: %s has no embed.html: run make build first", *dir)
	}
	h, err := site.NewHandler(*dir, site.Options{Base: *base, TrustProxy: *trustProxy})
	if err != nil {
		log.Fatalf("serve: -base: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("serve: %v", err)
	}
	log.Printf("serving %s at http://%s/", *dir, ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}
