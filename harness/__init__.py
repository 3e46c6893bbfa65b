"""The test harness: starts the bot's servers, plays conversation cases, drives the REST channel, and simulates
people answering the symptom check. Run its commands with `python -m harness.<module>`."""
