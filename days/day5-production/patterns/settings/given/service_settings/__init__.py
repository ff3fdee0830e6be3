"""Service settings from the environment: typed, validated once at start, secrets that never print."""
from service_settings.errors import Problem, SettingsError
from service_settings.loading import get_settings, load_settings, reload_settings
from service_settings.settings import Environment, Settings

__all__ = ["Settings", "Environment", "SettingsError", "Problem", "load_settings", "get_settings",
           "reload_settings"]
