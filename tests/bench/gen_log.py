"""Deterministic generator of a big mixed OpenStack/Kubernetes log for the benchmarks.

    python -m tests.bench.gen_log OUT.log [--lines 1000000] [--seed 7]

Lines average ~140 bytes, with the prefixes real deployments write (oslo.log,
syslog, klog, etcd, galera, RabbitMQ, nginx, libvirt, kernel). A fraction
(0.1 % by default) are *known* lines: a signature of the knowledge base with
its placeholders filled with fresh values, behind a prefix of the issue's
component; a few of them sit at the end of a raw Python traceback. The line
numbers of the known lines are written next to the log (OUT.log.truth.json:
{reported line: [slug, line holding the signature]}).
"""

import argparse
import json
import random
import re
from pathlib import Path

from kb.matching.http_lines import SLOW_SECONDS
from kb.matching.prefix import parse

_PLACEHOLDER = re.compile(r"<(?:\*|[A-Z]{2,6})>")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class _Values:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.second = 1481475562.0

    def tick(self):
        self.second += self.rng.random() * 0.01

    def clock(self) -> tuple[str, str, str]:
        s = int(self.second)
        day, rest = 11 + (s // 86400) % 18, s % 86400
        hms = f"{rest // 3600:02d}:{rest // 60 % 60:02d}:{rest % 60:02d}"
        return f"2016-12-{day:02d}", hms, f"{day:02d}"

    def uuid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def ip(self) -> str:
        r = self.rng.randrange
        return f"10.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}"

    def hex(self, n=32) -> str:
        return f"{self.rng.getrandbits(n * 4):0{n}x}"

    def num(self, top=10000) -> int:
        return self.rng.randrange(top)

    def node(self) -> str:
        return f"node-{self.rng.randrange(1, 900)}"


def oslo(v: _Values, logger: str, level: str = "INFO") -> str:
    date, hms, _ = v.clock()
    context = f"[req-{v.uuid()} - - - - -]" if v.rng.random() < 0.2 else "[-]"
    return f"{date} {hms}.{v.num(1000):03d} {v.num(30000)} {level} {logger} {context} "


def syslog(v: _Values, program: str) -> str:
    _, hms, day = v.clock()
    return f"Dec {day} {hms} {v.node()} {program}[{v.num(30000)}]: "


def nanny(v: _Values) -> str:
    """kube-dns's dnsmasq-nanny relaying a line of the dnsmasq it runs (`kubectl logs` of its pod):
    a dnsmasq line under a router's syslog tag is no kube-dns line (kb.matching.generic)."""
    _, hms, day = v.clock()
    return f"I12{day} {hms}.{v.num(1000000):06d}       1 nanny.go:108] dnsmasq[{v.num(30000)}]: "


def klog(v: _Values, program: str, source: str, level: str = "I") -> str:
    _, hms, day = v.clock()
    micros, pid = v.num(1000000), v.num(30000)
    return f"{syslog(v, program)}{level}12{day} {hms}.{micros:06d}    {pid} {source}] "


def _noise(v: _Values) -> list:
    """(weight, line factory) pairs of ordinary traffic."""
    r = v.rng
    return [
        (
            14,
            lambda: (
                oslo(v, "nova.compute.manager") + f"[instance: {v.uuid()}] Took "
                f"{r.random() * 30:.2f} seconds to build instance."
            ),
        ),
        (
            12,
            lambda: (
                oslo(v, "eventlet.wsgi.server") + f'{v.ip()} "GET /v2.1/servers/detail '
                f'HTTP/1.1" status: 200 len: {v.num(20000)} time: {r.random():.7f}'
            ),
        ),
        (
            8,
            lambda: (
                oslo(v, "oslo_concurrency.lockutils", "DEBUG")
                + 'Lock "compute_resources" released '
                f'by "_update_available_resource" :: held {r.random():.3f}s'
            ),
        ),
        (8, lambda: syslog(v, "dnsmasq") + f"query[A] galera.ccp.svc.cluster.local from {v.ip()}"),
        (6, lambda: syslog(v, "dnsmasq") + f"forwarded rabbitmq.ccp.svc.cluster.local to {v.ip()}"),
        (
            9,
            lambda: (
                klog(v, "kubelet", f"kubelet.go:{v.num(3000)}") + 'SyncLoop (PLEG): "nova-compute-'
                f'{v.hex(10)}-{v.hex(5)}_openstack", event: ContainerStarted'
            ),
        ),
        (
            6,
            lambda: (
                klog(v, "kube-proxy", f"proxier.go:{v.num(2000)}") + "Setting endpoints for "
                f"openstack/keystone:public to [{v.ip()}:5000 {v.ip()}:5000]"
            ),
        ),
        (
            5,
            lambda: (
                f"{v.clock()[0]} {v.clock()[1]}.{v.num(1000000):06d} I | etcdserver: start to "
                "snapshot "
                f"(applied: {v.num(10**7)}, lastsnap: {v.num(10**7)}) on member {v.hex(16)}"
            ),
        ),
        (
            5,
            lambda: (
                f"{v.clock()[0]} {v.clock()[1]} {v.num(200000)} [Note] WSREP: Member 1.0 "
                f"(galera-{v.num(3)}) synced with group, seqno {v.num(10**8)} of cluster {v.uuid()}"
            ),
        ),
        (
            5,
            lambda: (
                oslo(v, "oslo.messaging._drivers.impl_rabbit") + f"Connected to AMQP server on "
                f"{v.ip()}:5672 via [amqp] client with port {v.num(65000)}."
            ),
        ),
        (
            6,
            lambda: (
                f'{v.ip()} - - [{v.clock()[2]}/Dec/2016:{v.clock()[1]} +0000] "GET /api/v1/nodes?'
                f'resourceVersion={v.num(10**7)}&watch=true HTTP/1.1" 200 {v.num(5000)} "-" '
                '"kubelet/v1.5.1"'
            ),
        ),
        (
            4,
            lambda: (
                oslo(v, "neutron.agent.securitygroups_rpc") + f"Security group member updated "
                f"[u'{v.uuid()}']"
            ),
        ),
        (
            4,
            lambda: (
                oslo(v, "heat.engine.resource", "INFO") + f'CREATE: Server "vm{v.num(6)}" '
                f'Stack "slice{v.num(900)}" in progress'
            ),
        ),
        (
            3,
            lambda: (
                f"{v.clock()[0]} {v.clock()[1]}.{v.num(1000):03d}+0000: {v.num(30000)}: debug : "
                f"virDomainGetInfo:2461 : dom=0x7f{v.hex(10)}, (VM: name=instance-{v.hex(8)})"
            ),
        ),
        (
            3,
            lambda: (
                syslog(v, "bird") + f"Mesh_{v.ip().replace('.', '_')}: State changed to up, "
                f"BGP session established with {v.ip()} after {v.num(60)}s"
            ),
        ),
        (
            2,
            lambda: (
                oslo(v, "nova.compute.manager", "WARNING")
                + f"[instance: {v.uuid()}] Instance failed "
                "to spawn: libvirtError: internal error: process exited while connecting to "
                "monitor"
            ),
        ),
        (
            2,
            lambda: (
                oslo(v, "keystone.common.wsgi")
                + f"POST http://keystone.ccp.svc.cluster.local:5000/"
                f"v3/auth/tokens from {v.ip()} user {v.hex()} project {v.hex()}"
            ),
        ),
    ]


_PREFIX_BY_COMPONENT = {
    "kubedns": nanny,
    "dnsmasq": lambda v: syslog(v, "dnsmasq"),
    "kube-apiserver": lambda v: klog(v, "kubelet", "reflector.go:199", "E"),
    "kube-scheduler": lambda v: klog(v, "kube-scheduler", "factory.go:583", "E"),
    "docker": lambda v: klog(v, "kubelet", "kubelet.go:1816", "E"),
    "calico": lambda v: f"Dec 11 16:59:31 {v.node()} bird: ",
    "etcd": lambda v: f"{v.clock()[0]} {v.clock()[1]}.{v.num(1000000):06d} W | etcdserver: ",
    "heat": lambda v: oslo(v, "heat.engine.service", "ERROR"),
    "glance": lambda v: oslo(v, "heat.engine.resource", "ERROR"),
    "mysql": lambda v: oslo(v, "oslo_db.sqlalchemy.engines", "ERROR"),
    "memcached": lambda v: oslo(v, "keystonemiddleware.auth_token._memcache_pool", "ERROR"),
    "nova": lambda v: oslo(v, "nova.compute.manager", "ERROR"),
    "neutron": lambda v: oslo(v, "neutron.api.v2.resource", "ERROR"),
    "oslo.messaging": lambda v: oslo(v, "oslo.messaging._drivers.impl_rabbit", "ERROR"),
    "keystone": lambda v: oslo(v, "keystonemiddleware.auth_token", "ERROR"),
    "libvirt": lambda v: oslo(v, "nova.virt.libvirt.driver", "ERROR"),
    "cinder": lambda v: oslo(v, "cinder.volume.manager", "ERROR"),
}


# The components whose lines _PREFIX_BY_COMPONENT writes as a Python service's (oslo.log) record.
_PYTHON = frozenset({"heat", "glance", "mysql", "memcached", "nova", "neutron", "oslo.messaging", "keystone",
                     "libvirt", "cinder"})


def _positive(number: int) -> str:
    """A number above 0 as logs write it: plain, or (one in three, without drawing another random
    number) in exponent notation, as Prometheus' exposition format writes a big counter."""
    return f"{number * 1000.5:.7e}" if number % 3 == 0 else str(number)


def _fill(v: _Values, template: str) -> str:
    values = {
        "<NUM>": lambda: str(v.num()),
        "<IP>": v.ip,
        "<UUID>": v.uuid,
        "<HEX>": v.hex,
        "<STR>": lambda: f"'{v.node()}.ccp.svc.cluster.local'",
        "<TS>": lambda: v.clock()[1],
        "<*>": lambda: v.rng.choice(["u", "*v1.Pod", v.node(), v.ip().replace(".", "_"), "2m5s"]),
        # an access line's request time that the signature says is slow (signatures.SLOW)
        "<SLOW>": lambda: f"{SLOW_SECONDS + v.num(120):.6f}",
        # a number above 0 (signatures.POSITIVE: `STAT evictions <POS>`)
        "<POS>": lambda: _positive(1 + v.num()),
        # a number of 1,000 or more (signatures.KILO: `Migration running for <KILO> secs`)
        "<KILO>": lambda: str(1000 + v.num()),
    }
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(0), values["<*>"])(), template)


