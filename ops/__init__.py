"""Commands for running the assistant: the chat in a terminal, the web chat, the conversation report, purging old
conversations, and writing the NLU's vocabulary. Run with `python -m ops.<module>`."""
