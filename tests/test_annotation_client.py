"""Push, annotate, pull and import against a real Label Studio server, and see it in a browser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotebench.annotation import client
from quotebench.annotation.convert import build_tasks
from quotebench.annotation.studio_import import import_export
from quotebench.corpus import (
    Collection,
    UnusableInput,
    load_documents,
    load_gold,
    load_targets,
    output_file,
    write_documents,
)

from .labelstudio import Server, label_studio  # noqa: F401  (the session's server)

ROOT = Path(__file__).resolve().parent.parent
TARGETS = load_targets()
GOLD = load_gold()[0]
PRE_ANNOTATED = Collection.of("gold", [GOLD])


@pytest.fixture(scope="module")
def pushed(label_studio: Server) -> dict[str, Any]:  # noqa: F811
    """The seed pushed with the gold as pre-annotation, annotated through the API, pulled."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv(client.URL_VARIABLE, label_studio.url)
        env.setenv(client.TOKEN_VARIABLE, label_studio.token)
        studio = client.connect()
        tasks = build_tasks([GOLD], PRE_ANNOTATED)
        project_id, count = client.push(studio, "seed round trip", TARGETS, tasks)
        task = next(iter(studio.tasks.list(project=project_id, fields="all")))
        prediction = task.predictions[0]
        result = prediction["result"] if isinstance(prediction, dict) else prediction.result
        studio.annotations.create(id=task.id, result=result, lead_time=42.0)
        return {"project": project_id, "count": count, "task": task.id, "result": result,
                "export": client.pull(studio, str(project_id))}  # fmt: skip


def test_push_imports_the_task_with_its_prediction(pushed: dict[str, Any]) -> None:
    assert pushed["count"] == 1
    assert len(pushed["export"]) == 1
    assert pushed["export"][0]["predictions"][0]["result"] == pushed["result"]


