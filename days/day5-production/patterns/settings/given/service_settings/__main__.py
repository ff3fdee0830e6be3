"""`python -m service_settings`: check the environment before starting the service; exit 1 if it is wrong."""
import json
import sys

from service_settings import SettingsError, load_settings

try:
    print(json.dumps(load_settings().public_view(), indent=2))
except SettingsError as error:
    print(error, file=sys.stderr)
    sys.exit(1)
