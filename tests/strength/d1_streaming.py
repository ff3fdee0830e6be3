"""d1-streaming: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
EVENTS, STREAM = "events.py", "stream.py"

BROKEN = {
    "params: OpenAI streams without asking for usage": (EVENTS, [(
        ''', "stream": True,
            "stream_options": {"include_usage": True}}''', ''', "stream": True}''')]),
    "anthropic: message_delta's output tokens drop the input tokens": (EVENTS, [(
        "        progress.usage = Usage(input_tokens=usage.input_tokens, output_tokens=event.usage.output_tokens)",
        "        progress.usage = Usage(output_tokens=event.usage.output_tokens)")]),
    "openai: a usage chunk's usage is read only when it has choices": (EVENTS, [(
        '''    if chunk.usage is not None:
        progress.usage = Usage(input_tokens=chunk.usage.prompt_tokens, output_tokens=chunk.usage.completion_tokens)
    if not chunk.choices:
        return ""''', '''    if not chunk.choices:
        return ""
    if chunk.usage is not None:
        progress.usage = Usage(input_tokens=chunk.usage.prompt_tokens, output_tokens=chunk.usage.completion_tokens)''')]),
    "timing: first_token_s is overwritten at every delta": (STREAM, [(
        "                if self.first_token_s is None:\n                    self.first_token_s =",
        "                if True:\n                    self.first_token_s =")]),
    "close: the HTTP response is not closed": (STREAM, [(
        "        self._response.close()\n", "")]),
}

CORRECT = {
    "iterate: the deltas filtered with a generator expression": (STREAM, [(
        '''        for item in self._response:
            text = self._read(item)
            if text:
                if self.first_token_s is None:
                    self.first_token_s = self._clock() - self._started
                yield text''', '''        for text in filter(None, map(self._read, self._response)):
            self.first_token_s = self.first_token_s if self.first_token_s is not None else self._clock() - self._started
            yield text''')]),
}
