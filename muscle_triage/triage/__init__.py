"""The symptom check: its slots (schema), the article's rules that turn a report into a level, a kind and reasons
(rules), and the message that shows the result (reply)."""
