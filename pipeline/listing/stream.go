package listing

import (
	"context"
	"errors"
	"io"
	"slices"

	"github.com/bordernet/bordernet/schema"
)

// Reading a listing as a stream holds neither its whole text nor every
// entry: two passes over the file, each reading it a window of units at a
// time.
//
// The parser's rules look at a unit and the two after it (is a short line
// a heading, is a title described) and at the entry being read (does a
// paragraph continue it), with four exceptions, which the first pass
// works out: the usual number of blank lines between units (modal), the
// last unit that is short or a paragraph leading with a name (from which
// on paragraphs may be closing remarks), the first section heading
// (before it, a short line no paragraph follows is intro) and the number
// of units (the last may be a closing remark). The first pass keeps a
// tally of spacings and a few indexes, and weighs short lines as headings
// only until one is a heading whatever the spacing.
//
// The second pass reads the file again and parses each window of units
// with the facts of the first, as Read parses the whole listing. At the
// end of a window the entries before the last are complete: they make
// their records, at once on every core, which go to the caller, and are
// let go. The last entry, which later paragraphs may describe, waits with
// its units for the next window.

// lookahead is how many units after a unit the parser's rules read.
const lookahead = 2

// streamOptions are options, and the size of the windows a stream reads.
type streamOptions struct {
	options
	window      int // units a window holds at most
	windowBytes int // text, in bytes, after which a window ends
	lineBuffer  int // lines read at a time
}

func defaultStreamOptions() streamOptions {
	o := streamOptions{options: defaultOptions(), window: 4096, windowBytes: 4 << 20, lineBuffer: 8192}
	// A window's units and entries are a few thousand: worth sharing
	// among the workers, whose start costs microseconds.
	o.minWork = 256
	return o
}

// ErrChanged is the error of a stream whose listing changed between its
// two readings.
var ErrChanged = errors.New("the listing changed while it was read: read it again once it is written")

// Stream reads the listing at path as ReadFile does and hands its records
// to each, in listing order, in batches as the reading goes. The batch
// slice is reused after each returns; the records' strings and slices may
// be kept. An error from each stops the reading and is returned. Problems
// are returned at the end, sorted, the same as ReadFile's.
//
// Input that is not a listing is the same *ParseError ReadFile gives,
// before any batch: the file is read twice, first for the few facts about
// the whole listing its rules need (see stream.go), then for the records,
// a window of a few thousand units at a time. Memory holds a window or
// two of text, the records of one batch and a few bytes per file, not the
// listing. Should the file change between the two readings the error
// wraps ErrChanged, and the batches handed out are not to be used.
//
// The records' strings share the blocks of text the reading made (a
// megabyte each at most): a caller keeping a few strings of most records,
// their acronyms say, while letting the records go, keeps the whole text
// alive unless it copies them (strings.Clone). A listing on standard input
// is not a file that can be read twice: read it with Read.
func Stream(path string, each func(batch []schema.Record) error) (schema.Problems, error) {
	return StreamContext(context.Background(), path, each)
}

// StreamContext is Stream, stopping with ctx's error when ctx is done
// (checked between windows).
func StreamContext(ctx context.Context, path string, each func(batch []schema.Record) error) (schema.Problems, error) {
	return streamFile(ctx, path, each, defaultStreamOptions())
}

func streamFile(ctx context.Context, path string, each func([]schema.Record) error, o streamOptions) (schema.Problems, error) {
	f, name, err := openListing(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	facts, err := survey(ctx, f, name, o)
	if err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, &ParseError{File: name, Err: err}
	}
	ps, err := streamRecords(ctx, f, name, facts, o, each)
	if err != nil {
		return nil, err
	}
	if after, err := f.Stat(); err != nil || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		return nil, &ParseError{File: name, Err: ErrChanged}
	}
	return ps, nil
}

// listingFacts are what the rules need to know of the whole listing,
// from the first reading (see survey), and what reading it gave.
type listingFacts struct {
	titleLine    int // the listing title's line
	units        int // units after the title
	lines        int // physical lines
	modal        int
	closingFrom  int
	firstHeading int
	ps           schema.Problems // what reading the lines found
}

