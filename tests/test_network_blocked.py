"""The plugin blocks every connection except loopback for the whole run; asyncio still works."""
import asyncio
import socket

import pytest
from pytest_socket import SocketConnectBlockedError


def test_connection_to_a_non_loopback_address_fails():
    # 192.0.2.1 is TEST-NET-1 (RFC 5737): the guard refuses before any packet could be sent.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(SocketConnectBlockedError):
        sock.connect(("192.0.2.1", 443))


def test_sdk_call_without_fixture_cannot_reach_the_provider():
    import anthropic
    client = anthropic.Anthropic(api_key="unused", base_url="http://192.0.2.1", max_retries=0)
    with pytest.raises(anthropic.APIConnectionError) as caught:
        client.messages.create(model="claude-haiku-4-5", max_tokens=5, messages=[{"role": "user", "content": "hi"}])
    assert isinstance(caught.value.__cause__, SocketConnectBlockedError) or "192.0.2.1" in repr(caught.value.__cause__)


def test_loopback_services_and_asyncio_still_work():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=2):
            pass

    async def nap():
        await asyncio.sleep(0)
        return "ok"

    assert asyncio.run(nap()) == "ok"
