"""Vercel's entrypoint: its Python runtime imports this file and serves the ASGI `app` it finds here.
No uvicorn, no $PORT: the platform runs the app as a function."""
from lab_service.app import create_app

app = create_app()
