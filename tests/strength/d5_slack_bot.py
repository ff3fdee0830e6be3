"""d5-slack-bot: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
SIGNING = "signing.py"
SEEN = "seen.py"
APP = "app.py"
CLIENT = "slack_client.py"

BROKEN = {
    "signing: the timestamp is left out of the signed string": (SIGNING, [(
        '''    base = f"{VERSION}:{timestamp}:".encode() + body''', '''    base = f"{VERSION}:".encode() + body''')]),
    "replay window: a timestamp from the future is accepted": (SIGNING, [(
        "        if abs(self._clock() - int(timestamp)) > self.max_age_s:",
        "        if self._clock() - int(timestamp) > self.max_age_s:")]),
    "retries: an event id seen before is processed again": (APP, [(
        "        if not event_id or not seen.first_time(event_id):",
        "        if not event_id or (not seen.first_time(event_id) and False):")]),
    "thread: the reply goes to the channel, not the mention's thread": (APP, [(
        '''thread_ts=event.get("thread_ts") or event["ts"])''', '''thread_ts=event.get("thread_ts"))''')]),
    "acknowledgement: the slash command is answered inline before acknowledging": (APP, [(
        "        jobs.submit(form.get(\"trigger_id\") or form[\"response_url\"], answer_command, form)",
        "        await run_in_threadpool(answer_command, form)")]),
    "web client: the body's ok field is not checked": (CLIENT, [(
        '''        if not data.get("ok"):''', '''        if data.get("ok") is None and False:''')]),
}

CORRECT = {
    "signing: the comparison via slack_sdk-style hmac.digest and compare_digest on bytes": (SIGNING, [(
        "        return hmac.compare_digest(slack_signature(self._secret, timestamp, body), signature)",
        "        expected = hmac.digest(self._secret.encode(), f\"{VERSION}:{timestamp}:\".encode() + body, \"sha256\")\n"
        "        return hmac.compare_digest(f\"{VERSION}={expected.hex()}\".encode(), signature.encode())")]),
    "seen: a dict of expiry times pruned on every call": (SEEN, [(
        '''            while self._expiry and next(iter(self._expiry.values())) <= now:
                self._expiry.popitem(last=False)
            if event_id in self._expiry:
                return False''', '''            for old in [k for k, t in self._expiry.items() if t <= now]:
                del self._expiry[old]
            if self._expiry.get(event_id, now) > now:
                return False''')]),
}
