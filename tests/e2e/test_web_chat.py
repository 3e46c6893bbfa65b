"""The web chat in a real browser: web/index.html with rasa-webchat, talking to the real bot over socket.io.

Every test starts with an empty browser profile (a new conversation), saves screenshots under results/e2e/
and ends by checking that the page asked nothing of any host but localhost.
"""

import re

from playwright.sync_api import expect

from muscle_triage.knowledge.article_facts import section_title
from tests.e2e.browser_chat import INTERVIEW, REPLY_TIMEOUT, Chat

LEVEL_COLOURS = {"emergency": "rgb(179, 38, 30)", "specialist": "rgb(154, 82, 0)", "self_care": "rgb(30, 122, 60)"}


def section_line(*topics: str) -> str:
    """The line an article answer ends with: the article sections of its topics, in order."""
    titles = ", ".join(f"“{section_title(topic)}”" for topic in topics)
    return f"Article section{'s' if len(topics) > 1 else ''}: {titles}"


def cites(reply: list[str], line: str) -> bool:
    return any(shown.strip() == line for text in reply for shown in text.splitlines())


def answer(chat: Chat, question: str):
    for asked, how, reply in INTERVIEW:
        if asked in question:
            return chat.click(reply) if how == "click" else chat.say(reply)
    raise AssertionError(f"the test has no answer for the bot's question: {question!r}")


def test_page_opens_with_the_greeting(chat: Chat):
    chat.open()

    expect(chat.page).to_have_title(re.compile("Muscle spasm or twitch"))
    expect(chat.page.get_by_role("note")).to_contain_text("Not a doctor")
    greeting = chat.bot_messages().first
    expect(greeting).to_contain_text("I'm an automated assistant, not a doctor")
    expect(greeting).to_contain_text("call your local emergency number now")
    for example in ("What causes muscle spasms?", "Check my symptoms"):
        expect(chat.page.locator(".rw-replies .rw-reply", has_text=example)).to_be_visible()
    # The page's own font stack, not the Inter webfont the bundle would have fetched from Google.
    font = chat.bot_messages().first.evaluate("node => getComputedStyle(node).fontFamily")
    assert "Inter" not in font.split(",")[0], font
    chat.screenshot("01_greeting")
    chat.page.set_viewport_size({"width": 390, "height": 844})  # a phone: the page stacks its two columns
    expect(greeting).to_be_visible()
    chat.screenshot("01b_greeting_narrow")
    chat.assert_clean()


def test_article_question_is_answered_with_its_section(chat: Chat):
    chat.open()

    # An example-question button from the greeting...
    reply = chat.click("What causes muscle spasms?")
    # The article's list of causes, and the twitch triggers it names beside them.
    assert cites(reply, section_line("causes", "twitch_triggers")), reply
    assert any("Dehydration" in text for text in reply), reply

    # ...and a question typed in the box.
    reply = chat.say("What is a muscle twitch?")
    assert any("twitch" in text.lower() for text in reply), reply
    assert cites(reply, section_line("twitch_definition")), reply
    expect(chat.bot_messages().last).to_contain_text(section_line("twitch_definition"))
    chat.screenshot("02_article_answer")
    chat.assert_clean()


def test_symptom_check_ends_with_the_triage_card(chat: Chat):
    chat.open()

    reply = chat.say("my eyelid keeps flickering")
    chat.screenshot("03a_symptom_question_buttons")
    card = chat.page.locator(".rw-group-message .triage-card")
    for _ in range(len(INTERVIEW) + 1):
        if card.count():
            break
        reply = answer(chat, reply[-1] if reply else chat.last_bot_text())
    expect(card).to_have_count(1, timeout=REPLY_TIMEOUT * 1000)
    assert any(action.startswith("click: ") for action in chat.actions), chat.actions
    assert any(action.startswith("type: ") for action in chat.actions), chat.actions

    # The bot's plain-text version came first, and reads as lines, not one run-on paragraph.
    texts = "\n".join(chat.bot_texts())
    assert "It sounds most like a muscle twitch" in texts
    assert "This is not a diagnosis" in texts

    # The card shows what the custom payload says (rasa-webchat kept the payload in localStorage).
    stored = [item for item in chat.stored_conversation() if item.get("type") == "component"]
    assert len(stored) == 1, stored
    triage = stored[0]["props"]["triage"]
    assert (triage["level"], triage["contraction"], triage["subtype"]) == ("self_care", "twitch", "fasciculation")

    expect(card).to_have_attribute("data-level", "self_care")
    expect(card.locator(".triage-card__badge")).to_have_text("Self-care")
    level_colour = card.locator(".triage-card__level").evaluate("node => getComputedStyle(node).backgroundColor")
    assert level_colour == LEVEL_COLOURS["self_care"]
    expect(card.locator(".triage-card__kind")).to_contain_text("Muscle twitch")
    expect(card.locator(".triage-card__kind")).to_contain_text("Fasciculations")
    reasons = card.locator(".triage-card__reason")
    expect(reasons).to_have_count(len(triage["reasons"]))
    for shown, reason in zip(reasons.all(), triage["reasons"], strict=True):
        expect(shown).to_contain_text(reason["fact"])
        expect(shown).to_contain_text(f"Article section: “{reason['section']}”")
    # Self care: every warning sign of the article to watch for, and its advice for persistent symptoms.
    signs = card.locator(".triage-card__warning-signs li")
    expect(signs).to_have_count(len(triage["warning_signs"]))
    assert any("lingers after a contraction" in sign for sign in triage["warning_signs"]), triage["warning_signs"]
    expect(card.locator(".triage-card__general-advice")).to_have_text(triage["general_advice"])
    for source in triage["sources"]:
        expect(card.locator(".triage-card__sources")).to_contain_text(f"“{source}”")
    expect(card).to_contain_text("Not a diagnosis")
    card.evaluate("node => node.scrollIntoView({block: 'start'})")
    chat.screenshot("03b_triage_card")

    # A reload draws the card again from the stored conversation.
    chat.page.reload()
    expect(card).to_have_count(1, timeout=REPLY_TIMEOUT * 1000)
    expect(card.locator(".triage-card__badge")).to_have_text("Self-care")
    chat.assert_clean()