def _known(
    v: _Values, slug: str, signature: str, components: dict[str, tuple[str, ...]]
) -> list[str]:
    message = _fill(v, parse(signature).message)
    component = next((c for c in components[slug] if c in _PREFIX_BY_COMPONENT), None)
    prefix = _PREFIX_BY_COMPONENT[component](v) if component else oslo(v, "nova.compute.manager", "ERROR")
    # a Python service's traceback, under its record (a dnsmasq or a kubelet writes none: kube-dns's
    # dnsmasq message at a traceback's end would say nothing of whose dnsmasq it is)
    if v.rng.random() < 0.1 and (component is None or component in _PYTHON):
        return [
            prefix + "Unexpected error",
            "Traceback (most recent call last):",
            '  File "/usr/lib/python2.7/dist-packages/oslo_service/loopingcall.py", line 136, in '
            "_run",
            "    result = func(*self.args, **self.kw)",
            message,
        ]
    return [prefix + message]


# What ordinary programs write around a signature's literal without saying the signature:
# sshd's "Connection closed by", a client's "Request to ... returned 200", a cache's
# "expired". Each near miss holds one literal of a signature with more than one piece, never
# the whole signature; generate() checks each form against full matching and drops any that
# the engine would call a known issue, so the noise stays noise.
_NEAR_MISS_FORMS = (
    "{literal} {ip} port {port} [preauth]",
    "{literal} http://{node}.ccp.svc.cluster.local:{port}/v3 returned 200 in {secs}s",
    "periodic task: {literal} (handled, next run in {port}s)",
    "audit: {literal} entry {hex} expired from cache after {secs}s, renewed",
)
_SSHD = ("Connection closed by", "Disconnected from", "Received disconnect from")


