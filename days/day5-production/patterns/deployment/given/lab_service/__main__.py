"""`python -m lab_service`: the same server the platforms start, for running it locally."""
from lab_service.app import create_app
from lab_service.server import serve
from lab_service.settings import ServiceSettings

settings = ServiceSettings()
serve(create_app(settings), settings)
