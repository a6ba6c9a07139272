"""One test per boilerplate rule: lines it drops, and near misses that must survive."""
from __future__ import annotations

from letopis.clean import rules
from letopis.clean.rules import LineContext, first_rule, split_glued_crumb


def fired(line: str, **ctx) -> str | None:
    """The rule that drops ``line`` (None if kept); by default a line in the article body."""
    rule = first_rule(line, LineContext(**{"top": False, "kept": 3, **ctx}))
    return rule.__name__ if rule else None


def check(rule: str, drop: list[str], keep: list[str], **ctx) -> None:
    for line in drop:
        assert fired(line, **ctx) == rule, line
    for line in keep:
        assert fired(line, **ctx) is None, line


def test_every_rule_is_listed_once():
    names = [r.__name__ for r in rules.RULES]
    assert len(names) == len(set(names))


def test_empty_line():
    check("empty_line", [""], ["Переговоры продлились три часа."])


def test_no_letters():
    check("no_letters", ["***", "• • •", "|", "—"], ["2024", "– Да.", "Переговоры продлились три часа."])


def test_nav_crumb_glued():
    check("nav_crumb_glued",
          ["ГлавнаяМир", "ГлавнаяПолитика", "ГлавнаяЭкономикаФинансы", "ГлавнаяВнутренняя политика"],
          ["Главная задача — снизить инфляцию.", "Главная новость дня — запуск спутника"])


def test_split_glued_crumb_keeps_the_headline():
    assert split_glued_crumb("ГлавнаяМирПремьер Казахстана прибыл в Пекин") == (
        "ГлавнаяМир", "Премьер Казахстана прибыл в Пекин")
    assert split_glued_crumb("ГлавнаяМир") == ("ГлавнаяМир", "")
    assert split_glued_crumb("Главная задача — рост") == ("", "Главная задача — рост")


def test_nav_crumb_path():
    check("nav_crumb_path",
          ["Главная / Политика / Экономика", "Главная > Новости", "Главная » Общество", "Главная → Регионы",
           "Главная › В мире", "Новости / Политика", "Главная"],
          ["Курс вырос / упал на 2%", "1 / 2 финала", "Главная задача — снизить инфляцию."])


def test_nav_section_top_only_above_the_headline():
    check("nav_section_top", ["Новости", "Политика", "Экономика", "В мире"],
          ["Политика сдерживания исчерпала себя"], top=True, kept=0)
    check("nav_section_top", [], ["Политика", "Экономика"], top=False)


def test_more_block():
    check("more_block",
          ["Еще новости", "Ещё новости", "Новости по теме", "Читайте также", "Читайте также:",
           "Читайте также: Премьер открыл новый завод в Павлодаре", "Все видео", "Другие новости",
           "Популярное", "Самое читаемое", "Еще новостиМинистр открыл школу в Шымкенте"],
          ["Популярное мнение о реформе оказалось ошибочным.",
           "Другие новости компании касались кадровых перемен.",
           "Рекомендуемый порядок действий утвердили в марте."])


def test_opens_more_block():
    assert rules.opens_more_block("Еще новости")
    assert rules.opens_more_block("Еще новостиМинистр открыл школу")
    assert not rules.opens_more_block("Читайте также: Премьер открыл завод")


def test_more_block_item():
    check("more_block_item", ["Министр открыл новую школу в Шымкенте", "Курс тенге укрепился"],
          ["Заседание продлится до вечера."], in_more_block=True)
    check("more_block_item", [], ["Министр открыл новую школу в Шымкенте"], in_more_block=False)


def test_view_counter():
    check("view_counter", ["13865 просмотров", "Просмотров: 120", "2 417 просмотров", "Просмотры: 56"],
          ["Ролик набрал 13865 просмотров за сутки."])


def test_page_date():
    check("page_date",
          ["19:59 Дек. 25, 2019", "12:45, 14 марта 2024", "18:02 21.05.2024", "2024-03-14",
           "Опубликовано: 3 апреля 2023 г.", "08:30"],
          ["14 марта 2024 года президент подписал указ.", "В 12:45 начался пожар.", "2019"])


