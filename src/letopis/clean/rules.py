"""Boilerplate rules for scraped Russian news pages.

Each rule is a small function ``rule(line, ctx) -> bool``; True drops the
line. ``RULES`` lists them in the order they are tried and the first one that
fires names the drop (razdel-style; ``explain_lines`` is the debug view).
``line`` arrives stripped of surrounding whitespace. Every rule catches one
kind of page furniture and nothing that reads as article text: when in doubt,
a rule keeps the line.

Length limits below were set from the seed page, the sample pages in
``corpus/`` and the furniture forms listed in DESIGN.md: each is roughly twice
the longest furniture line of its kind seen there, and well under a typical
article paragraph (150+ characters).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from letopis.clean.dates import is_date_line

MAX_CRUMB_LEN = 120  # crumb trails seen: up to 4 segments, under 60 characters
MAX_SECTION_LEN = 40  # section names are one to three words
MAX_PHRASE_LEN = 60  # fixed UI phrases ("Вы не авторизованы! Войти или зарегистрироваться?" is 49)
MAX_PROMO_LEN = 160  # "Подписывайтесь на наш канал в Telegram, ..." lines run up to ~100
MAX_CREDIT_LEN = 150  # a credit names an agency and a photographer; longer lines are captions
MAX_NOTICE_LEN = 400  # cookie notices are one or two sentences
MAX_AD_LEN = 300  # legal ad labels: "Реклама. ООО «...», ИНН ..., erid: ..."
MAX_SOURCE_LEN = 200  # "Источник: пресс-служба ..." lines
MAX_BYLINE_LEN = 80  # "Автор: Имя Фамилия"
MAX_HEADLINE_LEN = 250  # Russian headlines run 60-150 characters; agency ones up to ~200

SECTION_NAMES = frozenset((  # section names as sites print them above the headline
    "новости", "политика", "экономика", "мир", "в мире", "общество", "спорт", "культура",
    "происшествия", "регионы", "бизнес", "финансы", "технологии", "наука", "наука и техника",
    "здоровье", "медицина", "образование", "авто", "недвижимость", "аналитика", "интервью",
    "мнения", "статьи", "лента", "главное", "главные новости", "последние новости", "энергетика",
    "промышленность", "транспорт", "экология", "право", "криминал", "инциденты", "туризм", "стиль",
    "армия", "парламент", "внешняя политика", "внутренняя политика", "казахстан", "россия", "снг",
    "центральная азия", "новости казахстана", "новости россии", "новости мира",
    "экономика и бизнес", "hi-tech",
))
HOME_WORDS = frozenset(("главная", "на главную", "главная страница", "home"))

MORE_HEADINGS = (  # "more" blocks: other stories of the site
    "еще новости", "другие новости", "новости по теме", "все новости", "последние новости",
    "похожие новости", "похожие материалы", "материалы по теме", "еще по теме", "по теме",
    "читайте также", "смотрите также", "читайте по теме", "все видео", "видео по теме",
    "популярное", "самое читаемое", "самое популярное", "самое обсуждаемое", "обсуждаемое",
    "рекомендуем", "рекомендуем прочитать", "вам может быть интересно", "новости партнеров",
    "выбор редакции", "лента новостей", "главное за день", "главные новости дня",
)
_MORE = re.compile(
    r"(?P<head>%s)(?:\s*[:—–-]?\s*$|(?P<glued>(?=(?-i:[А-ЯЁA-Z«\"])))|\s*[:—–-]\s*\S)"
    % "|".join(re.escape(h).replace("е", "[её]") for h in sorted(MORE_HEADINGS, key=len, reverse=True)),
    re.IGNORECASE,
)

SOCIAL_PHRASES = frozenset((
    "поделиться", "поделитесь", "поделиться в соцсетях", "поделиться ссылкой", "поделиться новостью",
    "добавить комментарий", "оставить комментарий", "оставьте комментарий", "написать комментарий",
    "комментировать", "комментарии", "показать комментарии", "отправить ответ", "отменить ответ",
    "отправить", "ответить", "вы не авторизованы! войти или зарегистрироваться",
    "войти или зарегистрироваться", "войти", "зарегистрироваться", "сообщение отправлено",
    "подписаться", "подписаться на рассылку", "подпишитесь на рассылку", "нравится",
    "распечатать", "версия для печати", "печать", "сообщить об ошибке", "оцените материал",
    "оцените статью", "ваш адрес email не будет опубликован", "обязательные поля помечены *",
    "в избранное", "добавить в избранное", "скопировать ссылку", "ссылка скопирована",
    "показать еще", "загрузить еще",
))
SOCIAL_NAMES = frozenset((
    "вконтакте", "вк", "vk", "одноклассники", "ок", "ok", "telegram", "телеграм", "whatsapp",
    "viber", "facebook", "twitter", "x", "instagram", "youtube", "дзен", "яндекс.дзен", "rutube",
    "tiktok", "мой мир", "livejournal", "жж", "e-mail", "email", "linkedin", "pinterest", "reddit",
    "threads", "max",
))
_PROMO = re.compile(
    r"(?:подписывайтесь|подпишитесь|присоединяйтесь|следите за (?:нами|новостями)|читайте нас|"
    r"мы в (?:соцсетях|telegram|телеграм))\b.*"
    r"(?:telegram|телеграм|канал|соцсет|вконтакте|vk|дзен|youtube|whatsapp|instagram|рассылк|нас\b)",
    re.IGNORECASE,
)
_COMMENTS = re.compile(r"комментари[а-я]*\s*(?:\(\d+\)|:\s*\d+|\d+)|\d+\s+комментари[а-я]*", re.IGNORECASE)

_VIEWS = re.compile(
    r"\W?\s*\d[\d\s.,]*\s*(?:тыс\.?|млн\.?|k)?\s*просмотр[а-я]*\.?"
    r"|просмотр[а-я]*\s*[:—–-]?\s*\d[\d\s.,]*\s*(?:тыс\.?|млн\.?|k)?",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(?:©|\(c\)\s"
    r"|(?:фото|фотография|видео|иллюстрация|инфографика|коллаж|скриншот|кадр|изображение|обложка"
    r"|источник фото|автор фото|фото и видео)"
    r"(?:\s*(?:©|:)|\s+[—–-]\s|\s+(?:с сайта|из открытых|из архива|предоставлен|автора|пресс-служб"
    r"|из соцсет|из telegram|из телеграм)))",
    re.IGNORECASE,
)
_COOKIE_LEAD = re.compile(
    r"(?:мы|этот сайт|наш сайт|данный сайт|сайт)\s+(?:использует|используем|применяет|применяем|собирает"
    r"|собираем|обрабатывает|обрабатываем)\b"
    r"|продолжая\s+(?:использовать|пользоваться|просмотр|работу|навигацию)"
    r"|(?:используя|пользуясь)\s+(?:сайт|сайтом|этим сайтом|нашим сайтом)",
    re.IGNORECASE,
)
_COOKIE_WORD = re.compile(r"cookie|куки|метрическ|яндекс\.метрик|персональных данных", re.IGNORECASE)
COOKIE_BUTTONS = frozenset(("принять", "принять все", "принять cookie", "согласен"))

AD_WORDS = frozenset((
    "реклама", "advertisement", "advertising", "ads", "sponsored", "на правах рекламы",
    "рекламный материал", "партнерский материал", "материал партнера", "спецпроект",
    "промо", "нативная реклама",
))
_AD_LABEL = re.compile(r"реклама[\s.,]*(?:\d{1,2}\+)?|реклама\.\s.*\bинн\b.*", re.IGNORECASE)
_ERID = re.compile(r"\berid\b\s*[:=]?\s*\w", re.IGNORECASE)

ENGLISH_UI = frozenset((
    "back to top", "back to top button", "scroll to top", "go to top", "read more", "read more »",
    "continue reading", "share", "share this", "share this article", "tweet", "like this",
    "loading", "related", "related posts", "related articles", "leave a reply", "leave a comment",
    "cancel reply", "post comment", "no comments", "comments", "skip to content", "menu", "search",
    "close", "next", "previous", "next post", "previous post", "print", "email", "copy link",
    "subscribe", "sign in", "log in", "you may also like", "more news", "latest news",
    "popular", "trending", "click to share", "follow us",
))
SHARE_BUTTONS = frozenset((
    "share", "tweet", "pin", "email", "print", "facebook", "twitter", "whatsapp", "telegram", "linkedin",
    "pinterest", "reddit", "vk", "ok", "viber", "skype", "tumblr", "pocket", "messenger",
))

_SOURCE = re.compile(
    r"(?:источник|источники|первоисточник|source)(?:\s+(?:фото|информации|изображения|новости))?"
    r"\s*[:—–-]\s*\S.*"
    r"|по материалам\s+{0}(?:\s+{0}){{0,4}}\.?".format(
        r"(?:(?-i:[A-ZА-ЯЁ«\"\d])[^\s,]*|пресс-служб[а-я]*|сайта|агентства|издания|газеты|и)"
    ),
    re.IGNORECASE,
)
_EDIT = re.compile(r"\[?\s*(?:редактировать|править|edit)(?:\s*\|\s*(?:править код|edit source))?\s*\]?",
                   re.IGNORECASE)
_TAGS = re.compile(r"(?:теги|тэги|метки|tags|ключевые слова)\s*:", re.IGNORECASE)
_BYLINE = re.compile(r"(?:автор|авторы|текст|корреспондент|редактор|фото и текст)\s*[:—–]\s*[А-ЯЁA-Z]",
                     re.IGNORECASE)
_NAME_WORD = r"(?:[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?|[А-ЯЁ]\.\s?)"
_PERSON_NAME = re.compile(r"%s(?:\s*%s){1,2}" % (_NAME_WORD, _NAME_WORD.replace(r"|[А-ЯЁ]\.\s?", "")))

_ENDS_SENTENCE = re.compile(r"[.!?…][»\"”)]*$")
_GLUE = re.compile(r"(?<=[а-яёa-z])(?=[А-ЯЁA-Z])")
_CRUMB_SEP = re.compile(r"\s+(?:/|>|»|›|→|\||::)\s+|\s*(?:»|›|→)\s*")
_ALNUM = re.compile(r"[^\W_]")
_CRUMB_MARK = re.compile(r"[/>»›→|:]")
_NORM_EDGES = " \t:.!?»>→…|•·"


@dataclass
class LineContext:
    """What a rule may know about the page around a line (one object, reused)."""

    number: int = 0  # 1-based line number in the raw page
    top: bool = True  # nothing kept yet: we are above the headline
    kept: int = 0  # non-empty lines kept so far
    in_more_block: bool = False  # right after a "more news" heading, nothing kept since
    last: bool = False  # the last line still kept at the end of the page (second pass)


@lru_cache(maxsize=64)  # successive rules ask for the same line's phrase
def norm(line: str) -> str:
    """Lower case, ё -> е, one space, no edge punctuation: for comparing UI phrases."""
    return " ".join(line.lower().replace("ё", "е").strip(_NORM_EDGES).split())


def ends_like_sentence(line: str) -> bool:
    return _ENDS_SENTENCE.search(line) is not None


def split_glued_crumb(line: str) -> tuple[str, str]:
    """"ГлавнаяМирТокаев провел ..." -> ("ГлавнаяМир", "Токаев провел ...").

    The crumb is "Главная" glued to known section names; when the rest is a
    short glued tail with no known section ("ГлавнаяВнешняя политика") the
    whole line is the crumb.
    """
    if not (line.startswith("Главная") and line[7:8].isupper()):
        return "", line
    pieces = _GLUE.split(line[:MAX_CRUMB_LEN])
    used = 1
    while used < len(pieces) and norm(pieces[used]) in SECTION_NAMES:
        used += 1
    if used == len(pieces) and len(line) <= MAX_CRUMB_LEN:
        return line, ""
    rest = line[sum(len(p) for p in pieces[:used]):]
    if used == 1 and len(rest) <= MAX_SECTION_LEN and len(rest.split()) <= 3 and not ends_like_sentence(rest):
        return line, ""
    return line[: len(line) - len(rest)], rest


# ---- the rules -------------------------------------------------------------


def empty_line(line: str, ctx: LineContext) -> bool:
    return not line


def no_letters(line: str, ctx: LineContext) -> bool:
    """Separators and icons: "***", "|", "•"."""
    return len(line) <= MAX_SECTION_LEN and _ALNUM.search(line) is None


def nav_crumb_glued(line: str, ctx: LineContext) -> bool:
    """"ГлавнаяМир", "ГлавнаяЭкономикаЭнергетика": crumbs glued by the scraper."""
    crumb, rest = split_glued_crumb(line)
    return bool(crumb) and not rest


def nav_crumb_path(line: str, ctx: LineContext) -> bool:
    """"Главная / Политика / Экономика", "Главная > Новости", "Мир » Политика"."""
    if len(line) > MAX_CRUMB_LEN:
        return False
    if _CRUMB_MARK.search(line) is None:
        return line.lower() in HOME_WORDS
    parts = [norm(p) for p in _CRUMB_SEP.split(line)]
    return parts[0] in HOME_WORDS or (len(parts) > 1 and all(p in SECTION_NAMES for p in parts))


def nav_section_top(line: str, ctx: LineContext) -> bool:
    """A lone section name ("Новости", "Политика") above the headline only."""
    return ctx.top and len(line) <= MAX_SECTION_LEN and norm(line) in SECTION_NAMES


def more_block(line: str, ctx: LineContext) -> bool:
    """"Еще новости", "Читайте также: ...", "Новости по теме", "Популярное"."""
    return len(line) <= MAX_HEADLINE_LEN + MAX_SECTION_LEN and _MORE.match(line) is not None


def opens_more_block(line: str) -> bool:
    """A "more" heading alone or glued to its first item: the next headline-like lines are its list."""
    m = _MORE.match(line)
    return m is not None and (m.end() == len(line) or m["glued"] is not None)


def view_counter(line: str, ctx: LineContext) -> bool:
    """"13865 просмотров", "Просмотров: 120"."""
    return len(line) <= MAX_SECTION_LEN and _VIEWS.fullmatch(line) is not None


def page_date(line: str, ctx: LineContext) -> bool:
    """A date or time alone on a line: "19:59 Дек. 25, 2019", "12:45, 14 марта 2024"."""
    return is_date_line(line)


def media_credit(line: str, ctx: LineContext) -> bool:
    """"© Фото: пресс-служба ...", "Обложка © ...", "Фото: РИА Новости"."""
    return len(line) <= MAX_CREDIT_LEN and (_CREDIT.match(line) is not None or "©" in line)


def social_furniture(line: str, ctx: LineContext) -> bool:
    """Share, comment and subscribe widgets: "Поделиться", "Добавить комментарий", "ВКонтакте"."""
    if len(line) <= MAX_PHRASE_LEN:
        phrase = norm(line)
        if phrase in SOCIAL_PHRASES or _COMMENTS.fullmatch(phrase):
            return True
        words = phrase.replace(",", " ").split()
        if all(w in SOCIAL_NAMES for w in words):
            return bool(words)
    return len(line) <= MAX_PROMO_LEN and (_PROMO.match(line) is not None or "ctrl+enter" in line.lower())


def cookie_notice(line: str, ctx: LineContext) -> bool:
    """"Мы используем файлы cookie ...", "Продолжая пользоваться сайтом, вы соглашаетесь ..."."""
    if len(line) > MAX_NOTICE_LEN:
        return False
    if _COOKIE_LEAD.match(line):
        return _COOKIE_WORD.search(line) is not None
    return len(line) <= MAX_SECTION_LEN and norm(line) in COOKIE_BUTTONS


def ad_marker(line: str, ctx: LineContext) -> bool:
    """"Реклама", "Advertisement", "erid: 2Vtzq...", "Реклама. ООО «...», ИНН ..."."""
    if len(line) > MAX_AD_LEN:
        return False
    phrase = norm(line)
    if phrase in AD_WORDS or (phrase.startswith("реклама") and _AD_LABEL.fullmatch(line)):
        return True
    return "erid" in phrase and _ERID.search(line) is not None


def english_ui(line: str, ctx: LineContext) -> bool:
    """Theme leftovers in English: "Back to top button", "Share", "Tweet", "Read more"."""
    if len(line) > MAX_PHRASE_LEN:
        return False
    phrase = norm(line)
    if phrase in ENGLISH_UI:
        return True
    words = phrase.replace(",", " ").split()
    return bool(words) and all(w in SHARE_BUTTONS for w in words)


def source_line(line: str, ctx: LineContext) -> bool:
    """"Источник: пресс-служба ...", "По материалам РИА Новости" (not "Источник в правительстве ...")."""
    return len(line) <= MAX_SOURCE_LEN and _SOURCE.fullmatch(line) is not None


def edit_link(line: str, ctx: LineContext) -> bool:
    """"[ Редактировать ]", "[править | править код]"."""
    return len(line) <= MAX_SECTION_LEN and _EDIT.fullmatch(line) is not None


def tags_line(line: str, ctx: LineContext) -> bool:
    """"Теги: Токаев, Туркменистан"."""
    return len(line) <= MAX_SOURCE_LEN and _TAGS.match(line) is not None


def byline(line: str, ctx: LineContext) -> bool:
    """"Автор: Имя Фамилия"."""
    return len(line) <= MAX_BYLINE_LEN and _BYLINE.match(line) is not None


def author_last_line(line: str, ctx: LineContext) -> bool:
    """An author's name alone as the last line after the article: two capitalized words, no verb."""
    return (ctx.last and ctx.kept >= 2 and len(line) <= MAX_BYLINE_LEN
            and _PERSON_NAME.fullmatch(line) is not None and not _has_verb(line))


def more_block_item(line: str, ctx: LineContext) -> bool:
    """A headline listed under a "more" heading (no sentence end); the block ends at a kept line."""
    return ctx.in_more_block and len(line) <= MAX_HEADLINE_LEN and not ends_like_sentence(line)


RULES = (
    empty_line,
    no_letters,
    nav_crumb_glued,
    nav_crumb_path,
    nav_section_top,
    more_block,
    view_counter,
    page_date,
    media_credit,
    social_furniture,
    cookie_notice,
    ad_marker,
    english_ui,
    source_line,
    edit_link,
    tags_line,
    byline,
    author_last_line,
    more_block_item,
)


def first_rule(line: str, ctx: LineContext):
    """The first rule that drops ``line``, or None when the line is kept."""
    for rule in RULES:
        if rule(line, ctx):
            return rule
    return None


@lru_cache(maxsize=1)
def _morph():
    from letopis.nlp.morphology import analyzer  # loaded on first use

    return analyzer()


def _has_verb(line: str) -> bool:
    morph = _morph()
    return any(morph.parse(word)[0].tag.POS in ("VERB", "INFN") for word in line.replace(".", " ").split())
