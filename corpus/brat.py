"""brat standoff attribution corpora (PolNeAR and alike): import into documents, and export.

Import reads ``Source``/``Cue``/``Content`` text-bound annotations (``T``) and the
``Attribution``/``Attribution-no-source`` events (``E``) that tie them together:

- an event with content becomes a quote: ``Content`` and ``Content2`` fragments are its
  content segments (overlapping fragments merged), the ``Cue`` fragments its cue, and the
  ``Source`` its source mention; events without content are not quotes and are counted;
- every ``Source`` span is a mention of its own entity (brat has no coreference), one mention
  per fragment; the quote's ``source`` is the first fragment and ``speaker`` that entity;
- the quote type comes from quotation marks (see ``quote_type``);
- ``Discuss`` (a span an annotator flagged for discussion) and ``Discard`` (text that is not
  part of the article, such as bylines and "Follow X on Twitter") are notes, not
  attributions: their spans are kept in ``meta.extra["brat"]`` and never become quotes;
  an event role filled by one is left out and counted;
- two events with identical content segments become one quote (cues united, the first
  source kept), and are counted.

Counts of everything left out or merged are in ``meta.extra["brat"]["counts"]``.
"""

from __future__ import annotations

import csv
import hashlib
import re
import urllib.parse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .conventions import get_convention
from .marks import quote_type
from .model import Annotation, Document, Entity, Mention, Meta, Quote, Span
from .output import Inputs, output_folder
from .problems import InvalidData, Problem, UnusableInput

__all__ = ["BratImport", "import_brat", "quote_type", "read_brat", "write_brat"]

Fragment = tuple[int, int]
_ENTRY = re.compile(r"^([TERAMN#*]\d*)\t")
_TEXT_BOUND = re.compile(r"^(\S+) (\d+ \d+(?:;\d+ \d+)*)$")
_CONTENT_ROLE = re.compile(r"^Content\d*$")
DEFAULT_CONVENTION = "polnear.v1"
TRIGGERS = ("Attribution", "Attribution-no-source")
NOTES = ("Discuss", "Discard")
# role -> the label of the span that fills it (an event's trigger role names its own label)
ROLE_LABELS = {"Source": "Source", "Cue": "Cue", "Content": "Content", **{t: t for t in TRIGGERS}}
LABELS = tuple(dict.fromkeys((*ROLE_LABELS.values(), *NOTES)))
NAME_MAX = 255  # bytes in a file name on common file systems
_UNSAFE = set('%_/\\<>:"|?*')  # %-encoded in file names (see _encode_name)


@dataclass(frozen=True)
class _Bound:
    label: str
    fragments: tuple[Fragment, ...]


@dataclass
class _Ann:
    """What one .ann file holds: text-bound spans, attribution events, problems, counts."""

    bounds: dict[str, _Bound] = field(default_factory=dict)
    events: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    event_problems: dict[str, list[Problem]] = field(default_factory=dict)  # by event id
    counts: Counter[str] = field(default_factory=Counter)

    def without_bad_events(self) -> list[Problem]:
        """Drop the events with a bad role, counted; returns their problems."""
        dropped = [p for ps in self.event_problems.values() for p in ps]
        self.events = [(i, roles) for i, roles in self.events if i not in self.event_problems]
        if self.event_problems:
            self.counts["malformed_events_left_out"] += len(self.event_problems)
        return dropped


# ---------------------------------------------------------------- parsing .ann


def _parse_fragments(spec: str) -> tuple[Fragment, ...]:
    pairs = (part.split() for part in spec.split(";"))
    return tuple((int(start), int(end)) for start, end in pairs)


def _bound_problem(text: str, frags: tuple[Fragment, ...], written: str) -> str | None:
    if any(not 0 <= s < e <= len(text) for s, e in frags):
        return f"offsets {frags} outside the text (0-{len(text)}) or empty"
    expected = " ".join(text[s:e] for s, e in frags)
    if written != expected:
        return f"{written!r} differs from the text at its offsets: {expected!r}"
    return None


def _read_bound(ann: _Ann, lines: list[str], index: int, text: str, where: Problem) -> int:
    """Parse the ``T`` entry at ``lines[index]``; returns how many lines it spans."""
    ident, rest = lines[index].split("\t", 1)
    spec, _, written = rest.partition("\t")
    match = _TEXT_BOUND.match(spec)
    if match is None:
        ann.problems.append(_at(where, index, ident, f"malformed text-bound {spec!r}"))
        return 1
    frags = _parse_fragments(match.group(2))
    extra = " ".join(text[s:e] for s, e in frags).count("\n")
    written = "\n".join([written, *lines[index + 1 : index + 1 + extra]])
    message = _bound_problem(text, frags, written)
    if match.group(1) not in LABELS:
        message = f"unknown label {match.group(1)!r} (expected one of {', '.join(LABELS)})"
    if ident in ann.bounds:
        message = f"id {ident} is used more than once"
    if message:
        ann.problems.append(_at(where, index, f"{ident}.text", message))
    else:
        ann.bounds[ident] = _Bound(match.group(1), frags)
    return 1 + extra


