"""Stance baselines: a majority label, a lexicon with negation scope, and TF-IDF with a
logistic regression; each labels (quote, target) pairs of the inventory."""

from . import lexicon_model, majority, tfidf

__all__ = ["lexicon_model", "majority", "tfidf"]
