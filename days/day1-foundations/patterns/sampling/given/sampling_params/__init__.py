"""One provider-neutral set of sampling settings, turned into the keyword arguments each installed SDK accepts."""
from sampling_params.families import (ACCEPTS, APIS, CHAT, COMPATIBLE, MESSAGES, RESPONSES, SERVES,
                                      UnsupportedParameter, family)
from sampling_params.finish import FINISH_REASONS, finish_reason
from sampling_params.request import Settings, build_request

__all__ = ["ACCEPTS", "APIS", "CHAT", "COMPATIBLE", "MESSAGES", "RESPONSES", "SERVES", "UnsupportedParameter",
           "family", "FINISH_REASONS", "finish_reason", "Settings", "build_request"]
