"""The settings of `make scale-out` (deploy/scale-out.env and the environment) and the nginx.conf it writes."""

import re

import pytest

from harness.scale_out_nginx import NGINX_CONF, nginx_conf_for
from ops.scale_out import POSTGRES_VARIABLES, REDIS_OPTIONAL, REDIS_VARIABLES, SETTINGS, existing_store, settings


def upstream_servers(conf: str) -> list[list[str]]:
    return [re.findall(r"server (\S+);", block) for block in re.findall(r"upstream \w+ \{(.*?)\}", conf, re.S)]


def test_nginx_lists_every_rasa_server_in_both_upstreams_and_listens_where_asked():
    servers = ["127.0.0.1:41001", "127.0.0.1:41002", "10.0.0.7:5005"]
    conf = nginx_conf_for("0.0.0.0:8080", servers, NGINX_CONF.read_text())
    assert upstream_servers(conf) == [servers, servers]
    assert re.findall(r"listen (\S+);", conf) == ["0.0.0.0:8080"]
    with pytest.raises(ValueError):
        nginx_conf_for("127.0.0.1:8080", [], NGINX_CONF.read_text())


def test_the_environment_wins_over_the_file_and_the_passwords_come_from_it_alone():
    assert not re.search(r"^\s*(POSTGRES|REDIS)_PASSWORD\s*=", SETTINGS.read_text(), re.M)
    config = settings(environ={"SERVERS": "3", "POSTGRES_PASSWORD": "secret", "REDIS_PASSWORD": "s2", "UNRELATED": "x"})
    assert config["SERVERS"] == "3" and config["POSTGRES_PASSWORD"] == "secret" and config["REDIS_PASSWORD"] == "s2"
    assert config["REDIS_DB"] == "1" and "UNRELATED" not in config
    assert settings(environ={"SERVERS": ""})["SERVERS"] == "2"  # an empty variable leaves the file's value


def test_a_store_is_throwaway_unless_its_host_is_set_and_then_needs_all_its_settings():
    config = settings(environ={})
    assert existing_store(config, POSTGRES_VARIABLES) is None
    assert existing_store(config, REDIS_VARIABLES) is None
    redis = existing_store(settings(environ={"REDIS_HOST": "10.0.0.9"}), REDIS_VARIABLES, REDIS_OPTIONAL)
    assert redis == {"REDIS_HOST": "10.0.0.9", "REDIS_PORT": "6379", "REDIS_DB": "1", "REDIS_PASSWORD": ""}
    with_password = settings(environ={"REDIS_HOST": "10.0.0.9", "REDIS_PASSWORD": "s2"})
    assert existing_store(with_password, REDIS_VARIABLES, REDIS_OPTIONAL)["REDIS_PASSWORD"] == "s2"
    with pytest.raises(SystemExit, match="POSTGRES_PASSWORD"):
        existing_store(settings(environ={"POSTGRES_HOST": "10.0.0.8"}), POSTGRES_VARIABLES)
