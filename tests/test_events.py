"""PLOVER event coding: one table per concern, fictional sentences with real countries.

Actors are checked by name (the actor an event points to, looked up in
``analysis.actors``), never by id, so the tests survive changes to the actor
stage. Each sentence runs through the whole ``claimgraph.analyze``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest

from claimgraph.options import Options
from claimgraph.records import Analysis, Event

SHARED = Path(__file__).resolve().parents[2] / "shared"
GSR = SHARED / "eval" / "plover_gsr" / "PLOVER_GSR_dev.json"

PLOVER_TYPES = (
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"),
    *("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
)


@functools.cache
def run(text: str) -> Analysis:
    import claimgraph

    # Short sentences are too short for language identification; they are English.
    return claimgraph.analyze(text, Options(languages=()))


def events(text: str) -> list[tuple[Analysis, Event]]:
    analysis = run(text)
    return [(analysis, c.event) for c in analysis.claims if c.event is not None]


def only_event(text: str) -> tuple[Analysis, Event]:
    found = events(text)
    assert len(found) == 1, found
    return found[0]


def name_of(analysis: Analysis, actor_id: str | None) -> str | None:
    for actor in analysis.actors:
        if actor.id == actor_id:
            return actor.name
    return None


def names(analysis: Analysis, actor_id: str | None) -> set[str]:
    """Every name the actor goes by, lower-cased (name and aliases)."""
    for actor in analysis.actors:
        if actor.id == actor_id:
            return {actor.name.lower(), *(a.lower() for a in actor.aliases)}
    return set()


def is_named(analysis: Analysis, actor_id: str | None, expected: str | None) -> bool:
    if expected is None:
        return actor_id is None
    return any(expected.lower() in n or n in expected.lower() for n in names(analysis, actor_id))


# --- every PLOVER type ----------------------------------------------------------

# (sentence, type, mode or None for "any", source name, target name or None)
TYPES = [
    ("Canada agreed to cooperate with Mexico on border security.", "AGREE", None, "Canada", None),
    ("Peru promised to send food aid to Bolivia.", "AGREE", None, "Peru", "Bolivia"),
    ("Egypt met with Jordan in Amman.", "CONSULT", None, "Egypt", "Jordan"),
    ("Vietnam hosted a visit by Laos last week.", "CONSULT", "visit", "Vietnam", None),
    ("Japan praised Vietnam for its reforms.", "SUPPORT", None, "Japan", "Vietnam"),
    ("Austria signed a friendship treaty with Hungary.", "SUPPORT", None, "Austria", "Hungary"),
    ("Norway conceded to Sweden after long talks.", "CONCEDE", None, "Norway", None),
    (
        "Morocco lifted the ban on the opposition party of Mauritania.",
        "CONCEDE",
        None,
        "Morocco",
        None,
    ),
    ("Chile cooperated with Peru on fisheries.", "COOPERATE", None, "Chile", "Peru"),
    ("Spain extradited two suspects to France.", "COOPERATE", None, "Spain", "France"),
    ("Germany sent humanitarian aid to Ukraine.", "AID", "humanitarian", "Germany", "Ukraine"),
    ("Qatar donated ten million dollars to Sudan.", "AID", "economic", "Qatar", "Sudan"),
    ("Kenya released the prisoners from Uganda.", "RETREAT", "release", "Kenya", "Uganda"),
    ("Armenia withdrew its troops from Georgia.", "RETREAT", "withdraw", "Armenia", "Georgia"),
    ("Brazil urged Argentina to lower its tariffs.", "REQUEST", None, "Brazil", "Argentina"),
    ("Cuba demanded that Panama release the sailors.", "REQUEST", "yield", "Cuba", "Panama"),
    ("Ghana accused Togo of smuggling arms.", "ACCUSE", "allege", "Ghana", "Togo"),
    (
        "Finland condemned Estonia for the new border law.",
        "ACCUSE",
        "disapprove",
        "Finland",
        "Estonia",
    ),
    ("Greece rejected the proposal from Turkey.", "REJECT", None, "Greece", "Turkey"),
    ("Libya refused to extradite the suspects to Tunisia.", "REJECT", None, "Libya", None),
    ("Russia threatened to attack Poland.", "THREATEN", "violence", "Russia", "Poland"),
    ("Iran said it would impose sanctions on Iraq.", "THREATEN", "restrict", "Iran", "Iraq"),
    ("Students from Egypt protested against Israel.", "PROTEST", "demo", "Egypt", "Israel"),
    ("Workers from Nigeria went on strike against Shell.", "PROTEST", "strike", "Nigeria", None),
    ("Poland expelled the ambassador of Belarus.", "SANCTION", "expel", "Poland", "Belarus"),
    ("Italy suspended aid to Somalia.", "SANCTION", "discontinue", "Italy", "Somalia"),
    ("India deployed troops to Bhutan.", "MOBILIZE", "troops", "India", "Bhutan"),
    (
        "Pakistan mobilized its army along the border with India.",
        "MOBILIZE",
        "troops",
        "Pakistan",
        None,
    ),
    ("Iraq arrested three activists from Syria.", "COERCE", "arrest", "Iraq", "Syria"),
    ("Jordan banned two newspapers from Iraq.", "COERCE", "ban", "Jordan", "Iraq"),
    ("Armenia attacked Azerbaijan with drones.", "ASSAULT", "drone", "Armenia", "Azerbaijan"),
    (
        "Ethiopia shelled the border towns of Eritrea.",
        "ASSAULT",
        "heavy-weapons",
        "Ethiopia",
        "Eritrea",
    ),
]


def test_type_table_covers_every_type_twice():
    counts = {t: sum(row[1] == t for row in TYPES) for t in PLOVER_TYPES}
    assert min(counts.values()) >= 2, counts


@pytest.mark.parametrize(("text", "type_", "mode", "source", "target"), TYPES)
def test_event_types(text, type_, mode, source, target):
    analysis, event = only_event(text)
    assert event.type == type_
    if mode is not None:
        assert event.mode == mode
    assert is_named(analysis, event.source_actor, source), name_of(analysis, event.source_actor)
    if target is not None:
        assert is_named(analysis, event.target_actor, target), name_of(analysis, event.target_actor)
    assert event.cameo and event.cameo.isdigit()
    assert 0.0 <= event.confidence <= 1.0
    start, end = event.trigger_span
    assert 0 <= start < end <= len(analysis.document.text)


# (sentence, type, mode)
MODES = [
    ("Turkish workers went on strike against Germany.", "PROTEST", "strike"),
    ("Israel held talks with Egypt.", "CONSULT", None),
    ("Hamas launched an airstrike on Israel.", "ASSAULT", "aerial"),
    ("Russia imposed sanctions on Georgia.", "SANCTION", "discontinue"),
    ("Syria killed three soldiers from Turkey with a car bomb.", "ASSAULT", "explosives"),
    ("China called for talks with Japan.", "REQUEST", "meet"),
    ("Serbia held rallies against Kosovo.", "PROTEST", "demo"),
    ("The army of Sudan opened fire on protesters from Chad.", "ASSAULT", "firearms"),
]


@pytest.mark.parametrize(("text", "type_", "mode"), MODES)
def test_light_verbs_and_modes(text, type_, mode):
    _, event = only_event(text)
    assert (event.type, event.mode) == (type_, mode)


def test_passive_by_agent_is_the_source():
    analysis, event = only_event("Three journalists from Qatar were arrested by Egypt.")
    assert event.type == "COERCE"
    assert is_named(analysis, event.source_actor, "Egypt")
    assert is_named(analysis, event.target_actor, "Qatar")


def test_noun_trigger_takes_its_owner_as_source():
    text = "The meetings of Hamas representatives with Egypt worried many observers."
    analysis, event = only_event(text)
    assert event.type == "CONSULT"
    assert is_named(analysis, event.source_actor, "Hamas")
    assert is_named(analysis, event.target_actor, "Egypt")


def test_request_target_is_the_one_asked():
    analysis, event = only_event("Brazil asked Argentina to send inspectors to Chile.")
    assert event.type == "REQUEST"
    assert is_named(analysis, event.target_actor, "Argentina")


@pytest.mark.parametrize(
    "text",
    [
        "CAIRO, March 3 (Reuters) - Egypt expelled the ambassador of Israel.",
        "CAIRO — Egypt expelled the ambassador of Israel.",
    ],
)
def test_dateline_is_not_an_argument(text):
    analysis, event = only_event(text)
    assert is_named(analysis, event.source_actor, "Egypt")
    assert is_named(analysis, event.target_actor, "Israel")
    assert event.place is None


def test_dateline_country_is_not_the_source():
    analysis, event = only_event(
        "ANTOFAGASTA, Chile — Hundreds of villagers marched against Bolivia."
    )
    assert event.type == "PROTEST"
    # the villagers (an unnamed group), not Chile from the dateline
    assert is_named(analysis, event.source_actor, "villagers")
    assert is_named(analysis, event.target_actor, "Bolivia")


# --- realis ------------------------------------------------------------------

# (sentence, type, realis)
REALIS = [
    ("Iran attacked Iraq.", "ASSAULT", "actual"),
    ("Iran did not attack Iraq.", "ASSAULT", "negated"),
    ("Iran never attacked Iraq.", "ASSAULT", "negated"),
    ("Iran will attack Iraq.", "ASSAULT", "future"),
    # A hostile act its source plans is a threat (PLOVER THREATEN); the
    # threatened act is still to come.
    ("Iran plans to attack Iraq.", "THREATEN", "future"),
    ("Iran is set to attack Iraq.", "ASSAULT", "future"),
    ("Iran would attack Iraq.", "ASSAULT", "hypothetical"),
    ("Iran could attack Iraq if the talks fail.", "ASSAULT", "hypothetical"),
    ("Iran often criticizes Iraq.", "ACCUSE", "generic"),
    # PLOVER codes a cooperative act announced for the future as AGREE.
    ("Pakistan will meet India next week.", "AGREE", "future"),
    ("Russia threatened to attack Poland.", "THREATEN", "actual"),
    ("Iran denied attacking Iraq.", "ASSAULT", "negated"),
    # Reported "would" is the future of the past, not a hypothetical.
    ("The foreign minister said Egypt would meet Jordan next week.", "AGREE", "future"),
    ("Egypt would meet Jordan if Israel agreed.", "CONSULT", "hypothetical"),
    ("Syria did not expel the diplomats of Lebanon.", "SANCTION", "negated"),
    ("Chile could send troops to Peru if asked.", "MOBILIZE", "hypothetical"),
    ("Bolivia routinely arrests activists from Peru.", "COERCE", "generic"),
    ("Kenya will release the prisoners from Uganda.", "AGREE", "future"),
]


@pytest.mark.parametrize(("text", "type_", "realis"), REALIS)
def test_realis(text, type_, realis):
    _, event = only_event(text)
    assert (event.type, event.realis) == (type_, realis)


def test_confidence_rewards_found_actors():
    _, both = only_event("Iran attacked Iraq.")
    _, one = only_event("Iran attacked the convoy.")
    assert both.confidence > one.confidence


# --- speech acts, threats, requests ---------------------------------------------

# (sentence, type, mode or None for "any", source, target or None, realis)
SPEECH = [
    # The speaker of reported content is the source of its pronoun subject,
    # and a hostile act it announces for itself is a threat.
    ("Iran said it would attack Iraq.", "THREATEN", "violence", "Iran", "Iraq", "future"),
    (
        "Syria said it will boycott the summit in Jordan.",
        "THREATEN",
        "restrict",
        "Syria",
        None,
        "future",
    ),
    (
        "Greece plans to impose restrictions on exports to Albania.",
        "THREATEN",
        "restrict",
        "Greece",
        "Albania",
        "future",
    ),
    (
        "Cuba threatened to expel the diplomats of Spain.",
        "THREATEN",
        "expel",
        "Cuba",
        "Spain",
        "actual",
    ),
    (
        "Russia threatened to stop the talks unless Georgia withdrew.",
        "THREATEN",
        "relations",
        "Russia",
        "Georgia",
        "actual",
    ),
    # "X must ..." in a speaker's mouth is a request of X.
    (
        "Egypt declared that Israel must withdraw from Gaza.",
        "REQUEST",
        "yield",
        "Egypt",
        "Israel",
        "actual",
    ),
    (
        "Kenya said Uganda should release the prisoners.",
        "REQUEST",
        "yield",
        "Kenya",
        "Uganda",
        "actual",
    ),
    # The cue is the act: the accusation, not the attack it reports.
    (
        "Ghana alleged that Togo attacked its border posts.",
        "ACCUSE",
        "allege",
        "Ghana",
        "Togo",
        "actual",
    ),
    (
        "Mali agreed that its army should cooperate with Niger.",
        "AGREE",
        None,
        "Mali",
        "Niger",
        "actual",
    ),
    # A commitment not to do a cooperative act is a refusal; not to do a
    # hostile one is still an agreement.
    (
        "Israel vowed not to return the Golan Heights to Syria.",
        "REJECT",
        None,
        "Israel",
        "Syria",
        "actual",
    ),
    ("Canada agreed not to deploy troops to Haiti.", "AGREE", None, "Canada", "Haiti", "actual"),
    # With no other target, the state where a measure is imposed or lifted.
    (
        "Morocco lifted the curfew in Mauritania.",
        "CONCEDE",
        None,
        "Morocco",
        "Mauritania",
        "actual",
    ),
]


@pytest.mark.parametrize(("text", "type_", "mode", "source", "target", "realis"), SPEECH)
def test_speech_acts_threats_requests(text, type_, mode, source, target, realis):
    analysis, event = only_event(text)
    assert (event.type, event.realis) == (type_, realis)
    if mode is not None:
        assert event.mode == mode
    assert is_named(analysis, event.source_actor, source), name_of(analysis, event.source_actor)
    if target is not None:
        assert is_named(analysis, event.target_actor, target), name_of(analysis, event.target_actor)


def test_forecast_in_the_outlet_voice_is_not_a_threat():
    # Nobody announced it: the outlet's forecast stays the act, future.
    _, event = only_event("Iran will attack Iraq.")
    assert (event.type, event.realis) == ("ASSAULT", "future")


def test_obligation_without_a_speaker_abstains():
    # "must" in the outlet's own voice: nobody asks, so no REQUEST.
    assert [e.type for _, e in events("Israel must withdraw from Gaza.")] != ["REQUEST"]


# --- abstention ------------------------------------------------------------------

NO_EVENT = [
    "The weather was pleasant.",
    "Comments are closed.",
    "Pakistan is a large country.",
    "The report is a matter of concern.",
    "The attack was terrible.",  # noun trigger, no actor
    "Officials attacked the convoy.",  # no named actor at all
    "The economy of the region grew quickly.",
]


@pytest.mark.parametrize("text", NO_EVENT)
def test_abstains(text):
    assert events(text) == []


def test_one_event_per_unit_the_main_one():
    analysis, event = only_event("Iran attacked Iraq and arrested activists from Kuwait.")
    assert event.type == "ASSAULT"
    assert is_named(analysis, event.target_actor, "Iraq")


def test_reporting_verb_is_not_the_event():
    analysis, event = only_event("Egypt said Israel attacked Jordan.")
    assert event.type == "ASSAULT"
    assert is_named(analysis, event.source_actor, "Israel")
    assert is_named(analysis, event.target_actor, "Jordan")


# --- place and date -------------------------------------------------------------


def test_no_default_place_and_no_invented_date():
    _, event = only_event("Iran attacked Iraq.")
    assert event.place is None
    assert (event.date.value, event.date.precision, event.date.span) == (None, "unknown", None)


def test_subject_capital_is_not_the_place():
    analysis, event = only_event("Islamabad criticized Kabul.")
    assert event.place is None


def test_place_attached_by_locative_preposition():
    text = "Egyptian police arrested activists from Sudan in Alexandria."
    analysis, event = only_event(text)
    alexandria = [p for p in analysis.places if p.name.lower().startswith("alexandria")]
    if not alexandria:
        pytest.skip("the places stage does not resolve Alexandria yet")
    assert event.place == alexandria[0].id


def test_date_attached_to_trigger():
    text = "Egypt arrested three activists from Sudan on 5 February 2025."
    analysis, event = only_event(text)
    if not any(t.value == "2025-02-05" for t in analysis.times):
        pytest.skip("the times stage does not resolve '5 February 2025' yet")
    assert event.date.value == "2025-02-05"
    assert event.date.precision == "day"
    start, end = event.date.span
    assert analysis.document.text[start:end].endswith("2025")


def test_background_event_keeps_its_own_date():
    """A past event told as background is actual and dated by its own
    expression, not by the publication date."""
    import claimgraph

    analysis = claimgraph.analyze(
        "Iran attacked Iraq in March 2019.", Options(languages=()), published="2025-06-01"
    )
    found = [c.event for c in analysis.claims if c.event is not None]
    assert len(found) == 1
    event = found[0]
    assert (event.type, event.realis) == ("ASSAULT", "actual")
    if not any(t.value == "2019-03" for t in analysis.times):
        pytest.skip("the times stage does not resolve 'March 2019' yet")
    assert (event.date.value, event.date.precision) == ("2019-03", "month")


# (sentence, type, date value, precision): a past event told as background in
# a 2025 article is actual and keeps its own date, absolute or relative to
# the publication date; never the publication date itself.
BACKGROUND = [
    ("Chile signed a border treaty with Peru in 1929.", "SUPPORT", "1929", "year"),
    ("Egypt expelled the ambassador of Israel on 4 June 2021.", "SANCTION", "2021-06-04", "day"),
    ("Kenya arrested three activists from Uganda last year.", "COERCE", "2024", "year"),
    (
        "Before the talks, Russia had shelled the border towns of Georgia in August 2008.",
        "ASSAULT",
        "2008-08",
        "month",
    ),
]


@pytest.mark.parametrize(("text", "type_", "value", "precision"), BACKGROUND)
def test_background_events_table(text, type_, value, precision):
    import claimgraph

    analysis = claimgraph.analyze(text, Options(languages=()), published="2025-06-01")
    (event,) = [c.event for c in analysis.claims if c.event is not None]
    assert (event.type, event.realis) == (type_, "actual")
    assert (event.date.value, event.date.precision) == (value, precision)


# --- argument attachment -------------------------------------------------------------

# (sentence, type, source, target): targets from objects, "against", "between",
# "by" authors, possessors, demanded clauses, purpose clauses and locations.
ATTACHMENT = [
    ("Chile demanded that Bolivia withdraw its troops.", "REQUEST", "Chile", "Bolivia"),
    ("Kenya demanded an apology by Uganda.", "REQUEST", "Kenya", "Uganda"),
    ("Norway condemned the attack on Sweden by Russia.", "ACCUSE", "Norway", "Russia"),
    ("Croatia is investigating crimes by Serbia.", "ACCUSE", "Croatia", "Serbia"),
    ("Britain mobilized reservists for a war against Iraq.", "MOBILIZE", "Britain", "Iraq"),
    ("Qatar mediated talks between Sudan and Chad.", "CONSULT", "Qatar", "Sudan"),
    (
        "Workers from Ghana began a hunger strike to demand the resignation of Togo's president.",
        "PROTEST",
        "Ghana",
        "Togo",
    ),
    ("Students from Mali rioted in Senegal.", "PROTEST", "Mali", "Senegal"),
    ("Armenia issued a statement condemning Turkey.", "ACCUSE", "Armenia", "Turkey"),
    ("Serbia announced a suspension of flights to Croatia.", "SANCTION", "Serbia", "Croatia"),
    ("Ghana deployed peacekeeping troops to Liberia.", "AID", "Ghana", "Liberia"),
    ("Georgia received a team of observers from the OSCE.", "RETREAT", "Georgia", "OSCE"),
    ("Zambia will allow refugees from Angola to return.", "AGREE", "Zambia", "Angola"),
    # An agentless passive with "to" is its subject's attitude.
    ("Chad is opposed to the plan of Sudan.", "REJECT", "Chad", "Sudan"),
    # Expelling people is COERCE (codebook SANCTION, exceptions).
    (
        "The Nigerian army forced out hundreds of Cameroonian refugees from their camps.",
        "COERCE",
        "Nigerian army",
        "Cameroonian refugees",
    ),
]


@pytest.mark.parametrize(("text", "type_", "source", "target"), ATTACHMENT)
def test_argument_attachment(text, type_, source, target):
    analysis, event = only_event(text)
    assert event.type == type_
    assert is_named(analysis, event.source_actor, source), name_of(analysis, event.source_actor)
    assert is_named(analysis, event.target_actor, target), name_of(analysis, event.target_actor)


# (sentence, type, realis): readings of the act in its setting.
SETTING = [
    # A failure to agree is a rejection that happened (PLOVER gold practice).
    ("Sudan and Chad failed to reach an agreement on the border.", "REJECT", "actual"),
    # Readiness shown is MOBILIZE, not a voiced threat.
    ("The army of Chad prepared to resume shelling Sudan.", "MOBILIZE", "actual"),
    # A decided act is the act, not an intention.
    ("Zambia decided to allow refugees from Angola to return.", "CONCEDE", "actual"),
    # The speaking itself can be negated or habitual.
    ("Iran did not accuse Iraq of the bombing.", "ACCUSE", "negated"),
    ("The IAEA dispatched inspectors to Iran.", "ACCUSE", "actual"),
]


@pytest.mark.parametrize(("text", "type_", "realis"), SETTING)
def test_act_in_its_setting(text, type_, realis):
    _, event = only_event(text)
    assert (event.type, event.realis) == (type_, realis)


def test_meeting_of_one_body_is_no_consultation():
    assert events("The cabinet of Peru met on Sunday.") == []


def test_self_addressed_speech_act_is_no_event():
    """Source = target events are dropped (event-data convention)."""
    assert events("Iran urged its citizens to stay calm.") == []


def test_intention_without_holder_is_not_coded():
    assert events("They are willing to forgive Kenya.") == []


def test_demand_made_by_protesting_is_the_protest():
    """Codebook DEMAND, exceptions: demands in the form of protests are PROTEST."""
    found = events("Farmers from Kenya blocked roads demanding that Uganda open the border.")
    assert [e.type for _, e in found] == ["PROTEST"]


def test_nested_unit_codes_the_outer_act():
    """Only innermost contents become units; the act of the outer content is
    still coded ("... refugees, whom officials blame for ..., a group said")."""
    text = (
        "Police in Chad have beaten dozens of refugees from Sudan, whom officials blame "
        "for the unrest, a rights group said."
    )
    analysis, event = only_event(text)
    assert event.type == "ASSAULT"
    assert is_named(analysis, event.source_actor, "Chad")


def test_outer_speech_act_of_a_nested_unit():
    text = "Peru threatened to shell the towns where, it said, rebels from Bolivia hide."
    analysis, event = only_event(text)
    assert event.type == "THREATEN"
    assert is_named(analysis, event.source_actor, "Peru")


def test_scorer_reads_dotted_acronyms():
    from claimgraph.evaluate.plover import _words

    assert "un" in _words("U.N. mediator")
    assert _words("the U.S. envoy") & _words("U.S.")


# --- the seed article ------------------------------------------------------------


def _seed_event(seed_analysis, prefix: str) -> Event | None:
    for claim in seed_analysis.claims:
        sentence = seed_analysis.document.text[claim.sentence_span[0] : claim.sentence_span[1]]
        if sentence.startswith(prefix) and claim.event is not None:
            return claim.event
    return None


def test_seed_trump_invites_sharif(seed_analysis):
    event = _seed_event(seed_analysis, "President Donald Trump had invited")
    assert event is not None
    assert event.type in {"CONSULT", "REQUEST"}
    assert is_named(seed_analysis, event.source_actor, "Donald Trump")
    assert is_named(seed_analysis, event.target_actor, "Shahbaz Sharif")


def test_seed_qaddomi_organizes_rallies(seed_analysis):
    event = _seed_event(seed_analysis, "Tehran-based Hamas representative")
    assert event is not None
    assert event.type in {"MOBILIZE", "PROTEST"}
    assert any("qaddomi" in n for n in names(seed_analysis, event.source_actor))


def test_seed_pok_events_date(seed_analysis):
    """Issue 4: the 5 February 2025 events in PoK carry their date and a place
    in Pakistan-administered Kashmir. The agentless passive codes them with no
    source; the next sentence ("Hamas leaders also participated in these
    events") codes Hamas taking part, inheriting date and place.

    PROTEST (demo), not MOBILIZE: public events on Kashmir Solidarity Day are
    civilian gatherings showing solidarity, which the codebook's PROTEST covers
    ("dissent collectively, publicly show negative feelings or opinions; rally,
    gather to protest a policy, action, or actor(s)"); MOBILIZE is "military or
    police moves that fall short of the actual use of force", and soldiers
    among the participants do not make a rally a show of force."""
    organized = _seed_event(seed_analysis, "Several major public events were organized")
    joined = _seed_event(seed_analysis, "Along with Pakistani army")
    for event in (organized, joined):
        assert event is not None
        assert (event.type, event.mode, event.realis) == ("PROTEST", "demo", "actual")
        assert (event.date.value, event.date.precision) == ("2025-02-05", "day")
        place = next(p for p in seed_analysis.places if p.id == event.place)
        pok = ("Azad Jammu and Kashmir", "PAK", "PK-JK")
        assert (place.name, place.country, place.admin1) == pok
    text = seed_analysis.document.text
    assert text[slice(*joined.date.span)] == "5 February 2025"
    assert organized.source_actor is None and organized.target_actor is None
    assert organized.confidence < joined.confidence
    assert is_named(seed_analysis, joined.source_actor, "Hamas")


def test_seed_no_event_from_furniture(seed_analysis):
    text = seed_analysis.document.text
    for claim in seed_analysis.claims:
        if claim.event is not None:
            assert "Comments are closed" not in text[claim.span[0] : claim.span[1]]


# --- the PLOVER gold standard records (evaluation data, never copied) --------------


def test_plover_gsr_readable_and_recall_floor():
    if not GSR.exists():
        pytest.skip(f"PLOVER gold records not found at {GSR} (../shared is not beside this clone)")
    legacy = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
    legacy["FIGHT"] = "ASSAULT"
    records = [r for r in json.loads(GSR.read_text("utf-8")) if r.get("text")]
    sample = records[::10]  # every tenth record keeps the test quick
    found = 0
    for record in sample:
        gold = legacy.get(record["event"], record["event"])
        analysis = run(record["text"].strip("{} "))
        found += any(c.event and c.event.type == gold for c in analysis.claims)
    # Floor well under the measured dev recall (see the events report): a
    # regression guard, not a claim of accuracy.
    assert found / len(sample) >= 0.3


# (sentence, place name of the event or None): where the actors are is where they act
PLACES = [
    ("Dockworkers at the port of Karachi began a strike on Tuesday.", "Karachi"),
    ("Thousands of dockworkers walked off the job at Karachi's port.", "Karachi"),
    ("Villagers in Antofagasta marched against the mine.", "Antofagasta"),
    ("Farmers blocked the highway in Lahore on Monday.", "Lahore"),
    # a place that is not where the act happens
    ("The envoy of Portugal met the Moroccan minister.", None),
]


@pytest.mark.parametrize(("text", "expected"), PLACES, ids=[p[0][:40] for p in PLACES])
def test_event_place(text, expected):
    analysis, event = only_event(text)
    place = next((p.name for p in analysis.places if p.id == event.place), None)
    assert place == expected


# --- event nouns that point back, taking part, agentless events ----------------------

# (text, start of the event's sentence, type, mode, source, place, date, realis);
# type None: that sentence codes no event. Fictional sentences, one mechanism
# per group of rows.
ANAPHORA = [
    # A plain event noun ("these events") takes its antecedent's type, date and
    # place; taking part in it is the act, by the one who took part.
    (
        "Several public events were organized in Lahore on 5 March 2024 in solidarity "
        "with Palestine. Leaders of Hamas also took part in these events.",
        "Leaders of Hamas",
        "PROTEST",
        "demo",
        "Hamas",
        "Lahore",
        "2024-03-05",
        "actual",
    ),
    # A typed anaphor inherits from an antecedent of its type, noun or verb.
    (
        "Protests were held in Lima on 4 April 2024 against the new mining law. "
        "Students from Bolivia joined the protests.",
        "Students from Bolivia",
        "PROTEST",
        "demo",
        "Bolivia",
        "Lima",
        "2024-04-04",
        "actual",
    ),
    (
        "Students from Chile rallied in Santiago on 3 March 2024. Workers from Peru "
        "joined the rally.",
        "Workers from Peru",
        "PROTEST",
        "demo",
        "Peru",
        "Santiago",
        "2024-03-03",
        "actual",
    ),
    (
        "Egypt and Jordan held talks in Amman on 2 May 2024. Officials from Iraq "
        "attended the talks.",
        "Officials from Iraq",
        "CONSULT",
        None,
        "Iraq",
        "Amman",
        "2024-05-02",
        "actual",
    ),
    # Its own date wins; only the missing place is inherited.
    (
        "Protests were held in Lima on 4 April 2024 against the new mining law. "
        "Students from Bolivia joined the protests on 6 April 2024.",
        "Students from Bolivia",
        "PROTEST",
        "demo",
        "Bolivia",
        "Lima",
        "2024-04-06",
        "actual",
    ),
    # Taking part in a typed event needs no antecedent; "take part" in a
    # protest is protesting, not the COOPERATE of "take part".
    (
        "Workers from Peru took part in the strike.",
        "Workers from Peru",
        "PROTEST",
        "strike",
        "Peru",
        None,
        None,
        "actual",
    ),
    # Realis is read on the taking part: negated, future.
    (
        "Protests were held in Lima on 4 April 2024 against the new mining law. "
        "Students from Bolivia did not join the protests.",
        "Students from Bolivia",
        "PROTEST",
        "demo",
        "Bolivia",
        "Lima",
        "2024-04-04",
        "negated",
    ),
    (
        "Leaders of Hamas will participate in the rally.",
        "Leaders of Hamas",
        "PROTEST",
        "demo",
        "Hamas",
        None,
        None,
        "future",
    ),
    (
        "Rallies will be held in Lima on 4 April 2024 against the mining law. "
        "Leaders of Hamas will participate in these events.",
        "Leaders of Hamas",
        "PROTEST",
        "demo",
        "Hamas",
        "Lima",
        "2024-04-04",
        "future",
    ),
    # --- negative rows: nothing inherited, or nothing coded
    # A new paragraph may tell of another occasion: nothing crosses it.
    (
        "Protests were held in Lima on 4 April 2024 against the new mining law.\n\n"
        "Students from Bolivia joined the protests.",
        "Students from Bolivia",
        "PROTEST",
        "demo",
        "Bolivia",
        None,
        None,
        "actual",
    ),
    # An antecedent of another type is not the talks' antecedent.
    (
        "Iran attacked Iraq in Basra on 3 May 2024. Officials from Syria attended the talks.",
        "Officials from Syria",
        "CONSULT",
        None,
        "Syria",
        None,
        None,
        "actual",
    ),
    # "these events" with no antecedent names nothing.
    ("Leaders of Hamas also took part in these events.", "Leaders of Hamas", *[None] * 6),
    # A gathering with no stated cause is no protest, so no antecedent either.
    (
        "Several public events were organized in Lahore on 5 March 2024. Leaders of "
        "Hamas also took part in these events.",
        "Leaders of Hamas",
        *[None] * 6,
    ),
    # --- agentless passives: a protest or attack at a named place, source None
    (
        "Rallies were held in Lima on 4 April 2024 against the mining law.",
        "Rallies",
        "PROTEST",
        "demo",
        None,
        "Lima",
        "2024-04-04",
        "actual",
    ),
    (
        "An attack was carried out in Quetta on 3 May 2024.",
        "An attack",
        "ASSAULT",
        None,
        None,
        "Quetta",
        "2024-05-03",
        "actual",
    ),
    # No place: nothing says where, and nobody who: abstain.
    ("Rallies were held against the mining law.", "Rallies", *[None] * 6),
    # A meeting with no party is no event, place or not.
    ("Talks were held in Geneva on 2 May 2024.", "Talks", *[None] * 6),
]


@pytest.mark.parametrize(
    ("text", "prefix", "type_", "mode", "source", "place", "date", "realis"),
    ANAPHORA,
    ids=[f"{row[0][:30]}|{row[1]}" for row in ANAPHORA],
)
def test_event_anaphora_participation_agentless(
    text, prefix, type_, mode, source, place, date, realis
):
    analysis = run(text)
    body = analysis.document.text
    found = [
        c.event
        for c in analysis.claims
        if body[c.sentence_span[0] : c.sentence_span[1]].startswith(prefix)
    ]
    assert found, f"no sentence starts with {prefix!r}"
    event = found[0]
    if type_ is None:
        assert event is None, event
        return
    assert event is not None
    assert (event.type, event.mode, event.realis) == (type_, mode, realis)
    assert is_named(analysis, event.source_actor, source), name_of(analysis, event.source_actor)
    assert next((p.name for p in analysis.places if p.id == event.place), None) == place
    assert event.date.value == date
    if source is None:
        # An event with no actor says only what happened where: it is
        # coded, but with less confidence than one with its actor.
        assert event.confidence < 0.5


def test_inherited_date_points_at_the_antecedent_expression():
    text = (
        "Protests were held in Lima on 4 April 2024 against the new mining law. "
        "Students from Bolivia joined the protests."
    )
    analysis = run(text)
    events_ = [c.event for c in analysis.claims if c.event is not None]
    assert len(events_) == 2
    held, joined = events_
    assert joined.date == held.date
    assert text[slice(*joined.date.span)] == "4 April 2024"


# (sentence, type, mode, source, target): targets and modes read from the act's
# setting (codebook modes and recipients).
SETTING_ARGUMENTS = [
    # Killing a leader is a targeted assassination (CAMEO 186).
    (
        "Rebels from Chad killed the deputy commander of the army of Sudan.",
        "ASSAULT",
        "assassinate",
        "Chad",
        "Sudan",
    ),
    # A weapon named by the subject ("a roadside bombing killed ...").
    (
        "A roadside bombing near Kandahar killed two soldiers from Canada.",
        "ASSAULT",
        "explosives",
        None,
        "Canada",
    ),
    # Readiness to fire heavy weapons is a show of weapons.
    ("The army of Chad prepared to resume shelling Sudan.", "MOBILIZE", "weapons", "Chad", "Sudan"),
    # Talks on a visit, or hosted by one side (codebook CONSULT, CAMEO 042/043).
    (
        "The foreign minister of Egypt held talks with Jordan during a visit to Amman.",
        "CONSULT",
        "visit",
        "Egypt",
        "Jordan",
    ),
    # The act of a purpose clause is aimed at whom its governing verb reaches.
    (
        "The foreign minister of Kenya summoned the ambassador of Uganda to complain "
        "about the raids.",
        "ACCUSE",
        "allege",
        "Kenya",
        "Uganda",
    ),
    (
        "The United Nations sent a team to Somalia to investigate the killings.",
        "ACCUSE",
        "investigate",
        "United Nations",
        "Somalia",
    ),
    # "for": the one an act is meant for.
    ("Italy provided tents for refugees from Libya.", "AID", None, "Italy", "Libya"),
    # Refugees seeking asylum "in X" ask X (codebook DEMAND).
    ("Refugees from Syria sought asylum in Sweden.", "REQUEST", "assist", "Syria", "Sweden"),
    # An act done to an activity is done to its author.
    (
        "The police of Kenya banned the march organized by students from Uganda.",
        "COERCE",
        "ban",
        "Kenya",
        "Uganda",
    ),
    # The one not allowed is the one refused.
    ("Peru refused to allow ships from Chile to dock.", "REJECT", None, "Peru", "Chile"),
    # A helper is no target; a pronoun's blockade is not its object's.
    (
        "Iran said it would tighten the blockade of Iraq with the help of Syria.",
        "THREATEN",
        "restrict",
        "Iran",
        "Iraq",
    ),
]


@pytest.mark.parametrize(("text", "type_", "mode", "source", "target"), SETTING_ARGUMENTS)
def test_targets_and_modes_from_the_setting(text, type_, mode, source, target):
    analysis, event = only_event(text)
    assert (event.type, event.mode) == (type_, mode)
    assert is_named(analysis, event.source_actor, source), name_of(analysis, event.source_actor)
    assert is_named(analysis, event.target_actor, target), name_of(analysis, event.target_actor)


def test_token_range_is_char_span_expand() -> None:
    """The event modules' token_range gives doc.char_span(..., "expand")'s
    tokens for any character range: inside words, on spaces, empty, inverted,
    out of bounds."""
    from claimgraph.extract.triggers import subtree_ids, token_range
    from claimgraph.inputs import document_from_text
    from claimgraph.nlp import parse

    text = "The Velmora port authority  said on Monday it would reopen the quay.\n\nThey cheered."
    doc = parse(document_from_text(text), Options(languages=())).doc
    for start in range(-2, len(doc.text) + 3):
        for end in range(-2, len(doc.text) + 3):
            try:
                expected = doc.char_span(start, end, alignment_mode="expand")
            except IndexError:
                with pytest.raises(IndexError):
                    token_range(doc, start, end)
                continue
            got = token_range(doc, start, end)
            assert got == (None if expected is None else range(expected.start, expected.end))
    for token in doc:
        assert subtree_ids(doc, token.i) == [t.i for t in token.subtree]
