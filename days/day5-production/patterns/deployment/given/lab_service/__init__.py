"""The lab service: a model-backed summary endpoint with liveness, readiness and a graceful shutdown, and a
checker for the deployment files that start it."""
from lab_service.app import create_app
from lab_service.deploy_config import ConfigProblem, check_config
from lab_service.lifecycle import Draining, Lifecycle
from lab_service.server import serve, server_config
from lab_service.settings import ServiceSettings
from lab_service.summariser import SYSTEM_PROMPT, Summariser

__all__ = ["create_app", "ServiceSettings", "Summariser", "SYSTEM_PROMPT", "Lifecycle", "Draining", "serve",
           "server_config", "check_config", "ConfigProblem"]
