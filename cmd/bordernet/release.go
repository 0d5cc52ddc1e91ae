package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/bordernet/bordernet/internal/version"
	"github.com/bordernet/bordernet/pipeline/changes"
	"github.com/bordernet/bordernet/pipeline/hosting"
	"github.com/bordernet/bordernet/pipeline/lookup"
	"github.com/bordernet/bordernet/pipeline/release"
	"github.com/bordernet/bordernet/pipeline/report"
	"github.com/bordernet/bordernet/pipeline/series"
	"github.com/bordernet/bordernet/pipeline/site"
	"github.com/bordernet/bordernet/pipeline/source"
	"github.com/bordernet/bordernet/pipeline/sourcecopy"
	"github.com/bordernet/bordernet/schema"
)

type releaseOptions struct {
	Sources []string
	OutDir  string
	Version string // defaults to Date
	Date    string // YYYY-MM-DD
	Force   bool
	BaseIRI string // overrides dataset.json's base_iri when set
	Policy  report.Policy
	Latest  bool // point OUT/latest at the release (when it is the latest by date)
	Wait    time.Duration
	Site    site.Options
	Stdout  io.Writer
	Stderr  io.Writer
}

func releaseCommand() *cli.Command {
	return &cli.Command{
		Name:      "release",
		Usage:     "validate the sources and publish a versioned release into --out",
		ArgsUsage: "[SOURCE...]",
		Description: `Validates the sources first: any error stops the release and nothing is
written. Otherwise writes OUT/VERSION/ with bordernet.ttl, bordernet.nt,
bordernet.jsonld, bordernet.csv, bordernet.csv-metadata.json, bordernet.xlsx
(left out, with a warning, above a sheet's 1,048,575 records),
bordernet.shapes.ttl (SHACL shapes), the sources it was read from
(source/...), catalog.ttl, catalog.jsonld and SHA256SUMS, and points
OUT/latest at it unless a release in OUT has a later date (latest never moves
back). Then rewrites OUT/catalog.ttl and OUT/catalog.jsonld, the DCAT-AP
series of every release in OUT.

The release folder is also the web site of the base IRI: index.html (the
landing page), relations.svg, and for each record id/ID.html, .ttl, .nt and
.jsonld (for up to 10000 records with --site-pages auto; all or none on
demand; bordernet serve renders the pages a release does not hold).

It also compares the records with the latest release in --out and writes
what changed into the release: CHANGES.md, changes.json, and the graph
difference as SPARQL Update (changes.ru) and RDF Patch (changes.rdfp). A
field that lost its value is a warning (fact-removed); an id that any
release in --out published and the sources lack stops the release
(id-dropped): retire the record instead (status, dissolved, successor).

The release date is --date, else the SOURCE_DATE_EPOCH environment variable,
else today (UTC). The version defaults to the date. A release is written to a
temporary folder and renamed into place: a failure leaves nothing behind, and
an existing release is never replaced without --force. The version is
claimed before the sources are read (one that exists is refused at once),
and the records are kept in a store on disk in that temporary folder, not
in memory: a million records take under 1 GiB of memory and about 1.5 GB of
disk beside the release.

Runs publishing into one OUT take turns through the lock file OUT/.lock:
a second run waits up to --wait for the first, then says which process
holds it. A run also removes what killed runs left in OUT. Sources with no
record are an error (exit 1).

Examples:
   bordernet release
   bordernet release --date 2026-11-27 --out /srv/data/bordernet
   SOURCE_DATE_EPOCH=1798329600 bordernet release --version 1.0.0
   bordernet release --site-pages none

Exit codes: 0 published, 1 the data has errors (nothing written), 2 usage
error, unreadable input, existing release, or output that could not be written.`,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "out", Value: "out", Usage: "folder that holds the release folders"},
			&cli.StringFlag{Name: "version", Usage: "release version, a safe folder name (default: the release date)"},
			&cli.StringFlag{Name: "date", Usage: "release date, YYYY-MM-DD (default: $SOURCE_DATE_EPOCH, else today)"},
			&cli.BoolFlag{Name: "force", Usage: "replace an existing release of the same version"},
			&cli.StringFlag{Name: "base-iri", Usage: "base IRI of the records, overriding dataset.json (e.g. https://example.org/bordernet/)"},
			&cli.BoolFlag{Name: "latest", Value: true, Usage: "point OUT/latest at the release, unless a release in OUT has a later date (--latest=false leaves it alone)"},
			&cli.DurationFlag{Name: "wait", Value: release.DefaultWait, Usage: "how long to wait for another run publishing into OUT"},
			&cli.StringFlag{Name: "site-pages", Value: string(site.PagesAuto), Usage: "a page and RDF documents per record in the release's site: auto (up to 10000 records), all, none"},
		}, policyFlags()...),
		Action: func(c *cli.Context) error {
			opts := releaseOptions{
				Sources: sourcesOf(c), OutDir: c.String("out"), Version: c.String("version"),
				Force: c.Bool("force"), BaseIRI: c.String("base-iri"),
				Latest: c.Bool("latest"), Wait: c.Duration("wait"),
				Stdout: c.App.Writer, Stderr: c.App.ErrWriter,
			}
			if c.IsSet("version") && opts.Version == "" {
				return usagef("--version is empty: give a version, or leave the flag out to use the release date")
			}
			if opts.Wait < 0 {
				return usagef("--wait %s is negative", opts.Wait)
			}
			var err error
			if opts.Policy, err = policyOf(c); err != nil {
				return err
			}
			date, err := releaseDate(c.String("date"), os.Getenv("SOURCE_DATE_EPOCH"), time.Now())
			if err != nil {
				return err
			}
			opts.Date = date
			if opts.Version == "" {
				opts.Version = date
			}
			if !release.ValidVersion(opts.Version) {
				return usagef("--version %q is not a safe folder name: use letters, digits, '.', '_' and '-' (no '/', '..' or spaces)", opts.Version)
			}
			pages, err := site.ParsePages(c.String("site-pages"))
			if err != nil {
				return usagef("--site-pages: %v", err)
			}
			opts.Site.Pages = pages
			if opts.BaseIRI != "" && (!schema.IsWebURL(opts.BaseIRI) || !strings.HasSuffix(opts.BaseIRI, "/")) {
				return usagef("--base-iri %q must be an http(s) IRI ending in '/'", opts.BaseIRI)
			}
			return runRelease(c.Context, opts)
		},
	}
}

