"""Hand-built Documents for the store tests: Russian articles written for letopis,
annotated by hand with exact offsets (what the pipeline will produce)."""
from __future__ import annotations

import random
from decimal import Decimal

from letopis.document import (
    Amount, Arg, Document, Entity, Event, Fact, Mention, Quote, Role, Sentence, content_id,
)
from letopis.store.textindex import split_sentences


class Builder:
    """Collects annotations; every span is found in the text by its words."""

    def __init__(self, text: str, sentences: bool = True, **meta):
        self.text, self.meta, self.with_sentences = text, meta, sentences
        self.mentions, self.entities, self.facts, self.quotes, self.amounts, self.events = [], [], [], [], [], []

    def at(self, s: str, nth: int = 0) -> tuple[int, int]:
        pos = -1
        for _ in range(nth + 1):
            pos = self.text.find(s, pos + 1)
            if pos < 0:
                raise ValueError(f"{s!r} (#{nth}) not in text")
        return pos, pos + len(s)

    def mention(self, s, type_, entity, normal=None, nth=0):
        start, end = self.at(s, nth)
        self.mentions.append(Mention(start=start, end=end, text=s, type=type_, normal=normal or s, entity=entity))
        return self

    def entity(self, id_, type_, name, aliases=(), roles=(), wikidata=None, parts=None):
        self.entities.append(Entity(id=id_, type=type_, name=name, aliases=tuple(aliases), roles=tuple(roles),
                                   wikidata=wikidata, parts=parts or {}))
        return self

    def role(self, post_span, post=None, org=None, country=None, nth=0):
        start, end = self.at(post_span, nth)
        return Role(post=post or post_span.lower(), organization=org, country=country, start=start, end=end)

    def value(self, role, s, nth=0):
        start, end = self.at(s, nth)
        return Arg(role=role, value=s, start=start, end=end)

    def fact(self, type_, s, args, nth=0, modality="asserted", **attrs):
        start, end = self.at(s, nth)
        self.facts.append(Fact(type=type_, args=tuple(args), start=start, end=end, modality=modality, attrs=attrs))
        return self

    def quote(self, s, speaker, cue, kind="direct", speaker_span=None):
        start, end = self.at(s)
        ss = self.at(speaker_span) if speaker_span else (None, None)
        self.quotes.append(Quote(start=start, end=end, text=s, speaker=speaker, cue=cue, kind=kind,
                                 speaker_start=ss[0], speaker_end=ss[1]))
        return self

    def amount(self, s, value, unit="", currency=None, kind="money", measure="", qualifier=""):
        start, end = self.at(s)
        self.amounts.append(Amount(start=start, end=end, text=s, value=Decimal(value), unit=unit, currency=currency,
                                   kind=kind, measure=measure, qualifier=qualifier))
        return self

    def event(self, s, cameo, actor1=None, actor2=None, **kw):
        start, end = self.at(s)
        self.events.append(Event(start=start, end=end, text=s, cameo=cameo, actor1=actor1, actor2=actor2, **kw))
        return self

    def doc(self) -> Document:
        sents = tuple(Sentence(start=s, end=e, text=self.text[s:e]) for s, e in split_sentences(self.text)) if self.with_sentences else ()
        d = Document(
            id=content_id(self.text), text=self.text, sentences=sents, mentions=tuple(self.mentions),
            entities=tuple(self.entities), facts=tuple(self.facts), quotes=tuple(self.quotes),
            amounts=tuple(self.amounts), events=tuple(self.events), **self.meta,
        )
        assert d.check_offsets() == [], d.check_offsets()
        return d