def test_media_credit():
    check("media_credit",
          ["© Фото: пресс-служба министерства", "Обложка © Depositphotos", "Фото: РИА Новости",
           "Фото: Reuters", "Фото с сайта правительства", "Фото: Иван Петров / ТАСС"],
          # "Фото дня: ..." names a photo rubric and may carry the photo's subject: when in doubt, keep
          ["Фото дня: рассвет над Иртышом", "Фотовыставка откроется в субботу.",
           "Видеообращение президента опубликовано вечером.", "Фото, опубликованное в сети, вызвало споры."])


def test_social_furniture():
    check("social_furniture",
          ["Поделиться", "Добавить комментарий", "Отправить ответ",
           "Вы не авторизованы! Войти или зарегистрироваться?", "Сообщение отправлено",
           "Подписывайтесь на наш канал в Telegram", "Комментарии (0)", "ВКонтакте", "Telegram",
           "ВКонтакте Одноклассники Telegram", "Facebook Twitter WhatsApp", "Нашли ошибку? Выделите ее и нажмите Ctrl+Enter"],
          ["Сообщение отправлено в прокуратуру для проверки.",
           "Поделиться опытом приехали специалисты из Омска.",
           "Комментарии к закону опубликуют позже."])


def test_cookie_notice():
    check("cookie_notice",
          ["Мы используем файлы cookie, чтобы сайт работал лучше.",
           "Продолжая пользоваться сайтом, вы соглашаетесь на обработку файлов cookie.",
           "Этот сайт использует cookie и сервис Яндекс.Метрика."],
          ["Регулятор потребовал от сайтов предупреждать о файлах cookie.",
           "Мы используем все возможности для диалога, заявил министр."])


def test_ad_marker():
    check("ad_marker",
          ["Реклама", "реклама", "Advertisement", "erid: 2VtzqxY7abc", "Реклама 18+",
           "Реклама. ООО «Ромашка», ИНН 7700000000"],
          ["Реклама на телевидении подорожала на 20%."])


def test_english_ui():
    check("english_ui",
          ["Back to top button", "Share", "Tweet", "Read more", "Read more »", "Share Tweet Pin", "Loading..."],
          ["Apple", "Astana International Forum"])


def test_source_line():
    check("source_line", ["Источник: ТАСС", "Источник — пресс-служба министерства", "По материалам РИА Новости"],
          ["Источник в правительстве сообщил, что решение уже принято.",
           "По материалам дела обвиняемому грозит до десяти лет."])


def test_edit_link():
    check("edit_link", ["[ Редактировать ]", "[Редактировать]", "Редактировать", "[править | править код]"],
          ["Редактировать закон будут весной."])


def test_tags_line():
    check("tags_line", ["Теги: Астана, энергетика"], ["Теги к публикациям выбирают редакторы."])


def test_byline():
    check("byline", ["Автор: Ольга Смирнова"], ["Автор идеи, архитектор из Караганды, выступил первым."])


def test_author_last_line():
    check("author_last_line", ["Ольга Смирнова", "А. Смирнов", "Жанна Ахметова-Ким"], [], last=True)
    # not the last line, a verb, lower case, a sentence: kept
    check("author_last_line", [], ["Ольга Смирнова"], last=False)
    check("author_last_line", [], ["Стороны Договорились", "Дмитрий сказал", "Переговоры продолжаются.",
                                   "Ольга Смирнова."], last=True)
    # an author line needs an article above it
    check("author_last_line", [], ["Ольга Смирнова"], last=True, kept=1)


def test_article_lines_survive_every_rule():
    for line in ["Переговоры продлились три часа.", "– Мы готовы к диалогу, – сказал министр.",
                 "«Это важный шаг», — отметил посол.", "г. Туркестан", "Главная задача — снизить инфляцию.",
                 "Источник в правительстве сообщил, что решение уже принято."]:
        assert fired(line) is None, line
        assert fired(line, top=True, kept=0) is None, line
