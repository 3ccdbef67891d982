"""Scale the bundled reports into a large corpus whose documents do not collapse into one another.

Copying a report N times would measure nothing: identical bytes are skipped by
hash, and identical facts land on the same IRIs. Each variant therefore shifts
the ROC and Gregorian years, swaps the country names of the gazetteer's Taiwan
usage table among themselves (so the new names are still recognised), and
perturbs multi-digit figures while keeping their width (so `170,816 仟元` stays
well formed). Variants are seeded by their index: the same call writes the same
bytes, so a rerun measures the same corpus.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.normalize.countries import TAIWAN_USAGE

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"

# A year as the reports write it: ROC (`103年`, `102 年度`) or Gregorian (`2014年`).
_YEAR = re.compile(r"(?<!\d)(\d{2,4})(?=\s*年)")
# A figure worth perturbing: three digits or more that are not a year.
_FIGURE = re.compile(r"(?<!\d)\d{3,}(?!\d)(?!\s*年)")


@dataclass(frozen=True)
class Source:
    name: str
    text: str


@lru_cache(maxsize=1)
def sources(folder: Path = REPORTS) -> tuple[Source, ...]:
    return tuple(Source(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt")))


@lru_cache(maxsize=1)
def _country_names() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The names to swap (longest first, so `聖文森及格瑞那丁` goes whole) and one plain name per country to swap in."""
    names = sorted(TAIWAN_USAGE, key=len, reverse=True)
    # The shortest name of each country is the one most likely to read naturally in any sentence.
    by_code: dict[str, str] = {}
    for name in sorted(TAIWAN_USAGE, key=len):
        by_code.setdefault(TAIWAN_USAGE[name], name)
    return re.compile("|".join(map(re.escape, names))), tuple(sorted(by_code.values()))


def _shift_year(match: re.Match[str], shift: int) -> str:
    year = int(match.group(1))
    if 85 <= year <= 115 or 1990 <= year <= 2030:
        return str(year + shift)
    return match.group(1)  # durations (`連續 8年`) and far-off years stay


def _perturb(match: re.Match[str], rng: random.Random) -> str:
    digits = match.group(0)
    first = str(rng.randint(1, 9)) if digits[0] != "0" else "0"
    return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def variant(text: str, index: int) -> str:
    """The ``index``-th variant of one report; index 0 is the report itself."""
    if index == 0:
        return text
    rng = random.Random(index)
    shift = rng.randint(-8, 8) or 1
    pattern, plain = _country_names()
    swap = dict(zip(plain, rng.sample(plain, len(plain))))
    codes = TAIWAN_USAGE
    by_code = {TAIWAN_USAGE[n]: n for n in plain}
    out = _YEAR.sub(lambda m: _shift_year(m, shift), text)
    out = pattern.sub(lambda m: swap[by_code[codes[m.group(0)]]], out)
    out = _FIGURE.sub(lambda m: _perturb(m, rng), out)
    return out


def file_name(source: Source, index: int) -> str:
    return f"{index:05d}_{source.name}.txt"


def write_corpus(folder: Path, scale: int) -> list[Path]:
    """Write ``scale`` variants of every bundled report into ``folder``, variant by variant."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(scale):
        for source in sources():
            path = folder / file_name(source, index)
            path.write_text(variant(source.text, index), encoding="utf-8")
            written.append(path)
    return written


def corpus_bytes(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths)
