"""The stance-target inventory."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotebench.corpus import InvalidData, UnusableInput, load_targets


def test_the_packaged_inventory_loads_with_unique_ids() -> None:
    targets = load_targets()
    assert targets
    assert len({t.id for t in targets}) == len(targets)
    assert all(t.label and t.description for t in targets)


@pytest.mark.parametrize(
    ("content", "field"),
    [
        ('[{"id": "a", "label": "A", "description": "d"}, {"id": "a", "label": "B", '
         '"description": "e"}]', "[1].id"),
        ('[{"id": "Not Kebab", "label": "A", "description": "d"}]', "[0].id"),
        ('[{"id": "a", "label": "A"}]', "[0].description"),
        ('{"id": "a"}', None),
        ("[{", None),
        ('[{"id": "a", "label": "A\\u0001", "description": "d"}]', "[0].label"),
        ('[{"id": "a", "label": "two\\nlines", "description": "d"}]', "[0].label"),
        ('[{"id": "a", "label": "", "description": "d"}]', "[0].label"),
        ('[{"id": "a", "id": "b", "label": "A", "description": "d"}]', None),
    ],
    ids=[
        "duplicate id", "bad id", "missing field", "not an array", "malformed",
        "control character", "label over two lines", "empty label", "repeated key",
    ],
)  # fmt: skip
def test_a_bad_inventory_is_invalid(tmp_path: Path, content: str, field: str | None) -> None:
    path = tmp_path / "targets.json"
    path.write_text(content)
    with pytest.raises(InvalidData) as caught:
        load_targets(path)
    assert caught.value.problems[0].field == field
    assert caught.value.problems[0].file == str(path)


def test_a_missing_inventory_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput):
        load_targets(tmp_path / "absent.json")
