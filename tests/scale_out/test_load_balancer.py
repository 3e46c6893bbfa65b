"""nginx with deploy/nginx.conf in front of the two Rasa servers: REST round-robin, socket.io sticky.

nginx is started by the cluster fixture (conftest.py) from the very file a user copies, with free loopback ports
put in its addresses; its access log records which Rasa server answered each request.
"""

import uuid

from harness.rest_driver.client import Reply, send
from tests.scale_out.test_two_instances import NEUTRAL_OPENING, tracker


def test_rest_messages_go_round_robin_and_the_conversation_holds_together(cluster):
    sender = f"balanced-{uuid.uuid4().hex[:8]}"
    logged_before = len(cluster.balancer.logged("/webhooks/rest/"))
    asked = []
    for text in [NEUTRAL_OPENING, "no", "my calf", "a cramp"]:
        asked.append(Reply.of(send(cluster.balancer.url, sender, text, timeout=120)).asked)

    used = [upstream for _status, upstream in cluster.balancer.wait_logged("/webhooks/rest/", logged_before, 4)]
    servers = {url.split("//")[1] for url in cluster.urls}
    assert len(used) == 4 and set(used) == servers, f"nginx sent the messages to {used}, servers {servers}"
    assert all(a != b for a, b in zip(used, used[1:], strict=False)), f"not round-robin: {used}"
    # The interview went on across both servers: each answer moved it to the next question.
    assert asked == ["breathing_difficulty", "body_part", "sensation", "episode_duration"], asked
    assert tracker(cluster.urls[0], sender)["slots"]["body_part"] == "calf"
