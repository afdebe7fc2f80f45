"""The labeling config: derived from the data model and the inventory, valid for the SDK."""

from __future__ import annotations

from importlib import resources

import pytest
from label_studio_sdk.label_interface import LabelInterface

from quotebench.annotation.label_config import SPAN_LABELS, label_config, stance_control
from quotebench.corpus import load_targets
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
