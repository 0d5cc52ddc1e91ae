package serve

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"time"
)

// The server's limits. Reading a request is quick or abandoned; a
// response has WriteTimeout, except a release file, which may take
// downloadTimeout.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 15 * time.Second
	WriteTimeout      = time.Minute
	IdleTimeout       = 2 * time.Minute
	MaxHeaderBytes    = 16 << 10
	// ShutdownTimeout is how long a shutdown waits for the requests in
	// flight before closing their connections.
	ShutdownTimeout = 30 * time.Second
)

// NewServer returns an http.Server for h with the limits above.
func NewServer(h http.Handler, errorLog *log.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          errorLog,
	}
}

// Run serves on ln until ctx is done, then stops accepting connections
// and waits (up to ShutdownTimeout) for the requests in flight to finish.
// It returns nil after a clean shutdown.
func Run(ctx context.Context, ln net.Listener, srv *http.Server) error {
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err // the listener failed; nothing is in flight
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if serr := <-served; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// CheckLoopback refuses an address that is not on the loopback interface:
// serve is for looking at a release on one's own machine, and a public
// server belongs behind a web server that owns TLS and logging (see
// pipeline/hosting). "localhost" is taken as 127.0.0.1.
func CheckLoopback(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q is not HOST:PORT: %w", addr, err)
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("--addr %q: serve listens on the loopback interface only (127.0.0.1 or [::1]); put a web server in front of it to publish a release", addr)
	}
	return net.JoinHostPort(ip.String(), port), nil
}
