package serve

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/bordernet/bordernet/internal/judge"
)

// browserWatch records, from the browser's own events, what a person
// would notice: console errors (a script error, a refused style or
// script, a failed load) and every request, to check none leaves the
// server.
type browserWatch struct {
	mu       sync.Mutex
	errors   []string
	requests []string
}

func (w *browserWatch) listen(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			var args []string
			for _, a := range e.Args {
				args = append(args, fmt.Sprint(a.Description, string(a.Value)))
			}
			w.errors = append(w.errors, "console.error: "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		w.errors = append(w.errors, "exception: "+e.ExceptionDetails.Text)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			w.errors = append(w.errors, fmt.Sprintf("log: %s (%s)", e.Entry.Text, e.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		w.requests = append(w.requests, e.Request.URL)
	case *network.EventResponseReceived:
		if e.Response.Status >= 400 {
			w.errors = append(w.errors, fmt.Sprintf("HTTP %d for %s", e.Response.Status, e.Response.URL))
		}
	case *network.EventLoadingFailed:
		w.errors = append(w.errors, fmt.Sprintf("loading failed: %s", e.ErrorText))
	}
}

// take returns and forgets what was recorded.
func (w *browserWatch) take() (errs, requests []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	errs, requests = w.errors, w.requests
	w.errors, w.requests = nil, nil
	return errs, requests
}

// newBrowser starts Debian's chromium, headless, with a fresh profile and
// none of its own network traffic (no updates, sync or QUIC probes).
func newBrowser(t *testing.T, watch *browserWatch) context.Context {
	t.Helper()
	path := judge.Chromium(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.UserDataDir(t.TempDir()),
	}
	// A bound for a hung browser, not a measurement.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx, chromedp.WithListener(watch.listen))
	t.Cleanup(bcancel)
	return bctx
}

// artifacts is where screenshots go: $BORDERNET_ARTIFACTS, else a folder
// in the system's temporary folder. They are kept for people to look at,
// never committed.
func artifacts(t *testing.T) string {
	dir := os.Getenv("BORDERNET_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "bordernet-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// linksJS lists every link of the page, HTML and SVG (href or
// xlink:href), resolved against the page.
const linksJS = `Array.from(document.querySelectorAll('a')).map(a => {
	const h = a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href');
	return h ? new URL(h, document.baseURI).href : '';
}).filter(h => h !== '')`

// svgLinksJS lists the links of the relations picture's nodes.
const svgLinksJS = `Array.from(document.querySelectorAll('svg a')).map(a =>
	new URL(a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'), document.baseURI).href)`

// checkPage loads url and checks what a visitor would see go wrong; it
// returns the page's links.
func checkPage(t *testing.T, ctx context.Context, watch *browserWatch, base, url string) []string {
	t.Helper()
	watch.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("loading %s: %v", url, err)
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](linksJS))
	if err != nil {
		t.Fatal(err)
	}
	errs, requests := watch.take()
	for _, e := range errs {
		t.Errorf("%s: %s", url, e)
	}
	if len(requests) == 0 {
		t.Errorf("%s: no request seen: the watch is not listening", url)
	}
	for _, r := range requests {
		if !strings.HasPrefix(r, base+"/") {
			t.Errorf("%s: a request to another host: %s", url, r)
		}
	}
	return links
}

// checkLinks follows every link to the server (as a browser would, with
// its Accept header and redirects) and fails on any that does not answer
// 200. Links to other hosts are not followed: a test must not leave the
// machine.
func checkLinks(t *testing.T, base string, links []string) {
	t.Helper()
	checked := map[string]bool{}
	for _, l := range links {
		u, err := url.Parse(l)
		if err != nil {
			t.Errorf("link %q: %v", l, err)
			continue
		}
		u.Fragment = ""
		if !strings.HasPrefix(u.String(), base+"/") || checked[u.String()] {
			continue
		}
		checked[u.String()] = true
		req, _ := http.NewRequest("GET", u.String(), nil)
		req.Header.Set("Accept", browserAccept)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("link %s: %v", u, err)
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("link %s: status %d", u, resp.StatusCode)
		}
	}
	if len(checked) == 0 {
		t.Error("no link to the server was found")
	}
}

// screenshot renders the page at width and saves it as an artifact. It
// fails when the page is wider than the screen (a phone would scroll
// sideways).
func screenshot(t *testing.T, ctx context.Context, url string, width, height int64, name string) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(1)}
	if width < 600 {
		opts = append(opts, chromedp.EmulateMobile)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height, opts...), chromedp.Navigate(url), chromedp.WaitReady("body")); err != nil {
		t.Fatal(err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow > 0 {
		t.Errorf("%s at %d px: the page is %d px wider than the screen", url, width, overflow)
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(artifacts(t), name)
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", file)
}

// TestBrowser drives a real Chromium against a real serve of the seed
// release: the landing page, its table filter, a record page reached by
// its IRI, every link and every node of the picture, at phone and desktop
// widths.
func TestBrowser(t *testing.T) {
	watch := &browserWatch{}
	ctx := newBrowser(t, watch)
	static, dynamic := releases(t)
	base := startServer(t, static)

	links := checkPage(t, ctx, watch, base, base+"/")
	svgLinks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](svgLinksJS))
	if err != nil {
		t.Fatal(err)
	}
	if len(svgLinks) < 5 {
		t.Errorf("the relations picture has %d node links", len(svgLinks))
	}
	for _, l := range svgLinks {
		if !slices.Contains(links, l) {
			t.Errorf("SVG link %s not among the page's links", l)
		}
	}
	checkLinks(t, base, links)

	// The filter: type a word, the rows without it hide.
	type rows struct {
		Total, Shown int
		AllMatch     bool
		Status       string
	}
	const countJS = `(() => {
		const rows = Array.from(document.querySelectorAll('#records tbody tr'));
		const shown = rows.filter(r => !r.hidden);
		const status = document.getElementById('records-status');
		return {Total: rows.length, Shown: shown.length,
			AllMatch: shown.every(r => r.textContent.toLowerCase().includes('frontex')),
			Status: status ? status.textContent : ''};
	})()`
	before, err := chromedp.Run(ctx, chromedp.Evaluate[rows](countJS))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("records-filter"), "frontex")); err != nil {
		t.Fatalf("typing in the filter: %v", err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[rows](countJS))
	if err != nil {
		t.Fatal(err)
	}
	if before.Total < 10 || before.Shown != before.Total {
		t.Errorf("before filtering: %+v", before)
	}
	if after.Shown == 0 || after.Shown >= after.Total || !after.AllMatch || !strings.HasPrefix(after.Status, fmt.Sprint(after.Shown, " of ")) {
		t.Errorf("after typing frontex in the filter: %+v", after)
	}

	// The standalone picture: every node links to a page that answers.
	pictureLinks := checkPage(t, ctx, watch, base, base+"/relations.svg")
	if len(pictureLinks) < 5 {
		t.Errorf("relations.svg has %d links", len(pictureLinks))
	}
	checkLinks(t, base, pictureLinks)

	// A record by its IRI, as a browser asks for it: a page, from the
	// release's file and made on request from a release without one.
	for name, b := range map[string]string{"static": base, "on request": startServer(t, dynamic)} {
		recordLinks := checkPage(t, ctx, watch, b, b+"/id/frontex")
		loc, err := chromedp.Run(ctx, chromedp.Location())
		if err != nil || loc != b+"/id/frontex.html" {
			t.Errorf("%s: /id/frontex led to %q, %v", name, loc, err)
		}
		checkLinks(t, b, recordLinks)
	}

	for _, page := range []struct{ path, name string }{{"/", "landing"}, {"/id/frontex", "record-frontex"}} {
		screenshot(t, ctx, base+page.path, 375, 812, page.name+"-phone.png")
		screenshot(t, ctx, base+page.path, 1280, 900, page.name+"-desktop.png")
	}
	// make screenshot: the README's picture of the site, the top of the
	// landing page on a desktop.
	if png := os.Getenv("BORDERNET_SITE_PNG"); png != "" {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800, chromedp.EmulateScale(1)), chromedp.Navigate(base+"/"), chromedp.WaitReady("body")); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(png, shot, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("README screenshot: %s", png)
	}
	if errs, _ := watch.take(); len(errs) > 0 {
		t.Errorf("while rendering: %v", errs)
	}
}
