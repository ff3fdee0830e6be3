"""Lab 01 hidden tests: more of the same contract on cases the visible tests do not show.
Scenarios come from ./fixtures/scenarios/ first, then from the lab's own fixtures/scenarios/."""
import pytest

from autograder.units import unit_module

checks = unit_module("lab01", "checks")  # helpers shared by the visible and hidden tests
shortener, create, suggest, at_once, said = checks.shortener, checks.create, checks.suggest, checks.at_once, checks.said


@pytest.mark.points(3)
@pytest.mark.hint("Compare the url's host with settings.public_host ignoring case, a trailing dot, the port and "
                  "any user info before an '@'.")
def test_every_spelling_of_the_own_host_is_refused(services):
    loops = ["https://SHO.RT./x", "http://sho.rt:8080/x", "https://user:pw@sho.rt/x", "HTTP://Sho.Rt"]
    fine = ["https://sho.rt.example.com/x", "https://example.com/?next=https://sho.rt/x", "https://xsho.rt/x"]
    with shortener(services) as (_, app, _):
        refused = [create(app, url)["status"] for url in loops]
        allowed = [create(app, url)["status"] for url in fine]
    assert refused == [422] * 4, f"{loops}: {refused}"
    assert allowed == [201] * 3, f"other hosts (a subdomain, a query, a longer name) {fine}: {allowed}"


@pytest.mark.points(2)
@pytest.mark.hint("A url of exactly settings.max_url_length characters is allowed; one more is not.")
def test_the_url_length_cap_is_exact(services):
    base = "https://example.com/"
    with shortener(services) as (_, app, _):
        exact = create(app, base + "a" * (2048 - len(base)))
        over = create(app, base + "a" * (2049 - len(base)))
    assert (exact["status"], over["status"]) == (201, 422), f"2048 and 2049 characters: {said(exact)}, {said(over)}"


@pytest.mark.points(2)
@pytest.mark.hint("Refuse aliases named like the app's own paths (links, suggest-alias, health, docs, redoc, "
                  "openapi) with 422; a 33-character alias is too long.")
def test_reserved_and_edge_aliases(services):
    bad = ["health", "docs", "redoc", "openapi", "a" * 33, "9-", "a--b"]
    with shortener(services) as (_, app, _):
        answers = [create(app, "https://example.com/", alias=alias)["status"] for alias in bad]
        good = [create(app, "https://example.com/", alias=alias)["status"] for alias in ("007", "a-b-c", "x1y")]
    assert answers == [422] * len(bad), f"{bad}: {answers}"
    assert good == [201] * 3, f"007, a-b-c, x1y: {good}"


@pytest.mark.points(2)
@pytest.mark.hint("When new_alias() keeps giving taken aliases, stop after 5 tries and answer 503 with a JSON "
                  "{'detail': ...}; never loop forever, never a 500.")
def test_a_create_gives_up_after_five_taken_aliases(services):
    with shortener(services, aliases=["busy-one"] * 6 + ["free-one"]) as (_, app, _):
        create(app, "https://example.com/first", alias="busy-one")
        answer = create(app, "https://example.com/second")
        later = create(app, "https://example.com/third")
    assert answer["status"] == 503 and checks.error_json(answer), f"5 taken aliases: {said(answer)}; expected 503"
    assert later["status"] == 201 and (later["json"] or {}).get("alias") == "free-one", \
        f"the 5 tries spent, the next create gets busy-one (taken), then free-one: {said(later)}"


@pytest.mark.points(2)
@pytest.mark.hint("Only a redirect is a click: a stats request, a refused create and a 404 count nothing; a "
                  "redirect sets nothing on other links.")
def test_only_redirects_count(services):
    with shortener(services) as (_, app, _):
        create(app, "https://example.com/a", alias="link-a")
        create(app, "https://example.com/b", alias="link-b")
        for _ in range(3):
            app.get("/links/link-a/stats")
        app.get("/link-b")
        app.get("/link-c")
        create(app, "https://example.com/dup", alias="link-a")
        a, b = app.get("/links/link-a/stats")["json"] or {}, app.get("/links/link-b/stats")["json"] or {}
    assert (a.get("clicks"), b.get("clicks")) == (0, 1), f"clicks: link-a {a.get('clicks')}, link-b {b.get('clicks')}"
    assert a.get("url") == "https://example.com/a", "a refused create must not change the link"


@pytest.mark.points(3)
@pytest.mark.hint("Return at most 5 suggestions, without repeats, in the model's order. A JSON array with "
                  "whitespace around it is still a JSON array.")
