"""The nia-kg ontology (`nia.ttl`) and its SHACL shapes (`shapes.ttl`), shipped as package data."""
from importlib.resources import files

ONTOLOGY = files(__name__) / "nia.ttl"
SHAPES = files(__name__) / "shapes.ttl"