// releaseDate picks the release date: the flag, else SOURCE_DATE_EPOCH
// (https://reproducible-builds.org/specs/source-date-epoch/), else today.
func releaseDate(flag, epoch string, now time.Time) (string, error) {
	switch {
	case flag != "":
		if t, err := time.Parse(time.DateOnly, flag); err != nil || t.Format(time.DateOnly) != flag {
			return "", usagef("--date %q is not a date: write YYYY-MM-DD", flag)
		}
		return flag, nil
	case epoch != "":
		secs, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil || secs < 0 {
			return "", usagef("SOURCE_DATE_EPOCH %q is not a number of seconds since 1970", epoch)
		}
		return time.Unix(secs, 0).UTC().Format(time.DateOnly), nil
	}
	return now.UTC().Format(time.DateOnly), nil
}

func runRelease(ctx context.Context, opts releaseOptions) error {
	// The plan of the release's copy of its sources notes each file
	// before it is read, so that a file changed meanwhile is not published
	// as the one the records were read from.
	inputs, err := source.Find(opts.Sources)
	if err != nil {
		return err
	}
	sources, err := sourcecopy.Plan(inputs)
	if err != nil {
		return err
	}
	// The version is claimed before the sources are read: a version that
	// exists or that another run is writing is refused at once, and the
	// records are kept in a store on disk in the release's temporary
	// folder while they are read and written, not in memory.
	draft, err := release.Begin(ctx, opts.Version, release.Options{
		OutDir: opts.OutDir, Force: opts.Force, LeaveLatest: !opts.Latest,
		Wait: max(opts.Wait, time.Nanosecond), Log: opts.Stderr,
	})
	if err != nil {
		return err
	}
	defer draft.Abort()
	scratch, err := draft.Scratch()
	if err != nil {
		return err
	}
	ds, err := loadSources(ctx, opts.Sources, scratch)
	if err != nil {
		return err
	}
	defer ds.Close()
	// Every published locator names the release's copy of its sources,
	// relative to their folder, whatever path the user typed; so do the
	// changes since the previous release.
	if err := sources.Relocate(ds.Records); err != nil {
		return err
	}
	earlier, skipped, err := series.List(opts.OutDir)
	if err != nil {
		return err
	}
	previous := series.Previous(earlier, opts.Version, opts.Date)
	prevDir := ""
	if previous != "" {
		prevDir = filepath.Join(opts.OutDir, previous)
	}
	sincePrev, ps, err := history(ctx, opts.OutDir, prevDir, opts.Version, ds.Records)
	if err != nil {
		return err
	}
	ds.Problems = append(ds.Problems, ps...)
	ds.Problems.Sort()
	// Every problem, the changes' too, through the one policy.
	reported := opts.Policy.Apply(ds.Problems)
	for _, p := range reported.Problems {
		fmt.Fprintln(opts.Stderr, report.Line(p))
	}
	if n := reported.Failed(); n > 0 {
		fmt.Fprintf(opts.Stderr, "%s; nothing was published\n", reported.Summary(ds.Records.Len()))
		return &dataError{errors: n}
	}
	if ds.Inputs.Metadata == "" {
		return fmt.Errorf("no %s in %s: a release needs the dataset metadata (title, publisher, licence, base IRI)", source.MetadataFile, strings.Join(opts.Sources, ", "))
	}
	if opts.BaseIRI != "" {
		ds.Meta.BaseIRI = opts.BaseIRI
	}
	rel := &schema.Release{
		Meta: ds.Meta, Version: opts.Version, Date: opts.Date, Records: ds.Records,
		Previous: previous,
		Tool:     version.Get().String(),
	}
	if sincePrev != nil {
		// The catalogue's adms:versionNotes: what a portal shows of the
		// release's history, the counts CHANGES.md details.
		rel.VersionNotes = fmt.Sprintf("Release %s: %d records; %s (see CHANGES.md).", rel.Version, rel.Records.Len(), sincePrev.Summary())
		fmt.Fprintln(opts.Stdout, sincePrev.Summary())
	} else {
		fmt.Fprintf(opts.Stdout, "first release in %s: no earlier release to compare with\n", opts.OutDir)
	}
	// The site comes last: its landing page shows the files the additions
	// before it wrote (the sources, the changes).
	res, err := draft.Publish(ctx, rel,
		release.Addition{Name: "sources", Write: sources.Write},
		release.Addition{Name: "inbound index", Write: lookup.WriteInbound}, // for serve on large releases
		release.Addition{Name: "hosting rules", Write: hosting.Write},
		changes.Addition(sincePrev, prevDir),
		site.Addition(opts.Site),
	)
	// A release published whose latest link could not be updated is whole:
	// failing the run would make a retry say it exists. It gets a warning.
	var latestErr *release.LatestError
	if err != nil && !errors.As(err, &latestErr) {
		return err
	}
	// The series catalogue is rewritten under the output folder's lock, so
	// that two runs do not write it from different lists of releases. The
	// release is published whatever happens to it: a failure is a warning
	// (the next release rewrites it), as for latest.
	skipped, serr := series.Write(ctx, opts.OutDir, max(opts.Wait, time.Nanosecond))
	if serr != nil {
		fmt.Fprintf(opts.Stderr, "bordernet: warning: the release is published, but the series catalogue was not rewritten: %v\n", serr)
	}
	for _, s := range skipped {
		fmt.Fprintf(opts.Stderr, "%s: warning: not in the series catalogue: %s\n", s.Dir, s.Reason)
	}
	fmt.Fprintf(opts.Stdout, "published %s: %d records, %d triples\n", res.Dir, res.Records, res.Triples)
	var total int64
	for _, f := range res.Files {
		fmt.Fprintf(opts.Stdout, "%10d  %s\n", f.Size, f.Name)
		total += f.Size
	}
	if latestErr != nil {
		fmt.Fprintf(opts.Stderr, "bordernet: warning: %v\n", err)
	}
	_, err = fmt.Fprintf(opts.Stdout, "%10d  total, %d files\n", total, len(res.Files))
	return err
}
