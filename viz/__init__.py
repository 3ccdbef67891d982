"""Explore the graph: an offline graph browser (`kg viz`) and a read-only SPARQL server (`kg serve`).

The browser draws with a vendored vis-network and positions computed in
Python, so a page opens fast and offline; everything it shows comes from the
store through SPARQL (`viz.graph_data`).
"""
