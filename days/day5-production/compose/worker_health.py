"""The worker container's health check: healthy while an RQ worker started in this container is registered in
Redis. A worker renews its registration with each heartbeat, so one that died drops out when the entry expires."""
import os
import socket
import sys

from redis import Redis
from rq import Worker


def worker_registered(redis_url: str, hostname: str) -> bool:
    redis = Redis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=3)
    return any(worker.hostname == hostname for worker in Worker.all(connection=redis))


if __name__ == "__main__":
    sys.exit(0 if worker_registered(os.environ["REDIS_URL"], socket.gethostname()) else 1)