def test_pushing_again_does_not_duplicate_tasks(
    pushed: dict[str, Any],
    label_studio: Server,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(client.TOKEN_VARIABLE, label_studio.token)
    studio = client.connect(label_studio.url)
    again = client.push(studio, str(pushed["project"]), TARGETS, build_tasks([GOLD], PRE_ANNOTATED))
    assert again == (pushed["project"], 0)
    assert len(list(studio.tasks.list(project=pushed["project"]))) == 1


def test_the_seed_gold_comes_back_unchanged(pushed: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    with output_file(path) as handle:
        json.dump(pushed["export"], handle)
    (document,) = import_export(path, [t.id for t in TARGETS], [GOLD])
    assert document.model_copy(update={"annotation": GOLD.annotation}) == GOLD
    assert document.annotation.annotator == "annotator@example.org"
    assert (document.annotation.origin, document.annotation.lead_time) == ("label-studio", 42.0)
    assert document.annotation.convention == GOLD.annotation.convention == "quotebench.v1"


def test_connect_needs_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(client.URL_VARIABLE, "http://127.0.0.1:9")
    monkeypatch.delenv(client.TOKEN_VARIABLE, raising=False)
    with pytest.raises(UnusableInput, match=client.TOKEN_VARIABLE):
        client.connect()


def test_the_ui_shows_every_region_and_relation(
    pushed: dict[str, Any],
    label_studio: Server,  # noqa: F811
    browser,
) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{label_studio.url}/user/login/")
        page.fill("input[name=email]", label_studio.username)
        page.fill("input[name=password]", label_studio.password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{label_studio.url}/projects/{pushed['project']}/data?task={pushed['task']}")
        counts = "() => { const a = window.Htx.annotationStore.selected;"
        counts += " return [a.regionStore.regions.length, a.relationStore.relations.length]; }"
        ready = "() => window.Htx && window.Htx.annotationStore.selected"
        page.wait_for_function(ready, timeout=60000)
        regions, relations = page.evaluate(counts)
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / "label-studio-seed.png"), full_page=True)
    finally:
        page.close()
    expected_regions = {i["id"] for i in pushed["result"] if i["type"] != "relation"} - {"entities"}
    expected_relations = [i for i in pushed["result"] if i["type"] == "relation"]
    assert (regions, relations) == (len(expected_regions), len(expected_relations))


def test_the_commands_push_and_pull_without_showing_the_token(
    label_studio: Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.cli import run

    monkeypatch.setenv(client.URL_VARIABLE, "http://127.0.0.1:9")
    monkeypatch.setenv(client.TOKEN_VARIABLE, label_studio.token)
    gold, tasks, export, docs = (
        str(tmp_path / n) for n in ("g.jsonl", "t.json", "e.json", "d.jsonl")
    )
    write_documents(gold, [GOLD])
    outcomes = [
        run("annotate", "export", gold, "--output", tasks, "--predictions", gold),
        run("annotate", "push", tasks, "--project", "cli round trip", "--url", label_studio.url),
    ]
    studio = client.connect(label_studio.url)
    project = next(p for p in studio.projects.list() if p.title == "cli round trip")
    task = next(iter(studio.tasks.list(project=project.id, fields="all")))
    prediction = task.predictions[0]
    result = prediction["result"] if isinstance(prediction, dict) else prediction.result
    studio.annotations.create(id=task.id, result=result, lead_time=7.0)
    outcomes += [
        run("annotate", "pull", "--project", "cli round trip", "--output", export,
            "--url", label_studio.url),
        run("annotate", "import", export, "--output", docs, "--corpus", gold),
    ]  # fmt: skip
    assert [o.code for o in outcomes] == [0, 0, 0, 0]
    assert not any(label_studio.token in o.stdout + o.stderr for o in outcomes)
    (document,) = load_documents(docs)
    assert document.model_copy(update={"annotation": GOLD.annotation}) == GOLD
    assert document.annotation.lead_time == 7.0


def personal_access_token(server: Server) -> str:
    """A personal access token, got as a user gets one: log in, create it (one per user)."""
    import httpx

    with httpx.Client(base_url=server.url, timeout=30) as session:
        session.get("/user/login/")
        login = {"email": server.username, "password": server.password,
                 "csrfmiddlewaretoken": session.cookies["csrftoken"]}  # fmt: skip
        assert session.post("/user/login/", data=login).status_code == 302
        made = session.post("/api/token/")
        if made.status_code == 409:  # one token per user: revoke the previous one
            for token in session.get("/api/token/").json():
                session.post("/api/token/blacklist/", json={"refresh": token["token"]})
            made = session.post("/api/token/")
        made.raise_for_status()
        return made.json()["token"]


def test_a_personal_access_token_works_where_legacy_tokens_are_refused(
    label_studio: Server,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from label_studio_sdk import LabelStudio

    from tests.cli import run

    token = personal_access_token(label_studio)
    settings = LabelStudio(base_url=label_studio.url, api_key=token).jwt_settings
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps(build_tasks([GOLD])), encoding="utf-8")
    push = ("annotate", "push", str(tasks), "--project", "token kinds", "--url", label_studio.url)

    def legacy(enabled: bool) -> None:
        settings.update(
            api_tokens_enabled=True, legacy_api_tokens_enabled=enabled, api_token_ttl_days=1
        )

    legacy(False)
    try:  # as a fresh 1.23 server is: legacy tokens disabled
        monkeypatch.setenv(client.TOKEN_VARIABLE, label_studio.token)
        refused = run(*push)
        monkeypatch.setenv(client.TOKEN_VARIABLE, token)
        accepted = run(*push)
    finally:
        settings.update(
            api_tokens_enabled=True, legacy_api_tokens_enabled=True, api_token_ttl_days=1
        )
    assert refused.code == 2 and len(refused.stderr.strip().splitlines()) == 1
    assert "answered 401" in refused.stderr and "legacy token authentication has been disabled"
    assert "personal access token" in refused.stderr and "Legacy Tokens" in refused.stderr
    assert accepted.code == 0, accepted.stderr
    assert not any(
        t in o.stdout + o.stderr for o in (refused, accepted) for t in (token, label_studio.token)
    )


@pytest.mark.parametrize("command", ["push", "pull"])
def test_an_unreachable_server_is_one_line_and_exit_2(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.cli import run

    monkeypatch.setenv(client.TOKEN_VARIABLE, "0123456789abcdef")
    tasks = tmp_path / "tasks.json"
    tasks.write_text(json.dumps(build_tasks([GOLD])), encoding="utf-8")
    first = [str(tasks)] if command == "push" else ["--output", str(tmp_path / "export.json")]
    outcome = run("annotate", command, *first, "--project", "p", "--url", "http://127.0.0.1:9")
    assert outcome.code == 2
    assert outcome.stderr.startswith("error: cannot reach Label Studio at http://127.0.0.1:9")
    assert len(outcome.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tasks.json"]