// survey reads a listing for its facts (see listingFacts).
func survey(ctx context.Context, r io.Reader, file string, o streamOptions) (listingFacts, error) {
	var (
		spacing   blankTally
		lastShort = -1 // the last short unit
		lastLead  = -1 // the last paragraph leading with a name after it
		// The first unit that is a heading whatever the spacing, and
		// before it, by number of blank lines before, the first that is a
		// heading if that number is more than the usual.
		headingAnyway  = -1
		headingIfSpace map[int32]int
	)
	p := &parser{file: file, opts: o.options}
	end, err := readWindows(ctx, r, file, o, func(units []unit, base, from, to int) error {
		p.units, p.base = units, base
		for i := from; i < to; i++ {
			u := p.unit(i)
			if i > 0 {
				spacing.add(u.blanks)
			}
			if !u.short {
				continue
			}
			lastShort = i
			if headingAnyway >= 0 {
				continue
			}
			switch score := p.headingScore(i); {
			case score >= 2:
				headingAnyway = i
			case score+spacingSign >= 2 && u.blanks >= 2:
				if headingIfSpace == nil {
					headingIfSpace = map[int32]int{}
				}
				if _, ok := headingIfSpace[u.blanks]; !ok {
					headingIfSpace[u.blanks] = i
				}
			}
		}
		// Only paragraphs after the last short unit can be the last
		// leading with a name that matters: most windows have one.
		for i := max(from, lastShort+1); i < to; i++ {
			if leadName(p.unit(i).text).ok {
				lastLead = i
			}
		}
		return nil
	})
	if err != nil {
		return listingFacts{}, err
	}
	facts := listingFacts{
		titleLine: end.titleLine, units: end.units, lines: end.lines, ps: end.ps,
		modal: spacing.modal(), closingFrom: max(lastShort, lastLead), firstHeading: headingAnyway,
	}
	for blanks, i := range headingIfSpace {
		if int(blanks) > facts.modal && (facts.firstHeading < 0 || i < facts.firstHeading) {
			facts.firstHeading = i
		}
	}
	return facts, nil
}

// streamRecords reads a listing again, with its facts, into records
// handed to each a batch at a time, and returns the problems.
func streamRecords(ctx context.Context, r io.Reader, file string, facts listingFacts, o streamOptions, each func([]schema.Record) error) (schema.Problems, error) {
	var ps schema.Problems
	p := &parser{
		file: file, ps: &ps, opts: o.options, n: facts.units, modal: facts.modal,
		closingFrom: facts.closingFrom, firstHeading: facts.firstHeading, intro: true,
	}
	makers := make([]recordMaker, o.workers)
	var batch []schema.Record
	// flush makes the records of the complete entries, all but the last
	// unless the listing is read, and hands them to each.
	flush := func(all bool) error {
		k := len(p.entries)
		if !all && p.last != nil {
			k-- // p.last is p.entries' last: add made it so
		}
		if k <= 0 {
			return nil
		}
		batch = slices.Grow(batch[:0], k)[:k]
		clear(batch)
		p.records(batch, makers)
		rest := copy(p.entries, p.entries[k:])
		clear(p.entries[rest:])
		p.entries = p.entries[:rest]
		return each(batch)
	}
	end, err := readWindows(ctx, r, file, o, func(units []unit, base, from, to int) error {
		p.units, p.base = units, base
		p.heading = slices.Grow(p.heading[:0], len(units))[:len(units)]
		p.leads = slices.Grow(p.leads[:0], len(units))[:len(units)]
		clear(p.heading)
		clear(p.leads)
		p.classify(from, to)
		for i := from; i < to; i++ {
			p.step(i)
		}
		return flush(false)
	})
	if err != nil {
		return nil, err
	}
	if end.units != facts.units || end.lines != facts.lines || end.titleLine != facts.titleLine {
		return nil, &ParseError{File: file, Err: ErrChanged}
	}
	p.units = nil
	p.finish(facts.titleLine)
	if err := flush(true); err != nil {
		return nil, err
	}
	for i := range makers {
		ps = append(ps, makers[i].ps...)
	}
	ps = append(ps, facts.ps...)
	ps.Sort()
	return ps, nil
}

// readEnd is what reading a listing's units gave besides them.
type readEnd struct {
	titleLine int // the listing title's line
	units     int // units after the title
	lines     int // physical lines
	ps        schema.Problems
}

