"""The registry of fact extractors: one module per fact family.

A module in this package registers its extractor with :func:`extractor`;
:func:`all_extractors` imports every module here, so adding a family means
adding a file, and nothing else changes.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Callable, Iterable

from extract.context import DocContext
from extract.facts import Fact

Extractor = Callable[[DocContext], Iterable[Fact]]
_REGISTRY: dict[str, Extractor] = {}


def extractor(name: str) -> Callable[[Extractor], Extractor]:
    def register(fn: Extractor) -> Extractor:
        if name in _REGISTRY and _REGISTRY[name] is not fn:
            raise ValueError(f"two extractors named {name!r}")
        _REGISTRY[name] = fn
        return fn

    return register


def all_extractors() -> dict[str, Extractor]:
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return dict(sorted(_REGISTRY.items()))
