#!/usr/bin/env node
// apply.mjs: bordernet's test judge for SPARQL Update. It loads an
// N-Triples graph into an Oxigraph store (a real RDF database, compiled to
// WebAssembly), runs a SPARQL 1.1 Update file against it, and writes the
// resulting default graph as N-Triples, sorted, to stdout.
//
// usage: node apply.mjs GRAPH.nt UPDATE.ru > RESULT.nt
// Exit 0 on success, 2 on a usage error or a file Oxigraph refuses.
import { readFileSync } from "node:fs";
import oxigraph from "oxigraph";

const args = process.argv.slice(2);
if (args.length !== 2 || args[0] === "--help") {
	console.error("usage: node apply.mjs GRAPH.nt UPDATE.ru > RESULT.nt");
	process.exit(args[0] === "--help" ? 0 : 2);
}
const [graphPath, updatePath] = args;
try {
	const store = new oxigraph.Store();
	store.load(readFileSync(graphPath, "utf8"), {
		format: "application/n-triples",
		to_graph_name: oxigraph.defaultGraph(),
	});
	store.update(readFileSync(updatePath, "utf8"));
	const nt = store.dump({ format: "application/n-triples", from_graph_name: oxigraph.defaultGraph() });
	const lines = nt.split("\n").filter((l) => l !== "");
	lines.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	process.stdout.write(lines.map((l) => l + "\n").join(""));
} catch (e) {
	console.error(`oxigraph: ${e.message ?? e}`);
	process.exit(2);
}
