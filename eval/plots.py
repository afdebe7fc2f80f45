"""PNG plots with matplotlib (Agg): F1 per task with intervals, stance confusion matrices,
the precision-recall curve of scored quotes."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import STANCE_LABELS

from .harness import Results

__all__ = ["f1_rows", "write_plots"]

CONFUSION_AXIS = (*STANCE_LABELS, "none")


def f1_rows(results: Results) -> list[tuple[str, float, list[float] | None]]:
    """``(metric, F1, interval)`` over all quotes for every scored metric with an F1."""
    rows = []
    for metric, slices in results.metrics.items():
        if not isinstance(slices, dict):
            continue
        entry = slices["all"]
        value = entry.get("f1", entry.get("macro_f1"))
        ci = entry.get("f1_ci95", entry.get("macro_f1_ci95"))
        if value is not None:
            name = f"{metric} (macro-F1)" if "macro_f1" in entry else metric
            rows.append((name, value, ci))
    return rows


def write_plots(results: Results, directory: Path) -> list[str]:
    """Write ``f1.png`` and one confusion matrix per scored stance setting; returns file names."""
    import matplotlib

    matplotlib.use("Agg")
    written = [_f1_plot(results, directory)]
    for setting in ("oracle", "end-to-end"):
        stance = results.metrics.get(f"stance.{setting}")
        if isinstance(stance, dict):
            written.append(_confusion_plot(setting, stance["confusion"], directory))
    ranked = results.data.get("ranking") or {}
    if ranked.get("curve"):
        written.append(_pr_plot(ranked, directory))
    return written


def _pr_plot(ranked: dict, directory: Path) -> str:
    """The precision-recall curve of the quotes ranked by score."""
    import matplotlib.pyplot as plt

    _, precision, recall = zip(*ranked["curve"], strict=True)
    fig, ax = plt.subplots(figsize=(4.5, 4))
    ax.step([0.0, *recall], [precision[0], *precision], where="post", color="#3b6ea5")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(f"recall (quotes, {ranked['mode']})")
    ax.set_ylabel("precision")
    ax.set_title(f"ranked by score: AP {ranked['average_precision']:.3f}")
    fig.tight_layout()
    fig.savefig(directory / "precision_recall.png", dpi=100)
    plt.close(fig)
    return "precision_recall.png"


def _f1_plot(results: Results, directory: Path) -> str:
    import matplotlib.pyplot as plt

    rows = f1_rows(results)
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(rows) + 1.2))
    values = [v for _, v, _ in rows]
    low = [v - (ci[0] if ci else v) for _, v, ci in rows]
    high = [(ci[1] if ci else v) - v for _, v, ci in rows]
    ax.barh(range(len(rows)), values, xerr=[low, high], color="#7aa6c2", capsize=3)
    ax.set_yticks(range(len(rows)), [name for name, _, _ in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1 (all quotes), bars: 95% bootstrap interval")
    fig.tight_layout()
    fig.savefig(directory / "f1.png", dpi=100)
    plt.close(fig)
    return "f1.png"


def _confusion_plot(setting: str, confusion: list[list], directory: Path) -> str:
    import matplotlib.pyplot as plt
    import numpy as np

    grid = np.zeros((len(CONFUSION_AXIS), len(CONFUSION_AXIS)), dtype=int)
    for gold, pred, count in confusion:
        grid[CONFUSION_AXIS.index(gold), CONFUSION_AXIS.index(pred)] = count
    fig, ax = plt.subplots(figsize=(4.5, 4))
    ax.imshow(grid, cmap="Blues")
    ticks = range(len(CONFUSION_AXIS))
    ax.set_xticks(ticks, CONFUSION_AXIS)
    ax.set_yticks(ticks, CONFUSION_AXIS)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(f"stance ({setting})")
    for (row, col), count in np.ndenumerate(grid):
        ax.text(col, row, str(count), ha="center", va="center")
    fig.tight_layout()
    name = f"stance_confusion_{setting}.png"
    fig.savefig(directory / name, dpi=100)
    plt.close(fig)
    return name
