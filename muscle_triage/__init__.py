"""The assistant's brain, in plain Python that never imports Rasa: what a message says (understanding), how
urgent the symptoms are (triage), and what the article says (knowledge). The Rasa actions and plug-ins call it."""
