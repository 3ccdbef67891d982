"""Deterministic IRIs from canonical names, so that a rebuild yields the same graph.

The same country, law, program or MOU named in several reports gets one IRI:
that is how facts from different documents meet in one node.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/nia-kg/"


class _Vocabulary(Namespace):
    """The ontology's namespace, remembering its terms: rdflib's Namespace makes a new
    URIRef on every ``NIA.quote``, and mapping asks for the same few terms all the time."""

    def term(self, name: str) -> URIRef:
        return _term(str(self), name)


@lru_cache(maxsize=None)
def _term(base: str, name: str) -> URIRef:
    return URIRef(base + name)


NIA = _Vocabulary(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
AGENCY = ID["org/nia"]
ONTOLOGY_GRAPH = GRAPH["ontology"]

_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|\\^`%#?/\[\]@!$&'()*+,;=]")


def canonical(name: str) -> str:
    """NFKC, no white space: `入出國及移民法 ` and `入出國及移民法` are one name."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def slug(*parts: object) -> str:
    """A readable, IRI-safe path segment; non-ASCII letters stay as they are (IRIs allow them)."""
    out = []
    for part in parts:
        text = canonical(str(part)) if part is not None else "none"
        text = _UNSAFE.sub(lambda m: "%{:02X}".format(ord(m.group(0))), text)
        out.append(text[:120] if len(text) <= 120 else text[:100] + "~" + hashlib.sha1(text.encode()).hexdigest()[:10])
    return "/".join(out)


def entity(kind: str, *parts: object) -> URIRef:
    return ID[f"{kind}/{slug(*parts)}"]


def document(name: str) -> URIRef:
    return ID[f"document/{slug(name)}"]


def doc_graph(name: str) -> URIRef:
    return GRAPH[f"document/{slug(name)}"]


def mention(doc: str, start: int, end: int, about: str = "") -> URIRef:
    """A passage as the evidence of one fact: one sentence listing 19 MOUs is 19 mentions,
    each carrying the values it states about its own fact."""
    tag = "/" + hashlib.sha1(about.encode("utf-8")).hexdigest()[:12] if about else ""
    return ID[f"mention/{slug(doc)}/{start}-{end}{tag}"]


def country(iso2: str) -> URIRef:
    return ID[f"country/{iso2.upper()}"]


def law(name: str) -> URIRef:
    return entity("law", name)


def law_event_type(code: str) -> URIRef:
    return ID[f"concept/law-event/{code}"]
