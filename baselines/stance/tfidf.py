"""``stance-tfidf.v1``: TF-IDF word n-grams and a logistic regression (scikit-learn)."""

from __future__ import annotations

from collections.abc import Callable

from quotebench.registry import stance_models

from .grouped import GroupedModel

__all__ = ["TfidfStance"]


class TfidfStance(GroupedModel):
    """Labels (quote, target) pairs from the clauses naming the target and the target itself."""

    name = "stance-tfidf.v1"

    def fit(self, texts: list[str], labels: list[str]) -> Callable[[str], tuple[str, float]]:
        """TF-IDF (1-2 grams) + balanced logistic regression; one label seen: that label."""
        if len(set(labels)) == 1:
            return lambda _text: (labels[0], 1.0)
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline

        model = make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            LogisticRegression(max_iter=1000, class_weight="balanced"),
        ).fit(texts, labels)

        def predict(text: str) -> tuple[str, float]:
            probabilities = model.predict_proba([text])[0]
            best = int(probabilities.argmax())
            return str(model.classes_[best]), round(float(probabilities[best]), 6)

        return predict


@stance_models.register("stance-tfidf.v1")
def make_tfidf_stance() -> TfidfStance:
    """The TF-IDF baseline, trained on the packaged gold."""
    return TfidfStance()
