"""A large synthetic corpus (JSONL) from the project's own sample articles (corpus/).

    python benchmarks/corpus_gen.py -n 10000 -o benchmarks/out/gen-10k.jsonl [--seed 1]

Each generated article starts from one of the 14 articles of corpus/ (cleaned
by letopis's own cleaner): its title and lead paragraph, each further sentence
kept with probability 0.55, two or three paragraphs of sentences drawn from
the other samples, one or two paragraphs made from templates; then, all
through the article:

- surnames (-ов/-ев/-ин families, any case, both genders) and common first
  names are replaced from small lists, consistently within the article;
- cities are replaced by cities of the same declension class;
- dates ("5 марта", years, times) and every other number are redrawn;
- verbs of speech and some other words are swapped among synonyms of the
  same form (gender, number and case kept).

So no two generated articles are near-duplicates for the knowledge base:
about half of each is drawn at random, and the word-shingle Jaccard between
two variants of one sample stays far below
``store.minhash.NEAR_DUPLICATE_JACCARD`` (``--check`` prints the largest).

The output streams to disk one line at a time (100 000 articles take about
200 MB and seconds to write).  Lines hold ``title``, ``text``, ``published``,
``url`` and ``site``, as ``letopis extract``'s JSONL reader expects.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Iterator

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "corpus"

SURNAMES = (
    "Петров Смирнов Кузнецов Соколов Попов Лебедев Козлов Новиков Морозов Волков Алексеев Степанов Николаев "
    "Орлов Андреев Макаров Захаров Зайцев Борисов Яковлев Романов Сергеев Фролов Александров Дмитриев Королев "
    "Гусев Киселев Ильин Максимов Поляков Сорокин Виноградов Ковалев Белов Антонов Тарасов Жуков Баранов "
    "Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков Миронов Крылов "
    "Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов Тимофеев Фомин Чернов "
    "Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Быков Маслов Родионов Лазарев Воронин "
    "Климов Филатов Голубев Прохоров Наумов Потапов Трофимов Леонов Соболев Ермаков Гончаров Емельянов Котов "
    "Гришин Архипов Громов Кириллов Малышев Панов Моисеев Акимов Бирюков Горбунов Анисимов Галкин Лукьянов "
    "Ахметов Жумабаев Нурланов Абдуллаев Каримов Рахимов Юсупов Исмаилов Султанов Омаров Алиев Кенжебаев "
    "Ибраимов Турсунов Садыков Есенов Мухамедов Бекмуханов Сатпаев Назарбеков Усманов Рашидов Хасанов"
).split()
NOT_SURNAMES = {"Берлин", "Пекин", "Турин", "Кремлев", "Стамбул"}
_SURNAME = re.compile(r"\b([А-ЯЁ][а-яё]{2,}(?:ов|ев|ёв|ин|ын))(а|у|ым|ом|е|ой|ых|ыми|ым)?\b")

# First names and cities by declension class: (nominative ending, other case endings, names).
FIRST_NAMES = [
    ("й", ("я", "ю", "ем", "е"), "Сергей Андрей Алексей Николай Матвей Тимофей Арсений Евгений Геннадий Юрий".split()),
    ("", ("а", "у", "ом", "е"), ("Михаил Олег Иван Роман Руслан Борис Денис Максим Антон Владислав Станислав Ержан "
                                 "Нурлан Бахтияр Айдар Марат Вадим Глеб Тимур Рустам Бахром Шавкат Мурат Нуржан Умут "
                                 "Кайрат Асхат Данияр Ильдар Хакан Питер").split()),
    ("а", ("ы", "е", "ой", "у"), "Елена Анна Ирина Марина Алина Дина Жанна Галина Светлана Динара Мадина".split()),
]
CITIES = [
    ("а", ("ы", "е", "у", "ой"), "Астана Москва Анкара Уфа Пенза Вена Рига Женева Варшава Прага Гавана Самара".split()),
    ("", ("а", "е", "у", "ом"), ("Ташкент Берлин Стамбул Минск Омск Бишкек Иркутск Мадрид Лондон Пекин Ереван Новосибирск "
                                 "Павлодар Шымкент Петропавловск Екатеринбург Владивосток Хабаровск Краснодар").split()),
]
MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()
SPEECH = [
    "заявил сообщил отметил подчеркнул указал добавил пояснил".split(),
    "заявила сообщила отметила подчеркнула указала добавила пояснила".split(),
    "заявили сообщили отметили подчеркнули указали добавили пояснили".split(),
]
# Other words swapped among synonyms of the same form (gender, number, case kept).
SYNONYMS = [
    "обсудили рассмотрели затронули".split(),
    "сотрудничества взаимодействия партнерства".split(),
    "сотрудничество взаимодействие партнерство".split(),
    "сообщает передает информирует".split(),
    "странами государствами".split(),
    "крупных больших значительных".split(),
    "новых современных".split(),
    "ближайшие предстоящие".split(),
    "важно существенно".split(),
    "проекта плана".split(),
    "проекты планы".split(),
    "вопросы темы".split(),
    "направлены выделены".split(),
    "составила достигла".split(),
    "увеличился вырос".split(),
    "превысил превзошел".split(),
]
TOPICS = [
    "реализация совместных инвестиционных проектов", "развитие транспортной инфраструктуры",
    "расширение торгово-экономического сотрудничества", "модернизация энергетических мощностей",
    "цифровизация государственных услуг", "поддержка малого и среднего бизнеса",
    "строительство логистического центра", "подготовка к отопительному сезону",
    "обновление парка общественного транспорта", "снижение административной нагрузки на предприятия",
    "развитие туристической отрасли", "переработка сельскохозяйственной продукции",
]
FILLERS = [
    "{topic_cap} в {year} году обойдется в {n} млрд {cur}, сообщили в {org}.",
    "{first} {last} {said}, что {topic} останется в числе приоритетов на ближайшие {k} года.",
    "Ранее в {city2} обсуждалась {topic2} с участием представителей {n2} регионов.",
    "Как {said_pl} в {org}, первые результаты ожидаются к {day} {month} {year} года.",
    "Эксперты оценивают {topic3} в {n} млн {cur}; окончательное решение примут до конца {year} года.",
]
ORGS = ["министерстве экономики", "пресс-службе акимата", "региональном правительстве", "профильном ведомстве",
        "национальной компании", "отраслевой ассоциации", "министерстве финансов", "агентстве по статистике"]
CURRENCIES = ["рублей", "тенге", "долларов", "евро", "сумов"]
_MONTH_DAY = re.compile(r"\b(\d{1,2})(\s+)(" + "|".join(MONTHS) + r")\b")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_TIME = re.compile(r"\b([01]?\d|2[0-3]):([0-5]\d)\b")
_NUMBER = re.compile(r"\d+")
KEEP_SENTENCE = 0.55  # each body sentence of the sample is kept with this probability
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z«])")
_SWAP_FORMS = {word: forms for forms in SPEECH + SYNONYMS for word in forms}
_SWAP = re.compile(rf"\b({'|'.join(sorted(_SWAP_FORMS, key=len, reverse=True))})\b")
_GROUPS: list = []  # (pattern, group), filled on first use


def base_articles() -> list[dict]:
    """The project's sample articles, cleaned: title, text (title first), published, site."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from letopis.clean import clean_text
    from letopis.readers import read_sources

    out = []
    for page in read_sources([str(CORPUS / "txt"), str(CORPUS / "html")]):
        if not hasattr(page, "content"):
            continue
        cleaned = clean_text(page.content, page.meta)
        out.append({"title": cleaned.title or "", "text": cleaned.text, "published": page.meta.get("published")
                    or cleaned.published, "site": page.meta.get("site") or "", "name": Path(page.source).stem})
    if not out:
        raise SystemExit(f"no articles under {CORPUS}")
    return out


