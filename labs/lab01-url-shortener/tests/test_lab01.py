"""Lab 01 graded tests. Your `shortener` app is served by a real uvicorn server on a unix socket, in its own
process (through ../driver.py), over an SQLite file the test names. Each test sends it HTTP requests, some of
them at the same moment, and judges the answers it receives. The model's alias suggestions come from
../fixtures/scenarios/, and every model request your app makes is recorded where it is answered, outside your
process."""
import pytest

from autograder.units import unit_module

checks = unit_module("lab01", "checks")  # helpers shared by the visible and hidden tests
shortener, create, suggest, at_once, said = checks.shortener, checks.create, checks.suggest, checks.at_once, checks.said

LAUNCH_URL = "https://example.com/blog/2026/spring-launch-notes"


@pytest.mark.points(3)
@pytest.mark.hint("POST /links with {'url': ...} (and an optional 'alias') answers 201 with the link as JSON: "
                  "alias, url, short_url (https://<public_host>/<alias>), created_at (ISO 8601). Without an alias, "
                  "use one from new_alias().")
def test_create_answers_201_with_the_link(services):
    with shortener(services) as (_, app, _):
        made = create(app, "https://example.com/pricing?plan=team#faq")
        custom = create(app, "https://example.com/careers", alias="join-us")
    for answer in (made, custom):
        assert answer["status"] == 201, f"POST /links answered {said(answer)}; expected 201"
        assert isinstance(answer["json"], dict), f"expected the link as a JSON object; got {said(answer)}"
    link = made["json"]
    assert checks.is_slug(link.get("alias")), f"the generated alias {link.get('alias')!r} breaks the slug rules"
    assert link.get("url") == "https://example.com/pricing?plan=team#faq", f"url: {link.get('url')!r}"
    assert link.get("short_url") == f"https://sho.rt/{link['alias']}", f"short_url: {link.get('short_url')!r}"
    assert checks.is_timestamp(link.get("created_at")), f"created_at is not ISO 8601: {link.get('created_at')!r}"
    assert custom["json"].get("alias") == "join-us" and custom["json"].get("short_url") == "https://sho.rt/join-us", \
        f"a custom alias: got {said(custom)}"


@pytest.mark.points(3)
@pytest.mark.hint("GET /{alias} answers 307 Temporary Redirect with a Location header that is exactly the stored URL.")
def test_short_link_redirects_with_307(services):
    urls = ["https://example.com/pricing?plan=team&seats=5#faq", "http://intranet.example.org:8080/wiki/On-call"]
    with shortener(services) as (_, app, _):
        aliases = [create(app, url)["json"]["alias"] for url in urls[:1]] + [create(app, urls[1], "on-call")["json"]["alias"]]
        answers = [app.get(f"/{alias}") for alias in aliases]
    for url, answer in zip(urls, answers):
        assert answer["status"] == 307, f"GET of a short link answered {said(answer)}; expected 307"
        assert answer["headers"].get("location") == url, \
            f"Location {answer['headers'].get('location')!r}; expected {url!r}"


@pytest.mark.points(2)
@pytest.mark.hint("An alias with no link answers 404 with a JSON {'detail': ...}, for GET /{alias} and for "
                  "GET /links/{alias}/stats.")
def test_unknown_alias_is_404(services):
    with shortener(services) as (_, app, _):
        create(app, "https://example.com/", alias="known-one")
        answers = [app.get("/no-such-link"), app.get("/links/no-such-link/stats"), app.get("/known-on")]
    assert [a["status"] for a in answers] == [404, 404, 404], \
        f"unknown redirect, unknown stats, a near miss: {[said(a) for a in answers]}"
    assert all(checks.error_json(a) for a in answers), "a 404 should be a JSON object with a 'detail'"


BAD_URLS = [
    "ftp://files.example.com/report.pdf",
    "javascript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "example.com/no-scheme",
    "https://",
    "https:///path-without-host",
    "https://example.com/" + "a" * 2100,
    "https://exa mple.com/space",
    "",
]


@pytest.mark.points(4)
@pytest.mark.hint("Refuse with 422 any url that is not http or https with a host, is longer than "
                  "settings.max_url_length, or holds a space or control character; create nothing.")