def test_breathing_difficulty_gets_the_emergency_reply(chat: Chat):
    chat.open()

    reply = chat.say("I can't breathe and my chest is cramping")
    assert any("Call your local emergency number now" in text for text in reply), reply
    emergency = chat.bot_messages().filter(has_text="Call your local emergency number now").first
    emergency.scroll_into_view_if_needed()
    chat.screenshot("04a_emergency_reply")

    # Where the bot adds a triage result, its card must say emergency, in red.
    card = chat.page.locator(".rw-group-message .triage-card")
    if card.count():
        expect(card.last).to_have_attribute("data-level", "emergency")
        expect(card.last.locator(".triage-card__badge")).to_have_text("Emergency")
        colour = card.last.locator(".triage-card__level").evaluate("node => getComputedStyle(node).backgroundColor")
        assert colour == LEVEL_COLOURS["emergency"]
        card.last.evaluate("node => node.scrollIntoView({block: 'start'})")
        chat.screenshot("04b_emergency_card")
    chat.assert_clean()


def test_conversation_survives_a_reload(chat: Chat):
    chat.open()
    chat.say("What is a muscle spasm?")
    before = chat.items().all_inner_texts()
    assert len(before) >= 3, before
    session_id = chat.session_id()
    assert session_id

    chat.page.reload()
    expect(chat.items()).to_have_count(len(before), timeout=REPLY_TIMEOUT * 1000)
    chat.wait_until_quiet(0)
    assert chat.items().all_inner_texts() == before
    greetings = [text for text in chat.bot_texts() if "I'm an automated assistant" in text]
    assert len(greetings) == 1, "the greeting was sent again after the reload"
    chat.screenshot("05_after_reload")

    # The same session goes on: same session id, and the bot still answers on it.
    assert chat.session_id() == session_id
    reply = chat.say("thanks")
    assert reply, "no reply after the reload"

    # "Start a new conversation" forgets it: a new session, and only the greeting.
    chat.page.get_by_role("button", name="Start a new conversation").click()
    expect(chat.items()).to_have_count(1, timeout=REPLY_TIMEOUT * 1000)
    expect(chat.bot_messages().first).to_contain_text("I'm an automated assistant")
    assert chat.session_id() not in ("", session_id)
    chat.assert_clean()


def test_html_in_a_message_is_shown_as_text(chat: Chat):
    chat.open()
    attack = "<img src=x onerror=alert(1)>"

    chat.say(attack)
    expect(chat.user_messages().last).to_have_text(attack)
    assert chat.page.locator("img[src='x']").count() == 0, "the message was turned into an <img> element"
    assert chat.page.locator(".rw-messages-container img").count() == 0
    chat.page.wait_for_timeout(500)
    assert chat.dialogs == [], f"a script ran: {chat.dialogs}"
    chat.screenshot("06_html_shown_as_text")
    chat.assert_clean()


def test_embedding_snippet_works_on_another_site_and_only_there(new_chat, servers):
    # A page of another origin (listed in WEB_ORIGIN) with the snippet from docs/deployment.md.
    other = new_chat(servers.other_site_url)
    other.page.goto(other.url)
    launcher = other.page.locator(".rw-launcher")
    expect(launcher).to_be_visible(timeout=REPLY_TIMEOUT * 1000)
    launcher.click()
    expect(other.bot_messages().first).to_contain_text("automated assistant", timeout=REPLY_TIMEOUT * 1000)
    other.wait_until_quiet(0)
    reply = other.say("What is a muscle twitch?")
    assert cites(reply, section_line("twitch_definition")), reply
    other.screenshot("07a_embedded_on_another_site")
    other.assert_clean()

    # The same page from an origin that is not in WEB_ORIGIN gets no conversation.
    refused = new_chat(servers.refused_site_url)
    refused.page.goto(refused.url)
    refused.page.wait_for_timeout(5000)
    assert refused.bot_messages().count() == 0
    assert refused.page.locator(".rw-launcher").count() == 0, "the chat showed up although it can't connect"
    refused.screenshot("07b_other_origin_refused")
    refused.assert_only_localhost()