def _near_miss_makers(v: _Values, engine) -> list:
    """Line factories for noise that contains a signature's literal but not the signature."""
    literals = sorted({t.literal for t in engine._kb.templates
                       if not t.weak and t.literal and len([s for s in t.segments if s.strip()]) > 1})
    makers = []
    for literal in [*literals, *_SSHD]:
        for form in _NEAR_MISS_FORMS:
            def make(literal=literal, form=form):
                text = form.format(literal=literal, ip=v.ip(), port=v.num(65000), node=v.node(),
                                   secs=f"{v.rng.random() * 3:.2f}", hex=v.hex(16))
                return oslo(v, "oslo_service.periodic_task", "INFO") + text
            if not engine.match_text(make()).confident:
                makers.append(make)
    return makers


def generate(path: Path, engine, specs, lines: int = 1_000_000, seed: int = 7, rate: float = 0.001,
             near_miss: float = 0.03):
    """`near_miss`: share of ordinary lines that hold a signature's literal (see _NEAR_MISS_FORMS)."""
    rng = random.Random(seed)
    v = _Values(rng)
    noise = _noise(v)
    makers = [m for w, m in noise for _ in range(w)]
    near = _near_miss_makers(v, engine)
    signatures = engine.signatures()
    components = {s.slug: s.components for s in specs}
    truth: dict[int, tuple[str, int]] = {}
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        batch: list[str] = []
        while written < lines:
            v.tick()
            if rng.random() < rate and lines - written >= 5:
                slug, signature = rng.choice(signatures)
                block = _known(v, slug, signature, components)
                # a traceback block is reported under its exception line, its last,
                # which is where the signature is
                truth[written + len(block)] = (slug, written + len(block))
            elif near and rng.random() < near_miss:
                block = [rng.choice(near)()]
            else:
                block = [rng.choice(makers)()]
            batch.extend(block)
            written += len(block)
            if len(batch) >= 10000:
                out.write("\n".join(batch) + "\n")
                batch.clear()
        if batch:
            out.write("\n".join(batch) + "\n")
    Path(str(path) + ".truth.json").write_text(json.dumps(truth))
    return truth


def main():
    from kb.matching import Engine
    from tests.bench.kb_source import shipped_issue_specs as load_issue_specs

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    specs = load_issue_specs()
    truth = generate(args.out, Engine.build(specs), specs, args.lines, args.seed)
    size = args.out.stat().st_size
    print(
        f"{args.out}: {args.lines} lines, {size} bytes ({size / args.lines:.0f} B/line), "
        f"{len(truth)} known"
    )


if __name__ == "__main__":
    main()