A1_TEXT = (
    "Токаев и Бердымухамедов провели неформальную встречу в Туркестане\n"
    "ТУРКЕСТАН, 12 мая 2024. Президент Казахстана Касым-Жомарт Токаев провел неформальную встречу "
    "с Президентом Туркменистана Сердаром Бердымухамедовым в Туркестане, сообщает пресс-служба Акорды. "
    "Стороны обсудили развитие торгово-экономического сотрудничества и реализацию совместных проектов "
    "в газовой отрасли. «Мы заинтересованы в расширении транзитных возможностей наших стран и в "
    "строительстве новых маршрутов», — заявил Касым-Жомарт Токаев. По его словам, товарооборот между "
    "двумя странами по итогам прошлого года составил 523,4 миллиона долларов. Глава государства "
    "отметил, что компания «КазМунайГаз» готова участвовать в модернизации газопровода Средняя Азия — "
    "Центр. Сердар Бердымухамедов поблагодарил казахстанского коллегу за гостеприимство и пригласил "
    "его посетить Ашхабад с официальным визитом в следующем году."
)

# the same story as another site publishes it: its own title, attribution and a few words
A1B_TEXT = (
    A1_TEXT.replace(
        "Токаев и Бердымухамедов провели неформальную встречу в Туркестане",
        "Главы Казахстана и Туркменистана встретились в Туркестане",
    )
    .replace("сообщает пресс-служба Акорды", "передает Tengrinews со ссылкой на Акорду")
    .replace("готова участвовать", "готова принять участие")
    .replace("в следующем году", "в ближайшее время")
)


def article1(text: str = A1_TEXT, **meta) -> Document:
    meta = {"title": text.split("\n")[0], "published": "2024-05-12", "place": "Туркестан",
            "attribution": "пресс-служба Акорды", "url": "https://kazinform.example/news/1",
            "site": "kazinform.example", "source": "corpus/a1.txt", **meta}
    b = Builder(text, **meta)
    b.mention("Токаев", "PER", "e1").mention("Бердымухамедов", "PER", "e2")
    b.mention("Туркестане", "LOC", "e5", "Туркестан").mention("ТУРКЕСТАН", "LOC", "e5", "Туркестан")
    b.mention("Казахстана", "LOCORG", "e3", "Казахстан").mention("Касым-Жомарт Токаев", "PER", "e1")
    b.mention("Туркменистана", "LOCORG", "e4", "Туркменистан")
    b.mention("Сердаром Бердымухамедовым", "PER", "e2", "Сердар Бердымухамедов")
    b.mention("Туркестане", "LOC", "e5", "Туркестан", nth=1)
    b.mention("Касым-Жомарт Токаев", "PER", "e1", nth=1)
    b.mention("КазМунайГаз", "ORG", "e6")
    b.mention("Сердар Бердымухамедов", "PER", "e2").mention("Ашхабад", "LOC", "e7")
    if "Акорды" in text:
        b.mention("Акорды", "ORG", "e8", "Акорда")
        b.entity("e8", "ORG", "Акорда")
    b.entity("e1", "PER", "Касым-Жомарт Токаев", ["Токаев", "Глава государства"],
             [b.role("Президент", "президент", country="e3")], wikidata="Q27830")
    b.entity("e2", "PER", "Сердар Бердымухамедов", ["Бердымухамедов"],
             [b.role("Президентом", "президент", country="e4")])
    b.entity("e3", "LOCORG", "Казахстан").entity("e4", "LOCORG", "Туркменистан")
    b.entity("e5", "LOC", "Туркестан").entity("e6", "ORG", "КазМунайГаз").entity("e7", "LOC", "Ашхабад")
    b.fact("Meeting", "Касым-Жомарт Токаев провел неформальную встречу с Президентом Туркменистана "
           "Сердаром Бердымухамедовым в Туркестане",
           [Arg("participant", "e1"), Arg("participant", "e2"), Arg("place", "e5"),
            b.value("date", "12 мая 2024")], format="informal", place="Туркестан")
    b.fact("Occupation", "Президент Казахстана Касым-Жомарт Токаев",
           [Arg("person", "e1"), b.value("position", "Президент"), Arg("country", "e3")])
    b.quote("Мы заинтересованы в расширении транзитных возможностей наших стран и в строительстве новых "
            "маршрутов", "e1", "заявить", speaker_span="Касым-Жомарт Токаев")
    b.amount("523,4 миллиона долларов", "523400000", "USD", "USD", measure="товарооборот")
    b.event("провел неформальную встречу", "043", "e1", "e2", actor1_code="KAZGOV", actor2_code="TKMGOV",
            place="Туркестан", date="2024-05-12", quad_class=1, goldstein=2.8)
    return b.doc()


