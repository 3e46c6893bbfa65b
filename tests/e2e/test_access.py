"""The web chat for everyone: axe-core in every state, a whole symptom check by keyboard alone, the emergency
alert, names, focus and reduced motion; and "forget me", checked in the tracker store itself.

axe-core comes from npm (web/package.json) and is handed to the page at a same-origin address by the test
(tests/e2e/browser_chat.py), so the page's Content-Security-Policy stays strict. Each state must have no
violation of serious or critical impact; lesser ones are printed.
"""

import re
import sqlite3

from playwright.sync_api import expect

from harness.rest_driver.client import send
from tests.e2e.browser_chat import REPLY_TIMEOUT, Chat, run_interview

EMERGENCY = "Call your local emergency number now"


def report(state: str, lesser) -> None:
    for violation in lesser:
        print(f"axe-core, {state}: {violation['impact']} {violation['id']} ({violation['help']})")


def test_axe_finds_nothing_serious_or_critical_in_any_state(chat: Chat):
    chat.open()
    report("page loaded", chat.assert_accessible("page loaded, greeting shown"))

    chat.say("What is a muscle twitch?")
    report("after an answer", chat.assert_accessible("after an article answer and its feedback question"))

    reply = chat.say("my eyelid keeps flickering")
    expect(chat.page.locator(".rw-replies .rw-reply", has_text="No")).to_be_visible()
    report("during the check", chat.assert_accessible("during the symptom check, quick replies shown"))

    run_interview(chat, reply, keyboard=False)
    report("triage card", chat.assert_accessible("with the triage card shown"))

    chat.say("now I can't breathe")
    expect(chat.page.locator("#chat-alert")).to_contain_text(EMERGENCY)
    report("after an emergency", chat.assert_accessible("after an emergency"))
    chat.assert_clean()


def test_axe_on_the_launcher_closed_and_open(new_chat, servers):
    """The chat behind a button, as docs/deployment.md's embedding snippet puts it on another site."""
    other = new_chat(servers.other_site_url)
    other.page.goto(other.url)
    launcher = other.page.get_by_role("button", name="Open the chat")
    expect(launcher).to_be_visible(timeout=REPLY_TIMEOUT * 1000)
    report("launcher closed", other.assert_accessible("page loaded, chat closed"))

    launcher.focus()
    other.page.keyboard.press("Enter")
    expect(other.bot_messages().first).to_contain_text("automated assistant", timeout=REPLY_TIMEOUT * 1000)
    other.wait_until_quiet(0)
    expect(other.page.get_by_role("button", name="Close the chat")).to_have_attribute("aria-expanded", "true")
    report("chat open", other.assert_accessible("chat opened from the launcher"))
    other.assert_clean()


def test_every_control_has_a_name_and_the_transcript_is_a_log(chat: Chat):
    chat.open()
    page = chat.page
    log = page.get_by_role("log", name="Conversation")
    expect(log).to_have_count(1)
    expect(log).to_have_attribute("aria-live", "polite")
    expect(log).to_have_attribute("tabindex", "0")  # scrollable, so the keyboard must reach it
    expect(page.get_by_role("textbox", name="Ask a question or describe your symptoms")).to_be_visible()
    expect(page.get_by_role("button", name="Send")).to_have_count(1)
    # Quick replies are real buttons, named by their text.
    expect(page.get_by_role("button", name="Check my symptoms")).to_be_visible()
    assert page.locator(".rw-reply").evaluate_all("nodes => nodes.map(n => n.tagName)") == ["BUTTON"] * 4


def test_the_emergency_reply_is_announced_at_once_as_an_alert(chat: Chat):
    chat.open()
    alert = chat.page.get_by_role("alert")
    expect(alert).to_have_text("")

    reply = chat.say("I can't breathe and my chest is cramping")
    assert any(EMERGENCY in text for text in reply), reply
    expect(alert).to_contain_text(EMERGENCY)
    # It is the emergency answer alone, not the rest of the reply, and it never asks "Was this helpful?".
    assert "From what you've told me" not in alert.inner_text()
    assert not any("Was this helpful" in text for text in chat.bot_texts())
    chat.assert_clean()


