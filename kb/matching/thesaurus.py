"""A small curated thesaurus of the domain.

An operator's log says "429 Too Many Requests" where the incident report says
"rate limit"; dnsmasq says "Name or service not known" where the report says
"KubeDNS". Each group below is one concept; any of its phrases, in a line or
in an issue's text, adds the concept term (e.g. `~ratelimit`) to that side,
so the two meet. A concept counts once however many of its phrases appear,
which keeps paraphrase from looking like extra evidence.

Phrases are written as people and programs write them; they are tokenised
with the same `words()` as everything else.
"""

from .tokens import words

GROUPS: dict[str, tuple[str, ...]] = {
    "ratelimit": (
        "too many requests",
        "rate limit",
        "rate limited",
        "rate limiting",
        "ratelimit",
        "rate-limit",
        "throttled",
        "throttling",
        "http 429",
        "status 429",
        "code 429",
        "error 429",
        "429 too many",
        "429 rate",
        "max-requests-inflight",
        "max requests inflight",
        "TooManyRequests",
        "try again later",
    ),
    "timeout": (
        "timeout",
        "timeouts",
        "timed out",
        "time out",
        "times out",
        "timing out",
        "deadline exceeded",
        "DeadlineExceeded",
        "ETIMEDOUT",
        "MessagingTimeout",
        "ConnectionTimeout",
        "ReadTimeout",
        "did not respond in time",
    ),
    "oom": (
        "oom",
        "OOMKilled",
        "oom-killer",
        "oom killer",
        "out of memory",
        "memory limit",
        "cannot allocate memory",
        "ENOMEM",
        "MemoryError",
        "memory cgroup",
        "killed process",
    ),
    "dns": (
        "dns",
        "name or service not known",
        "name resolution",
        "no such host",
        "NXDOMAIN",
        "SERVFAIL",
        "could not resolve",
        "unable to resolve",
        "failed to resolve",
        "getaddrinfo",
        "kubedns",
        "kube-dns",
        "dnsmasq",
        "nameserver",
        "resolv.conf",
        "gaierror",
    ),
    "deadlock": (
        "deadlock",
        "deadlocked",
        "deadlocks",
        "try restarting transaction",
        "lock wait timeout",
        "wsrep detected deadlock",
        "DBDeadlock",
        "serialization failure",
        "certification failure",
    ),
    "galera": ("galera", "wsrep", "pxc", "percona", "xtradb", "mariadb cluster"),
    "connfail": (
        "connection refused",
        "ECONNREFUSED",
        "unable to connect",
        "cant connect",
        "cannot connect",
        "could not connect",
        "couldnt connect",
        "failed to connect",
        "connection failed",
        "errno 111",
        "is unreachable",
        "no route to host",
        "connection reset",
        "ECONNRESET",
        "broken pipe",
        "lost connection",
        "loss of connection",
        "connection lost",
        "DBConnectionError",
        "gone away",
    ),
    "auth": (
        "authentication",
        "authorization",
        "unauthenticated",
        "unauthorized",
        "401",
        "authentication failed",
        "authentication required",
        "authentication error",
        "invalid credentials",
        "forbidden",
        "403",
        "authorization failed",
        "not authorized",
        "token is invalid",
        "invalid token",
    ),
    "dbpool": (
        "QueuePool",
        "pool limit",
        "max_overflow",
        "max overflow",
        "pool size",
        "max_pool_size",
        "pool_size",
        "too many connections",
    ),
    "rpc": (
        "amqp",
        "waiting for a reply",
        "rpc_response_timeout",
        "oslo_messaging",
        "oslo.messaging",
        "reply queue",
        "rabbitmq",
    ),
    "restart": (
        "CrashLoopBackOff",
        "back-off restarting",
        "restarting failed container",
        "restarted",
        "restarts",
        "liveness probe failed",
        "killing container",
        "container died",
    ),
    "hang": (
        "unresponsive",
        "hangs",
        "hung",
        "not responding",
        "stopped responding",
        "PLEG is not healthy",
        "is not healthy",
        "stuck",
    ),
    "slow": ("slow", "slowly", "latency", "took too long", "takes long", "long time"),
    "cpu": ("cpu", "high load", "load average", "cpu usage"),
    "memcache": ("memcache", "memcached", "_memcache_pool", "MemcacheConnectionError"),
    "binding": (
        "binding_failed",
        "binding failed",
        "port binding",
        "PortBindingFailed",
        "vif_type=binding_failed",
        "failed to bind port",
    ),
    "scheduling": (
        "anti-affinity",
        "antiaffinity",
        "pod antiaffinity",
        "NoValidHost",
        "no valid host",
        "failed scheduling",
        "FailedScheduling",
        "unschedulable",
    ),
    "metadata": ("metadata", "169.254.169.254", "cloud-init", "user_data", "cfn"),
}


def _phrase_index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for concept, phrases in GROUPS.items():
        for phrase in phrases:
            tokens = tuple(words(phrase))
            if tokens:
                index.setdefault(tokens[0], []).append((tokens, "~" + concept))
    return {first: tuple(entries) for first, entries in index.items()}


_INDEX = _phrase_index()


def concepts(tokens: list[str]) -> set[str]:
    """Concept terms (`~timeout`...) whose phrases occur, in order, in the token list."""
    return {concept for concept, _word in synonyms(tokens)}


def synonyms(tokens: list[str]) -> frozenset[tuple[str, str]]:
    """(concept, word) for every word of every phrase found: the words a concept stands for.

    "Name or service not known" stands for ~dns just as "name resolution"
    does; a line saying one does not lack the words of the other.
    """
    found: set[tuple[str, str]] = set()
    for i, token in enumerate(tokens):
        for phrase, concept in _INDEX.get(token, ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                found.update((concept, word) for word in phrase)
    return frozenset(found)


def bound(tokens: list[str]) -> frozenset[str]:
    """Words that occur only inside multi-word phrases of the line.

    "many" in "too many requests" means the concept (~ratelimit), not the
    word: matched alone against "when many pods are created" it would be a
    different sense. Single-word phrases ("timeout") keep their word.
    """
    covered = [False] * len(tokens)
    for i, token in enumerate(tokens):
        for phrase, _concept in _INDEX.get(token, ()):
            if len(phrase) > 1 and tuple(tokens[i : i + len(phrase)]) == phrase:
                covered[i : i + len(phrase)] = [True] * len(phrase)
    inside = {t for t, c in zip(tokens, covered, strict=True) if c}
    outside = {t for t, c in zip(tokens, covered, strict=True) if not c}
    return frozenset(inside - outside)


# What a concept is called in an explanation a person reads ("~connfail" never shows).
LABELS: dict[str, str] = {
    "ratelimit": "rate limiting", "timeout": "a timeout", "oom": "out of memory", "dns": "DNS resolution",
    "deadlock": "a deadlock", "galera": "Galera", "connfail": "a failed connection",
    "auth": "authentication", "dbpool": "the database connection pool", "rpc": "RPC messaging",
    "restart": "restarts", "hang": "a hang", "slow": "slowness", "cpu": "CPU load",
    "memcache": "memcached", "binding": "port binding", "scheduling": "a scheduling failure",
    "metadata": "instance metadata",
}


def describe(term: str) -> str:
    """A matched term for an explanation: a word as is, a concept term as words about its meaning."""
    if not term.startswith("~"):
        return term
    concept = term[1:]
    return f"{LABELS.get(concept, concept)} (same meaning)"
