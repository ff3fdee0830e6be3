"""The course's own tests. Units' graded tests are run through `course check`, not collected here."""
collect_ignore_glob = ["units/*"]
