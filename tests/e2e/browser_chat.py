"""Drives the chat page in one browser tab and records what the page does (requests, dialogs, errors)."""

import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

PROJECT = Path(__file__).resolve().parents[2]
SHOTS = PROJECT / "results" / "e2e"
# axe-core from npm (web/package.json devDependencies). The test hands it to the page at a same-origin address,
# so the page's strict Content-Security-Policy ("script-src 'self'") stays as it is; the server never serves it.
AXE = PROJECT / "web" / "node_modules" / "axe-core" / "axe.min.js"
AXE_PATH = "/__axe-core__/axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")

# The symptom interview: the bot's question (a piece of it) and how to answer it, with a button or in words.
# The bot skips what it already knows, so the test answers whatever it is asked.
INTERVIEW = [
    ("difficulty breathing", "click", "No"),
    ("Which muscle or part of your body", "type", "my eyelid"),
    ("What does it feel like", "click", "A flicker or twitch under the skin"),
    ("How long does one episode", "type", "a second or two"),
    ("How much does it hurt", "click", "No pain"),
    ("stay for a long time after", "click", "No"),
    ("How often does it happen", "click", "Now and then"),
    ("How long has this been going on", "click", "Less than a week"),
    ("feel weak", "click", "No"),
    ("look different", "click", "No"),
    ("known nerve or muscle condition", "click", "No"),
]

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
REPLY_TIMEOUT = 60  # seconds for the bot's answer to show up
QUIET_PERIOD = 1.2  # seconds without a new message before a reply counts as complete


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True  # no network request
    return parts.hostname in LOCAL_HOSTS