def _inflected(group: tuple) -> re.Pattern:
    """Every case form of the group's names: (stem)(ending)."""
    nominative, endings, names = group
    stems = sorted((n[: len(n) - len(nominative)] for n in names), key=len, reverse=True)
    ends = "|".join(e for e in (nominative, *endings) if e)
    return re.compile(rf"\b({'|'.join(stems)})({ends}){'' if nominative else '?'}\b")


class Variant:
    """The substitutions of one generated article (consistent within it)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.names: dict[str, str] = {}

    def _same(self, key: str, choices: list[str]) -> str:
        if key not in self.names:
            self.names[key] = self.rng.choice(choices)
        return self.names[key]

    def surname(self, m: re.Match) -> str:
        base, ending = m.group(1), m.group(2) or ""
        if base in NOT_SURNAMES or base + ending in NOT_SURNAMES:
            return m.group(0)
        return self._same("s:" + base, SURNAMES) + ending

    def rewrite(self, text: str) -> str:
        rng = self.rng
        text = _SURNAME.sub(self.surname, text)
        if not _GROUPS:
            _GROUPS.extend((_inflected(g), g) for g in (*FIRST_NAMES, *CITIES))
        for pattern, group in _GROUPS:
            text = pattern.sub(lambda m, g=group: self._inflect(m, g), text)
        text = _MONTH_DAY.sub(lambda m: f"{rng.randint(1, 28)}{m.group(2)}{rng.choice(MONTHS)}", text)
        text = _YEAR.sub(lambda m: str(rng.randint(2008, 2026)), text)
        text = _TIME.sub(lambda m: f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}", text)
        text = _NUMBER.sub(self._number, text)
        text = _SWAP.sub(lambda m: rng.choice(_SWAP_FORMS[m.group(1)]), text)
        return text

    def _inflect(self, m: re.Match, group: tuple) -> str:
        nominative, _endings, names = group
        stem, ending = m.group(1), m.group(2) or ""
        new = self._same("n:" + stem, names)
        return new[: len(new) - len(nominative)] + ending


    def _number(self, m: re.Match) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits[:2] in ("20", "19"):
            return digits  # a year already redrawn
        if len(digits) == 1:
            return str(self.rng.randint(1, 9))
        return str(self.rng.randint(1, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in digits[1:])

    def filler(self) -> str:
        rng = self.rng
        _, _, names = FIRST_NAMES[1]
        return rng.choice(FILLERS).format(
            org=rng.choice(ORGS), year=rng.randint(2015, 2026), topic=rng.choice(TOPICS), n=rng.randint(2, 950),
            topic_cap=rng.choice(TOPICS).capitalize(),
            cur=rng.choice(CURRENCIES), first=rng.choice(names), last=rng.choice(SURNAMES),
            said=rng.choice(SPEECH[0]), said_pl=rng.choice(SPEECH[2]), k=rng.randint(2, 4),
            city2=rng.choice(CITIES[1][2]) + "е", topic2=rng.choice(["программа", "стратегия", "концепция"]) + " " +
            rng.choice(["развития", "модернизации", "поддержки"]) + " " + rng.choice(["отрасли", "региона", "экспорта"]),
            n2=rng.randint(3, 17), day=rng.randint(1, 28), month=rng.choice(MONTHS),
            topic3=rng.choice(["стоимость проекта", "объем инвестиций", "потребность в финансировании"]),
        )


def _units(paragraph: str) -> list[str]:
    """A paragraph's sentences; a paragraph with a quote or dialogue stays one unit."""
    if any(mark in paragraph for mark in ("«", "– ", "— ")):
        return [paragraph]
    return _SENTENCE_END.split(paragraph)


