"""`make shell`: `rasa shell`, showing the chat and nothing else.

- Everything the server writes to stderr (dependency warnings, INFO logs, TensorFlow's notes) goes to
  results/logs/shell.log, not the terminal, where it used to interleave with the chat. The chat itself is on
  stdout, and so are Rasa's own error messages (a missing model, for example).
- The bot speaks first: the conversation opens with its greeting and disclaimer, not a bare prompt.
Every argument is passed on to `rasa shell`.
"""

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LOG = PROJECT / "results" / "logs" / "shell.log"
GREETING = "/greet"
STOP = "/stop"


def send_stderr_to_log() -> None:
    """From here on, fd 2 of this process (Python warnings, logging, native libraries) writes to LOG."""
    LOG.parent.mkdir(parents=True, exist_ok=True)
    log = os.open(LOG, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    os.close(log)


def greeting_first(console):
    """Rasa's terminal loop (rasa.core.channels.console.record_messages), except that it sends the greeting first
    and shows it before the first prompt."""

    async def record_messages(
        sender_id, server_url, auth_token="", max_message_limit=None, use_response_stream=True, request_timeout=None
    ) -> int:
        print(f"Type a message and press Enter ({STOP} quits).\n", flush=True)
        text, sent = GREETING, 0
        while text is not None and text != STOP:
            previous = None
            async for response in console._send_message_receive_stream(
                server_url, auth_token, sender_id, text, request_timeout=request_timeout
            ):
                if previous is not None:
                    console._print_bot_output(previous)
                previous = response
            sent += 1
            if max_message_limit is not None and sent >= max_message_limit:
                break
            # The last message waits for the answer: a menu if it has buttons, else a prompt.
            text = await console._get_user_input(previous)
        return sent

    return record_messages


def main() -> int:
    send_stderr_to_log()
    os.chdir(PROJECT)
    from rasa.__main__ import main as rasa_main
    from rasa.core.channels import console

    console.record_messages = greeting_first(console)
    sys.argv = ["rasa", "shell", *sys.argv[1:]]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
