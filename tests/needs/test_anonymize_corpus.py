"""The anonymizer benchmark's labelled corpus (bench/anonymize_corpus.py) is what it claims.

These tests check the generator, not the anonymizer: labels point at the right text, every
kind comes as the household's own fact and as someone else's, the record matches the text, the
same seed gives the same narratives, and the narratives come from many templates. The
anonymizer's recall is measured by bench/anonymize.py, with no threshold here.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from bench.anonymize_corpus import (
    ALL_TEMPLATES,
    CHILD_DIAGNOSES,
    DIAGNOSES,
    DIALECT_SUFFIXES,
    DRUGS,
    INJURIES,
    KINDS,
    TREATMENTS,
    WEEKLY_TREATMENTS,
    Narrative,
    generate,
    id_check_character,
    luhn_valid,
)

HEALTH_WORDS = {*DIAGNOSES, *CHILD_DIAGNOSES, *INJURIES, *TREATMENTS, *WEEKLY_TREATMENTS, *DRUGS}
ZWSP = "\u200b"
DAY = re.compile(r"[0-9０-９]{1,2}[日号]?|[〇一二三四五六七八九十]{1,3}[日号]")
ADDRESS_MARK = re.compile(
    r"[乡镇村组社屯坪坳垸岗洼堡寨湾苑号栋幢楼室弄巷路街]|街道|社区|居委会|嘎查|苏木|营子|小区"
    r"|花园|家园|大厦|胡同|交叉口|超市|小卖部|加油站|粮站|砖厂|卫生室|农资店|修车铺|饭店|养猪场"
)


def plain(text: str) -> str:
    """Digits and letters only, full-width folded: how the record writes a number."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if c.isalnum()).upper()


@pytest.fixture(scope="module")
def corpus() -> list[Narrative]:
    return generate(seed=14)


def test_at_least_400_narratives_of_3_to_8_sentences(corpus):
    assert len(corpus) >= 400
    assert all(3 <= len(n.templates) <= 8 for n in corpus)
    assert {n.style for n in corpus} == {
        "intake",
        "hotline",
        "visit",
        "crosscheck",
        "neighbour",
        "cadre",
        "referral",
    }
    assert {n.on_record for n in corpus} == {True, False}


def test_labels_point_at_the_right_text(corpus):
    for n in corpus:
        end = 0
        for label in n.labels:
            assert label.kind in KINDS
            assert end <= label.start < label.end <= len(n.text), (n.text, label)
            end = label.end
            text = n.label_text(label)
            assert text == text.strip(), (n.text, text)
            assert text[0] not in "，。：；、" and text[-1] not in "，。：；、（(", (n.text, text)
            if label.kind == "name":
                assert re.fullmatch(r"[\u4e00-\u9fff]{2,4}", text), text
                assert "某" not in text, text
            elif label.kind == "number":
                assert sum(c.isdigit() for c in text) >= 6, text
            elif label.kind == "health":
                assert text in HEALTH_WORDS, text
            elif label.kind == "address":
                assert ADDRESS_MARK.search(text), text
                assert not re.search(r"[省县]|(?<!超)市", text), text  # nothing above county
            elif label.kind == "date":
                assert label.day is not None
                assert label.start <= label.day[0] < label.day[1] == label.end
                assert DAY.fullmatch(n.text[label.day[0] : label.day[1]]), text
            if label.kind != "date":
                assert label.day is None


def test_every_kind_comes_as_the_households_fact_and_as_someone_elses(corpus):
    seen = {(label.kind, label.household) for n in corpus for label in n.labels}
    for kind in KINDS:
        assert (kind, True) in seen, kind
        assert (kind, False) in seen, kind


def test_the_record_holds_the_households_names_and_numbers(corpus):
    for n in corpus:
        known = n.known
        numbers = [
            plain(x)
            for x in (
                *known.id_numbers,
                *known.phones,
                *known.bank_cards,
                *known.hospital_record_numbers,
                *known.document_numbers,
            )
        ]
        for id_number in known.id_numbers:
            assert id_check_character(id_number[:17]) == id_number[17]
        for card in known.bank_cards:
            assert luhn_valid(card)
        for label in n.labels:
            text = n.label_text(label)
            if label.kind == "number" and label.household:
                # A local landline is the record's number without its area code.
                assert any(full.endswith(plain(text)) for full in numbers), (text, numbers)
            if label.kind == "name" and label.household:
                # A full name, a given name or a nickname made of its last character.
                assert any(
                    text == full or full.endswith(text) or text[-1] == full[-1]
                    for full in known.names
                ), (text, known.names)
            if label.kind == "name" and not label.household:
                assert text not in known.names, text


def test_the_same_seed_gives_the_same_narratives():
    first, again, other = generate(60, seed=5), generate(60, seed=5), generate(60, seed=6)
    assert first == again
    assert [n.text for n in first] != [n.text for n in other]


def test_many_templates_are_used(corpus):
    used = {t for n in corpus for t in n.templates}
    assert len(ALL_TEMPLATES) >= 40
    assert len(used) >= 40
    assert len(HEALTH_WORDS) >= 60


def test_the_corpus_has_the_shapes_staff_write(corpus):
    labelled = [(n.label_text(label), label) for n in corpus for label in n.labels]
    numbers = [t for t, label in labelled if label.kind == "number"]
    addresses = [t for t, label in labelled if label.kind == "address"]
    names = [t for t, label in labelled if label.kind == "name"]
    assert any(ZWSP in t for t in numbers)
    assert any(re.search("[０-９]", t) for t in numbers)
    assert any(" " in t for t in numbers)
    assert any(re.search("[一二三四五六七八九十]+[组号栋社]", t) for t in addresses)
    for suffix in DIALECT_SUFFIXES:
        assert any(suffix in t for t in addresses), suffix
    assert any(len(t) == 4 for t in names)  # compound surnames
    assert any(t.startswith(("小", "阿")) for t in names)  # nicknames
    # Not identifiers, left unlabelled: ages, amounts, the hotline, masked names.
    outside = "".join(
        "".join(
            c
            for i, c in enumerate(n.text)
            if not any(label.start <= i < label.end for label in n.labels)
        )
        for n in corpus[:100]
    )
    for word in ("岁", "元", "12349", "某"):
        assert word in outside, word
