"""The web chat on a phone (390 × 844, touch): the text box and the emergency line on the first screen, replies
that leave the page where it is, fingertip-sized controls and axe-core in every state; and the summary for a
doctor: opened from the result's card, printed by Chromium to a PDF that pdftotext reads back, the chat left out
of print.

pdftotext comes from Debian's poppler-utils, which ops/ensure_packages.sh installs when it is missing.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.browser_chat import SHOTS, Chat, run_interview

PROJECT = Path(__file__).resolve().parents[2]
ENSURE_PACKAGES = PROJECT / "ops" / "ensure_packages.sh"
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
TEXT_BOX = ".rw-sender .rw-new-message"
SUMMARY_CONTROL = "Summary for your doctor"
MIN_TARGET = 44  # px, a fingertip
# Everything a finger reaches on the first screen and in the chat.
TARGETS = ".masthead a, .masthead button, #chat button, #chat textarea, #new-conversation, .doctor-summary button"


@pytest.fixture(scope="session")
def pdftotext() -> str:
    installed = subprocess.run(["bash", str(ENSURE_PACKAGES), "poppler-utils"], capture_output=True, text=True)
    path = shutil.which("pdftotext")
    if installed.returncode != 0 or path is None:
        pytest.fail(
            "pdftotext is missing and could not be installed: install Debian's 'poppler-utils' package "
            f"(apt-get install -y poppler-utils).\n{installed.stderr.strip()}",
            pytrace=False,
        )
    return path


def in_view(chat: Chat, selector: str) -> bool:
    box = chat.page.locator(selector).bounding_box()
    viewport = chat.page.viewport_size
    assert box is not None and viewport is not None, f"{selector} is not on the page"
    return box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def small_targets(chat: Chat) -> list[str]:
    """Visible controls smaller than a fingertip: "text (width × height)"."""
    return chat.page.evaluate(
        """([selector, least]) => [...document.querySelectorAll(selector)]
               .filter(node => node.offsetParent !== null)
               .map(node => [node, node.getBoundingClientRect()])
               .filter(([, box]) => box.height < least || box.width < least)
               .map(([node, box]) => `${(node.innerText || node.getAttribute('aria-label') || node.tagName).trim()}`
                                     + ` (${Math.round(box.width)} × ${Math.round(box.height)})`)""",
        [TARGETS, MIN_TARGET],
    )


def scrolled(chat: Chat) -> int:
    return chat.page.evaluate("() => Math.round(window.scrollY)")


def assert_phone_state(chat: Chat, state: str) -> None:
    """The text box in view, the page not scrolled, every control fingertip-sized, and axe-core content."""
    assert in_view(chat, TEXT_BOX), f"{state}: the text box is outside the first screen"
    assert scrolled(chat) == 0, f"{state}: the page moved by {scrolled(chat)} px"
    assert not small_targets(chat), f"{state}: controls under {MIN_TARGET} px: {small_targets(chat)}"
    chat.assert_accessible(f"{state}, on a phone")


def open_summary(chat: Chat):
    control = chat.page.get_by_role("button", name=SUMMARY_CONTROL).last
    expect(control).to_be_visible()
    control.click()
    view = chat.page.locator(".doctor-summary")
    expect(view).to_be_visible()
    expect(chat.page.get_by_role("heading", level=1, name=SUMMARY_CONTROL)).to_be_focused()
    return control, view


def test_on_a_phone_the_chat_comes_first_and_stays_in_view(new_chat, servers):
    chat = new_chat(servers.page_url, **PHONE)
    chat.open()
    page = chat.page
    # The first screen: the text box and the emergency line, with no scrolling.
    assert in_view(chat, ".emergency-line"), "the emergency line is not on the first screen"
    expect(page.locator(".emergency-line")).to_contain_text("Call your local emergency number now")
    assert_phone_state(chat, "greeting")
    chat.screenshot("12a_phone_first_screen")

    # A question typed there, sent with a tap on the text box first: its reply, and the page has not moved.
    page.locator(TEXT_BOX).tap()
    reply = chat.say("What is a muscle twitch?")
    assert any("Article section" in text for text in reply), reply
    assert_phone_state(chat, "after an answer")
    chat.screenshot("12b_phone_answer")

    reply = chat.say("my eyelid keeps flickering")
    expect(page.locator(".rw-replies .rw-reply", has_text="No")).to_be_visible()
    assert_phone_state(chat, "during the check")

    run_interview(chat, reply, keyboard=False)
    assert_phone_state(chat, "with the result")
    chat.screenshot("12c_phone_result")

    _, view = open_summary(chat)
    chat.assert_accessible("the summary for a doctor, on a phone")
    assert not small_targets(chat), small_targets(chat)
    chat.screenshot("12d_phone_summary")
    page.get_by_role("button", name="Back to the chat").click()
    expect(view).to_have_count(0)

    chat.say("now I can't breathe")
    expect(page.locator("#chat-alert")).to_contain_text("Call your local emergency number now")
    assert_phone_state(chat, "after an emergency")
    # The emergency's result offers the summary too.
    expect(page.get_by_role("button", name=SUMMARY_CONTROL)).to_have_count(2)
    chat.screenshot("12e_phone_emergency")
    chat.assert_clean()


def test_the_summary_for_a_doctor_prints_without_the_chat(chat: Chat, pdftotext):
    chat.open()
    page = chat.page
    typed = "my eyelid keeps flickering"
    run_interview(chat, chat.say(typed), keyboard=False)
    [stored] = [item for item in chat.stored_conversation() if item.get("type") == "component"]
    summary = stored["props"]["triage"]["summary"]

    control, view = open_summary(chat)
    expect(page.locator(TEXT_BOX)).to_be_hidden()  # the page shows the summary alone
    expect(view.get_by_role("row", name=re.compile("Where"))).to_contain_text(f"“{typed}”")
    chat.assert_accessible("the summary for a doctor")
    chat.screenshot("13_doctor_summary")

    page.emulate_media(media="print")
    expect(view.get_by_role("button", name="Print or save as PDF")).to_be_hidden()
    pdf = SHOTS / "13_doctor_summary.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    printed = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    text = " ".join(printed.stdout.split())
    reason = summary["reasons"][0]
    for expected in (
        f"{summary['level_name']}.",  # the level
        f"Article section: “{reason['section']}”",  # a reason with its section
        f"“{typed}”",  # the person's own words
        summary["date_text"],  # the date
        "This is not a diagnosis: I'm an automated assistant, not a doctor.",
    ):
        assert expected in text, f"{expected!r} is not in the printed summary:\n{text}"
    assert "Ask a question or describe your symptoms" not in text
    info = subprocess.run([str(Path(pdftotext).with_name("pdfinfo")), str(pdf)], capture_output=True, text=True)
    assert re.search(r"^Pages:\s+1$", info.stdout, re.M), f"not one page:\n{info.stdout}"

    # Closed again: the chat is back and focus returns to the control; printed, the page still leaves the chat out.
    page.emulate_media(media="screen")
    page.keyboard.press("Escape")
    expect(view).to_have_count(0)
    expect(control).to_be_focused()
    page.emulate_media(media="print")
    expect(page.locator(TEXT_BOX)).to_be_hidden()
    page.emulate_media(media="screen")
    expect(page.locator(TEXT_BOX)).to_be_visible()
    chat.assert_clean()
