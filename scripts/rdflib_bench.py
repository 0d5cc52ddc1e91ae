#!/usr/bin/env python3
"""The rdflib reference point of scripts/bench.sh.

What a Python user would do with a bordernet release: load its N-Triples
with rdflib and write the graph as Turtle and as JSON-LD. The outputs go to
/dev/null (disk writes are not charged to rdflib, which only favours it).

usage: rdflib_bench.py FILE.nt

Prints one JSON object per line on stdout as each phase ends: rdflib's
version, then the seconds of parsing (and the triples loaded), of writing
Turtle, of writing JSON-LD, and the total. Exit 3 when rdflib is not
installed.
"""

import json
import os
import sys
import time


def report(**fields):
    # One line per phase, flushed at once: when the run is killed at its
    # time limit, the phases that finished are still known.
    print(json.dumps(fields), flush=True)


def main(argv):
    if len(argv) != 2:
        print("usage: rdflib_bench.py FILE.nt", file=sys.stderr)
        return 2
    try:
        import rdflib
    except ImportError:
        print("rdflib is not installed for %s: apt-get install python3-rdflib" % sys.executable, file=sys.stderr)
        return 3
    src = argv[1]
    report(phase="start", rdflib=rdflib.__version__)
    t0 = time.perf_counter()
    g = rdflib.Graph()
    g.parse(src, format="nt")
    t1 = time.perf_counter()
    report(phase="parse", s=round(t1 - t0, 3), triples=len(g))
    with open(os.devnull, "wb") as out:
        g.serialize(destination=out, format="turtle")
    t2 = time.perf_counter()
    report(phase="turtle", s=round(t2 - t1, 3))
    with open(os.devnull, "wb") as out:
        g.serialize(destination=out, format="json-ld")
    t3 = time.perf_counter()
    report(phase="jsonld", s=round(t3 - t2, 3))
    report(phase="total", s=round(t3 - t0, 3))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
