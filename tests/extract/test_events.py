"""Events: CAMEO codes, actor codes and actors read from sentences written for the project."""
import pytest

from letopis.document import Entity, Role
from letopis.extract.events import actor_code
from letopis.kb import cameo


def _events(doc, code_prefix=""):
    return [e for e in doc.events if e.cameo.startswith(code_prefix)]


def _name(doc, entity_id):
    return next((e.name for e in doc.entities if e.id == entity_id), None)


def test_meeting_becomes_a_consult_event_with_place_and_state_actors(analyze):
    doc = analyze("Президент России Владимир Путин провел переговоры с премьер-министром Индии Нарендрой Моди "
                  "в Нью-Дели. Стороны договорились нарастить товарооборот.")
    (talks,) = _events(doc, "04")
    assert talks.cameo == "046" and talks.plover == "CONSULT"
    assert {talks.actor1_code, talks.actor2_code} == {"RUSGOV", "INDGOV"}
    assert talks.place == "Нью-Дели"
    assert doc.text[talks.start:talks.end] == talks.text
    (intent,) = _events(doc, "03")
    people = {e.id for e in doc.entities if e.type == "PER"}
    assert intent.cameo == "0311" and {intent.actor1, intent.actor2} == people and len(people) == 2


def test_phone_call_is_041(analyze):
    doc = analyze("Министр иностранных дел Узбекистана Бахтиёр Саидов провел телефонный разговор "
                  "с министром иностранных дел Турции Хаканом Фиданом.")
    assert [e.cameo for e in _events(doc, "04")] == ["041"]


def test_signed_agreement_and_planned_one(analyze):
    doc = analyze("Минфин Киргизии и Азиатский банк развития подписали соглашение о займе на модернизацию дорог.")
    (signed,) = _events(doc, "057")
    assert signed.actor1_code == "KGZGOV" and signed.goldstein == 8.0 and signed.quad_class == 1
    planned = analyze("Минфин Киргизии планирует подписать соглашение с Азиатским банком развития осенью.")
    assert [e.cameo for e in planned.events] == ["030"]


def test_subject_acts_and_object_is_acted_upon(analyze):
    doc = analyze("Премьер-министр Армении Никол Пашинян поздравил Масуда Пезешкиана с избранием.")
    (praise,) = _events(doc, "051")
    assert _name(doc, praise.actor1) == "Никол Пашинян" and praise.actor1_code == "ARMGOV"
    assert _name(doc, praise.actor2) == "Масуд Пезешкиан"


def test_passive_agent_is_actor_one(analyze):
    doc = analyze("Активист Иван Сомов был задержан полицией Бишкека после митинга.")
    arrests = _events(doc, "173")
    assert arrests and _name(doc, arrests[0].actor2) == "Иван Сомов"


def test_side_named_by_adjective_is_that_state(analyze):
    doc = analyze("Узбекская сторона выразила готовность оказать помощь Таджикистану в ремонте дорог.")
    (aid,) = _events(doc, "03")
    assert aid.cameo == "033" and aid.actor1_code == "UZBGOV" and aid.actor2_code == "TJK"


def test_no_event_inside_a_direct_quote_negated_or_without_actors(analyze):
    quoted = analyze("«Мы подписали соглашение с Минфином Казахстана», — сказал директор компании Ержан Оспанов.")
    assert not _events(quoted, "057")
    negated = analyze("Министр финансов Казахстана Мадина Абылкасымова не подписала соглашение с Минфином Киргизии.")
    assert not _events(negated, "057")
    nobody = analyze("Соглашение было подписано в пятницу.")
    assert nobody.events == ()


@pytest.mark.parametrize("entity, expected", [
    (Entity("e1", "PER", "Айбек Нурланов", roles=(Role("министр", country_name="Казахстан"),)), "KAZGOV"),
    (Entity("e1", "PER", "Анна Петрова", roles=(Role("депутат", country_name="Россия"),)), "RUSLEG"),
    (Entity("e1", "PER", "Иван Соколов", roles=(Role("президент", qualifiers=("former",), country_name="Россия"),)),
     ""),
    (Entity("e1", "LOCORG", "Туркмения"), "TKM"),
    (Entity("e1", "ORG", "МИД Азербайджана"), "AZEGOV"),
    (Entity("e1", "ORG", "ООН"), "IGO"),
    (Entity("e1", "PER", "Иван Соколов"), ""),
])
def test_actor_codes(entity, expected):
    assert actor_code(entity, {entity.id: entity}) == expected


def test_a_bare_head_of_state_takes_the_country_of_the_attributed_body():
    tokayev = Entity("e1", "PER", "Касым-Жомарт Токаев", roles=(Role("Президент"),))
    assert actor_code(tokayev, {"e1": tokayev}, home="KAZ") == "KAZGOV"
    assert actor_code(tokayev, {"e1": tokayev}) == "GOV"


def test_every_trigger_code_is_known_and_every_code_has_a_plover_type():
    known = cameo.codes()
    assert all(t.code in known and t.intent in known for t in cameo.triggers())
    assert {c.plover for c in known.values()} <= {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
    assert all((c.quad <= 2) == (c.goldstein >= 0) for c in known.values())


def test_events_of_a_corpus_article_reach_the_gdelt_table(tmp_path):
    from pathlib import Path

    from letopis.pipeline import process_sources
    from letopis.store.db import open_db
    from letopis.store.export import gdelt_events
    from letopis.store.writer import ingest

    path = Path(__file__).resolve().parents[2] / "corpus" / "txt" / "01_tokaev_mirziyoyev_talks.txt"
    conn = open_db(str(tmp_path / "kb.db"))
    ingest(conn, process_sources([str(path)]))
    rows = list(gdelt_events(conn))
    talks = [r for r in rows if r["EventCode"] == "046"]
    assert len(talks) == 1 and (talks[0]["Actor1CountryCode"], talks[0]["Actor2CountryCode"]) == ("KAZ", "UZB")
    assert talks[0]["ActionGeo_FullName"] == "Астана" and talks[0]["GoldsteinScale"] == 7.0
    assert not any(r["EventCode"] == "040" and r["start"] == talks[0]["start"] for r in rows)  # no fallback copy
