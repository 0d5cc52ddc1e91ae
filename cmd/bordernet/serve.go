package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/pipeline/serve"
)

type serveOptions struct {
	Dir    string
	Addr   string
	Stdout io.Writer
	Stderr io.Writer
}

func serveCommand() *cli.Command {
	return &cli.Command{
		Name:      "serve",
		Usage:     "serve a release on this machine, its IRIs answering by content negotiation",
		ArgsUsage: "[DIR]",
		Description: `Serves the release folder DIR (default out/latest) over HTTP on the
loopback interface: the landing page, the downloads, and every record and
vocabulary IRI answering by content negotiation. GET /id/ID with Accept:
text/html, text/turtle, application/n-triples or application/ld+json is
answered 303 See Other to /id/ID.html, .ttl, .nt or .jsonld; */* and a
browser get HTML; a type the release does not have gets 406, an unknown
id 404. /catalog answers the landing page or catalog.ttl/.jsonld.

A release larger than the site's page limit has no per-record files: serve
makes each record's page and documents on request from the sorted
bordernet.nt (binary search), so it is ready at once even for a million
records. Ctrl-C (or SIGTERM) stops it after the requests in flight.

Examples:
   bordernet serve
   bordernet serve --addr 127.0.0.1:9000 out/2026-11-27
   curl -L -H 'Accept: text/turtle' http://127.0.0.1:8080/id/frontex

Exit codes: 0 stopped cleanly, 2 usage error (e.g. a non-loopback
address), a folder that is not a release, or an address in use.`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "addr", Value: "127.0.0.1:8080", Usage: "loopback HOST:PORT to listen on (port 0 picks a free one)"},
		},
		Action: func(c *cli.Context) error {
			if c.Args().Len() > 1 {
				return usagef("serve takes one release folder, not %d", c.Args().Len())
			}
			opts := serveOptions{Dir: "out/latest", Addr: c.String("addr"), Stdout: c.App.Writer, Stderr: c.App.ErrWriter}
			if c.Args().Present() {
				opts.Dir = c.Args().First()
			}
			return runServe(c.Context, opts)
		},
	}
}

func runServe(ctx context.Context, opts serveOptions) error {
	addr, err := serve.CheckLoopback(opts.Addr)
	if err != nil {
		return usagef("%v", err)
	}
	errLog := log.New(opts.Stderr, "bordernet serve: ", 0)
	h, err := serve.New(opts.Dir, serve.Options{ErrorLog: errLog})
	if err != nil {
		return err
	}
	defer h.Close()
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	info := h.Info()
	fmt.Fprintf(opts.Stdout, "serving %s (%s, release %s) at http://%s/\n", opts.Dir, info.BaseIRI, info.Version, ln.Addr())
	if err := serve.Run(ctx, ln, serve.NewServer(h, errLog)); err != nil {
		return err
	}
	_, err = fmt.Fprintln(opts.Stdout, "stopped")
	return err
}
