"""Extraction layer: agency reports in, typed fact records out.

Data flows one way: read -> clean -> segment -> extract facts. Nothing in this
package touches rdflib; mapping to RDF lives in :mod:`kg.mapping`.
"""
