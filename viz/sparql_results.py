"""SPARQL results in the four W3C formats, written from Oxigraph's solutions with a row cap.

Oxigraph can serialize results itself, but only a whole iterator; writing them
here lets the endpoint stop at its result cap and say so, and keeps the
content negotiation (which format for which Accept header) in one place.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "rdfxml": "application/rdf+xml",
}
ALIASES = {"application/json": "json", "application/xml": "xml", "text/xml": "xml", "text/plain": "ntriples",
           "application/x-turtle": "turtle"}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}


def negotiate(accept: str | None, offered: dict[str, str], default: str) -> str | None:
    """The offered format the Accept header ranks highest; `default` for none or `*/*`; None if nothing fits.

    Ranked by q, then by how specific the media range is (`text/csv` before
    `text/*` before `*/*`), then by order in the header.
    """
    if not accept or not accept.strip():
        return default
    best, best_key = None, None
    for order, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        mime, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q <= 0 or not mime:
            continue
        if mime in ("*/*", "*"):
            name, specific = default, 0
        elif mime.endswith("/*"):
            name, specific = next((n for n, m in offered.items() if m.startswith(mime[:-1])), None), 1
        else:
            name = next((n for n, m in offered.items() if m == mime), None)
            if name is None and ALIASES.get(mime) in offered:
                name = ALIASES[mime]
            specific = 2
        key = (q, specific, -order)
        if name and (best_key is None or key > best_key):
            best, best_key = name, key
    return best


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(t.subject), "predicate": _json_term(t.predicate),
                                        "object": _json_term(t.object)}}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{escape(_xml_safe(t.value))}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{escape(_xml_safe(t.value))}</literal>"
        return f"<literal>{escape(_xml_safe(t.value))}</literal>"
    return f"<literal>{escape(_xml_safe(str(t)))}</literal>"


def _xml_safe(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry at all."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)


def _csv_term(t) -> str:
    if t is None:
        return ""
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    return str(t)


def select(variables: list[str], rows: list[list], fmt: str) -> bytes:
    """rows: lists of Oxigraph terms or None (unbound), in `variables` order."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
        out += [f"<variable name={quoteattr(v)}/>" for v in variables]
        out.append("</head>\n<results>")
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(variables, row) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        w.writerows([_csv_term(t) for t in row] for row in rows)
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":  # terms in SPARQL syntax, which is what Oxigraph's str() gives
        lines = ["\t".join("?" + v for v in variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(fmt)


def boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()
    if fmt in ("csv", "tsv"):
        return b"true\n" if value else b"false\n"
    return json.dumps({"head": {}, "boolean": bool(value)}).encode()


def graph(triples: list, fmt: str, prefixes: dict[str, str] | None = None) -> bytes:
    kwargs = {"prefixes": prefixes} if prefixes and fmt in ("turtle", "rdfxml") else {}
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], **kwargs)
