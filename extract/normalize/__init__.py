"""Normalisers for the value formats of the genre (ROC dates, NT$ amounts, counts).

Each works on raw report text and returns values with the character span that
stated them, so evidence offsets survive normalisation.
"""
from extract.normalize.text import fold

__all__ = ["fold"]