def test_invalid_urls_get_422(services):
    with shortener(services) as (_, app, _):
        answers = [create(app, url, alias=f"bad-url-{n}") for n, url in enumerate(BAD_URLS)]
        not_json = create(app, 12345, alias="bad-url-int")
        created = [app.get(f"/links/bad-url-{n}/stats")["status"] for n in range(len(BAD_URLS))]
        fine = create(app, "HTTPS://Example.COM/Case", alias="upper-scheme")
    wrong = [(url[:40], a["status"]) for url, a in zip(BAD_URLS, answers) if a["status"] != 422]
    assert not wrong, f"these urls were not refused with 422 (url, status): {wrong}"
    assert not_json["status"] == 422, f"a url that is a number: {said(not_json)}"
    assert all(checks.error_json(a) for a in answers), "a 422 should be a JSON object with a 'detail'"
    assert set(created) == {404}, "a refused url must not be stored"
    assert fine["status"] == 201, f"an upper-case https scheme is still https: {said(fine)}"


@pytest.mark.points(3)
@pytest.mark.hint("A url whose host is the service's own (settings.public_host, in any case, with a port or a "
                  "trailing dot) would redirect to a short link: refuse it with 422.")
def test_a_link_to_the_service_itself_is_refused(services):
    loops = ["https://sho.rt/abc", "http://SHO.RT/abc", "https://sho.rt:443/abc", "https://go.example.com/x"]
    with shortener(services, public_host="go.example.com") as (_, app, _):
        answers = [create(app, url) for url in loops]
        other = create(app, "https://sho.rt/abc")
    assert [a["status"] for a in answers[3:]] == [422], f"a link to the app's own host: {said(answers[3])}"
    assert other["status"] == 201, f"with public_host go.example.com, sho.rt is another site: {said(other)}"
    with shortener(services) as (_, app, _):
        answers = [create(app, url) for url in loops[:3]]
    assert [a["status"] for a in answers] == [422] * 3, \
        f"links to sho.rt on the sho.rt service: {[said(a) for a in answers]}"


BAD_ALIASES = ["ab", "a" * 33, "Launch", "launch notes", "-launch", "launch-", "launch--notes", "launch_notes",
               "caf\u00e9", "links", "suggest-alias", "a/b"]


@pytest.mark.points(3)
@pytest.mark.hint("A custom alias is 3-32 characters of a-z, 0-9 and hyphens, starts and ends with a letter or "
                  "digit, has no '--', and is not one of the app's own path names (links, suggest-alias, ...): "
                  "otherwise 422.")
def test_invalid_aliases_get_422(services):
    with shortener(services) as (_, app, _):
        answers = [create(app, "https://example.com/", alias=alias) for alias in BAD_ALIASES]
        good = [create(app, "https://example.com/", alias=alias) for alias in ("abc", "a" * 32, "q3-2026-plan")]
    wrong = [(alias, a["status"]) for alias, a in zip(BAD_ALIASES, answers) if a["status"] != 422]
    assert not wrong, f"these aliases were not refused with 422 (alias, status): {wrong}"
    assert [g["status"] for g in good] == [201] * 3, f"valid aliases: {[said(g) for g in good]}"


@pytest.mark.points(3)
@pytest.mark.hint("A custom alias that already names a link answers 409 with a JSON {'detail': ...}, and the "
                  "existing link is unchanged.")
def test_a_taken_custom_alias_gets_409(services):
    with shortener(services) as (_, app, _):
        first = create(app, "https://example.com/first", alias="promo")
        second = create(app, "https://example.com/second", alias="promo")
        follow = app.get("/promo")
    assert first["status"] == 201, said(first)
    assert second["status"] == 409 and checks.error_json(second), f"the second 'promo': {said(second)}; expected 409"
    assert follow["headers"].get("location") == "https://example.com/first", "the first link must be kept"


@pytest.mark.points(5)
@pytest.mark.hint("Let the database decide: a UNIQUE (or PRIMARY KEY) alias column, one INSERT, and a 409 when it "
                  "raises sqlite3.IntegrityError. Looking first and inserting after lets two requests both win "
                  "(or one of them crash with a 500).")
def test_concurrent_creates_of_one_alias_give_one_link(services):
    urls = [f"https://example.com/race/{n}" for n in range(10)]
    with shortener(services) as (_, app, _):
        answers = at_once(app, [lambda url=url: create(app, url, alias="race") for url in urls])
        follow = app.get("/race")
    statuses = sorted(a["status"] or 0 for a in answers)
    assert statuses == [201] + [409] * 9, f"10 creates of 'race' at once answered {statuses}; expected one 201"
    winner = next(url for url, a in zip(urls, answers) if a["status"] == 201)
    assert follow["headers"].get("location") == winner, "the link should go where the accepted create said"