// readWindows reads the units of a listing a window at a time, on a
// goroutine of its own, and calls do with each: units[from-base:to-base]
// are units from to to of the listing, new to do, and units beyond them
// (lookahead of them, fewer at the end) are there to be looked at, and
// come again as new in the next call. An error from do or ctx stops the
// reading and is returned.
func readWindows(ctx context.Context, r io.Reader, file string, o streamOptions, do func(units []unit, base, from, to int) error) (readEnd, error) {
	windows := make(chan []unit, 2)
	stop := make(chan struct{})
	var (
		end     readEnd
		readErr error
	)
	go func() {
		defer close(windows)
		end, readErr = readUnits(r, file, o, func(w []unit) bool {
			select {
			case windows <- w:
				return true
			case <-stop:
				return false
			}
		})
	}()
	var (
		doErr error
		carry []unit // units looked at but not yet done
		base  int    // the listing's index of carry[0]
	)
	for w := range windows {
		if doErr != nil {
			continue // the reader is stopping
		}
		if doErr = ctx.Err(); doErr != nil {
			close(stop)
			continue
		}
		units := make([]unit, 0, len(carry)+len(w))
		units = append(append(units, carry...), w...)
		if len(units) <= lookahead {
			carry = units
			continue
		}
		to := base + len(units) - lookahead
		if doErr = do(units, base, base, to); doErr != nil {
			close(stop)
			continue
		}
		carry, base = units[len(units)-lookahead:], to
	}
	switch {
	case doErr != nil:
		return readEnd{}, doErr
	case readErr != nil:
		return readEnd{}, readErr
	case len(carry) > 0:
		if err := do(carry, base, base, base+len(carry)); err != nil {
			return readEnd{}, err
		}
	}
	return end, nil
}

// errStopped is readUnits' error when send refuses a window.
var errStopped = errors.New("stopped")

// readUnits reads the units of a listing, after its title, and sends
// them a window at a time; the windows are not used again. It stops when
// send returns false.
func readUnits(r io.Reader, file string, o streamOptions, send func([]unit) bool) (readEnd, error) {
	var end readEnd
	lr, err := newLineReader(r, file, true)
	if err != nil {
		return end, err
	}
	var (
		lines    = make([]line, 0, o.lineBuffer)
		start    = -1 // the first line not yet in a unit; -1 before the title
		out      []unit
		outBytes int // text of out's units
	)
	for {
		var done bool
		lines, done, err = lr.appendLines(lines, cap(lines)-len(lines))
		if err != nil {
			return end, err
		}
		if start < 0 && len(lines) > 0 {
			end.titleLine, start = lines[0].n, 1
		}
		if start < 0 {
			if done {
				return end, &ParseError{File: file, Err: ErrEmpty}
			}
			continue
		}
		// Every block but the last is complete: a rule may underline
		// its last line yet, or more lines follow. At the end, all are.
		complete := len(lines)
		if !done {
			for complete--; complete > start && lines[complete].blanks == 0; complete-- {
			}
		}
		if complete > start {
			first := len(out)
			out = appendUnits(out, lines[start:complete:complete], lr.arena.chunks())
			for _, u := range out[first:] {
				outBytes += len(u.text)
			}
			start = complete
		}
		for len(out) >= o.window || len(out) > 0 && (done || outBytes >= o.windowBytes) {
			k := min(len(out), o.window)
			if !send(out[:k:k]) {
				return end, errStopped
			}
			end.units += k
			out = out[k:]
		}
		if len(out) == 0 {
			outBytes = 0
		}
		if done {
			break
		}
		if len(lines) == cap(lines) {
			// A new buffer for the lines to come, starting with the
			// block being read: the units made keep the old one.
			pending := lines[start:]
			next := make([]line, len(pending), max(o.lineBuffer, 2*len(pending)))
			copy(next, pending)
			lines, start = next, 0
		}
		// The text of the lines not yet in a unit is all that is needed
		// of the text read.
		keep := lr.arena.current()
		if start < len(lines) {
			keep = lines[start].chunk
		}
		lr.arena.release(keep)
	}
	end.lines, end.ps = lr.n, lr.ps
	return end, nil
}