def _read_event(ann: _Ann, line: str, index: int, where: Problem) -> None:
    ident, _, rest = line.partition("\t")
    roles: dict[str, str] = {}
    for part in rest.split():
        role, sep, target = part.partition(":")
        if not sep or not role or not target:
            ann.problems.append(_at(where, index, ident, f"malformed role {part!r}"))
            return
        if role in roles:
            ann.problems.append(_at(where, index, f"{ident}.{role}", "role given twice"))
        roles[role] = target
    trigger = next((role for role in roles if role in TRIGGERS), None)
    if trigger is None:
        message = f"not an attribution event (expected a {' or '.join(TRIGGERS)} trigger)"
        ann.problems.append(_at(where, index, ident, message))
        return
    ann.events.append((ident, roles))  # the trigger role stays: its span's label is checked


def _at(where: Problem, index: int, fieldname: str, message: str) -> Problem:
    return Problem(where.file, index + 1, where.document, fieldname, message)


def parse_ann(path: Path, text: str, document: str) -> _Ann:
    """Read one .ann file against its text; every fault is a ``Problem`` in the result."""
    where = Problem(str(path), None, document, None, "")
    ann = _Ann()
    try:
        lines = path.read_bytes().decode("utf-8").split("\n")
    except UnicodeDecodeError as error:
        ann.problems.append(Problem(str(path), None, document, None, f"not UTF-8: {error}"))
        return ann
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        entry = _ENTRY.match(line)
        step = 1
        if entry is None:
            if line.strip():
                ann.problems.append(_at(where, index, None, "not a brat annotation line"))
        elif entry.group(1).startswith("T"):
            step = _read_bound(ann, lines, index, text, where)
        elif entry.group(1).startswith("E"):
            _read_event(ann, line, index, where)
        else:
            ann.counts["notes_and_other_lines"] += 1
        index += step
    _check_references(ann, where, lines)
    return ann


def _role_problem(ann: _Ann, role: str, target: str) -> str | None:
    """What is wrong with ``role`` filled by ``target``, if anything."""
    if target not in ann.bounds:
        return f"refers to {target!r}, not a valid text-bound annotation"
    kind = "Content" if _CONTENT_ROLE.match(role) else role
    if kind not in ROLE_LABELS:
        return f"unknown role {role!r} (expected Source, Cue, Content, Content2)"
    label = ann.bounds[target].label
    if label != ROLE_LABELS[kind] and label not in NOTES:
        return f"the {role} role is filled by {target}, a {label} span, not a {ROLE_LABELS[kind]}"
    return None


def _check_references(ann: _Ann, where: Problem, lines: list[str]) -> None:
    numbers = {line.split("\t", 1)[0]: i for i, line in enumerate(lines)}
    for ident, roles in ann.events:
        for role, target in roles.items():
            message = _role_problem(ann, role, target)
            if message:
                problem = _at(where, numbers.get(ident, 0), f"{ident}.{role}", message)
                ann.event_problems.setdefault(ident, []).append(problem)


# ---------------------------------------------------------------- documents


def _merge(fragments: Iterable[Fragment]) -> list[Fragment]:
    merged: list[Fragment] = []
    for start, end in sorted(fragments):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _span(text: str, fragment: Fragment) -> Span:
    return Span(start=fragment[0], end=fragment[1], text=text[fragment[0] : fragment[1]])


def _sources(ann: _Ann, text: str) -> tuple[list[Entity], list[Mention]]:
    entities, mentions = [], []
    for ident, bound in ann.bounds.items():
        if bound.label != "Source":
            continue
        entity = f"e-{ident}"
        name = " ".join(text[s:e] for s, e in bound.fragments)
        entities.append(Entity(id=entity, name=name, kind="other"))
        for number, (s, e) in enumerate(bound.fragments):
            suffix = f"-{number + 1}" if len(bound.fragments) > 1 else ""
            mentions.append(
                Mention(id=f"m-{ident}{suffix}", start=s, end=e, text=text[s:e], entity=entity)
            )
    return entities, mentions


