"""Shards of a corpus: found by folder or glob, read and checked, JSON Lines and Parquet."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotebench.corpus import InvalidData, UnusableInput
from quotebench.engines.shards import count_documents, find_shards, read_shard


def _parquet(path: Path, **columns: list[object]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


def test_a_folder_or_a_glob_names_its_shards_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.jsonl").write_text('{"id": "1", "text": "x"}\n\n{"id": "2", "text": "y"}\n')
    _parquet(tmp_path / "a.parquet", id=["p"], text=["z"])
    (tmp_path / "notes.txt").write_text("not a shard")
    shards = find_shards(str(tmp_path))
    assert [(Path(s.path).name, s.format, s.output_name) for s in shards] == [
        ("a.parquet", "parquet", "a.jsonl"),
        ("b.jsonl", "jsonl", "b.jsonl"),
    ]
    assert [count_documents(s) for s in shards] == [1, 2]
    assert [d.id for d in read_shard(shards[1])] == ["1", "2"]
    assert [Path(s.path).name for s in find_shards(str(tmp_path / "b.*"))] == ["b.jsonl"]
    with pytest.raises(UnusableInput, match=r"notes\.txt: not a shard"):
        find_shards(str(tmp_path / "*"))


def test_two_shards_with_one_output_name_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": "1", "text": "x"}\n')
    _parquet(tmp_path / "a.parquet", id=["p"], text=["z"])
    with pytest.raises(UnusableInput, match=r"its output would be a\.jsonl"):
        find_shards(str(tmp_path))


@pytest.mark.parametrize(
    ("columns", "where"),
    [
        ({"id": ["a"]}, "field text: no such column"),
        ({"id": ["a", " "], "text": ["x", "y"]}, ":2: document ' ': field id"),
        ({"id": ["a", "b"], "text": ["x", None]}, ":2: document 'b': field text"),
        ({"id": ["a", "a"], "text": ["x", "y"]}, ":2: document 'a': field id: duplicate id"),
    ],
)
def test_a_bad_parquet_row_names_the_file_row_and_field(
    tmp_path: Path, columns: dict[str, list[object]], where: str
) -> None:
    (shard,) = find_shards(str(_parquet(tmp_path / "s.parquet", **columns)))
    with pytest.raises(InvalidData) as raised:
        list(read_shard(shard))
    assert where in str(raised.value.problems[0])


def test_a_file_that_is_not_parquet_is_unusable(tmp_path: Path) -> None:
    (tmp_path / "s.parquet").write_text("not parquet")
    (shard,) = find_shards(str(tmp_path))
    with pytest.raises(UnusableInput, match="cannot read as Parquet"):
        list(read_shard(shard))
