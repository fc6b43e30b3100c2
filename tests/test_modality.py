"""Modality of event triggers: asserted, hypothetical, negated."""

from __future__ import annotations

import pytest

from flashpoint.errors import DataFileError
from flashpoint.nlp.modality import ModalityCues, modality_of


def status(nlp, text: str, trigger: str) -> str:
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    return modality_of(token)


@pytest.mark.parametrize("text, trigger, expected", [
    ("Rebels attacked the town on Monday.", "attacked", "asserted"),
    ("Officials said militants had attacked the town.", "attacked", "asserted"),
    ("The rebels will attack the town.", "attack", "hypothetical"),
    ("Analysts said the army would launch an offensive.", "launch", "hypothetical"),
    ("The government should negotiate with the rebels.", "negotiate", "hypothetical"),
    ("The army could face sanctions.", "sanctions", "hypothetical"),
    ("If the rebels attack the town, the army will respond.", "attack", "hypothetical"),
    ("The army will respond unless the rebels withdraw.", "withdraw", "hypothetical"),
    ("Will the rebels attack the town?", "attack", "hypothetical"),
    ("Did the army shell the village?", "shell", "hypothetical"),
    ("The rebels plan to attack the capital.", "attack", "hypothetical"),
    ("The government wants to negotiate a ceasefire.", "negotiate", "hypothetical"),
    ("The militia threatened to attack the city.", "attack", "hypothetical"),
    ("The offensive is likely to resume next month.", "resume", "hypothetical"),
    ("The talks are expected to resume next month.", "talks", "hypothetical"),
    ("The union called for talks with the employers.", "talks", "hypothetical"),
    ("The army did not attack the village.", "attack", "negated"),
    ("The president never endorsed the plan.", "endorsed", "negated"),
    ("The ministry did not make any request for aid.", "request", "negated"),
    ("The army denied attacking the village.", "attacking", "negated"),
    ("The army denied that its soldiers had burned the houses.", "burned", "negated"),
    ("The rebels refused to withdraw from the town.", "withdraw", "negated"),
    ("The parties failed to reach an agreement.", "reach", "negated"),
    ("The police said no protesters were arrested.", "arrested", "negated"),
    ("The army has not withdrawn and will not withdraw.", "withdrawn", "negated"),
    ("Soldiers stormed the compound and arrested two men.", "arrested", "asserted"),
    ("The group claimed to have killed five soldiers.", "killed", "asserted"),
    ("The army began to shell the town.", "shell", "asserted"),
])
def test_modality(nlp, text, trigger, expected):
    assert status(nlp, text, trigger) == expected


def test_threat_itself_is_asserted(nlp):
    assert status(nlp, "The militia threatened to attack the city.", "threatened") == "asserted"


def test_refusal_itself_is_asserted(nlp):
    assert status(nlp, "The rebels refused to withdraw from the town.", "refused") == "asserted"


def test_bad_cue_line_raises(tmp_path):
    path = tmp_path / "modality.tsv"
    path.write_text("cue\tkind\tstatus\nwill\taux\thypothetical\nperhaps\tadverb\thypothetical\n")
    with pytest.raises(DataFileError) as err:
        ModalityCues.load(path)
    assert err.value.line == 3


def test_cue_file_loads():
    cues = ModalityCues.load()
    assert cues.get("aux", "will") == "hypothetical"
    assert cues.get("govern", "deny") == "negated"