def _role_fragments(ann: _Ann, roles: dict[str, str], wanted: str) -> list[Fragment]:
    fragments: list[Fragment] = []
    for role, target in roles.items():
        bound = ann.bounds[target]
        if (role == wanted or (wanted == "Content" and _CONTENT_ROLE.match(role))) and (
            bound.label not in NOTES
        ):
            fragments.extend(bound.fragments)
    return fragments


def _quote(ann: _Ann, text: str, ident: str, roles: dict[str, str]) -> Quote | None:
    notes = sum(ann.bounds[t].label in NOTES for t in roles.values())
    if notes:
        ann.counts["discuss_or_discard_roles_left_out"] += notes
    content = _merge(_role_fragments(ann, roles, "Content"))
    if not content:
        ann.counts["events_without_content"] += 1
        return None
    source = roles.get("Source")
    known = source is not None and ann.bounds[source].label == "Source"
    suffix = "-1" if known and len(ann.bounds[source].fragments) > 1 else ""
    return Quote(
        id=f"q-{ident}",
        type=quote_type(text, content),
        content=tuple(_span(text, f) for f in content),
        cue=tuple(_span(text, f) for f in _merge(_role_fragments(ann, roles, "Cue"))),
        source=f"m-{source}{suffix}" if known else None,
        speaker=f"e-{source}" if known else None,
    )


def _merge_duplicates(ann: _Ann, quotes: list[Quote]) -> list[Quote]:
    """One quote per distinct content: cues united, the first source kept."""
    kept: dict[tuple[Fragment, ...], Quote] = {}
    for quote in quotes:
        key = tuple((s.start, s.end) for s in quote.content)
        first = kept.get(key)
        if first is None:
            kept[key] = quote
            continue
        ann.counts["duplicate_contents_merged"] += 1
        cue = {(s.start, s.end): s for s in (*first.cue, *quote.cue)}
        kept[key] = first.model_copy(
            update={
                "cue": tuple(cue[k] for k in sorted(cue)),
                "source": first.source or quote.source,
                "speaker": first.speaker or quote.speaker,
            }
        )
    return list(kept.values())


def _notes(ann: _Ann) -> dict[str, list[list[int]]]:
    notes: dict[str, list[list[int]]] = {label.lower(): [] for label in NOTES}
    for bound in ann.bounds.values():
        if bound.label in NOTES:
            notes[bound.label.lower()] += [[s, e] for s, e in bound.fragments]
    return notes


def _orphans(ann: _Ann) -> None:
    used = {target for _, roles in ann.events for target in roles.values()}
    for ident, bound in ann.bounds.items():
        if bound.label in ("Cue", "Content") and ident not in used:
            ann.counts[f"{bound.label.lower()}_spans_outside_any_attribution"] += 1


@dataclass(frozen=True)
class _Article:
    doc_id: str
    text_path: Path
    ann_path: Path | None
    annotator: str | None


def _document(
    article: _Article,
    root: Path,
    metadata: dict[str, dict[str, str]],
    lenient: list[Problem] | None,
) -> Document:
    """The article's document; with ``lenient`` (a list), events with a bad role are left
    out, counted, and their problems added to it."""
    data = article.text_path.read_bytes()
    text = _decode(article.text_path, data, article.doc_id)
    ann = parse_ann(article.ann_path, text, article.doc_id) if article.ann_path else _Ann()
    if ann.problems:
        raise InvalidData(ann.problems)
    if lenient is None and ann.event_problems:
        raise InvalidData([p for ps in ann.event_problems.values() for p in ps])
    if lenient is not None:
        lenient.extend(ann.without_bad_events())
    entities, mentions = _sources(ann, text)
    quotes = [_quote(ann, text, ident, roles) for ident, roles in ann.events]
    quotes = _merge_duplicates(ann, [q for q in quotes if q is not None])
    _orphans(ann)
    brat = {"counts": dict(sorted(ann.counts.items())), **_notes(ann)}
    return Document(
        id=article.doc_id,
        text=text,
        meta=_meta(article, root, hashlib.sha256(data).hexdigest(), metadata, brat),
        annotation=Annotation(annotator=article.annotator, origin="import"),
        entities=tuple(entities),
        mentions=tuple(mentions),
        quotes=tuple(sorted(quotes, key=lambda q: (q.content[0].start, q.id))),
    )