def article1b() -> Document:
    return article1(A1B_TEXT, title=A1B_TEXT.split("\n")[0], url="https://tengrinews.example/a/77",
                    site="tengrinews.example", source="corpus/a1b.txt", attribution="Tengrinews")


A2_TEXT = (
    "Касым-Жомарт Токаев прибыл в Ташкент с государственным визитом\n"
    "ТАШКЕНТ, 3 июня 2024. Глава Казахстана Касым-Жомарт Токаев провел переговоры с Президентом "
    "Узбекистана Шавкатом Мирзиёевым. Лидеры двух стран обсудили совместное использование водных "
    "ресурсов и поставки газа. В переговорах также участвовал министр энергетики Казахстана Иван Иванов. "
    "«Узбекистан готов увеличить взаимную торговлю до 10 миллиардов долларов», — сказал Шавкат Мирзиёев. "
    "Стороны подписали соглашение о строительстве общей электростанции стоимостью 1,2 миллиарда долларов."
)


def article2() -> Document:
    b = Builder(A2_TEXT, title=A2_TEXT.split("\n")[0], published="2024-06-03T10:15:00+05:00", place="Ташкент",
                url="https://inform.example/2", site="inform.example", source="corpus/a2.txt")
    b.mention("Касым-Жомарт Токаев", "PER", "e1").mention("Ташкент", "LOC", "e4")
    b.mention("Казахстана", "LOCORG", "e2", "Казахстан").mention("Касым-Жомарт Токаев", "PER", "e1", nth=1)
    b.mention("Узбекистана", "LOCORG", "e3", "Узбекистан")
    b.mention("Шавкатом Мирзиёевым", "PER", "e5", "Шавкат Мирзиёев")
    b.mention("Казахстана", "LOCORG", "e2", "Казахстан", nth=1).mention("Иван Иванов", "PER", "e6")
    b.mention("Узбекистан", "LOCORG", "e3", nth=1).mention("Шавкат Мирзиёев", "PER", "e5")
    b.entity("e1", "PER", "Касым-Жомарт Токаев", ["Глава Казахстана"],
             [b.role("Глава", "президент", country="e2")])
    b.entity("e2", "LOCORG", "Казахстан").entity("e3", "LOCORG", "Узбекистан").entity("e4", "LOC", "Ташкент")
    b.entity("e5", "PER", "Шавкат Мирзиёев", ["Мирзиёев"], [b.role("Президентом", "президент", country="e3")])
    b.entity("e6", "PER", "Иван Иванов", roles=[b.role("министр энергетики", country="e2")])
    b.fact("Meeting", "Касым-Жомарт Токаев провел переговоры с Президентом Узбекистана Шавкатом Мирзиёевым",
           [Arg("participant", "e1"), Arg("participant", "e5"), Arg("participant", "e6"),
            Arg("place", "e4")], format="official")
    b.quote("Узбекистан готов увеличить взаимную торговлю до 10 миллиардов долларов", "e5", "сказать")
    b.amount("10 миллиардов долларов", "10000000000", "USD", "USD", measure="торговля", qualifier="target")
    b.amount("1,2 миллиарда долларов", "1200000000", "USD", "USD", measure="стоимость")
    b.fact("Deal", "Стороны подписали соглашение о строительстве общей электростанции",
           [Arg("party", "e2"), Arg("party", "e3"), b.value("subject", "строительстве общей электростанции")])
    return b.doc()