def test_at_most_five_suggestions_without_repeats(services, provider):
    with shortener(services, "many-candidates", provider) as (_, app, _):
        answer = suggest(app, "https://example.com/events/hackathon-2026")
    aliases, source = checks.suggestion(answer)
    assert (aliases, source) == (["hack-26", "hackathon", "hackathon-2026", "hack-day", "build-day"], "model"), \
        f"got {aliases}, {source!r}"


@pytest.mark.points(2)
@pytest.mark.hint("Validate the url of /suggest-alias like a create's (422), and do not ask the model about a url "
                  "you would refuse.")
def test_suggest_refuses_a_bad_url_without_asking_the_model(services, provider):
    with shortener(services, "spring-launch", provider) as (live, app, _):
        answers = [suggest(app, url) for url in ("ftp://example.com/x", "https://sho.rt/abc", "not a url")]
        empty = app.post("/suggest-alias", json={})
    assert [a["status"] for a in answers] == [422] * 3, [said(a) for a in answers]
    assert empty["status"] == 422, f"no url at all: {said(empty)}"
    assert not live.sent, f"the model was asked {len(live.sent)} times about urls that are refused"


@pytest.mark.points(2)
@pytest.mark.hint("The fallback must be free: if the hash alias is taken, lengthen it (or otherwise derive another "
                  "one from the URL) until it is not.")
def test_the_fallback_avoids_a_taken_alias(services):
    url = "https://example.org/always-down"
    with shortener(services, "repeated-url") as (_, app, _):
        first, _ = checks.suggestion(suggest(app, url))
        taken = create(app, "https://example.com/squatter", alias=first[0]) if first and checks.is_slug(first[0]) \
            else {"status": None}
        second, source = checks.suggestion(suggest(app, url))
        follow = app.get(f"/{second[0]}") if second and isinstance(second[0], str) else {"status": None}
    assert taken["status"] == 201, f"could not take the first fallback {first}: {said(taken)}"
    assert source == "fallback" and len(second) == 1 and second[0] != first[0] and checks.is_slug(second[0]), \
        f"the fallback {first[0]!r} was taken; the next suggestion was {second}, {source!r}"
    assert follow["status"] == 404, f"the new fallback {second[0]!r} is taken"


@pytest.mark.points(2)
@pytest.mark.hint("A suggestion is not a link: /suggest-alias stores nothing.")
def test_a_suggestion_creates_no_link(services):
    with shortener(services, "spring-launch") as (_, app, _):
        aliases, _ = checks.suggestion(suggest(app, "https://example.com/blog/2026/spring-launch-notes"))
        follows = [app.get(f"/{alias}")["status"] for alias in aliases]
        made = create(app, "https://example.com/blog/2026/spring-launch-notes", alias="spring-launch")
    assert follows and set(follows) == {404}, f"suggested aliases already lead somewhere: {follows}"
    assert made["status"] == 201, said(made)


@pytest.mark.points(1)
@pytest.mark.hint("A suggestion the model gives that a link now holds is taken: drop it.")
def test_a_taken_suggestion_is_dropped(services):
    with shortener(services, "spring-launch") as (_, app, _):
        create(app, "https://example.com/other", alias="launch-notes")
        aliases, source = checks.suggestion(suggest(app, "https://example.com/blog/2026/spring-launch-notes"))
    assert (aliases, source) == (["spring-launch", "spring-2026"], "model"), f"got {aliases}, {source!r}"


@pytest.mark.points(2)
@pytest.mark.hint("Wait for the model at most settings.suggest_deadline_s (asyncio.wait_for around "
                  "asyncio.to_thread(llm.chat, ...)), then answer with the fallback; a reply that comes in time "
                  "is used.")
def test_a_slow_model_gets_the_fallback_in_time(services, provider):
    with shortener(services, "slow-model", provider, deadline_s=1.0) as (_, app, _):
        slow = suggest(app, "https://example.org/slow-page")
        quick = suggest(app, "https://example.org/quick-page")
    aliases, source = checks.suggestion(slow)
    assert source == "fallback" and len(aliases) == 1, f"a reply 2 s late: got {aliases}, {source!r}"
    assert slow["elapsed"] < 2.5, f"with a 1 s deadline the answer took {slow['elapsed']:.1f} s"
    assert checks.suggestion(quick) == (["quick-page"], "model"), f"a reply in 0.1 s should be used: {said(quick)}"
