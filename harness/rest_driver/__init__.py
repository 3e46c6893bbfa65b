"""Drives the bot over its REST channel, as a person would: one message, then read the reply.

Shared by the evaluations, the load test, the bench and the tests that talk to real servers, so that there is one
way to send a message, to tell what the bot asked (by response name, never by wording), to answer a symptom check
and to summarise latencies.
"""
