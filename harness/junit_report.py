"""A JUnit XML report (the format CI systems read) for test results that do not come from pytest."""

import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class JUnitCase:
    suite: str  # e.g. the case file
    name: str
    seconds: float
    failure: str | None = None  # what went wrong: the case's expectations were not met
    error: str | None = None  # the case could not be played (a server did not answer)


def write_junit(path: Path, suite_name: str, results: Sequence[JUnitCase], seconds: float) -> None:
    suites = ElementTree.Element("testsuites")
    suite = ElementTree.SubElement(
        suites,
        "testsuite",
        name=suite_name,
        tests=str(len(results)),
        failures=str(sum(r.failure is not None for r in results)),
        errors=str(sum(r.error is not None for r in results)),
        skipped="0",
        time=f"{seconds:.3f}",
    )
    for result in results:
        case = ElementTree.SubElement(
            suite, "testcase", classname=f"{suite_name}.{result.suite}", name=result.name, time=f"{result.seconds:.3f}"
        )
        for tag, text in (("failure", result.failure), ("error", result.error)):
            if text is not None:
                ElementTree.SubElement(case, tag, message=text.splitlines()[0] if text else tag).text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    ElementTree.ElementTree(suites).write(path, encoding="utf-8", xml_declaration=True)
