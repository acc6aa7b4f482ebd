"""Validating the SIKB0101 document against its XSD while it is being written.

Reading a 10,000-borehole file back (half a gigabyte) and validating it took
as long as writing it. The export instead hands each chunk of complete
feature members to this validator as it goes to the disk; a worker thread
wraps the chunk in the document's own head (root and metaData) and tail and
validates it with lxml, which releases the GIL while it parses and validates,
so the two overlap. Parsing and validating a chunk costs about twice what writing
it does, so two workers check chunks side by side: on two cores the writer and
the checks then share both instead of the writer waiting for one.

A chunk of feature members is valid in such a wrapper exactly when it is
valid in the whole document: the profile's only document-wide constraint is
that gml:ids are unique (xs:ID), and the writer checks that over the whole
file (:class:`~fieldapp.sikb.write_xml.Out`). Line numbers are the file's.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

from lxml import etree

from fieldapp.sikb.validate import SCHEMAS, DocFinding, schema, schema_errors

_WORKERS = 2  # threads that check chunks, each with its own schema (lxml's are not shared between threads)
_PENDING = 4  # chunks queued before the writer waits (bounds the memory a slow validator holds)


class StreamValidator:
    """Feed it the head, each chunk, then :meth:`finish` for the findings (none: the file is valid)."""

    def __init__(self, name: str = "imsikb0101") -> None:
        self.name = name
        self.source = f"XSD {SCHEMAS[name]}"
        self.pool = ThreadPoolExecutor(_WORKERS, thread_name_prefix="sikb-xsd")
        self.pending: deque[Future[list[DocFinding]]] = deque()
        self.found: list[DocFinding] = []
        self.head = ""
        self.tail = ""
        self.head_lines = 0
        self.lines = 0  # newlines written to the file so far

    def begin(self, head: str, tail: str) -> None:
        """The document's start (declaration, root, metaData) and its end (the root's end tag)."""
        self.head, self.tail = head, tail
        self.head_lines = self.lines = head.count("\n")

    def feed(self, chunk: str) -> None:
        """Complete feature members, as they go to the file."""
        while len(self.pending) >= _PENDING:
            self.found.extend(self.pending.popleft().result())
        self.pending.append(self.pool.submit(self._check, chunk, self.lines - self.head_lines))
        self.lines += chunk.count("\n")

    def _check(self, chunk: str, shift: int) -> list[DocFinding]:
        text = (self.head + chunk + self.tail).encode("utf-8")
        # the line ends between elements are not kept as text nodes: a fifth fewer nodes to build and walk, and
        # the XSD ignores them in element content (a value of blanks alone, as <remarks> </remarks>, is kept)
        parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True, remove_blank_text=True)
        try:
            tree = etree.ElementTree(etree.fromstring(text, parser))
        except etree.XMLSyntaxError as exc:
            line = (exc.lineno or 0) + shift
            return [DocFinding("error", "xml", f"Geen geldige XML (regel {line}): {exc}", line=line,
                               source=self.source, detail=str(exc))]
        return schema_errors(tree, schema(self.name), self.source, shift)

    def finish(self) -> list[DocFinding]:
        try:
            while self.pending:
                self.found.extend(self.pending.popleft().result())
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)
        return self.found

    def abandon(self) -> None:
        """Stop without waiting for the findings (the export failed or was cancelled)."""
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pending.clear()
