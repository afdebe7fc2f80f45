"""``stance-majority.v1``: the most frequent gold label (scikit-learn ``DummyClassifier``)."""

from __future__ import annotations

from collections.abc import Callable

from quotebench.registry import stance_models

from .grouped import GroupedModel

__all__ = ["MajorityStance"]


class MajorityStance(GroupedModel):
    """Labels every (quote, target) pair a quote names with the majority training label."""

    name = "stance-majority.v1"

    def fit(self, texts: list[str], labels: list[str]) -> Callable[[str], tuple[str, float]]:
        """A ``DummyClassifier(strategy="most_frequent")`` fitted on the labels."""
        from sklearn.dummy import DummyClassifier

        model = DummyClassifier(strategy="most_frequent").fit([[0]] * len(labels), labels)
        share = float(max(model.class_prior_))
        label = str(model.predict([[0]])[0])
        return lambda _text: (label, share)


@stance_models.register("stance-majority.v1")
def make_majority_stance() -> MajorityStance:
    """The majority baseline, trained on the packaged gold."""
    return MajorityStance()