A3_TEXT = (
    "Компания «Энергострой» начнет строительство электростанции\n"
    "АЛМАТЫ, 10 июня 2024. Генеральный директор компании «Энергострой» Петр Иванов сообщил, что работы "
    "начнутся осенью. По словам Петра Иванова, проект обойдется в 300 миллионов долларов. «Мы "
    "рассчитываем завершить строительство за три года», — подчеркнул Иванов. Ранее К. Токаев поручил "
    "правительству ускорить реализацию энергетических проектов."
)


def article3() -> Document:
    b = Builder(A3_TEXT, sentences=False, title=A3_TEXT.split("\n")[0], published="2024-06-10", place="Алматы",
                site="business.example", source="corpus/a3.txt")
    b.mention("Энергострой", "ORG", "e1").mention("АЛМАТЫ", "LOC", "e2", "Алматы")
    b.mention("Энергострой", "ORG", "e1", nth=1).mention("Петр Иванов", "PER", "e3")
    b.mention("Петра Иванова", "PER", "e3", "Петр Иванов").mention("Иванов", "PER", "e3", nth=2)
    b.mention("К. Токаев", "PER", "e4")
    b.entity("e1", "ORG", "Энергострой", ["компания «Энергострой»"]).entity("e2", "LOC", "Алматы")
    b.entity("e3", "PER", "Петр Иванов", ["Иванов"],
             [b.role("Генеральный директор", "генеральный директор", org="e1")])
    b.entity("e4", "PER", "К. Токаев")
    b.quote("Мы рассчитываем завершить строительство за три года", "e3", "подчеркнуть")
    b.amount("300 миллионов долларов", "300000000", "USD", "USD", measure="стоимость проекта")
    b.fact("Occupation", "Генеральный директор компании «Энергострой» Петр Иванов",
           [Arg("person", "e3"), b.value("position", "Генеральный директор"), Arg("organization", "e1")])
    return b.doc()


A4_TEXT = (
    "Министр энергетики И. Иванов провел встречу с послом Туркменистана\n"
    "АСТАНА, 15 июня 2024. Министр энергетики Казахстана И. Иванов встретился с послом Туркменистана "
    "в Казахстане Бегенчем Дурдыевым. Стороны обсудили поставки туркменского газа через территорию "
    "Казахстана. Ранее президент Казахстана Касым-Жомарт Токаев поручил нарастить экспорт газа."
)


def article4() -> Document:
    b = Builder(A4_TEXT, title=A4_TEXT.split("\n")[0], published="2024-06-15", place="Астана",
                site="inform.example", source="corpus/a4.txt")
    b.mention("И. Иванов", "PER", "e1", "И. Иванов", nth=1).mention("Казахстана", "LOC", "e2", "Казахстан")
    b.mention("Туркменистана", "LOCORG", "e3", "Туркменистан", nth=1)
    b.mention("Бегенчем Дурдыевым", "PER", "e4", "Бегенч Дурдыев")
    b.mention("Касым-Жомарт Токаев", "PER", "e5")
    b.entity("e1", "PER", "И. Иванов", roles=[b.role("Министр энергетики", "министр энергетики", country="e2", nth=1)])
    b.entity("e2", "LOC", "Казахстан").entity("e3", "LOCORG", "Туркменистан")
    b.entity("e4", "PER", "Бегенч Дурдыев", roles=[b.role("послом", "посол", country="e3", nth=1)])
    b.entity("e5", "PER", "Касым-Жомарт Токаев", roles=[b.role("президент", country="e2")])
    b.fact("Meeting", "И. Иванов встретился с послом Туркменистана в Казахстане Бегенчем Дурдыевым",
           [Arg("participant", "e1"), Arg("participant", "e4")], nth=0)
    return b.doc()


def corpus() -> list[Document]:
    return [article1(), article1b(), article2(), article3(), article4(), article5()]


# --- generated articles (many, distinct, for the crash and concurrency tests) ---------------

