package listing

import (
	"context"
	"errors"
	"io"
	"slices"
	"sync"

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
	o := streamOptions{options: defaultOptions(), window: 2048, windowBytes: 2 << 20, lineBuffer: 4096}
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
	facts, err := survey(ctx, f, before.Size(), name, o)
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

// survey reads a listing of size bytes for its facts: a large one in
// parts at once, as ReadFile reads it, else as a whole.
func survey(ctx context.Context, f io.ReaderAt, size int64, file string, o streamOptions) (listingFacts, error) {
	if o.workers > 1 && size >= 2*o.minPart {
		if bounds := splitPoints(f, size, o.maxParts, o.minPart); len(bounds) >= 3 {
			facts, ok, err := surveyParts(ctx, f, bounds, file, o)
			if ok || err != nil {
				return facts, err
			}
		}
	}
	pf, err := surveyPart(ctx, io.NewSectionReader(f, 0, size), file, o, true, true)
	if err != nil {
		return listingFacts{}, err
	}
	return combine([]partFacts{pf}), nil
}

// partFacts are the facts of a stretch of a listing: all of it, or one of
// the parts a large file is surveyed in at once, which begin with a blank
// line. Indexes count from the stretch's first unit, line numbers from its
// first line.
type partFacts struct {
	end readEnd
	// spacing counts the blank lines before each unit but the first,
	// whose blank lines may have begun in the part before.
	spacing     blankTally
	firstBlanks int32
	// firstIfSpace is set when the first unit is a heading if it has two
	// or more blank lines before it, more than usual.
	firstIfSpace bool
	lastShort    int // the last short unit
	lastLead     int // the last paragraph that leads with a name after it
	// headingAnyway is the first unit that is a heading whatever the
	// spacing, and headingIfSpace, by number of blank lines before, the
	// first (but the stretch's first unit) before it that is a heading if
	// that number is more than usual.
	headingAnyway  int
	headingIfSpace map[int32]int
	// head are the first units, and tail the last ones, from tailFrom
	// on, not weighed as headings for want of the units after them, in
	// the next part, when the stretch has no heading and is not the
	// listing's end.
	head     []unit
	tail     []unit
	tailFrom int
}

// surveyPart reads a stretch of a listing for its facts. head says it
// starts the file, atEnd that it ends it.
func surveyPart(ctx context.Context, r io.Reader, file string, o streamOptions, head, atEnd bool) (partFacts, error) {
	pf := partFacts{lastShort: -1, lastLead: -1, headingAnyway: -1}
	p := &parser{file: file, opts: o.options}
	end, err := readWindows(ctx, r, file, o, head, func(units []unit, base, from, to int, last bool) error {
		p.units, p.base = units, base
		if from == 0 {
			pf.head = slices.Clone(units[:min(len(units), lookahead)])
		}
		weigh := !last || atEnd // the units after these are there to look at
		if !weigh && pf.headingAnyway < 0 {
			pf.tail, pf.tailFrom = slices.Clone(units[from-base:to-base]), from
		}
		for i := from; i < to; i++ {
			u := p.unit(i)
			if i == 0 {
				pf.firstBlanks = u.blanks
			} else {
				pf.spacing.add(u.blanks)
			}
			if !u.short {
				continue
			}
			pf.lastShort = i
			if pf.headingAnyway >= 0 || !weigh {
				continue
			}
			switch score := p.headingScore(i); {
			case score >= 2:
				pf.headingAnyway = i
			case score+spacingSign < 2:
			case i == 0:
				pf.firstIfSpace = true
			case u.blanks >= 2:
				if pf.headingIfSpace == nil {
					pf.headingIfSpace = map[int32]int{}
				}
				if _, ok := pf.headingIfSpace[u.blanks]; !ok {
					pf.headingIfSpace[u.blanks] = i
				}
			}
		}
		// Only paragraphs after the last short unit can be the last
		// leading with a name that matters: most windows have one.
		for i := max(from, pf.lastShort+1); i < to; i++ {
			if leadName(p.unit(i).text).ok {
				pf.lastLead = i
			}
		}
		return nil
	})
	pf.end = end
	return pf, err
}

// surveyParts surveys a listing in the parts between bounds at once. No
// facts and no error mean it is better read whole: its first part has no
// title, or a part is too short to weigh the units at its edges.
func surveyParts(ctx context.Context, ra io.ReaderAt, bounds []int64, file string, o streamOptions) (listingFacts, bool, error) {
	// The start of the file is checked as a whole, as reading it in order
	// checks it before any line, even when the first part is shorter.
	start := make([]byte, min(bounds[len(bounds)-1], int64(sniffBytes)))
	read, err := ra.ReadAt(start, 0)
	if err := sniff(start[:read], err, file); err != nil {
		return listingFacts{}, false, err
	}
	parts := make([]partFacts, len(bounds)-1)
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for i := range parts {
		wg.Go(func() {
			r := io.NewSectionReader(ra, bounds[i], bounds[i+1]-bounds[i])
			parts[i], errs[i] = surveyPart(ctx, r, file, o, i == 0, i == len(parts)-1)
		})
	}
	wg.Wait()
	if errors.Is(errs[0], ErrEmpty) {
		return listingFacts{}, false, nil // the title is further on
	}
	// The first error in the file is the error.
	shift := 0
	for i, pf := range parts {
		if err := errs[i]; err != nil {
			if pe, ok := err.(*ParseError); ok && pe.Line > 0 {
				pe.Line += shift
			}
			return listingFacts{}, false, err
		}
		shift += pf.end.lines
	}
	for _, pf := range parts {
		if pf.end.units <= lookahead {
			return listingFacts{}, false, nil
		}
	}
	return combine(parts), true, nil
}

// combine makes the facts of a listing from those of its parts, in order.
func combine(parts []partFacts) listingFacts {
	facts := listingFacts{titleLine: parts[0].end.titleLine, closingFrom: -1, firstHeading: -1}
	var (
		spacing blankTally
		ifSpace = map[int32]int{} // as partFacts.headingIfSpace, for the listing
		carry   int32             // blank lines at the end of the parts before
	)
	heading := func(i int) {
		if facts.firstHeading < 0 || i < facts.firstHeading {
			facts.firstHeading = i
		}
	}
	headingIfSpace := func(blanks int32, i int) {
		if j, ok := ifSpace[blanks]; !ok || i < j {
			ifSpace[blanks] = i
		}
	}
	for k, pf := range parts {
		base := facts.units
		blanks := pf.firstBlanks
		if k > 0 {
			blanks += carry
			spacing.add(blanks)
		}
		carry = pf.end.trail // every part has units (see surveyParts)
		spacing.merge(&pf.spacing)
		if pf.firstIfSpace && blanks >= 2 {
			headingIfSpace(blanks, base)
		}
		for b, i := range pf.headingIfSpace {
			headingIfSpace(b, base+i)
		}
		if pf.headingAnyway >= 0 {
			heading(base + pf.headingAnyway)
		}
		for _, i := range []int{pf.lastShort, pf.lastLead} {
			if i >= 0 {
				facts.closingFrom = max(facts.closingFrom, base+i)
			}
		}
		if len(pf.tail) > 0 && k+1 < len(parts) {
			// The last units of the part, weighed with the first of the next.
			p := &parser{units: append(slices.Clone(pf.tail), parts[k+1].head...), base: base + pf.tailFrom}
			for i := p.base; i < p.base+len(pf.tail); i++ {
				if u := p.unit(i); u.short {
					switch score := p.headingScore(i); {
					case score >= 2:
						heading(i)
					case score+spacingSign >= 2 && u.blanks >= 2:
						headingIfSpace(u.blanks, i)
					}
				}
			}
		}
		for _, pr := range pf.end.ps {
			pr.Pos.Line += facts.lines
			facts.ps = append(facts.ps, pr)
		}
		facts.units += pf.end.units
		facts.lines += pf.end.lines
	}
	facts.modal = spacing.modal()
	for blanks, i := range ifSpace {
		if int(blanks) > facts.modal {
			heading(i)
		}
	}
	return facts
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
	end, err := readWindows(ctx, r, file, o, true, func(units []unit, base, from, to int, _ bool) error {
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
	titleLine int   // the listing title's line
	units     int   // units after the title
	lines     int   // physical lines
	trail     int32 // blank lines after the last line with text
	ps        schema.Problems
}

// readWindows reads the units of a listing a window at a time, on a
// goroutine of its own, and calls do with each: units[from-base:to-base]
// are units from to to of the listing, new to do, and units beyond them
// (lookahead of them) are there to be looked at, and come again as new in
// the next call; in the last call, there are none. An error from do or
// ctx stops the reading and is returned. head says r starts the file (see
// readUnits).
func readWindows(ctx context.Context, r io.Reader, file string, o streamOptions, head bool, do func(units []unit, base, from, to int, last bool) error) (readEnd, error) {
	windows := make(chan []unit, 2)
	stop := make(chan struct{})
	var (
		end     readEnd
		readErr error
	)
	go func() {
		defer close(windows)
		end, readErr = readUnits(r, file, o, head, func(w []unit) bool {
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
		if doErr = do(units, base, base, to, false); doErr != nil {
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
		if err := do(carry, base, base, base+len(carry), true); err != nil {
			return readEnd{}, err
		}
	}
	return end, nil
}

// errStopped is readUnits' error when send refuses a window.
var errStopped = errors.New("stopped")

// readUnits reads the units of a listing and sends them a window at a
// time; the windows are not used again. It stops when send returns false.
// head says r starts the file: its start is checked (see sniff), and its
// first line is the listing's title, not a unit; otherwise r is one of the
// parts a large file is read in (see splitPoints).
func readUnits(r io.Reader, file string, o streamOptions, head bool, send func([]unit) bool) (readEnd, error) {
	var end readEnd
	lr, err := newLineReader(r, file, head)
	if err != nil {
		return end, err
	}
	var (
		lines    = make([]line, 0, o.lineBuffer)
		start    = 0 // the first line not yet in a unit; -1 before the title
		out      []unit
		outBytes int // text of out's units
	)
	if head {
		start = -1
	}
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
	end.lines, end.trail, end.ps = lr.n, lr.blanks, lr.ps
	return end, nil
}
