"""nbgrader settings for every user of the course's hub: the course id and the exchange folder they share.

The hub puts this folder on each spawned server's JUPYTER_CONFIG_PATH (see jupyterhub_config.py), so the
Assignments tab and the `nbgrader` commands of instructors and students all read it. The instructor's course
folder has its own nbgrader_config.py for grading settings (autograder.nbbuild writes it)."""
import os

c = get_config()  # noqa: F821 - defined by traitlets when it loads this file

c.CourseDirectory.course_id = "agentic-ai-engineering"
# One folder every user can read and write (nbgrader sets the modes of what it puts there): outbound/ (released),
# inbound/ (submitted), feedback/. On a real hub: a shared volume, e.g. /srv/nbgrader/exchange with mode 777.
c.Exchange.root = os.environ.get("COURSE_EXCHANGE", "/srv/nbgrader/exchange")

# nbgrader names a submission after the unix account that makes it. Where every hub user runs under one account
# (SimpleLocalProcessSpawner; containers whose user is not `jovyan`) that name is the same for everyone, so the
# hub's user name is used instead. With one unix account per user (LocalProcessSpawner, SystemdSpawner) the hub
# does not set COURSE_SHARED_UNIX_ACCOUNT and nbgrader's own rule applies.
if os.environ.get("COURSE_SHARED_UNIX_ACCOUNT") and os.environ.get("JUPYTERHUB_USER"):
    c.CourseDirectory.student_id = os.environ["JUPYTERHUB_USER"]