class Bases:
    """The sample articles as paragraphs of sentence units, and a pool of every body unit."""

    def __init__(self, articles: list[dict]):
        self.articles = articles
        self.paragraphs = []  # per article: [title, lead, [units], [units] ...]
        self.pool: list[tuple[int, str]] = []  # (article index, unit) of every non-lead body paragraph
        for i, art in enumerate(articles):
            paras = [p for p in art["text"].split("\n\n") if p.strip()]
            body = [_units(p) for p in paras[2:]]
            self.paragraphs.append((paras[0], paras[1] if len(paras) > 1 else "", body))
            self.pool += [(i, unit) for units in body for unit in units]


def make_article(bases: Bases, which: int, number: int, rng: random.Random) -> dict:
    """One article: the title, lead and about half of the body sentences of sample ``which``,
    paragraphs of sentences drawn from the other samples and from templates, all rewritten."""
    v = Variant(rng)
    title, lead, body = bases.paragraphs[which]
    kept = [[u for u in units if rng.random() < KEEP_SENTENCE] for units in body]
    paragraphs = [" ".join(units) for units in kept if units]
    others = [u for i, u in bases.pool if i != which]
    for _ in range(rng.randint(2, 3)):
        paragraphs.insert(rng.randint(0, len(paragraphs)), " ".join(rng.sample(others, rng.randint(1, 3))))
    for _ in range(rng.randint(1, 2)):
        paragraphs.insert(rng.randint(0, len(paragraphs)), v.filler())
    title, text = v.rewrite(title + "\n\n" + "\n\n".join(p for p in [lead, *paragraphs] if p)).split("\n\n", 1)
    text = title + "\n\n" + text
    base = bases.articles[which]
    published = None
    if base.get("published"):
        published = f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {"title": title, "text": text, "published": published,
            "url": f"https://example.invalid/gen/{number}", "site": base.get("site") or "letopis-gen"}


def generate(n: int, seed: int = 1, bases: list[dict] | None = None) -> Iterator[dict]:
    """``n`` generated articles, deterministic for a seed; the samples take turns."""
    pool = Bases(bases or base_articles())
    rng = random.Random(seed)
    for i in range(n):
        yield make_article(pool, i % len(pool.articles), i, rng)


def write_jsonl(path: Path, n: int, seed: int = 1) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    chars = 0
    with open(path, "w", encoding="utf-8") as out:
        for art in generate(n, seed):
            chars += len(art["text"])
            out.write(json.dumps(art, ensure_ascii=False) + "\n")
    return chars


def max_jaccard(n: int = 140, seed: int = 1) -> float:
    """The largest word-shingle Jaccard between two generated articles of the same base."""
    sys.path.insert(0, str(HERE.parent / "src"))
    from letopis.store import minhash

    arts = list(generate(n, seed))
    sh = [minhash.shingles(minhash.body(a["text"], a["title"])) for a in arts]
    bases = len(base_articles())
    best = 0.0
    for i in range(n):
        for j in range(i + bases, n, bases):
            best = max(best, minhash.jaccard(sh[i], sh[j]))
    return best


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="articles to generate (up to 100000 and more)")
    ap.add_argument("-o", "--output", type=Path, default=HERE / "out" / "generated.jsonl")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true", help="print the largest Jaccard between variants of one base")
    args = ap.parse_args(argv)
    if args.check:
        print(f"max same-base Jaccard over {min(args.n, 280)} articles: {max_jaccard(min(args.n, 280), args.seed):.3f}")
        return
    chars = write_jsonl(args.output, args.n, args.seed)
    print(f"wrote {args.n} articles ({chars} characters) to {args.output}")


if __name__ == "__main__":
    main()