class Chat:
    """One browser tab on the chat page, recording every request, dialog, error and CSP report it sees."""

    def __init__(self, page: Page, url: str):
        self.page = page
        self.url = url
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console_errors: list[str] = []
        self.actions: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("websocket", lambda socket: self.requests.append(socket.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._on_console)
        page.on("dialog", self._on_dialog)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    # What is on the page.
    def bot_messages(self):
        return self.page.locator(".rw-group-message .rw-response")

    def user_messages(self):
        return self.page.locator(".rw-group-message .rw-client")

    def items(self):
        """Every message in the conversation: bot texts, user texts and custom components (the triage card).
        The typing indicator (.rw-typing-indication, also a .rw-response) sits outside the message groups."""
        return self.page.locator(
            ".rw-group-message .rw-response, .rw-group-message .rw-client, .rw-group-message .triage-card"
        )

    def bot_texts(self) -> list[str]:
        return self.bot_messages().all_inner_texts()

    def last_bot_text(self) -> str:
        texts = self.bot_texts()
        return texts[-1] if texts else ""

    def stored_conversation(self) -> list:
        """rasa-webchat's copy of the conversation in localStorage (what a reload restores)."""
        return self.page.evaluate("() => (JSON.parse(localStorage.getItem('chat_session') || '{}').conversation || [])")

    def session_id(self) -> str:
        return self.page.evaluate("() => (JSON.parse(localStorage.getItem('chat_session') || '{}').session_id || '')")

    # Doing things.
    def open(self) -> None:
        self.page.goto(self.url)
        expect(self.bot_messages().first).to_contain_text("automated assistant", timeout=REPLY_TIMEOUT * 1000)
        self.wait_until_quiet(0)

    def wait_until_quiet(self, count_before: int) -> list[str]:
        """Waits for new messages after count_before and then for a quiet moment; returns the new bot texts."""
        deadline = time.monotonic() + REPLY_TIMEOUT
        items = self.items()
        while items.count() <= count_before:
            if time.monotonic() > deadline:
                raise AssertionError(f"no reply within {REPLY_TIMEOUT} s; the bot said so far: {self.bot_texts()}")
            self.page.wait_for_timeout(100)
        typing = self.page.locator(".rw-typing-indication")
        last_count, last_change = items.count(), time.monotonic()
        while time.monotonic() - last_change < QUIET_PERIOD and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
            count = items.count()
            if count != last_count or typing.count():
                last_count, last_change = count, time.monotonic()
        entries = items.evaluate_all(
            "nodes => nodes.map(node => [node.classList.contains('rw-client'), node.innerText])"
        )
        return [text for is_user, text in entries[count_before:] if not is_user]

    def reply_to(self, act: Callable[[], None]) -> list[str]:
        count_before = self.items().count()
        act()
        return self.wait_until_quiet(count_before + 1)  # + the user's own message

    def say(self, text: str) -> list[str]:
        """Types a message and sends it with Enter; returns the bot's reply."""
        self.actions.append(f"type: {text}")

        def send() -> None:
            box = self.page.locator(".rw-sender .rw-new-message")
            box.fill(text)
            box.press("Enter")
            expect(self.user_messages().last).to_have_text(text)

        return self.reply_to(send)

    def click(self, title: str) -> list[str]:
        """Clicks the bot's reply button with exactly this title; returns the bot's reply."""
        self.actions.append(f"click: {title}")
        button = self.page.locator(".rw-replies .rw-reply").filter(has_text=re.compile(rf"^\s*{re.escape(title)}\s*$"))

        def press() -> None:
            expect(button.last).to_be_visible()
            button.last.click()
            expect(self.user_messages().last).to_have_text(title)

        return self.reply_to(press)

    def type_and_enter(self, text: str) -> list[str]:
        """Reaches the text box with Tab, types and presses Enter; returns the bot's reply."""
        self.actions.append(f"keyboard type: {text}")
        for _ in range(12):  # from a quick reply, Tab goes on to the text box
            if self.focused().startswith("textarea.rw-new-message"):
                break
            self.page.keyboard.press("Tab")
        else:
            raise AssertionError(f"Tab never reached the text box; focus is on {self.focused()!r}")

        def send() -> None:
            self.page.keyboard.type(text)
            self.page.keyboard.press("Enter")
            expect(self.user_messages().last).to_have_text(text)

        return self.reply_to(send)

    def press_reply(self, title: str, key: str = "Enter") -> list[str]:
        """Reaches the quick reply with this title by Tab / Shift+Tab alone and presses it with `key`."""
        self.actions.append(f"keyboard {key}: {title}")
        # From the text box the quick replies lie behind it (Shift+Tab); from a quick reply, go forward (Tab).
        step = "Tab" if self.focused().startswith("button.rw-reply") else "Shift+Tab"
        for _ in range(12):
            now = self.focused()
            if now.startswith("button.rw-reply") and now.split(": ", 1)[1] == title:
                break
            self.page.keyboard.press(step)
        else:
            raise AssertionError(f"{step} never reached the quick reply {title!r}; focus is on {self.focused()!r}")

        def press() -> None:
            self.page.keyboard.press(key)
            expect(self.user_messages().last).to_have_text(title)

        return self.reply_to(press)

    def axe(self) -> list[dict]:
        """Runs axe-core on the page as it is now; returns every violation (id, impact, help, nodes)."""
        if not self.page.evaluate("() => Boolean(window.axe)"):
            origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.page.url))
            self.page.route(
                origin + AXE_PATH, lambda route: route.fulfill(path=str(AXE), content_type="text/javascript")
            )
            self.page.add_script_tag(url=origin + AXE_PATH)
        return self.page.evaluate(
            """async () => (await window.axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary)}))"""
        )

    def assert_accessible(self, state: str) -> list[dict]:
        """No serious or critical axe violation in this state; returns the lesser ones (moderate, minor)."""
        violations = self.axe()
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, f"axe-core, {state}: " + "\n".join(
            f"{v['impact']} {v['id']} ({v['help']}): {v['nodes']}" for v in blocking
        )
        return [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]

    def focused(self) -> str:
        """What has keyboard focus: "tag.class: text" of document.activeElement."""
        return self.page.evaluate(
            """() => { const e = document.activeElement;
                       if (!e) return '';
                       const text = (e.innerText || e.value || '').trim();
                       return `${e.tagName.toLowerCase()}.${e.className}: ${text}`; }"""
        )

    def screenshot(self, name: str) -> Path:
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    # Checks every test ends with.
    def assert_only_localhost(self) -> None:
        assert self.requests, "the page made no requests at all"
        outside = sorted({url for url in self.requests if not is_local(url)})
        assert not outside, f"the page made requests to other hosts: {outside}"
        blocked = [text for text in self.console_errors if "Content Security Policy" in text]
        assert not blocked, f"the page tried to load something its CSP forbids: {blocked}"

    def assert_clean(self) -> None:
        self.assert_only_localhost()
        assert not self.errors, f"uncaught errors on the page: {self.errors}"
        assert not self.dialogs, f"the page opened dialogs: {self.dialogs}"


def run_interview(chat: Chat, reply, keyboard: bool):
    """Answers whatever the bot asks until the triage card shows; by clicking, or by keyboard alone."""
    card = chat.page.locator(".rw-group-message .triage-card")
    keys = ["Enter", "Space"]
    for turn in range(len(INTERVIEW) + 1):
        if card.count():
            return
        question = reply[-1] if reply else chat.last_bot_text()
        for asked, how, answer in INTERVIEW:  # noqa: B007 (how and answer are used after the break)
            if asked in question:
                break
        else:
            raise AssertionError(f"the test has no answer for the bot's question: {question!r}")
        if not keyboard:
            reply = chat.click(answer) if how == "click" else chat.say(answer)
            continue
        if how == "click":
            reply = chat.press_reply(answer, key=keys[turn % 2])
        else:
            # A question without quick replies: focus went to the text box.
            reply = chat.type_and_enter(answer)
        assert not chat.focused().startswith("body"), f"focus was lost after {question!r}"
    expect(card).to_have_count(1, timeout=REPLY_TIMEOUT * 1000)
