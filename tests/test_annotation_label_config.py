"""The labeling config: derived from the data model and the inventory, valid for the SDK."""

from __future__ import annotations

from importlib import resources
from xml.etree import ElementTree

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from label_studio_sdk.label_interface import LabelInterface
from pydantic import ValidationError

from quotebench.annotation.label_config import SPAN_LABELS, label_config, stance_control
from quotebench.corpus import Target, load_targets
from quotebench.corpus.model import QUOTE_TYPES, STANCE_LABELS

TARGETS = load_targets()


@pytest.fixture(scope="module")
def interface() -> LabelInterface:
    return LabelInterface(label_config(TARGETS))


def test_the_config_validates_with_the_sdk(interface: LabelInterface) -> None:
    interface.validate()


def test_the_packaged_config_equals_the_derived_one() -> None:
    packaged = resources.files("quotebench.annotation") / "label_config.xml"
    assert packaged.read_text(encoding="utf-8") == label_config(TARGETS)


@pytest.mark.parametrize(
    ("control", "values"),
    [
        ("span", SPAN_LABELS),
        ("type", QUOTE_TYPES),
        ("target", tuple(t.id for t in TARGETS)),
        *[(stance_control(t.id), None) for t in TARGETS],
    ],
)
def test_the_choices_come_from_the_model_and_the_inventory(
    interface: LabelInterface, control: str, values: tuple[str, ...] | None
) -> None:
    labels = list(interface.get_control(control).labels)
    if values is None:
        assert {v.split(" ")[0] for v in labels} == set(STANCE_LABELS)
    else:
        assert labels == list(values)


def test_a_smaller_inventory_gives_fewer_stance_controls() -> None:
    config = label_config(TARGETS[:1])
    assert stance_control(TARGETS[0].id) in config
    assert stance_control(TARGETS[1].id) not in config


def test_without_targets_there_is_no_stance_block() -> None:
    config = label_config(())
    LabelInterface(config).validate()
    assert "stance" not in config.lower() and "EVIDENCE" not in config


TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
IDS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


def _target(target_id: str, label: str, description: str) -> Target | None:
    try:
        return Target(id=target_id, label=label, description=description)
    except ValidationError:
        return None  # refused with its reason (control characters, a label over lines)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(IDS, TEXTS, TEXTS), min_size=1, max_size=4, unique_by=lambda t: t[0]))
def test_any_target_texts_give_a_config_that_parses(entries) -> None:
    targets = [t for t in (_target(*entry) for entry in entries) if t is not None]
    assume(targets)
    root = ElementTree.fromstring(label_config(targets))
    headers = [h.get("value") for h in root.iter("Header")]
    assert [f"Stance: {t.label}" for t in targets] == [h for h in headers if h.startswith("Stance")]
    names = {c.get("name") for c in root.iter("Choices")}
    assert {stance_control(t.id) for t in targets} <= names
    evidence = next(c for c in root.iter("Choices") if c.get("name") == "target")
    assert [c.get("value") for c in evidence.iter("Choice")] == [t.id for t in targets]
