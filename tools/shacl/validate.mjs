#!/usr/bin/env node
// validate.mjs: bordernet's SHACL judge. It validates one RDF file (Turtle,
// N-Triples by the .nt extension, or JSON-LD by .jsonld) against SHACL shape
// files with rdf-validate-shacl, an engine independent of bordernet's Go
// code, and prints every validation result.
//
// Usage: node validate.mjs DATA.ttl SHAPES.ttl [SHAPES.ttl...]
//
// Exit status: 0 when there is no sh:Violation (warnings and infos are
// printed but allowed, as the EU DCAT-AP validator treats them), 1 when there
// is at least one sh:Violation, 2 when a file cannot be read or parsed or the
// usage is wrong. The last line of the output is always a summary, so a
// caller can tell "no results" from "never ran".
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { Parser } from 'n3';
import jsonld from 'jsonld';
import SHACLValidator from 'rdf-validate-shacl';
import factory from 'rdf-validate-shacl/src/defaultEnv.js';

const SH = 'http://www.w3.org/ns/shacl#';

function usage(msg) {
  if (msg) console.error(`validate.mjs: ${msg}`);
  console.error('usage: node validate.mjs DATA.ttl SHAPES.ttl [SHAPES.ttl...]');
  process.exit(2);
}

// parse reads a Turtle, N-Triples or JSON-LD file into quads. Relative IRIs
// resolve against the file's own URL, as rapper and serdi do.
async function parse(file) {
  const text = await readFile(file, 'utf8');
  const base = pathToFileURL(path.resolve(file)).href;
  if (file.endsWith('.jsonld')) return parseJSONLD(file, text, base);
  const format = file.endsWith('.nt') ? 'N-Triples' : 'Turtle';
  const parser = new Parser({ format, baseIRI: base });
  try {
    return parser.parse(text);
  } catch (err) {
    // n3 puts the line number in its message ("... on line 12.").
    throw new Error(`${file}: ${err.message}`);
  }
}

// parseJSONLD turns a JSON-LD document into quads of the default graph with
// the reference processor. A remote @context is refused: bordernet's files
// embed theirs, and tests run offline.
async function parseJSONLD(file, text, base) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: ${err.message}`);
  }
  const documentLoader = async (url) => {
    throw new Error(`remote context ${url} refused: embed the context`);
  };
  let quads;
  try {
    quads = await jsonld.toRDF(doc, { base, documentLoader, safe: true });
  } catch (err) {
    throw new Error(`${file}: JSON-LD: ${err.message}${err.details ? ` ${JSON.stringify(err.details)}` : ''}`);
  }
  const term = (t) => {
    switch (t.termType) {
      case 'NamedNode':
        return factory.namedNode(t.value);
      case 'BlankNode':
        return factory.blankNode(t.value.replace(/^_:/, ''));
      default:
        return factory.literal(t.value, t.language || factory.namedNode(t.datatype.value));
    }
  };
  return quads.map((q) => factory.quad(term(q.subject), term(q.predicate), term(q.object)));
}

// show renders an RDF term compactly for people.
function show(term) {
  if (!term) return '';
  switch (term.termType) {
    case 'NamedNode':
      return `<${term.value}>`;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      let s = JSON.stringify(term.value);
      if (term.language) s += `@${term.language}`;
      else if (term.datatype && term.datatype.value !== 'http://www.w3.org/2001/XMLSchema#string') s += `^^<${term.datatype.value}>`;
      return s;
    }
    default:
      return term.value;
  }
}

function showPath(p) {
  if (!p) return '';
  if (Array.isArray(p)) return p.map(showPath).join('/');
  if (p.termType) return show(p);
  return JSON.stringify(p);
}

function local(iri) {
  return iri && iri.startsWith(SH) ? iri.slice(SH.length) : iri || '';
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('-h') || args.includes('--help')) {
    console.log('usage: node validate.mjs DATA.ttl SHAPES.ttl [SHAPES.ttl...]');
    console.log('exit 0: no sh:Violation; 1: at least one sh:Violation; 2: bad usage or unreadable input');
    return 0;
  }
  if (args.length < 2) usage('need a data file and at least one shapes file');
  const [dataFile, ...shapeFiles] = args;

  let data, shapes;
  try {
    data = factory.dataset(await parse(dataFile));
    shapes = factory.dataset();
    for (const f of shapeFiles) {
      for (const q of await parse(f)) shapes.add(q);
    }
  } catch (err) {
    console.error(`validate.mjs: ${err.message}`);
    return 2;
  }

  const skipped = [];
  const validator = new SHACLValidator(shapes, {
    factory,
    // The DCAT-AP shape files owl:import remote vocabularies (ADMS statuses,
    // EU authority tables). Tests run offline, so an import contributes no
    // shapes; it is named in the output so nobody mistakes it for checked.
    importGraph: (url) => {
      skipped.push(url.value);
      return factory.dataset();
    },
  });
  const report = await validator.validate(data);

  // Property shapes are blank nodes whose generated labels mean nothing to a
  // reader: name them by the node shape that holds them.
  const shapeName = (term) => {
    if (!term || term.termType !== 'BlankNode') return show(term);
    for (const q of shapes.match(null, factory.namedNode(`${SH}property`), term)) {
      return `${show(q.subject)} property`;
    }
    return 'an anonymous shape';
  };

  const counts = { Violation: 0, Warning: 0, Info: 0 };
  const lines = [];
  for (const r of report.results) {
    const sev = local(r.severity && r.severity.value);
    counts[sev] = (counts[sev] || 0) + 1;
    const msg = (r.message || []).map((m) => m.value).join('; ');
    const parts = [
      `${sev}:`,
      show(r.focusNode),
      r.path ? `path ${showPath(r.path)}` : '',
      r.value ? `value ${show(r.value)}` : '',
      `(${local(r.sourceConstraintComponent && r.sourceConstraintComponent.value)}`
        + ` in ${shapeName(r.sourceShape)})`,
      msg ? `: ${msg}` : '',
    ].filter(Boolean);
    lines.push(parts.join(' '));
  }
  lines.sort();
  for (const l of lines) console.log(l);
  for (const url of skipped) console.log(`note: owl:imports <${url}> not loaded (offline)`);
  console.log(`${counts.Violation} violations, ${counts.Warning} warnings, ${counts.Info} infos`
    + ` (${data.size} data triples, ${shapes.size} shape triples)`);
  return counts.Violation > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`validate.mjs: ${err && err.stack ? err.stack : err}`);
    process.exit(2);
  },
);
