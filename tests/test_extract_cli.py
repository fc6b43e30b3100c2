"""`flashpoint extract`: the SPEC's JSON Lines contract, one line per article, nothing else on stdout."""

from __future__ import annotations

import json

from conftest import FIXTURES, run_cli

GOOD = FIXTURES / "good"
CONTRACT_KEYS = ["doc_id", "published", "title", "url", "outlet", "language", "text",
                 "actors", "places", "events", "quotes", "quantities"]
EVENT_KEYS = {"type", "mode", "cameo", "status", "source", "target", "place", "date", "fatalities",
              "sentence", "trigger", "confidence", "background", "claimed_by"}
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_extract_prints_the_contract_for_a_text_file():
    path = GOOD / "short_article.txt"
    result = run_cli("extract", str(path), "--published", "2024-03-06")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    document = json.loads(line)
    assert list(document) == CONTRACT_KEYS
    assert document["doc_id"] == "short_article.txt"
    assert document["published"] == "2024-03-06"
    assert document["text"] == path.read_text(encoding="utf-8")
    assert document["language"] == "en"
    text = document["text"]
    assert document["events"], "an attack that killed four soldiers must give at least one event"
    for event in document["events"]:
        assert set(event) == EVENT_KEYS and event["type"] in PLOVER
        assert event["status"] in {"asserted", "hypothetical", "negated"}
        sentence, trigger = event["sentence"], event["trigger"]
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
        assert text[trigger["start"]:trigger["end"]] == trigger["text"]
        assert sentence["start"] <= trigger["start"] < trigger["end"] <= sentence["end"]
    assault = [e for e in document["events"] if e["type"] == "ASSAULT" and e["status"] == "asserted"]
    assert any(e["fatalities"] == 4 for e in assault)
    # the army's announced pursuit is a plan, not a fact
    assert all(e["status"] != "asserted" for e in document["events"] if "will launch" in e["sentence"]["text"] and e["trigger"]["text"] == "launch")
    for actor in document["actors"]:
        for mention in actor["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]
    for place in document["places"]:
        assert text[place["start"]:place["end"]] == place["text"]
    assert any(p["country"] == "IRQ" for p in document["places"])


def test_doc_id_option_and_one_line_per_record():
    result = run_cli("extract", str(GOOD / "articles.jsonl"))
    assert result.returncode == 0, result.stderr
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(documents) == 2
    assert {d["outlet"] for d in documents} == {"Gulf Maritime Wire", "Horn Observer"}
    named = run_cli("extract", str(GOOD / "short_article.txt"), "--doc-id", "tuz-2024")
    assert json.loads(named.stdout)["doc_id"] == "tuz-2024"


def test_a_bad_file_is_reported_on_stderr_and_the_others_still_print():
    result = run_cli("extract", str(FIXTURES / "bad" / "binary.txt"), str(FIXTURES / "bad" / "non_english.txt"))
    assert result.returncode == 1
    assert "binary.txt" in result.stderr and "binary file" in result.stderr
    (line,) = result.stdout.splitlines()  # the French article is printed, not extracted
    document = json.loads(line)
    assert document["language"] == "fr" and document["events"] == [] and document["actors"] == []


def test_a_bad_published_date_is_refused():
    result = run_cli("extract", str(GOOD / "short_article.txt"), "--published", "soon")
    assert result.returncode == 1
    assert "--published" in result.stderr
    assert result.stdout == ""
