"""d5-settings: single-bug and correct variants of the reference (see tests/test_unit_strength.py)."""
SETTINGS = "settings.py"
LOADING = "loading.py"

BROKEN = {
    "production: debug allowed in production": (SETTINGS, [(
        "        if value and in_production(info):\n            raise problem(\"production_rule\", \"must be false",
        "        if False:\n            raise problem(\"production_rule\", \"must be false")]),
    "webhook secret: the minimum length is too low": (SETTINGS, [(
        "        if len(value.get_secret_value()) < MIN_WEBHOOK_SECRET:",
        "        if len(value.get_secret_value()) < 16:")]),
    "provider key: replay mode still demands a key": (SETTINGS, [(
        ''' and info.data["llm_mode"] != "replay":''', ":")]),
    "key shape: only leading and trailing whitespace refused": (SETTINGS, [(
        "        if value is not None and any(c.isspace() for c in value.get_secret_value()):",
        "        if value is not None and value.get_secret_value() != value.get_secret_value().strip():")]),
    "public view: a field with a value counts as set even when it is the default": (SETTINGS, [(
        "            if name in self.model_fields_set:",
        "            if getattr(self, name) is not None:")]),
    "unknown variables: the .env file is not checked": (LOADING, [(
        "    names = {k.upper() for k in (*environ, *dotenv) if k.upper().startswith(ENV_PREFIX)}",
        "    names = {k.upper() for k in environ if k.upper().startswith(ENV_PREFIX)}")]),
}

CORRECT = {
    "key shape: whitespace found with a regular expression": (SETTINGS, [(
        "        if value is not None and any(c.isspace() for c in value.get_secret_value()):",
        "        import re\n        if value is not None and re.search(r\"\\s\", value.get_secret_value()):")]),
    "unknown variables: a set comprehension over both sources, then a sorted difference": (LOADING, [(
        '''    names = {k.upper() for k in (*environ, *dotenv) if k.upper().startswith(ENV_PREFIX)}
    return [Problem(name, "not a setting this service reads (a typo?)") for name in sorted(names - known)]''',
        '''    names = set()
    for source in (environ, dotenv):
        names |= {k.upper() for k in source.keys()}
    unknown = sorted(n for n in names if n.startswith(ENV_PREFIX) and n not in known)
    return [Problem(name, "not a setting this service reads (a typo?)") for name in unknown]''')]),
}
