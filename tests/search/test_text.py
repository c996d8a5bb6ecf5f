"""Chinese text is cut into character bigrams, as Elasticsearch's cjk analyzer does."""

from search.text import term_counts, tokens


def test_chinese_runs_become_overlapping_bigrams():
    assert tokens("大病住院") == ["大病", "病住", "住院"]


def test_a_lone_character_stays_and_latin_words_are_lower_cased():
    assert tokens("因病 ICU 3天") == ["因病", "icu", "3", "天"]


def test_full_width_forms_fold_to_the_same_tokens():
    assert tokens("ＩＣＵ，肾透析") == tokens("icu,肾透析") == ["icu", "肾透", "透析"]


def test_punctuation_and_empty_text_give_no_tokens():
    assert tokens("，。！？") == [] and tokens("") == [] and tokens(None) == []


def test_counts_repeat_terms():
    assert term_counts("医疗医疗")["医疗"] == 2