@pytest.mark.points(3)
@pytest.mark.hint("When the alias new_alias() gave is taken, ask it for another and insert again (up to 5 "
                  "aliases in all); a create without an alias fails only when every one was taken.")
def test_a_generated_alias_that_is_taken_is_replaced(services):
    with shortener(services, aliases=["taken-one", "fresh-one"]) as (_, app, _):
        custom = create(app, "https://example.com/custom", alias="taken-one")
        made = create(app, "https://example.com/generated")
        old, new = app.get("/taken-one"), app.get("/fresh-one")
    assert custom["status"] == 201, said(custom)
    assert made["status"] == 201 and made["json"].get("alias") == "fresh-one", \
        f"new_alias() gave 'taken-one' (taken), then 'fresh-one'; the create answered {said(made)}"
    assert old["headers"].get("location") == "https://example.com/custom", "the taken alias must keep its link"
    assert new["headers"].get("location") == "https://example.com/generated"


@pytest.mark.points(4)
@pytest.mark.hint("Generated aliases race too: eight creates at once can all draw the same alias. Insert and "
                  "retry with a new alias on IntegrityError; never check first and insert after.")
def test_concurrent_generated_creates_get_distinct_links(services):
    urls = [f"https://example.com/batch/{n}" for n in range(8)]
    with shortener(services, aliases=["same-alias"] * 8, gather=8) as (_, app, _):
        answers = at_once(app, [lambda url=url: create(app, url) for url in urls])
        aliases = [(a["json"] or {}).get("alias") for a in answers]
        follows = [app.get(f"/{alias}") for alias in aliases if isinstance(alias, str)]
    assert [a["status"] for a in answers] == [201] * 8, f"8 creates at once: {[said(a) for a in answers]}"
    assert len(set(aliases)) == 8, f"8 links got the aliases {aliases}"
    assert [f["headers"].get("location") for f in follows] == urls, "each alias should lead to its own url"


@pytest.mark.points(4)
@pytest.mark.hint("GET /links/{alias}/stats answers 200 with alias, url, clicks and created_at. Count each redirect "
                  "with one UPDATE ... SET clicks = clicks + 1: reading, adding and writing back loses clicks that "
                  "arrive together. Stats requests and 404s are not clicks.")
def test_clicks_are_counted(services):
    with shortener(services) as (_, app, _):
        create(app, "https://example.com/offer", alias="offer")
        create(app, "https://example.com/other", alias="other")
        before = app.get("/links/offer/stats")
        for _ in range(3):
            app.get("/offer")
        at_once(app, [lambda: app.get("/offer") for _ in range(12)])
        app.get("/other")
        after = app.get("/links/offer/stats")
    assert before["status"] == 200 and isinstance(before["json"], dict), f"stats: {said(before)}"
    assert before["json"].get("clicks") == 0, f"clicks before any redirect: {before['json'].get('clicks')!r}"
    stats = after["json"] or {}
    assert stats.get("clicks") == 15, f"3 redirects, then 12 at once: clicks {stats.get('clicks')!r}; expected 15"
    assert stats.get("alias") == "offer" and stats.get("url") == "https://example.com/offer", f"stats: {stats}"
    assert checks.is_timestamp(stats.get("created_at")), f"created_at: {stats.get('created_at')!r}"


@pytest.mark.points(3)
@pytest.mark.hint("Keep the links in the SQLite file settings.database, not in memory: a second app on the same "
                  "file (another worker, or the next start) must see them and count their clicks.")
def test_links_persist_in_the_database_file(services):
    database = checks.new_database(services)
    with shortener(services, database=database) as (live, first, _):
        second = live.serve("start", provider="anthropic", database=database)
        made = create(first, "https://example.com/shared", alias="shared")
        seen = second.get("/shared")
    with shortener(services, database=database) as (_, again, _):
        later = again.get("/shared")
        stats = again.get("/links/shared/stats")
    assert made["status"] == 201, said(made)
    assert seen["status"] == 307, f"a second app on the same database: {said(seen)}"
    assert later["status"] == 307, f"an app started later on the same database: {said(later)}"
    assert (stats["json"] or {}).get("clicks") == 2, f"clicks counted by both apps: {said(stats)}"


@pytest.mark.points(3)
@pytest.mark.hint("POST /suggest-alias {'url': ...}: one model call; answer 200 {'aliases': [...], "
                  "'source': 'model'} with the usable candidates of the model's JSON array, in its order.")