def _decode(path: Path, data: bytes, doc_id: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InvalidData([Problem(str(path), line, doc_id, "text", "not UTF-8")]) from None


def _meta(
    article: _Article, root: Path, sha256: str, metadata: dict[str, dict[str, str]], brat: dict
) -> Meta:
    row = metadata.get(article.doc_id, {})
    extra: dict[str, object] = {"brat": brat}
    if row:
        extra.update({k: row[k] for k in ("compartment", "author", "annotators") if k in row})
    return Meta(
        source_file=article.text_path.relative_to(root).as_posix(),
        sha256=sha256,
        title=row.get("title"),
        outlet=row.get("publisher"),
        published=row.get("publication_date"),
        extra=extra,
    )


def _read_metadata(root: Path) -> dict[str, dict[str, str]]:
    """PolNeAR's ``metadata.tsv`` (in the folder or its parent) by article, if present."""
    for candidate in (root / "metadata.tsv", root.parent / "metadata.tsv"):
        if candidate.is_file():
            with candidate.open(encoding="utf-8", newline="") as handle:
                return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    return {}


def _decode_name(name: str) -> str:
    return urllib.parse.unquote(name)


def _encode_name(name: str) -> str:
    """A file-name part for ``name`` that ``_decode_name`` reverses: characters that file
    systems refuse or that the layout uses (``_`` separates the annotator, ``%`` escapes, a
    leading ``.`` hides a file), whitespace and control characters are %-encoded."""
    encoded = "".join(
        urllib.parse.quote(c, safe="") if c in _UNSAFE or c.isspace() or not c.isprintable() else c
        for c in name
    )
    return "%2E" + encoded[1:] if encoded.startswith(".") else encoded


def _owner(stem: str, texts: dict[str, Path]) -> tuple[str, str | None] | None:
    """``(text stem, annotator part)`` of an .ann stem: ``x`` or ``x_ANNOTATOR`` of the
    longest text stem ``x`` it starts with; ``None`` when it matches no text."""
    if stem in texts:
        return stem, None
    owners = [t for t in texts if stem.startswith(t + "_") and len(stem) > len(t) + 1]
    if not owners:
        return None
    owner = max(owners, key=len)
    return owner, stem[len(owner) + 1 :]


def _articles(root: Path) -> tuple[list[_Article], list[Problem]]:
    """Pair each .ann with its .txt: ``x.ann`` or ``x_ANNOTATOR.ann`` belongs to ``x.txt``
    (names %-decoded); a .txt without any .ann is an article with no annotation."""
    layout = (root / "text").is_dir() and (root / "attributions").is_dir()
    text_dir, ann_dir = (root / "text", root / "attributions") if layout else (root, root)
    texts = {path.stem: path for path in sorted(text_dir.glob("*.txt"))}
    if not texts:
        raise UnusableInput(f"{root}: holds no brat .txt files (x.txt or text/x.txt)")
    articles, problems = [], []
    for ann in sorted(ann_dir.glob("*.ann")):
        owner = _owner(ann.stem, texts)
        if owner is None:
            problems.append(Problem(str(ann), None, None, None, "no matching .txt file"))
            continue
        stem, annotator = owner
        decoded = None if annotator is None else _decode_name(annotator)
        articles.append(_Article(_decode_name(stem), texts[stem], ann, decoded))
    annotated = {a.text_path for a in articles}
    articles += [
        _Article(_decode_name(d), p, None, None) for d, p in texts.items() if p not in annotated
    ]
    return articles, problems


@dataclass(frozen=True)
class BratImport:
    """What an import made: the documents, and the problems of what it left out (lenient)."""

    documents: list[Document]
    left_out: list[Problem]


def read_brat(
    directory: str | Path, *, lenient: bool = False, convention: str | None = DEFAULT_CONVENTION
) -> BratImport:
    """Import a brat attribution corpus, one document per (article, annotator).

    Args:
        directory: ``text/*.txt`` with ``attributions/*.ann`` (PolNeAR), or ``x.txt`` and
            ``x.ann`` side by side; ``x_CODE.ann`` is annotator ``CODE``'s version of ``x``.
        lenient: leave out (and count, and report in ``left_out``) each event whose role is
            filled by a span of the wrong label, instead of refusing the corpus.
        convention: the annotation convention the corpus follows, recorded in each document
            (``polnear.v1`` by default: PolNeAR's, PARC 3.0 style; ``None`` for none).
    Returns:
        documents sorted by (id, annotator), origin ``import``.
    Raises:
        UnusableInput: the folder cannot be read or holds no .txt file.
        InvalidData: every malformed line, unknown label, bad offset or reference, by file
            and line.
    """
    root = Path(directory)
    if not root.is_dir():
        raise UnusableInput(f"{root}: not a folder")
    metadata = _read_metadata(root)
    articles, problems = _articles(root)
    documents, left_out = [], []
    for article in articles:
        try:
            documents.append(_document(article, root, metadata, left_out if lenient else None))
        except InvalidData as error:
            problems += error.problems
    if problems:
        raise InvalidData(problems)
    if convention is not None:
        get_convention(convention)  # raises UnusableInput for an unknown name
        documents = [d.with_convention(convention) for d in documents]
    ordered = sorted(documents, key=lambda d: (d.id, d.annotation.annotator or ""))
    return BratImport(ordered, left_out)


def import_brat(
    directory: str | Path, *, lenient: bool = False, convention: str | None = DEFAULT_CONVENTION
) -> list[Document]:
    """The documents of ``read_brat(directory, lenient=lenient, convention=convention)``."""
    return read_brat(directory, lenient=lenient, convention=convention).documents


# ---------------------------------------------------------------- export


def _fragments_spec(spans: Iterable[Span]) -> tuple[str, str]:
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    spec = ";".join(f"{s.start} {s.end}" for s in ordered)
    return spec, " ".join(s.text for s in ordered)


class _AnnWriter:
    """Numbers text-bound annotations and events as they are written."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.bounds = 0

    def bound(self, label: str, spans: Iterable[Span]) -> str:
        self.bounds += 1
        spec, written = _fragments_spec(spans)
        self.lines.append(f"T{self.bounds}\t{label} {spec}\t{written}")
        return f"T{self.bounds}"

    def event(self, number: int, trigger: str, roles: list[str]) -> None:
        self.lines.append(f"E{number}\t{trigger} " + " ".join(roles))


def ann_lines(document: Document) -> list[str]:
    """The .ann lines of one document: Source, Cue, Content spans and Attribution events."""
    writer = _AnnWriter()
    mentions = {m.id: m for m in document.mentions}
    sources: dict[str, str] = {}
    for number, quote in enumerate(document.quotes, start=1):
        roles = []
        if quote.source is not None:
            if quote.source not in sources:
                sources[quote.source] = writer.bound("Source", [mentions[quote.source]])
            roles.append(f"Source:{sources[quote.source]}")
        if quote.cue:
            roles.append(f"Cue:{writer.bound('Cue', quote.cue)}")
        roles.append(f"Content:{writer.bound('Content', quote.content)}")
        label = TRIGGERS[quote.source is None]
        trigger = writer.bound(label, [(quote.cue or quote.content)[0]])
        writer.event(number, f"{label}:{trigger}", roles)
    return writer.lines


def _stem(document: Document) -> str:
    annotator = document.annotation.annotator
    name = _encode_name(document.id)
    stem = name if annotator is None else f"{name}_{_encode_name(annotator)}"
    if len(f"{stem}.ann".encode()) > NAME_MAX:
        message = f"{stem!r}: too long for a file name (id and annotator over {NAME_MAX} bytes)"
        raise UnusableInput(message)
    return stem


def _check_exportable(document: Document, first_text: str, out: Path) -> None:
    problems = []
    if document.text != first_text:
        message = "versions of this document differ in text"
        problems.append(Problem(str(out), None, document.id, "text", message))
    mentions = {m.id for m in document.mentions}
    for i, quote in enumerate(document.quotes):
        if quote.source is not None and quote.source not in mentions:
            message = f"{quote.source!r} is not a known mention id"
            problems.append(Problem(str(out), None, document.id, f"quotes[{i}].source", message))
    if problems:
        raise InvalidData(problems)


def write_brat(
    documents: Iterable[Document],
    out_dir: str | Path,
    inputs: Inputs = (),
    *,
    overwrite: bool = False,
) -> int:
    """Write ``x.txt`` and ``x.ann`` (``x_ANNOTATOR.ann`` for an annotator's version) per
    document as the folder ``out_dir`` (through ``output.output_folder``); names are
    %-encoded so that ``import_brat`` reads back every id and annotator. brat carries no
    quote type, stance, entity or nesting. Returns the files written.

    Raises ``UnusableInput`` when the folder cannot or may not be written, and
    ``InvalidData`` for a quote source that is no mention or versions of one id whose texts
    differ.
    """
    out = Path(out_dir)
    texts: dict[str, str] = {}
    with output_folder(out, inputs, overwrite=overwrite, writer="quotebench export brat") as built:
        for document in documents:
            _check_exportable(document, texts.setdefault(document.id, document.text), out)
            (built / f"{_encode_name(document.id)}.txt").write_text(
                document.text, encoding="utf-8", newline=""
            )
            lines = "".join(line + "\n" for line in ann_lines(document))
            (built / f"{_stem(document)}.ann").write_text(lines, encoding="utf-8", newline="")
        count = sum(1 for _ in built.iterdir())
    return count
