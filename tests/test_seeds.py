"""The seed article is kept byte for byte, with a manifest that invents nothing."""

from __future__ import annotations

import hashlib
import json

from quotebench.corpus import load_gold
from tests.conftest import ROOT, SHARED, require

SEEDS = ROOT / "seeds"
MANIFEST = json.loads((SEEDS / "MANIFEST.json").read_text(encoding="utf-8"))


def test_the_seed_is_an_exact_copy_of_the_received_article() -> None:
    received = SHARED / "seeds" / "000_888c58a4d7dcaec2.txt"
    require(received.exists(), f"the received seed is not beside the project ({received})")
    assert (SEEDS / "000_888c58a4d7dcaec2.txt").read_bytes() == received.read_bytes()


def test_the_manifest_lists_every_seed_with_its_sha256() -> None:
    listed = {entry["file"]: entry for entry in MANIFEST}
    on_disk = {p.name for p in SEEDS.glob("*.txt")}
    assert set(listed) == on_disk
    for name, entry in listed.items():
        data = (SEEDS / name).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["bytes"] == len(data)


def test_unknown_provenance_stays_null() -> None:
    for entry in MANIFEST:
        assert all(entry[key] is None for key in ("outlet", "published", "url", "license"))


def test_each_seed_is_a_gold_document_with_the_same_text() -> None:
    gold = {d.id: d for d in load_gold()}
    for entry in MANIFEST:
        document = gold[entry["document_id"]]
        assert document.text.encode("utf-8") == (SEEDS / entry["file"]).read_bytes()
        assert document.meta.sha256 == entry["sha256"]
