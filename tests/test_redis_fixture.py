"""The plugin's `redis_socket` fixture starts a real Redis on a unix socket that tests and sandboxes share."""
import redis

from autograder.runner import SERVICES_DIR


def test_redis_socket_serves_a_real_redis(redis_socket):
    client = redis.Redis(unix_socket_path=redis_socket)
    assert client.ping()
    assert client.incr("counter") == 1
    assert redis_socket.startswith(str(SERVICES_DIR))
