"""A labelled set for prompt A/B tests: forty short incident reports, each with the severity the on-call lead gave
it, and three prompts that ask a model for the severity. The reports are invented."""
from __future__ import annotations

from dataclasses import dataclass

LABELS = ("sev1", "sev2", "sev3")


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    label: str


_REPORTS = [
    ("sev1", "Checkout returns HTTP 500 for every customer since the 14:02 deploy."),
    ("sev1", "The primary Postgres node is down and the replica did not take over; all writes fail."),
    ("sev1", "An S3 bucket holding customer invoices was made public by a Terraform change."),
    ("sev1", "Login fails for all users after the identity provider rotated its signing key."),
    ("sev1", "The payments webhook has dropped events for two hours; orders are charged but never shipped."),
    ("sev1", "A migration deleted the addresses table in production; restore from backup is needed."),
    ("sev1", "DNS for the main domain is resolving to a parked page after the registrar renewal lapsed."),
    ("sev1", "API keys of every tenant were written to a log shipped to a third-party vendor."),
    ("sev1", "The mobile app crashes on launch for all iOS users after today's release."),
    ("sev1", "The whole eu-west region is unreachable; customers there get connection timeouts."),
    ("sev2", "Search results take 8 seconds instead of 300 ms for about a third of requests."),
    ("sev2", "Password reset emails arrive 40 minutes late; logins otherwise work."),
    ("sev2", "The CSV export of reports times out for accounts with more than 10,000 rows."),
    ("sev2", "One of three Kafka brokers is down; consumers lag by ten minutes but catch up."),
    ("sev2", "Image uploads fail for about 5% of users on Android 12."),
    ("sev2", "The billing dashboard shows yesterday's totals; today's numbers are delayed."),
    ("sev2", "Push notifications are not delivered in the Brazil region; email still works."),
    ("sev2", "The public status API returns stale data for the last hour."),
    ("sev2", "Checkout is slow, p99 at 4 s against an objective of 1 s, but orders complete."),
    ("sev2", "SSO login for one enterprise customer fails; others log in normally."),
    ("sev2", "The recommendation widget is empty on product pages; purchases are unaffected."),
    ("sev2", "Background invoice PDF generation is failing and being retried; invoices are delayed."),
    ("sev2", "Rate limiting is rejecting 2% of legitimate API calls from our largest partner."),
    ("sev2", "The staging-to-production deploy pipeline is blocked; no releases can ship today."),
    ("sev2", "Customer support chat widget fails to load in Firefox."),
    ("sev3", "A typo in the footer of the pricing page: 'Anual plan'."),
    ("sev3", "The internal wiki search is slow this morning."),
    ("sev3", "A disk on a build agent is 85% full; builds still pass."),
    ("sev3", "One flaky integration test fails about once in twenty runs."),
    ("sev3", "The admin console shows the wrong favicon."),
    ("sev3", "A deprecated TLS cipher is still offered on the internal metrics endpoint."),
    ("sev3", "The nightly analytics job finished 30 minutes later than usual."),
    ("sev3", "Log lines from the cron service lack a request id field."),
    ("sev3", "A dashboard panel in Grafana shows 'No data' after a metric was renamed."),
    ("sev3", "Dependabot opened 14 pull requests for minor version bumps."),
    ("sev3", "The dark-mode colours of a settings page have low contrast."),
    ("sev3", "An alert for CPU on a test cluster fires every night during load tests."),
    ("sev3", "Documentation for the v1 API still lists a removed endpoint."),
    ("sev3", "A developer laptop cannot connect to the VPN from a hotel network."),
    ("sev3", "The on-call handover note template is missing a section for open incidents."),
]
ITEMS = [Item(f"inc-{number:02d}", text, label) for number, (label, text) in enumerate(_REPORTS, start=1)]

FORMAT = "End your reply with a final line `SEVERITY: sev1`, `SEVERITY: sev2` or `SEVERITY: sev3`."
PROMPTS = {
    "A": f"Classify the severity of the incident report. {FORMAT}",
    "B": ("You are an experienced site reliability engineer on call for a busy online shop. Read the incident "
          "report carefully, think about who is affected and how badly, and decide how severe it is. " + FORMAT),
    "C": ("Give the incident report a severity using these definitions.\n"
          "sev1: customers cannot use a core feature (log in, pay, use the app), data is lost or exposed, or a "
          "region is down.\n"
          "sev2: a core feature is degraded or fails for some customers, or a delay or internal failure will reach "
          "customers soon; there is a workaround or partial service.\n"
          "sev3: no customer impact now: cosmetic issues, internal tools, hygiene.\n" + FORMAT),
}
