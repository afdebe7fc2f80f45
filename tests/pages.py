"""Reading a rendered page in Chromium: its text outside the labels, and label geometry."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts"

# the text of each .qb-text block, without the label elements
TEXTS = """() => [...document.querySelectorAll('.qb-text')].map(block => {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let text = '';
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest('.qb-label')) text += walker.currentNode.data;
  }
  return text;
})"""

# label boxes, and the boxes of every line fragment of text outside the labels
BOXES = """() => {
  const box = r => ({x: r.left, y: r.top, w: r.width, h: r.height});
  const labels = [...document.querySelectorAll('.qb-label')]
    .map(e => box(e.getBoundingClientRect()));
  const lines = [];
  for (const block of document.querySelectorAll('.qb-text')) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (node.parentElement.closest('.qb-label') || !node.data.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) lines.push(box(r));
    }
  }
  return {labels, lines};
}"""


def _overlap(a: dict, b: dict, slack: float = 0.5) -> bool:
    return (
        a["x"] + slack < b["x"] + b["w"]
        and b["x"] + slack < a["x"] + a["w"]
        and a["y"] + slack < b["y"] + b["h"]
        and b["y"] + slack < a["y"] + a["h"]
    )


def overlaps(page) -> list[tuple[str, dict, dict]]:
    """Every pair of a label and a label, or a label and text, whose boxes intersect."""
    found = page.evaluate(BOXES)
    labels, lines = found["labels"], found["lines"]
    pairs = [
        ("label/label", a, b)
        for i, a in enumerate(labels)
        for b in labels[i + 1 :]
        if _overlap(a, b)
    ]
    return pairs + [("label/text", a, b) for a in labels for b in lines if _overlap(a, b)]


def screenshot(page, name: str) -> Path:
    """A full-page screenshot kept under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
