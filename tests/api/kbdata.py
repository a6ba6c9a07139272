"""Hand-annotated Documents for the API and UI tests (texts written for letopis),
and a knowledge base built from them."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from letopis.document import (
    Amount, Arg, Document, Dropped, Entity, Event, Fact, Mention, Quote, Role, Sentence, content_id,
)
from letopis.store.textindex import split_sentences

TOKEN = "test-token-5b1e"  # the Bearer token of the test servers


class Doc:
    """Collects annotations; each span is found in the text by its words."""

    def __init__(self, text: str, **meta):
        self.text, self.meta = text, meta
        self.layers = {k: [] for k in ("mentions", "entities", "facts", "quotes", "amounts", "events")}

    def at(self, s: str, nth: int = 0) -> tuple[int, int]:
        pos = -1
        for _ in range(nth + 1):
            pos = self.text.find(s, pos + 1)
            assert pos >= 0, f"{s!r} (#{nth}) not in text"
        return pos, pos + len(s)

    def mention(self, s, type_, entity, normal=None, nth=0):
        a, b = self.at(s, nth)
        self.layers["mentions"].append(Mention(a, b, s, type_, normal or s, entity))
        return self

    def entity(self, id_, type_, name, aliases=(), roles=(), wikidata=None):
        self.layers["entities"].append(Entity(id_, type_, name, tuple(aliases), tuple(roles), wikidata))
        return self

    def role(self, s, post, country=None, org=None):
        a, b = self.at(s)
        return Role(post=post, organization=org, country=country, start=a, end=b)

    def value(self, role, s):
        a, b = self.at(s)
        return Arg(role=role, value=s, start=a, end=b)

    def fact(self, type_, s, args, **attrs):
        a, b = self.at(s)
        self.layers["facts"].append(Fact(type_, tuple(args), a, b, attrs=attrs))
        return self

    def quote(self, s, speaker, cue="заявить", speaker_span=None):
        a, b = self.at(s)
        ss = self.at(speaker_span) if speaker_span else (None, None)
        self.layers["quotes"].append(Quote(a, b, s, speaker, cue, "direct", ss[0], ss[1]))
        return self

    def amount(self, s, value, currency, measure=""):
        a, b = self.at(s)
        self.layers["amounts"].append(Amount(a, b, s, Decimal(value), currency, currency, measure=measure))
        return self

    def event(self, s, cameo, actor1=None, actor2=None):
        a, b = self.at(s)
        self.layers["events"].append(Event(a, b, s, cameo, actor1=actor1, actor2=actor2))
        return self

    def build(self, dropped=()) -> Document:
        sents = tuple(Sentence(s, e, self.text[s:e]) for s, e in split_sentences(self.text))
        doc = Document(id=content_id(self.text), text=self.text, sentences=sents, dropped=tuple(dropped),
                       **{k: tuple(v) for k, v in self.layers.items()}, **self.meta)
        assert doc.check_offsets() == [], doc.check_offsets()
        return doc


MEETING_TEXT = (
    "Премьер-министр Киргизии Адылбек Касымалиев встретился с главой правительства Армении Никола Пашиняном\n"
    "БИШКЕК, 14 марта 2025. Премьер-министр Киргизии Адылбек Касымалиев провел переговоры с главой "
    "правительства Армении Никола Пашиняном в Бишкеке. Стороны обсудили поставки зерна и строительство "
    "логистического центра. «Мы рассчитываем удвоить взаимную торговлю за три года», — сказал Адылбек "
    "Касымалиев. По его словам, товарооборот двух стран в прошлом году достиг 41,7 миллиона долларов."
)

VISIT_TEXT = (
    "Никол Пашинян посетил Ереванский завод точного литья\n"
    "ЕРЕВАН, 2 апреля 2025. Никол Пашинян осмотрел новые цеха завода и поговорил с рабочими. "
    "«Производство должно расти вместе с зарплатами», — отметил Пашинян. Инвестиции в обновление "
    "оборудования составили 3,2 миллиарда драмов."
)

HOSTILE_TEXT = (
    "Заметка <script>alert(1)</script> с разметкой\n"
    "ОШ, 20 мая 2025. Редакция получила письмо <script>alert(1)</script> и строку "
    "<img src=x onerror=alert(2)> прямо в тексте новости. Адылбек Касымалиев прокомментировал "
    "происшествие: «Никакой <b>разметки</b> в новостях быть не должно», — заявил он."
)


def meeting() -> Document:
    d = Doc(MEETING_TEXT, title=MEETING_TEXT.split("\n")[0], published="2025-03-14", place="Бишкек",
            attribution="пресс-служба правительства", url="https://news.example/kg/1", site="news.example",
            source="tests/meeting.txt")
    d.mention("Киргизии", "LOCORG", "c1", "Киргизия").mention("Адылбек Касымалиев", "PER", "p1")
    d.mention("Армении", "LOCORG", "c2", "Армения").mention("Никола Пашиняном", "PER", "p2", "Никол Пашинян")
    d.mention("БИШКЕК", "LOC", "l1", "Бишкек").mention("Киргизии", "LOCORG", "c1", "Киргизия", nth=1)
    d.mention("Адылбек Касымалиев", "PER", "p1", nth=1).mention("Армении", "LOCORG", "c2", "Армения", nth=1)
    d.mention("Никола Пашиняном", "PER", "p2", "Никол Пашинян", nth=1).mention("Бишкеке", "LOC", "l1", "Бишкек")
    d.mention("Адылбек Касымалиев", "PER", "p1", nth=2)
    d.entity("p1", "PER", "Адылбек Касымалиев", ["Касымалиев"],
             [d.role("Премьер-министр", "Премьер-министр", country="c1")])
    d.entity("p2", "PER", "Никол Пашинян", ["Пашинян"], [d.role("главой правительства", "глава правительства", country="c2")])
    d.entity("c1", "LOCORG", "Киргизия").entity("c2", "LOCORG", "Армения").entity("l1", "LOC", "Бишкек")
    d.fact("Meeting", "Адылбек Касымалиев провел переговоры с главой правительства Армении Никола Пашиняном в Бишкеке",
           [Arg("participant", "p1"), Arg("participant", "p2"), Arg("place", "l1"), d.value("date", "14 марта 2025")],
           place="Бишкек")
    d.fact("Occupation", "Премьер-министр Киргизии Адылбек Касымалиев",
           [Arg("person", "p1"), d.value("position", "Премьер-министр"), Arg("country", "c1")])
    d.quote("Мы рассчитываем удвоить взаимную торговлю за три года", "p1", "сказать")
    d.amount("41,7 миллиона долларов", "41700000", "USD", "товарооборот")
    d.event("провел переговоры", "043", "p1", "p2")
    return d.build([Dropped(1, "Поделиться", "social"), Dropped(9, "Читайте также: <b>другое</b>", "more-block")])


def visit() -> Document:
    d = Doc(VISIT_TEXT, title=VISIT_TEXT.split("\n")[0], published="2025-04-02", place="Ереван",
            url="https://other.example/am/7", site="other.example", source="tests/visit.txt")
    d.mention("Никол Пашинян", "PER", "p1").mention("Ереванский завод точного литья", "ORG", "o1")
    d.mention("ЕРЕВАН", "LOC", "l1", "Ереван").mention("Никол Пашинян", "PER", "p1", nth=1)
    d.mention("Пашинян", "PER", "p1", nth=2)
    d.entity("p1", "PER", "Никол Пашинян", ["Пашинян"]).entity("o1", "ORG", "Ереванский завод точного литья")
    d.entity("l1", "LOC", "Ереван")
    d.quote("Производство должно расти вместе с зарплатами", "p1", "отметить", speaker_span="Пашинян")
    d.amount("3,2 миллиарда драмов", "3200000000", "AMD", "инвестиции")
    return d.build()


def hostile() -> Document:
    d = Doc(HOSTILE_TEXT, title=HOSTILE_TEXT.split("\n")[0], published="2025-05-20", place="Ош",
            url="javascript:alert(3)", site="<i>site</i>", source="tests/hostile.txt")
    d.mention("ОШ", "LOC", "l1", "Ош").mention("Адылбек Касымалиев", "PER", "p1")
    d.entity("p1", "PER", "Адылбек Касымалиев", ["<script>alert(4)</script>"]).entity("l1", "LOC", "Ош")
    d.quote("Никакой <b>разметки</b> в новостях быть не должно", "p1")
    return d.build([Dropped(3, "<script>alert(5)</script>", "furniture")])


def documents() -> list[Document]:
    return [meeting(), visit(), hostile()]


def build_kb(path: Path | str, docs=None) -> Path:
    from letopis.store.db import open_db
    from letopis.store.writer import ingest

    conn = open_db(path)
    try:
        report = ingest(conn, docs if docs is not None else documents())
        assert report.errors == 0, report.error_lines
    finally:
        conn.close()
    return Path(path)
