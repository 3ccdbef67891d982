"""Fact records to RDF: one graph per report, facts on shared IRIs, evidence on every fact.

The mapping is a table: for each fact kind, its class, how its IRI is made
from canonical values (so two reports stating the same MOU meet in one node),
and which predicate carries each field. Values a report states live in that
report's named graph, so a figure stated differently by two reports shows up
as two values on one node, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from extract.facts import Evidence, Fact
from extract.normalize.countries import country_label
from extract.pipeline import DocumentFacts
from kg import iri
from kg.iri import AGENCY, NIA

ZH = "zh-Hant"
# Literal converters are memoised: a value is written on its fact and again on the
# passage that states it, and rdflib's Literal constructor is the mapping's main cost.


@lru_cache(maxsize=65536)
def date_literal(value: str) -> Literal:
    """ISO text at the precision the report gives -> xsd:date, xsd:gYearMonth or xsd:gYear."""
    n = len(value)
    dtype = XSD.date if n == 10 else XSD.gYearMonth if n == 7 else XSD.gYear
    return Literal(value, datatype=dtype)


@lru_cache(maxsize=65536)
def zh(value: str) -> Literal:
    return Literal(value, lang=ZH)


@lru_cache(maxsize=65536)
def integer(value) -> Literal:
    return Literal(int(value), datatype=XSD.integer)


@lru_cache(maxsize=65536)
def decimal(value) -> Literal:
    return Literal(str(value), datatype=XSD.decimal)


@lru_cache(maxsize=65536)
def plain(value) -> Literal:
    return Literal(str(value))


@dataclass(frozen=True)
class Spec:
    cls: URIRef
    key: Callable[[Fact], tuple]
    fields: dict[str, tuple[URIRef, Callable[[object], Literal]]]
    label: Callable[[Fact], str]
    links: Callable[[Fact, URIRef, Graph], None] = field(default=lambda f, node, g: None)


def _country(g: Graph, iso2: str) -> URIRef:
    node = iri.country(iso2)
    g.add((node, RDF.type, NIA.Country))
    g.add((node, SKOS.notation, Literal(iso2)))
    g.add((node, RDFS.label, zh(country_label(iso2, "zh"))))
    g.add((node, RDFS.label, Literal(country_label(iso2, "en"), lang="en")))
    return node


def _named(g: Graph, kind: str, cls: URIRef, name: str) -> URIRef:
    node = iri.entity(kind, name)
    g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, zh(iri.canonical(name))))
    return node


def _mou_links(f, node, g):
    partner = _country(g, f.country_iso2)
    g.add((node, NIA.partner, partner))
    g.add((node, NIA.signatory, AGENCY))
    g.add((AGENCY, NIA.signedMouWith, partner))


def _law_links(f, node, g):
    law = _named(g, "law", NIA.Law, f.law_zh)
    g.add((law, URIRef("http://data.europa.eu/eli/ontology#title"), zh(iri.canonical(f.law_zh))))
    g.add((node, NIA.law, law))
    g.add((node, NIA.eventType, iri.law_event_type(f.event)))


def _event_links(f, node, g):
    for iso2 in f.partner_countries_iso2 or ():
        g.add((node, NIA.country, _country(g, iso2)))


def _country_link(f, node, g):
    if getattr(f, "country_iso2", None):
        g.add((node, NIA.country, _country(g, f.country_iso2)))


def _program_link(f, node, g):
    if getattr(f, "program_zh", None):
        g.add((node, NIA.program, _named(g, "program", NIA.Program, f.program_zh)))


def _grant_links(f, node, g):
    g.add((node, NIA.grantee, _named(g, "org", ORG.Organization, f.grantee_zh)))
    g.add((node, NIA.grantor, AGENCY))


def _unit_links(f, node, g):
    g.add((node, RDF.type, NIA.OrgUnit))
    g.add((node, ORG.unitOf, AGENCY))


SPECS: dict[str, Spec] = {
    "mou": Spec(
        NIA.MouSigning,
        lambda f: ("mou", f.country_iso2, f.year),
        {"year": (NIA.year, integer), "date": (NIA.date, date_literal),
         "title_zh": (DCTERMS.title, zh), "signatory_tw_zh": (NIA.signatoryName, zh),
         "country_zh": (NIA.partnerName, zh)},
        lambda f: f"MOU {country_label(f.country_iso2)} {f.year}",
        _mou_links,
    ),
    "mou_count": Spec(
        NIA.MouCount,
        lambda f: ("mou-count", f.as_of, f.count),
        {"as_of": (NIA.asOf, date_literal), "count": (NIA["count"], integer)},
        lambda f: f"MOU 累計 {f.count} 國 ({f.as_of})",
    ),
    "law_event": Spec(
        NIA.LawEvent,
        lambda f: ("law-event", f.law_zh, f.event, f.date or "undated"),
        {"date": (NIA.date, date_literal), "year": (NIA.year, integer), "articles": (NIA.articles, plain),
         "effect_zh": (NIA.effect, zh)},
        lambda f: f"{iri.canonical(f.law_zh)} {f.event} {f.date or ''}".strip(),
        _law_links,
    ),
    "event": Spec(
        NIA.Event,
        lambda f: ("event", f.start or "undated", f.name_zh),
        {"name_zh": (RDFS.label, zh), "event_type": (NIA.eventKind, plain), "start": (NIA.date, date_literal),
         "end": (NIA.endDate, date_literal), "location_zh": (NIA.location, zh),
         "countries_count": (NIA.countriesCount, integer), "participants_count": (NIA.participantsCount, integer),
         "organizer_zh": (NIA.organizerName, zh)},
        lambda f: f.name_zh,
        _event_links,
    ),
    "visit": Spec(
        NIA.Visit,
        lambda f: ("visit", f.date or "undated", f.visitor_zh),
        {"visitor_zh": (NIA.visitorName, zh), "org_zh": (NIA.visitorOrg, zh), "date": (NIA.date, date_literal),
         "topic_zh": (NIA.topic, zh)},
        lambda f: f"{f.visitor_zh} 來訪 {f.date or ''}".strip(),
        _country_link,
    ),
    "program_budget": Spec(
        NIA.ProgramBudget,
        lambda f: ("budget", f.program_zh, f.fiscal_year or "", f.period or ""),
        {"fiscal_year": (NIA.fiscalYear, integer), "budget_twd": (NIA.budgetTWD, integer),
         "executed_twd": (NIA.executedTWD, integer), "execution_rate": (NIA.executionRate, decimal),
         "period": (NIA.period, plain), "program_zh": (NIA.programName, zh)},
        lambda f: f"{f.program_zh} {f.fiscal_year or f.period or ''} 預算".strip(),
        _program_link,
    ),
    "kpi": Spec(
        NIA.Kpi,
        lambda f: ("kpi", f.indicator_zh, f.year or "undated"),
        {"indicator_zh": (NIA.indicator, zh), "year": (NIA.year, integer), "target": (NIA.target, plain),
         "actual": (NIA.actual, plain), "achievement": (NIA.achievement, plain), "program_zh": (NIA.programName, zh)},
        lambda f: f"{f.indicator_zh} {f.year or ''}".strip(),
        _program_link,
    ),
    "tip_tier": Spec(
        NIA.TipTier,
        lambda f: ("tip-tier", f.year),
        {"year": (NIA.year, integer), "tier": (NIA.tier, integer)},
        lambda f: f"TIP {f.year}: Tier {f.tier}",
    ),
    "tip_streak": Spec(
        NIA.TipStreak,
        lambda f: ("tip-streak", f.as_of),
        {"as_of": (NIA.asOf, integer), "consecutive_years": (NIA.consecutiveYears, integer)},
        lambda f: f"TIP Tier 1 streak {f.consecutive_years} years ({f.as_of})",
    ),
    "grant": Spec(
        NIA.Grant,
        lambda f: ("grant", f.grantee_zh, f.date or "undated", f.project_zh or ""),
        {"grantee_zh": (NIA.granteeName, zh), "date": (NIA.date, date_literal), "project_zh": (NIA.project, zh),
         "amount_twd": (NIA.amountTWD, integer)},
        lambda f: f"補助 {f.grantee_zh} {f.date or ''}".strip(),
        _grant_links,
    ),
    "org_unit": Spec(
        NIA.OrgUnitFact,
        lambda f: ("unit", f.unit_zh),
        {"unit_zh": (NIA.unitName, zh), "parent_zh": (NIA.parentName, zh), "mandate_zh": (NIA.mandate, zh)},
        lambda f: f.unit_zh,
        _unit_links,
    ),
    "org_history": Spec(
        NIA.OrgHistory,
        lambda f: ("org-history", f.subject_zh, f.event, f.date or "undated"),
        {"subject_zh": (NIA.subjectName, zh), "event": (NIA.changeKind, plain), "date": (NIA.date, date_literal)},
        lambda f: f"{f.subject_zh} {f.event} {f.date or ''}".strip(),
    ),
    "statistic": Spec(
        NIA.Statistic,
        lambda f: ("statistic", f.subject_zh, f.as_of or "undated", f.value),
        {"subject_zh": (NIA.subject, zh), "value": (NIA.value, decimal), "unit_zh": (NIA.unit, zh),
         "as_of": (NIA.asOf, date_literal), "program_zh": (NIA.programName, zh)},
        lambda f: f"{f.subject_zh} {f.value}{f.unit_zh or ''} ({f.as_of or ''})",
        _program_link,
    ),
}


def fact_iri(fact: Fact) -> URIRef:
    kind, *parts = SPECS[fact.kind].key(fact)
    return iri.entity(kind, *parts)


def _mention(g: Graph, ev: Evidence, doc_node: URIRef, about: str) -> URIRef:
    node = iri.mention(ev.doc, ev.start, ev.end, str(about))
    g.add((node, RDF.type, NIA.Mention))
    g.add((node, NIA.document, doc_node))
    g.add((node, NIA.startOffset, integer(ev.start)))
    g.add((node, NIA.endOffset, integer(ev.end)))
    g.add((node, NIA.quote, zh(ev.quote)))
    return node


def add_fact(g: Graph, fact: Fact, doc_node: URIRef) -> URIRef:
    spec = SPECS[fact.kind]
    node = fact_iri(fact)
    g.add((node, RDF.type, spec.cls))
    g.add((node, NIA.factKind, Literal(fact.kind)))
    g.add((node, RDFS.label, zh(spec.label(fact))))
    for name, (pred, convert) in spec.fields.items():
        value = getattr(fact, name)
        if value is not None and value != ():
            g.add((node, pred, convert(value)))
    spec.links(fact, node, g)
    statement = f"{node}|{sorted(fact.values().items(), key=str)}"
    primary = _mention(g, fact.evidence, doc_node, statement)
    g.add((node, NIA.primaryEvidence, primary))
    # What this passage states, on the passage itself: two passages stating
    # different values for one fact are then visible side by side (`kg check`).
    for name, (pred, convert) in spec.fields.items():
        value = getattr(fact, name)
        if value is not None and value != () and pred != RDFS.label:
            g.add((primary, pred, convert(value)))
    g.add((node, PROV.wasDerivedFrom, primary))
    for ev in fact.also:
        g.add((node, PROV.wasDerivedFrom, _mention(g, ev, doc_node, statement)))
    return node


class TripleSet:
    """The triples of one document graph, in the order they were added, without rdflib's indexes.

    Mapping only adds triples and then serialises them once. rdflib's indexed
    in-memory store cost more than all the rules that found the facts; this
    keeps rdflib's terms and its N-Triples row writer, and drops the indexes.
    """

    def __init__(self) -> None:
        self._triples: dict[tuple, None] = {}

    def add(self, triple: tuple) -> None:
        self._triples[triple] = None

    def __len__(self) -> int:
        return len(self._triples)

    def __iter__(self):
        return iter(self._triples)

    def graph(self) -> Graph:
        g = Graph()
        for t in self._triples:
            g.add(t)
        return g

    def serialize(self, format: str = "nt") -> str:
        if format in {"nt", "ntriples", "nt11"}:
            from rdflib.plugins.serializers.nt import _quoteLiteral

            # rdflib's row writer checks an IRI each time it writes it; a graph names
            # the same predicates, facts and mentions row after row, so each is written once.
            written: dict = {}

            def n3(term) -> str:
                if type(term) is Literal:  # noqa: E721 - mapping makes plain Literals; isinstance goes through ABCs
                    return _quoteLiteral(term)
                out = written.get(term)
                if out is None:
                    out = written[term] = term.n3()
                return out

            return "".join(f"{n3(s)} {n3(p)} {n3(o)} .\n" for s, p, o in self._triples)
        return self.graph().serialize(format=format)


def document_graph(result: DocumentFacts) -> TripleSet:
    """Everything one report states, as the content of its named graph."""
    g = TripleSet()
    src = result.source
    doc = iri.document(src.name)
    g.add((doc, RDF.type, NIA.Document))
    g.add((doc, NIA.fileName, Literal(src.name)))
    g.add((doc, NIA.sha256, Literal(src.sha256)))
    g.add((doc, NIA.encoding, Literal(src.encoding)))
    g.add((doc, DCTERMS.format, Literal(src.media_type)))
    g.add((doc, DCTERMS.publisher, AGENCY))
    if result.title:
        g.add((doc, DCTERMS.title, zh(result.title)))
        g.add((doc, RDFS.label, zh(result.title)))
    for fact in result.facts:
        add_fact(g, fact, doc)
    return g