_WORDS = (
    "правительство министерство проект строительство развитие сотрудничество экономика торговля "
    "инвестиции энергетика транспорт логистика регион область город соглашение программа бюджет "
    "реформа экспорт импорт поставки газ нефть уголь зерно металл дорога мост порт аэропорт станция "
    "школа больница университет технология цифровизация промышленность сельское хозяйство туризм "
    "культура спорт наука образование здравоохранение безопасность граница таможня банк кредит"
).split()
_NAMES = [("Алексей", "Смирнов"), ("Марат", "Абдуллаев"), ("Айгуль", "Касымова"), ("Олег", "Петров"),
          ("Ерлан", "Нуров"), ("Дина", "Сергеева"), ("Бахыт", "Оспанов"), ("Ирина", "Волкова")]


def generated(n: int, seed: int = 7) -> list[Document]:
    """``n`` distinct synthetic articles, each with one person and one quote."""
    return list(iter_generated(n, seed))


def iter_generated(n: int, seed: int = 7):
    for i in range(n):
        rnd = random.Random(seed * 100_003 + i)
        first, last = _NAMES[i % len(_NAMES)]
        body = " ".join(rnd.choice(_WORDS) for _ in range(60))
        quote = " ".join(rnd.choice(_WORDS) for _ in range(8))
        text = (f"Сообщение номер {i}\nМинистр {first} {last} заявил о планах: {body}. "
                f"«{quote.capitalize()}», — сказал {last}.")
        b = Builder(text, title=f"Сообщение номер {i}", published=f"2024-07-{i % 28 + 1:02d}",
                    site="gen.example", source=f"gen/{i}.txt")
        b.mention(f"{first} {last}", "PER", "e1").mention(last, "PER", "e1", nth=1)
        b.entity("e1", "PER", f"{first} {last}", [last], [b.role("Министр", "министр")])
        b.quote(quote.capitalize(), "e1", "сказать")
        yield b.doc()


# a follow-up story: reuses a quote and a sentence of article 1, but is another story
A5_TEXT = (
    "Казахстан и Туркменистан расширят транзит газа\n"
    "АСТАНА, 20 мая 2024. Правительство Казахстана одобрило план развития транзитных маршрутов, "
    "о котором договорились президенты двух стран на встрече в Туркестане. «Мы заинтересованы в "
    "расширении транзитных возможностей наших стран и в строительстве новых маршрутов», — заявил "
    "тогда Касым-Жомарт Токаев. По его словам, товарооборот между двумя странами по итогам прошлого "
    "года составил 523,4 миллиона долларов. Министерство энергетики подготовит технико-экономическое "
    "обоснование до конца года, а первые поставки по новому маршруту ожидаются в 2026 году. Эксперты "
    "считают, что проект позволит снизить стоимость транспортировки и привлечь новых инвесторов."
)


def article5() -> Document:
    b = Builder(A5_TEXT, title=A5_TEXT.split("\n")[0], published="2024-05-20", place="Астана",
                site="kazinform.example", source="corpus/a5.txt")
    b.mention("Казахстан", "LOCORG", "e1").mention("Туркменистан", "LOCORG", "e2")
    b.mention("Казахстана", "LOCORG", "e1", "Казахстан").mention("Туркестане", "LOC", "e3", "Туркестан")
    b.mention("Касым-Жомарт Токаев", "PER", "e4")
    b.entity("e1", "LOCORG", "Казахстан").entity("e2", "LOCORG", "Туркменистан").entity("e3", "LOC", "Туркестан")
    b.entity("e4", "PER", "Касым-Жомарт Токаев")
    b.quote("Мы заинтересованы в расширении транзитных возможностей наших стран и в строительстве новых "
            "маршрутов", "e4", "заявить")
    b.amount("523,4 миллиона долларов", "523400000", "USD", "USD", measure="товарооборот")
    return b.doc()


def counts(conn) -> dict:
    """Rows per table: a cheap fingerprint of the whole database."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
