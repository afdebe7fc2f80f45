"""SEESAW (Zhang, Beauchamp & Wang, EMNLP 2022): entity-to-entity stance in news, imported.

A story is told by three outlets (``meta/TRIPLET_<story>.json``); each article is
``articles/TRIPLET_<story>_DOCUMENT_<k>.json`` (a title and sentences) with
``annotations/`` of the same name (entity lists, sentence-level stance triplets). Each
article becomes one document version per annotator:

- the text is the sentences, joined by a space within a paragraph; an empty sentence ends a
  paragraph;
- ``meta``: the article's title, outlet and URL, the story's date; ``extra["seesaw"]``: the
  story (id, title, URL, topic, split), the AllSides bias label (0 far left ... 4 far
  right), each entity's role (``Main`` or ``Salient``) and the counts of what was mapped;
- entities: the annotator's entity list (``People`` -> person, ``Organization`` ->
  organization, ``GPE`` -> country, the rest -> other); the author (SEESAW's source
  ``None``) is the entity ``author`` and a source not in the list (``Not in the list``) the
  entity ``unlisted``; a triplet's source named but not listed becomes an entity of that
  name (counted);
- each triplet a stance: holder its source, target the entry of its object's canonical name
  in the corpus-level inventory (``targets``: one stable id per name, linked to the entity
  when the name is listed as one), ``POS`` -> favor, ``NEG`` -> against, no quote, the
  sentence as evidence, explicit. A triplet with another sentiment or on a sentence the
  article does not have is left out and counted.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Annotation, Document, Entity, Meta, Span, Stance
from .problems import InvalidData, Problem, UnusableInput
from .targets import Target

__all__ = ["AUTHOR", "UNLISTED", "SeesawImport", "read_seesaw"]

LICENCE = "SEESAW annotations: CC BY-NC-SA 4.0; article texts: their publishers'"
AUTHOR, UNLISTED = "None", "Not in the list"  # SEESAW's two sources that are not entities
_SPECIAL = {
    AUTHOR: Entity(id="author", name="the article's author", kind="other"),
    UNLISTED: Entity(id="unlisted", name="a source not in the entity list", kind="other"),
}
_KINDS = {"People": "person", "Organization": "organization", "GPE": "country"}
_LABELS = {"POS": "favor", "NEG": "against"}


@dataclass
class SeesawImport:
    """The documents, the target inventory and the totals of what was mapped or left out."""

    documents: list[Document] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UnusableInput(f"{path}: cannot open: {error.strerror or error}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise InvalidData(
            [Problem(str(path), None, None, None, f"not UTF-8 JSON: {error}")]
        ) from None


def _text(sentences: list[dict[str, Any]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """The article's text and each sentence's offsets (by its id, as a string)."""
    paragraphs: list[list[tuple[str, str]]] = [[]]
    for sentence in sentences:
        words = str(sentence.get("text", "")).strip()
        if words:
            paragraphs[-1].append((str(sentence["id"]), words))
        elif paragraphs[-1]:
            paragraphs.append([])
    text, where = "", {}
    for paragraph in (p for p in paragraphs if p):
        if text:
            text += "\n"
        for k, (sentence_id, words) in enumerate(paragraph):
            text += " " if k else ""
            where[sentence_id] = (len(text), len(text) + len(words))
            text += words
    return text, where


def _slug(name: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", name.lower())) or "target"


def _inventory(objects: Iterable[str], entity_names: set[str]) -> dict[str, Target]:
    """One target per canonical name, with a stable id (its slug; ``-2``... on a clash, in
    sorted order of the names)."""
    found: dict[str, Target] = {}
    used: set[str] = set()
    for name in sorted(set(objects)):
        base = f"seesaw-{_slug(name)}"
        ident, n = base, 1
        while ident in used:
            n += 1
            ident = f"{base}-{n}"
        used.add(ident)
        label = " ".join(name.split()) or name
        linked = name if name in entity_names else None
        found[name] = Target(
            id=ident, label=label, description=f"SEESAW target: {label}", entity=linked
        )
    return found


def _entities(listed: list[Any], annotator: str) -> tuple[dict[str, Entity], dict[str, str]]:
    """The annotator's entities by name, and each one's role."""
    entities: dict[str, Entity] = {}
    roles: dict[str, str] = {}
    for name, kinds, role_list, annotators in listed:
        if annotator not in annotators:
            continue
        at = annotators.index(annotator)
        kind = _KINDS.get(kinds[at] if at < len(kinds) else "", "other")
        entity = Entity(id=f"e{len(entities) + 1}", name=" ".join(name.split()), kind=kind)
        entities[name] = entity
        roles[entity.id] = role_list[at] if at < len(role_list) else ""
    return entities, roles


@dataclass(frozen=True)
class _Article:
    """One article read: its document (text and meta), sentence offsets and annotations."""

    document: Document
    where: dict[str, tuple[int, int]]
    notes: dict[str, Any]

    def annotators(self) -> list[str]:
        """Everyone who annotated the article, sorted."""
        found = {a for entry in self.notes.get("entity lists", []) for a in entry[3]}
        for triplets in self.notes.get("sentence-level stances", {}).values():
            found.update(a for t in triplets for a in t.get("annotators", []))
        return sorted(found)


def _stance(
    article: _Article, k: int, holder: str, target: str, label: str, sentence: str
) -> Stance:
    start, end = article.where[sentence]
    evidence = (Span(start=start, end=end, text=article.document.text[start:end]),)
    return Stance(
        id=f"s{k}", holder=holder, target=target, label=label, explicit=True, evidence=evidence
    )


def _holder(subject: str, entities: dict[str, Entity], counts: Counter[str]) -> Entity:
    """The entity of a triplet's source, made when it is special or not listed."""
    if subject in _SPECIAL:
        entities.setdefault(subject, _SPECIAL[subject])
    elif subject not in entities:
        counts["sources not in the entity list, made entities"] += 1
        name = " ".join(subject.split())
        entities[subject] = Entity(id=f"e{len(entities) + 1}", name=name, kind="other")
    return entities[subject]


