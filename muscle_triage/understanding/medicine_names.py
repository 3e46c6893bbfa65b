"""Names of medicines, generic and brand ("ibuprofen", "Calpol", "Botox", "baclofen"), from the drug dictionary that
the drug-named-entity-recognition package ships (MedlinePlus, NHS, DrugBank and MeSH names). The article names no
medicine as a treatment, so a question that names one asks something it does not cover; and a spelling dictionary
must not "correct" one into an everyday word ("calpol" is not "call").

Pure Python (no Rasa). The package's own code is never imported: only its data file is read.
"""

import bz2
import hashlib
import importlib.metadata
import importlib.util
import os
import pickle
import re
from functools import lru_cache
from pathlib import Path

PACKAGE = "drug-named-entity-recognition"
DICTIONARY = "drug_ner_dictionary.pkl.bz2"
# Entries a consumer would take: those with a MedlinePlus or NHS page (not lab reagents such as "caps" or "mops").
CONSUMER_SOURCES = ("medline_plus_id", "nhs_url")
# Brand names that are everyday words or names first: never read as a medicine.
EVERYDAY_NAMES = frozenset("armour allegra colgate generics kendrick luminal sone kaon sunkist copal provas".split())
_NAME = re.compile(r"[a-z][a-z0-9'-]*")


def _dictionary_file() -> Path:
    spec = importlib.util.find_spec(PACKAGE.replace("-", "_"))
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"{PACKAGE} is not installed: run `make setup`")
    return Path(next(iter(spec.submodule_search_locations))) / DICTIONARY


# The names, once drawn from the package's dictionary, are kept in a small text file: unpacking the whole dictionary
# takes over a second and 50 MB at its peak, which every server process would otherwise pay.
CACHE_DIR = Path(__file__).resolve().parents[2] / "var"


@lru_cache(maxsize=1)
def names() -> frozenset[str]:
    """Every one-word medicine name, lower case (about 8,500)."""
    cache = CACHE_DIR / f"medicine_names-{importlib.metadata.version(PACKAGE)}-{_filter_version()}.txt"
    if cache.is_file():
        return frozenset(cache.read_text(encoding="utf-8").split())
    found = _from_the_dictionary()
    try:
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text("\n".join(sorted(found)), encoding="utf-8")
        partial.replace(cache)  # atomic: a process reading it never sees half a list
    except OSError:
        pass  # a read-only install: drawn again by each process
    return found


def _filter_version() -> str:
    """Changes with the rules that draw the names from the dictionary, so that a cache drawn by older ones is unused."""
    rules = f"{sorted(CONSUMER_SOURCES)}|{sorted(EVERYDAY_NAMES)}|{_NAME.pattern}"
    return hashlib.sha256(rules.encode("utf-8")).hexdigest()[:12]


def _from_the_dictionary() -> frozenset[str]:
    with bz2.open(_dictionary_file(), "rb") as packed:
        # the package's own data file, pinned in requirements.lock; it holds plain dicts and strings
        dictionary = pickle.load(packed)  # noqa: S301
    details = dictionary["drug_canonical_to_data"]
    return frozenset(
        variant
        for variant, canonical in dictionary["drug_variant_to_canonical"].items()
        if _NAME.fullmatch(variant)
        and variant not in EVERYDAY_NAMES
        and any(source in details.get(name, {}) for name in canonical for source in CONSUMER_SOURCES)
    )


def is_medicine(word: str) -> bool:
    return word.lower() in names()
