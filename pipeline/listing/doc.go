// Package listing owns reading the hand-written listing, the dataset's
// primary source, into []schema.Record, every value with the file line it
// came from.
//
// # The format
//
// A listing is plain text as people write it:
//
//	Networks in the field of border and migration      ← listing title
//
//	The following listing ... Feedback is welcome!     ← intro (not records)
//
//	EU-focused Networks:                               ← section heading
//
//	European Legal Network on Asylum (ELENA)           ← entry title
//
//	The European Legal Network on Asylum (ELENA) is …  ← description
//
//	SIRENE Contact Persons (SIRCOP)                    ← entry, no description
//
//	eu-LISA, the European Agency for …, is called to … ← untitled entry
//
// The first line with text is the listing's title; the intro follows.
// After that, a short line (no sentence-ending punctuation, at most 30
// words) is a section heading or an entry title, and a paragraph is a
// description, an untitled entry or a closing remark.
//
// Headings and titles are told apart by weighing signs, since headings are
// written with or without a colon and in any wording (see
// parser.isHeading): for a heading, a trailing colon, a Markdown mark or an
// underline, a plural group word ("Networks", "Actors & Agencies"),
// sentence case or capitals, extra blank lines before it, and the shape
// heading → title line → paragraph; for a title, a bracketed acronym, a body
// noun at the end ("... Network", "... Office"), a paragraph right after it.
// A title followed by another title or a heading is an entry without
// description.
//
// Before the first heading or entry, paragraphs are intro, and so are,
// with a warning, short lines in sentence case ("Work in progress") and, in
// a listing with headings, short lines no paragraph follows ("Version 3,
// May 2024").
//
// A paragraph after a title line is its description, unless it leads with
// the name of another body. A paragraph after a description starts an
// untitled entry when it leads with a new name ("eu-LISA, the European
// Agency for ..., is ..."; "The Prague Process (PP) is ..."; "Salzburg
// Forum: a Central European security partnership ...", where the
// description starts after the colon or dash); otherwise it continues the
// description (paragraphs are joined by a blank line). At the end of the
// listing, a paragraph that exclaims or asks ("Feedback is welcome!"),
// gives an address, or follows a description as one short sentence is a
// closing remark and is left out.
//
// # Normalisation
//
// Line breaks may be LF, CR LF or CR, the last line needs none, and a UTF-8
// byte order mark is dropped. Every kind of space (tab, no-break space, the
// typographic spaces) becomes one ASCII space, runs of spaces collapse and
// lines are trimmed; zero-width spaces, soft hyphens and stray BOMs vanish.
// The marks typed as an apostrophe or single quote (´ ’ ‘ ` ʼ ′) become the
// ASCII apostrophe, which is what the published text uses. Other non-ASCII
// letters (é, ü) are kept, in NFC. Lines of decoration only ("-----",
// "* * *") count as blank. List bullets, numbering ("1.", "IV.", "b)") and
// Markdown heading marks are taken off short lines.
//
// # Fields
//
//   - name and acronym come from the title: a bracketed acronym or short
//     name at the end or in the middle is the acronym and leaves the name
//     ("Immigration Liaison Officers' (ILO) Network" → "Immigration Liaison
//     Officers' Network", "ILO"; "(Frontex)" → acronym "Frontex");
//     "(formerly EASO)" and other bracketed names are alt_names, and one
//     bracket may hold several ("(EUAA, formerly EASO)"); brackets holding
//     anything else ("(2004)", "(informal)") stay in the name. "ACR –
//     Name" splits too.
//   - A title that is a short name alone before a bracketed name, "SHORT
//     (LONG)", is the acronym and name the other way round: "EUAA
//     (European Union Agency for Asylum)" → name "European Union Agency
//     for Asylum", acronym "EUAA"; "Europol (European Union Agency for Law
//     Enforcement Cooperation)" → acronym "Europol". SHORT is all of the
//     title outside the brackets (a web address in brackets aside) and one
//     token of letters, digits and hyphens starting with a letter ("EUAA",
//     "Europol", "eu-LISA"). LONG is the only such bracket and holds one
//     name: three words or more, starting with a capital, with capitals on
//     three quarters of its significant words, no ",", ";" or "/", and not
//     an alias, opening with "formerly", "previously", "former", "also",
//     "now", "aka", "until", "since", "later", "known", "renamed", "today",
//     "currently", "originally", "then", "ex", "see" or "or". Anything else
//     keeps the reading above: "EUAA (formerly EASO)", "Salzburg Forum
//     (Forum Salzburg)", "EUAA (European Agency, formerly EASO)" (names in
//     brackets are alt_names), "EUAA (Asylum Agency)" (two words:
//     alt_names).
//   - "SHORT – LONG" (or "—", " - ", ": ") splits as "ACR – Name" does
//     when SHORT is a one-token short name in mixed case ("Frontex",
//     "eu-LISA") and LONG a capitalised name of two significant words or
//     more, but only when the entry's description uses SHORT, exactly as
//     written, as the body's name: a sentence of it opens with SHORT, after
//     "The" or not, and SHORT is not joined to another name ("Frontex
//     supports ...", "Frontex, the agency, ..."; not "Europe and ...",
//     "Europe – ...", "Europe, Africa and ..."), or SHORT stands in
//     brackets ("... Coast Guard Agency (Frontex) ..."). SHORT met
//     elsewhere in the description does not count: "Europe – Africa
//     Dialogue on Migration", described as bringing together "countries of
//     Europe and Africa", stays one name. "Frontex – European Border and
//     Coast Guard Agency" with "Frontex supports ..." → name "European
//     Border and Coast Guard Agency", acronym "Frontex", id "frontex"; both
//     positions are the title line. Once the description read so far has
//     made SHORT the acronym, a later paragraph leading with SHORT
//     ("Frontex, the European Border ..., was ...") continues it, as one
//     leading with the entry's acronym does, rather than making a second
//     "frontex".
//   - website is a web address in a title's brackets ("(https://...)"). With no acronym in the title, the first word in
//     capitals in the description whose letters are the initials of the name
//     is the acronym ("The EPN is" for European Patrols Network); other
//     capitals ("MS" for Member States) are not. A title that is an acronym
//     alone takes its name from the description's "Full Name (ACR)".
//   - id is Slug of the acronym, or of the name when there is none.
//   - kind comes from the section heading's words: network(s) → network;
//     forum(s), fora, conference(s), process(es), dialogue(s) → forum;
//     agency/agencies, actor(s), office(s), body/bodies, institution(s),
//     authority/authorities, organisation(s) → agency. A heading naming
//     several kinds lets the title's head noun choose among them; a heading
//     naming none (or no heading) leaves it to the title's head noun
//     ("European Asylum Support Office" → agency); the default is network.
//   - scope comes from the heading: "non-EU", "wider", "regional",
//     "international" or "intergovernmental" → other-european; a heading
//     naming the EU → eu-focused; "other" or "European" without the EU →
//     other-european; anything else, and no heading, → eu-focused.
//   - description is the paragraph(s) under the title, or the whole untitled
//     paragraph; description_lang is left empty: the listing is in the
//     dataset's language (dataset.json), which the release uses.
//
// Positions: Origin and id are the title line (the first line of an
// untitled paragraph); name and acronym the title line, or the description
// line an acronym or name was found on; description the first line of
// the description; kind and scope the heading line (the
// title line when the title's words gave the kind).
//
// # Errors and problems
//
// Input that is not a listing (an empty file, binary data, invalid UTF-8, a
// line over 1 MiB, a directory, a file that cannot be read) is a
// *ParseError naming the file and line, wrapping a sentinel error. What is
// odd about the data (a paragraph no entry can take, a section without
// entries, a control character) is a warning in the returned
// schema.Problems; reading goes on. An entry with no description is not
// reported here: schema.Validator warns about it at the title line, after
// curator workbooks have had their chance to add one.
//
// # Large listings
//
// A listing of a million entries (560 MB) is read in a few seconds: lines
// are normalised into a few large blocks of text that the records' values
// share, words are tested without allocating, and ReadFile reads a large
// file in parts at once, split at blank lines, on every core. The result is
// the same as reading line after line (see parallel.go).
//
// ReadFile holds the whole listing, its text and every record, at once.
// Stream gives the same records, problems and errors in batches, holding
// a window of a few thousand units instead (tens of megabytes for any
// size): it reads the file twice, first for the four facts the rules need
// of the whole listing (the usual spacing, where closing text may begin,
// the first heading, the number of units), in parts at once, then a
// window at a time, making the records of the entries a window completes
// on every core (see stream.go).
package listing
