"""Medicine names come from the drug dictionary the drug-named-entity-recognition package ships
(muscle_triage/understanding/medicine_names.py), and the spelling corrector leaves them as typed."""

import sys

import pytest

from muscle_triage.understanding import medicine_names, spelling


@pytest.mark.parametrize("name", ["ibuprofen", "Calpol", "botox", "baclofen", "levodopa", "Nurofen", "paracetamol"])
def test_generic_and_brand_names_are_medicines(name):
    assert medicine_names.is_medicine(name)


@pytest.mark.parametrize("word", ["water", "coffee", "magnesium", "banana", "stretching", "armour", "caps", "oats"])
def test_everyday_words_and_lab_reagents_are_not(word):
    assert not medicine_names.is_medicine(word)


def test_only_the_data_file_is_read_not_the_packages_code():
    medicine_names.names()
    assert "drug_named_entity_recognition.drugs_finder" not in sys.modules


@pytest.mark.parametrize("typed", ["can i give him calpol for it", "is nurofen ok", "my gp mentioned baclofen"])
def test_the_spelling_corrector_keeps_a_medicine_as_typed(typed):
    assert spelling.correct(typed) == typed


def test_the_names_drawn_once_are_kept_in_a_small_file_and_read_from_it(tmp_path, monkeypatch):
    monkeypatch.setattr(medicine_names, "CACHE_DIR", tmp_path)
    medicine_names.names.cache_clear()
    try:
        drawn = medicine_names.names()
        [kept] = tmp_path.glob("medicine_names-*.txt")
        medicine_names.names.cache_clear()
        monkeypatch.setattr(medicine_names, "_from_the_dictionary", lambda: frozenset())  # the dictionary is not read
        assert medicine_names.names() == drawn
        assert "ibuprofen" in kept.read_text(encoding="utf-8").split()
    finally:
        medicine_names.names.cache_clear()
