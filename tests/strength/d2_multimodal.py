"""d2-multimodal: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
CONTENT = "content.py"

BROKEN = {
    "ask: the question goes before the image on Anthropic": (CONTENT, [(
        '''    if client.provider == "anthropic":
        content = [*parts, {"type": "text", "text": question}]''', '''    if client.provider == "anthropic":
        content = [{"type": "text", "text": question}, *parts]''')]),
    "pdf_part: OpenAI's file_data is bare base64, not a data URL": (CONTENT, [(
        '"file_data": f"data:application/pdf;base64,{data}"', '"file_data": data')]),
    "code_from_image: the retry does not carry the SyntaxError": (CONTENT, [(
        '''        question = f"{TRANSCRIBE}\\nYour previous transcription did not compile: {error}. Look again at that line."''',
        '''        question = f"{TRANSCRIBE}\\nYour previous transcription did not compile. Look again."''')]),
    "code_from_image: the retry is sent without the image": (CONTENT, [(
        "        code = extract_code(ask(client, [image_part(client.provider, png)], question))",
        "        code = extract_code(ask(client, [image_part(client.provider, png)] if attempt == 1 else [], question))")]),
}

CORRECT = {
    "image_part: binascii and a table of the two shapes": (CONTENT, [(
        '''    data = base64.b64encode(png).decode("ascii")
    if provider == "anthropic":
        return {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": data}}
    return {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{data}"}}''',
        '''    import binascii

    data = binascii.b2a_base64(png, newline=False).decode()
    shapes = {"anthropic": lambda: {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                                                  "data": data}}}
    return shapes.get(provider, lambda: {"type": "image_url", "image_url": {"url": "data:image/png;base64," + data}})()''')]),
}
