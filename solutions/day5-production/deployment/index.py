"""Vercel's entrypoint: its Python runtime imports this file and serves the ASGI `app` it finds here.
No uvicorn, no $PORT: the platform runs the app as a function."""
### BEGIN STARTER
# # TODO (Exercise 1): import create_app from lab_service.app and make the module-level `app` Vercel serves.
### END STARTER
### BEGIN SOLUTION
from lab_service.app import create_app

app = create_app()
### END SOLUTION