def test_a_whole_symptom_check_by_keyboard_alone(chat: Chat):
    chat.open()
    page = chat.page
    # The text box has focus when the chat starts; everything below is keyboard only.
    reply = chat.type_and_enter("my eyelid keeps flickering")
    run_interview(chat, reply, keyboard=True)
    assert any(action.startswith("keyboard Space") for action in chat.actions), chat.actions
    assert any(action.startswith("keyboard Enter") for action in chat.actions), chat.actions
    assert any(action.startswith("keyboard type") for action in chat.actions[1:]), chat.actions

    # The result, as a screen reader finds it: a heading, then lists.
    heading = page.get_by_role("heading", name=re.compile(r"^Symptom check result: Self-care$"))
    expect(heading).to_have_count(1)
    card = page.locator(".rw-group-message .triage-card")
    expect(card.get_by_role("heading", level=4, name="Why")).to_have_count(1)
    reasons = card.get_by_role("list").first.get_by_role("listitem")
    assert reasons.count() >= 3
    expect(reasons.first).to_contain_text("Article section: “")
    log_text = page.get_by_role("log").inner_text()
    assert "It sounds most like a muscle twitch" in log_text and "This is not a diagnosis" in log_text

    # After the result's quick replies ("Was this helpful?"), focus waits on the first of them.
    assert chat.focused() == "button.rw-reply: 👍 Yes", chat.focused()
    chat.screenshot("10_keyboard_only_result")
    # Focus is visible: a solid outline on the focused quick reply.
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid", outline
    chat.assert_clean()


def test_motion_respects_prefers_reduced_motion(new_chat, servers, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    try:
        chat = Chat(context.new_page(), servers.page_url)
        chat.open()
        moving = chat.page.evaluate(
            """() => [...document.querySelectorAll('#chat *')].filter(node => {
                   const style = getComputedStyle(node);
                   return style.animationName !== 'none' ||
                          style.transitionDuration.split(',').some(d => parseFloat(d) > 0);
               }).map(node => node.className).slice(0, 5)"""
        )
        assert moving == [], f"still animated with reduced motion: {moving}"
    finally:
        context.close()
    # Without the preference the widget does animate, so the check above can fail.
    chat = new_chat(servers.page_url)
    chat.open()
    assert chat.page.evaluate(
        "() => [...document.querySelectorAll('#chat *')].some(n => getComputedStyle(n).transitionDuration !== '0s')"
    )


def stored_senders(database) -> dict:
    with sqlite3.connect(database) as connection:
        return dict(connection.execute("SELECT sender_id, COUNT(*) FROM events GROUP BY sender_id").fetchall())


def test_forget_me_deletes_the_conversation_from_the_store_and_the_browser(chat: Chat, servers):
    # Someone else's conversation, over REST, which must stay untouched.
    send(servers.rasa_url, "someone-else-e2e", "What is a muscle spasm?")
    chat.open()
    chat.say("What causes muscle spasms?")
    session_id = chat.session_id()
    before = stored_senders(servers.conversations)
    assert before.get(session_id, 0) > 5 and before.get("someone-else-e2e", 0) > 0, before

    reply = chat.say("please delete my conversation")
    assert any("delete this conversation" in text for text in reply), reply
    chat.page.get_by_role("button", name="Yes, delete it").press("Enter")

    # The page reloads into a new conversation and says why; focus is on that notice.
    notice = chat.page.get_by_role("status")
    expect(notice).to_contain_text("Your conversation was deleted", timeout=REPLY_TIMEOUT * 1000)
    expect(notice).to_be_focused()
    expect(chat.bot_messages().first).to_contain_text("automated assistant", timeout=REPLY_TIMEOUT * 1000)
    chat.wait_until_quiet(0)
    assert chat.session_id() not in ("", session_id)
    stored_texts = " ".join(str(item.get("text", "")) for item in chat.stored_conversation())
    assert "causes" not in stored_texts, "the browser still holds the deleted conversation"

    after = stored_senders(servers.conversations)
    assert session_id not in after, "the tracker store still holds events of the deleted conversation"
    assert after["someone-else-e2e"] == before["someone-else-e2e"]
    chat.screenshot("11_forgotten")
    chat.assert_clean()
