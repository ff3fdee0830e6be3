"""JupyterHub for the course on one machine: every user gets a JupyterLab server with nbgrader's Assignments tab,
and all of them share nbgrader's exchange (release -> fetch -> submit -> collect -> feedback).

    COURSE_HUB_STATE=/srv/jupyterhub COURSE_HUB_HOMES=/srv/homes COURSE_EXCHANGE=/srv/nbgrader/exchange \
        .venv/bin/jupyterhub -f instructor/jupyterhub/jupyterhub_config.py

As written this is a workshop or test setup: anyone can log in with any name (DummyAuthenticator) and all users
run under the hub's own unix account (SimpleLocalProcessSpawner). README.md in this folder says what to change
for a real class: the authenticator, the spawner and TLS. tests/test_jupyterhub.py starts this hub and walks
the exchange for two students."""
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821 - defined by traitlets when it loads this file

HERE = Path(__file__).resolve().parent
STATE = Path(os.environ.get("COURSE_HUB_STATE", "/srv/jupyterhub"))       # the hub's database, cookie secret
HOMES = Path(os.environ.get("COURSE_HUB_HOMES", "/srv/homes"))            # one home folder per user
EXCHANGE = os.environ.get("COURSE_EXCHANGE", "/srv/nbgrader/exchange")   # nbgrader's shared folder

# --- the hub itself -------------------------------------------------------------------------------------------
c.JupyterHub.bind_url = os.environ.get("COURSE_HUB_URL", "http://127.0.0.1:8000")  # behind TLS: see README
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# configurable-http-proxy from npm; `make setup` installs it into .venv/node
proxy = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
if proxy.exists():
    c.ConfigurableHTTPProxy.command = [str(proxy)]

# --- who may log in (replace for a real class: README.md) --------------------------------------------------------
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
c.Authenticator.admin_users = {"instructor"}
c.Authenticator.allow_all = True

# --- each user's server -----------------------------------------------------------------------------------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
# the course's own environment (nbgrader, the SDKs, the course packages), whatever PATH the hub was started with
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    "JUPYTER_CONFIG_PATH": str(HERE),            # nbgrader_config.py here: course id and exchange for every user
    "COURSE_EXCHANGE": EXCHANGE,
    "COURSE_SHARED_UNIX_ACCOUNT": "1",           # see nbgrader_config.py; remove with a one-account-per-user spawner
    "COURSE_LLM_MODE": "replay",                 # notebooks run offline from recorded replies; no API key on the hub
}
if os.getuid() == 0:  # in a container run as root; never on a shared machine (README.md)
    c.Spawner.args = ["--allow-root"]
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
