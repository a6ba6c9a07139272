"""LOC or LOCORG decided by the sentence, not by a list of names."""
import pytest


def _type_of(doc, word):
    found = [m for m in doc.mentions if m.text.startswith(word)]
    assert found, f"no mention of {word}: {[(m.text, m.type) for m in doc.mentions]}"
    return found[0].type


@pytest.mark.parametrize("sentence, word, expected", [
    ("Казахстан поддержал инициативу соседей по созданию водного консорциума.", "Казахстан", "LOCORG"),
    ("В Казахстане прошли совместные учения спасателей.", "Казахстан", "LOC"),
    ("Министр назвал Узбекистан надежным партнером.", "Узбекистан", "LOCORG"),
    ("Делегация посетила Узбекистан в начале мая.", "Узбекистан", "LOC"),
    ("Правительство Киргизии одобрило проект новой ГЭС.", "Киргизи", "LOCORG"),
    ("Туристы любят горы Киргизии за чистый воздух.", "Киргизи", "LOC"),
    ("Переговоры с Азербайджаном продолжатся в июне.", "Азербайджан", "LOCORG"),
    ("Грузовики пришли из Азербайджана с опозданием.", "Азербайджан", "LOC"),
])
def test_actor_or_place(analyze, sentence, word, expected):
    assert _type_of(analyze(sentence), word) == expected


@pytest.mark.parametrize("sentence, word, expected", [
    ("Посол Японии в Казахстане вручил верительные грамоты.", "Казахстан", "LOCORG"),
    ("Зерно, поставляемое Казахстаном в Иран, прошло проверку.", "Казахстан", "LOCORG"),
    ("Долг Минска перед Москвой вырос за год.", "Москв", "LOCORG"),
])
def test_diplomat_posting_passive_agent_and_debt_make_actors(analyze, sentence, word, expected):
    assert _type_of(analyze(sentence), word) == expected
