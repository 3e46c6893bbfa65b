/*
 * What a page hosting the chat adds to rasa-webchat (web/chat.js here; docs/deployment.md's snippet elsewhere):
 *
 * - Alerts. A bot message whose metadata says `alert` (the emergency answer, domain.yml) is also written into a
 *   role="alert" region, so screen readers announce it at once instead of in turn with the transcript (itself a
 *   role="log" region, ops/webchat_access.py).
 * - Focus after each reply. A quick reply disappears once pressed, which would drop keyboard focus to the page.
 *   Focus goes to the text box at once, then, when the reply comes, to its first quick reply if it has any. A
 *   person who was typing keeps the text box. Focus never scrolls the page: the widget scrolls its own transcript,
 *   and on a phone the page must not jump when a reply arrives.
 * - "Forget me". When the bot confirms it deleted the conversation (custom payload `conversation_deleted`), the
 *   widget's stored session is removed from this browser and the page reloads into a new conversation, saying so.
 *
 * Usage: WebChat.default({..., onSocketEvent: ChatAccess.socketEvents}, element); ChatAccess.follow(element).
 */
(function () {
  "use strict";

  var SESSION_KEY = "chat_session"; // where rasa-webchat keeps the session id and messages (params.storage)
  var FORGOTTEN_KEY = "muscle_chat_forgotten"; // only "1": tells the reloaded page to say it was deleted

  function alertRegion() {
    var region = document.getElementById("chat-alert");
    if (!region) {
      region = document.createElement("div");
      region.id = "chat-alert";
      region.className = "chat-visually-hidden";
      region.setAttribute("role", "alert");
      document.body.appendChild(region);
    }
    return region;
  }

  function forgetThisBrowser() {
    window.localStorage.removeItem(SESSION_KEY);
    window.sessionStorage.setItem(FORGOTTEN_KEY, "1");
    // The widget may store its state once more before the page goes: remove it again on the way out.
    window.addEventListener("pagehide", function () {
      window.localStorage.removeItem(SESSION_KEY);
    });
    window.location.reload();
  }

  var socketEvents = {
    bot_uttered: function (message) {
      if (!message) return;
      if (message.conversation_deleted) {
        forgetThisBrowser();
        return;
      }
      if (message.metadata && message.metadata.alert && message.text) {
        var region = alertRegion();
        var line = document.createElement("p");
        line.textContent = String(message.text);
        region.appendChild(line);
      }
    }
  };

  /* The notice after a deletion: the reloaded page shows it in a status region and moves focus to it. */
  function showForgottenNotice() {
    if (window.sessionStorage.getItem(FORGOTTEN_KEY) !== "1") return;
    window.sessionStorage.removeItem(FORGOTTEN_KEY);
    var notice = document.getElementById("chat-status");
    if (!notice) return;
    notice.textContent =
      "Your conversation was deleted from the assistant's server and from this browser. This is a new conversation.";
    notice.hidden = false;
    notice.focus();
  }

  function follow(mount) {
    var pressedReply = false;
    var timer = null;

    function textBox() {
      return mount.querySelector(".rw-sender .rw-new-message");
    }

    function latestReplies() {
      var groups = mount.querySelectorAll(".rw-group-message");
      var last = groups[groups.length - 1];
      if (!last || !last.classList.contains("rw-from-response")) return null;
      return last.querySelector(".rw-replies .rw-reply");
    }

    function focusLost() {
      var active = document.activeElement;
      return !active || active === document.body || !document.contains(active);
    }

    function settle() {
      timer = null;
      var reply = latestReplies();
      var box = textBox();
      if (pressedReply && reply && (focusLost() || document.activeElement === box)) {
        pressedReply = false;
        reply.focus({ preventScroll: true });
      } else if (focusLost() && box) {
        box.focus({ preventScroll: true });
      }
    }

    // A pressed quick reply is removed from the page: keep focus in the chat until the answer arrives.
    mount.addEventListener("click", function (event) {
      var reply = event.target.closest && event.target.closest(".rw-reply");
      if (!reply) return;
      pressedReply = true;
      window.setTimeout(function () {
        var box = textBox();
        if (focusLost() && box) box.focus({ preventScroll: true });
      }, 0);
    });
    mount.addEventListener("keydown", function (event) {
      if (event.target === textBox() && event.key.length === 1) pressedReply = false; // typing: keep the box
    });

    new MutationObserver(function () {
      if (timer) window.clearTimeout(timer);
      timer = window.setTimeout(settle, 150);
    }).observe(mount, { childList: true, subtree: true });
  }

  alertRegion();
  showForgottenNotice();
  window.ChatAccess = { socketEvents: socketEvents, follow: follow };
})();