def _version(
    article: _Article, annotator: str, targets: dict[str, Target], counts: Counter[str]
) -> Document:
    """The document as ``annotator`` annotated it."""
    entities, roles = _entities(article.notes.get("entity lists", []), annotator)
    stances: list[Stance] = []
    triplets = article.notes.get("sentence-level stances", {})
    for sentence in sorted(triplets, key=int):
        for triplet in (t for t in triplets[sentence] if annotator in t.get("annotators", [])):
            if triplet["annotators"].count(annotator) > 1:
                counts["annotators repeated on a triplet, kept once"] += 1
            label = _LABELS.get(triplet.get("sentiment"))
            if label is None or sentence not in article.where:
                counts[
                    "left out: " + ("another sentiment" if label is None else "no such sentence")
                ] += 1
                continue
            holder = _holder(triplet["subject"], entities, counts).id
            target = targets[triplet["object"]].id
            stances.append(_stance(article, len(stances) + 1, holder, target, label, sentence))
            counts["stances"] += 1
    document = article.document
    extra = {**document.meta.extra, "seesaw": {**document.meta.extra["seesaw"], "roles": roles}}
    who = f"seesaw-{annotator}" if annotator else None
    return document.model_copy(update={
        "meta": document.meta.model_copy(update={"extra": extra}),
        "annotation": Annotation(annotator=who, origin="import"),
        "entities": tuple(entities.values()),
        "stances": tuple(stances),
    })  # fmt: skip


def _article(root: Path, story: dict[str, Any], k: int, counts: Counter[str]) -> _Article | None:
    """Article ``k`` of ``story``, or ``None`` (counted) when its files are absent."""
    stem = f"TRIPLET_{story['triplet_id']}_DOCUMENT_{k}.json"
    info = story.get(f"Meta info for article {k}")
    if info is None or not (root / "articles" / stem).is_file():
        counts["articles absent"] += 1
        return None
    body = _read(root / "articles" / stem)
    notes_path = root / "annotations" / stem
    notes = _read(notes_path) if notes_path.is_file() else {}
    text, where = _text(body.get("text", []))
    seesaw = {
        "story": story["triplet_id"], "story_title": story.get("story_title"),
        "story_url": story.get("story_url"), "topic": story.get("story_topic"),
        "split": story.get("Split"), "article": k, "bias_label": info.get("bias_label"),
    }  # fmt: skip
    meta = Meta(
        title=info.get("title") or body.get("title"), outlet=info.get("source"),
        published=story.get("story_time"), url=info.get("url"), license=LICENCE,
        extra={"seesaw": seesaw},
    )  # fmt: skip
    document = Document(id=f"seesaw-{story['triplet_id']}-{k}", text=text, meta=meta)
    return _Article(document, where, notes)


def read_seesaw(root: str | Path, splits: Iterable[str] = ("train", "valid")) -> SeesawImport:
    """Every article of the stories of ``splits`` under ``root`` (see the module).

    Raises ``UnusableInput`` when ``root`` holds no SEESAW story, ``InvalidData`` for a file
    that is not UTF-8 JSON.
    """
    root, wanted = Path(root), set(splits)
    stories = [_read(p) for p in sorted((root / "meta").glob("TRIPLET_*.json"))]
    if not stories:
        raise UnusableInput(f"{root}: holds no SEESAW story (meta/TRIPLET_*.json)")
    counts: Counter[str] = Counter()
    articles = [
        a
        for story in stories
        if story.get("Split") in wanted
        for k in range(3)
        if (a := _article(root, story, k, counts)) is not None
    ]
    listed = {e[0] for a in articles for e in a.notes.get("entity lists", [])}
    objects = [
        t["object"]
        for a in articles
        for ts in a.notes.get("sentence-level stances", {}).values()
        for t in ts
    ]
    targets = _inventory(objects, listed)
    imported = SeesawImport(targets=list(targets.values()), counts=counts)
    for article in articles:
        for annotator in article.annotators() or [""]:
            imported.documents.append(_version(article, annotator, targets, counts))
    counts["documents"], counts["articles"] = len(imported.documents), len(articles)
    return imported