def test_suggestions_come_from_the_model(services, provider):
    with shortener(services, "spring-launch", provider) as (live, app, _):
        answer = suggest(app, LAUNCH_URL)
    aliases, source = checks.suggestion(answer)
    assert len(live.sent) == 1, f"{len(live.sent)} model requests for one suggestion; expected 1"
    assert (aliases, source) == (["spring-launch", "launch-notes", "spring-2026"], "model"), \
        f"the model suggested spring-launch, launch-notes, spring-2026; the app answered {aliases}, {source!r}"


@pytest.mark.points(2)
@pytest.mark.hint("Send the URL as data: in the user message between <url> and </url>. Cap the reply with "
                  "max_tokens=settings.suggest_max_tokens.")
def test_the_url_is_sent_as_delimited_data_with_a_capped_reply(services, provider):
    with shortener(services, "spring-launch", provider, max_tokens=120) as (live, app, _):
        suggest(app, LAUNCH_URL)
    assert len(live.sent) == 1, f"{len(live.sent)} model requests for one suggestion; expected 1"
    request = live.sent[0]
    assert f"<url>{LAUNCH_URL}</url>" in checks.user_text(request), \
        f"the user message should hold <url>{LAUNCH_URL}</url>; it was {checks.user_text(request)[:300]!r}"
    assert request["max_tokens"] is not None and request["max_tokens"] <= 120, \
        f"max_tokens {request['max_tokens']}; settings.suggest_max_tokens was 120"


@pytest.mark.points(4)
@pytest.mark.hint("Check every candidate like user input: a str that follows the slug rules, not already taken, "
                  "no block-list word in it (ignoring case and hyphens); drop repeats; keep the model's order.")
def test_unusable_candidates_are_dropped(services, provider):
    url = "https://example.com/docs/quarterly-report"
    with shortener(services, "mixed-candidates", provider, blocklist=["damn"]) as (_, app, _):
        create(app, "https://example.com/", alias="taken-one")
        answer = suggest(app, url)
    aliases, source = checks.suggestion(answer)
    assert (aliases, source) == (["quarterly-report", "q3-report"], "model"), \
        f"of the model's ten candidates only quarterly-report and q3-report are usable; the app answered {aliases}"


def assert_fallback(answer: dict, url: str) -> str:
    aliases, source = checks.suggestion(answer)
    assert source == "fallback" and len(aliases) == 1, \
        f"for {url} the app should fall back to one alias of its own; it answered {aliases}, {source!r}"
    assert checks.is_slug(aliases[0]), f"the fallback {aliases[0]!r} breaks the slug rules"
    return aliases[0]


@pytest.mark.points(3)
@pytest.mark.hint("Any error from the model call (a 500, a timeout, a rate limit) gives 200 {'aliases': "
                  "[fallback], 'source': 'fallback'}, never a 500. The fallback comes from the URL alone "
                  "(e.g. the first 8 hex digits of its SHA-256), so the same URL gets the same alias.")
def test_a_failing_model_gets_the_fallback(services, provider):
    urls = ["https://example.org/outage", "https://example.org/outage", "https://example.org/slow-upstream",
            "https://example.org/busy"]
    with shortener(services, "model-fails", provider) as (live, app, _):
        answers = [suggest(app, url) for url in urls]
    fallbacks = [assert_fallback(answer, url) for answer, url in zip(answers, urls)]
    assert fallbacks[0] == fallbacks[1], f"the same URL got two fallbacks: {fallbacks[:2]}"
    assert len(set(fallbacks[1:])) == 3, f"three URLs got the fallbacks {fallbacks[1:]}"
    assert len(live.sent) == 4, f"{len(live.sent)} model requests for 4 suggestions; expected one each"


@pytest.mark.points(3)
@pytest.mark.hint("The reply must be exactly a JSON array of strings. Prose, a code fence, broken JSON, a JSON "
                  "object, or an array with no usable candidate all get the fallback.")
def test_junk_replies_get_the_fallback(services, provider):
    urls = [f"https://example.net/{name}" for name in ("prose", "fenced", "broken", "object", "all-bad")]
    with shortener(services, "junk-replies", provider, blocklist=["crap"]) as (live, app, _):
        answers = [suggest(app, url) for url in urls]
    for answer, url in zip(answers, urls):
        assert_fallback(answer, url)
    assert len(live.sent) == 5, f"{len(live.sent)} model requests for 5 suggestions"
