"""Character folding that keeps offsets: one character in, one character out.

Reports mix full-width and half-width digits and punctuation (`１、`, `（１）`,
`16％`). Rules match on the folded text while spans still index the original.
"""

from functools import lru_cache

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_EXTRA = {
    0x3000: 0x20,  # ideographic space
    0xFF5E: 0x7E,
    0x301C: 0x7E,  # wave dash used for article ranges
    0x2013: 0x2D,
    0x2014: 0x2D,
    0x2212: 0x2D,
    0x2027: 0x2E,  # hyphenation point used as a decimal point in some PDFs
}
_TABLE = {**_FULLWIDTH, **_EXTRA}


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Fold full-width forms to ASCII without changing the length of the text.

    Memoised: every extractor folds the same sentences again.
    """
    return text.translate(_TABLE)
