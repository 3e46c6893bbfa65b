/*
 * Mounts rasa-webchat (served locally from /vendor/rasa-webchat.js) into #chat.
 * /config.js, written by ops/serve_web.py, says where Rasa's socket.io endpoint is.
 * /chat-access.js adds alerts, focus after each reply and "forget me" in this browser.
 */
(function () {
  "use strict";

  var config = window.MUSCLE_CHAT_CONFIG || {};
  var mount = document.getElementById("chat");

  if (!window.WebChat || !window.TriageCard || !window.ChatAccess || !config.socketUrl) {
    mount.textContent = "The chat could not load. Please reload the page.";
    return;
  }

  window.WebChat.default(
    {
      initPayload: "/greet",
      socketUrl: config.socketUrl,
      socketPath: config.socketPath || "/socket.io/",
      customData: { language: "en" },
      title: "Muscle spasm or twitch?",
      inputTextFieldHint: "Ask a question or describe your symptoms",
      connectingText: "Connecting to the assistant…",
      embedded: true,
      // No page-visit rules; show the chat (and its "connecting" state) even before the socket is up.
      withRules: false,
      hideWhenNotConnected: false,
      // Keep the conversation in localStorage, so a reload shows it again (Rasa keeps the same session).
      params: { storage: "local" },
      customComponent: window.TriageCard.component,
      onSocketEvent: window.ChatAccess.socketEvents,
      // The default waits up to 3 s per message; the triage answer comes in several parts.
      customMessageDelay: function () {
        return 300;
      }
    },
    mount
  );
  window.ChatAccess.follow(mount);

  var restart = document.getElementById("new-conversation");
  if (restart) {
    restart.addEventListener("click", function () {
      // rasa-webchat keeps the session id and messages under this key; a new id starts a new conversation.
      window.localStorage.removeItem("chat_session");
      window.location.reload();
    });
  }
})();
