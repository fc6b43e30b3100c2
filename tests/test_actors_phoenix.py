"""The actor linker with the converted Phoenix dictionaries and the split passes, on sentences
written for these tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.nlp.actor_context import quoted_tokens
from flashpoint.nlp.actors import ActorLinker, group_actors
from flashpoint.nlp.registry import DATA_DIR, load_registry

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def link(nlp):
    linker = ActorLinker(load_registry(), nlp)

    def run(text: str, published: str | None = "2012-06-01"):
        return linker.link(nlp(text), published)

    return run


def test_phoenix_person_is_coded_by_the_role_on_the_date(link):
    text = "Gamini Lakshman Peiris met the envoy in Colombo."
    in_2012 = [m.actor for m in link(text, "2012-06-01") if m.actor.id == "GAMINI_LAKSHMAN_PEIRIS"]
    assert in_2012 and (in_2012[0].country, in_2012[0].sector) == ("LKA", "GOV")
    # The dictionaries stop in 2019: later, the country is kept and the post is not guessed.
    in_2024 = [m.actor for m in link(text, "2024-06-01") if m.actor.id == "GAMINI_LAKSHMAN_PEIRIS"]
    assert in_2024 and (in_2024[0].country, in_2024[0].sector) == ("LKA", None)


def test_phoenix_armed_group_links_by_its_name(link):
    mentions = link("The Ulster Volunteer Force said it had ended its campaign.")
    group = [m.actor for m in mentions if m.actor.id == "PHX_ULSTER_VOLUNTEER_FORCE"]
    assert group and (group[0].country, group[0].sector) == ("GBR", "REB")


def test_phoenix_names_never_link_by_near_spelling(link):
    mentions = link("Gamini Lakshmon Peres met the envoy in Colombo.")
    assert all(m.actor.id != "GAMINI_LAKSHMAN_PEIRIS" for m in mentions)


def test_agent_nouns_are_generic_and_take_a_country(link):
    actors = group_actors(link("Iraqi shopkeepers and fishermen joined the strike."))
    by_id = {a.id: a for a in actors}
    assert by_id["IRQ_CVL"].generic is False  # "Iraqi shopkeepers": Iraq's civilians
    generic = [a for a in actors if a.generic]
    assert generic and all(a.country is None for a in generic)


def test_x_led_forces_are_the_leaders_military(link):
    mentions = link("Ethiopian-led forces struck the port, and a Turkish-led mission withdrew.")
    assert [(m.text, m.actor.id) for m in mentions] == [("Ethiopian-led forces", "ETH_MIL"), ("Turkish-led mission", "TUR_MIL")]


def test_pronoun_in_a_quotation_is_left_empty(link):
    text = "Hamas denied the report. \u201cThey attacked the clinic,\u201d a Hamas official said."
    they = [m for m in link(text) if m.text == "They"]
    assert they == []
    outside = [m for m in link("Hamas denied the report. They said the clinic was empty.") if m.text == "They"]
    assert outside and outside[0].actor.id == "HAMAS"


def test_quoted_tokens_follow_the_quote_marks(nlp):
    doc = nlp('He said "we will fight" and left.')
    inside = [t.text for t in doc if quoted_tokens(doc)[t.i]]
    assert inside == ["we", "will", "fight"]


def test_converter_output_is_what_the_script_writes(tmp_path):
    """The committed files are the converter's output (rerun it after editing its rules)."""
    phoenix = Path("/work/shared/phoenix")
    if not phoenix.exists():
        pytest.skip("the Phoenix dictionaries are not on this machine")
    names = ["agents.tsv", "phoenix_people.tsv", "phoenix_groups.tsv"]
    before = {n: (DATA_DIR / n).read_text(encoding="utf-8") for n in names}
    subprocess.run([sys.executable, str(ROOT / "scripts" / "convert_phoenix_actors.py"), str(phoenix)],
                   check=True, capture_output=True)
    after = {n: (DATA_DIR / n).read_text(encoding="utf-8") for n in names}
    assert before == after


def test_licence_notice_ships_with_the_converted_files():
    for name in ("agents.tsv", "phoenix_people.tsv", "phoenix_groups.tsv"):
        head = (DATA_DIR / name).read_text(encoding="utf-8")[:2000]
        assert "MIT licence" in head and "Open Event Data Alliance" in head


def test_multinational_compound_is_one_actor_without_a_country(link):
    mentions = link("A Franco-German-Italian force landed in the port, and Sino-Russian troops held drills.")
    assert [(m.text, m.actor.id, m.actor.country, m.actor.sector) for m in mentions] == [
        ("Franco-German-Italian force", "FRA_DEU_ITA_MIL", None, "MIL"),
        ("Sino-Russian troops", "CHN_RUS_MIL", None, "MIL"),
    ]


def test_combining_form_alone_is_no_country(link):
    mentions = link("General Franco died in 1975.")
    assert all(m.actor.country != "FRA" for m in mentions)


def test_group_named_by_its_region(link):
    mentions = link("Darfur rebels attacked the convoy.")
    assert [(m.text, m.actor.id, m.actor.sector) for m in mentions] == [("Darfur rebels", "DARFUR_REB", "REB")]


def test_titled_people_take_the_country_of_the_title(link):
    mentions = link("A Turkish general said the Malian prime minister had resigned.")
    assert [(m.actor.country, m.actor.sector) for m in mentions] == [("TUR", "MIL"), ("MLI", "GOV")]
