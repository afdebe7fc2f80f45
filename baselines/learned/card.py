"""The model card of a ``learned.v1`` folder, for a reader (``README.md``)."""

from __future__ import annotations

from typing import Any

__all__ = ["render_card"]


def _score(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _data(title: str, data: dict[str, Any]) -> list[str]:
    return [
        f"- {title}: `{data['name']}` (sha256 `{data['sha256'][:16]}...`), {data['documents']}"
        f" documents, {data['quotes']} quotes, {data['tokens']} tokens;"
        f" {data['quotes_overlapping_another']} quotes overlap another and were learned"
        " only where they do not",
    ]


def render_card(card: dict[str, Any]) -> str:
    """The card as Markdown: data, convention, training, the dev scores of each candidate."""
    lines = ["# learned.v1 model", "",
             f"A CRF tagging sources, cues and contents, in the `{card['convention']}`"
             " convention. Trained with `quotebench train`.", "",
             "## Data", "", *_data("training", card["training"])]  # fmt: skip
    if card["dev"]:
        lines += _data("dev (selection)", card["dev"])
    settings = card["hyperparameters"]
    lines += ["", "## Training", "",
              f"- {settings['algorithm']}, c1 {settings['c1']}, c2 candidates"
              f" {', '.join(map(str, settings['c2']))}, {settings['epochs']} epochs,"
              f" seed {card['seed']}",
              f"- selected: c2 {card['selected']['c2']} by {card['selected']['by']}",
              f"- training time: {card['training_seconds']} s",
              "- versions: " + ", ".join(f"{k} {v}" for k, v in card["versions"].items()),
              "", "## Dev scores", ""]  # fmt: skip
    names = [n for n in (card["candidates"][0]["dev"] or {})]
    if names:
        lines += ["| c2 | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
        for candidate in card["candidates"]:
            cells = [_score(candidate["dev"][n]) for n in names]
            lines.append(f"| {candidate['c2']} | " + " | ".join(cells) + " |")
    else:
        lines.append("No dev collection was given: nothing was selected or scored.")
    return "\n".join(lines) + "\n"
