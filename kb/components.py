"""The one vocabulary of components: what kb calls each part of a cloud, and every name for it.

Two readers share it, so that a component the importer recognises in a
runbook is one the matcher recognises in a log line, and the other way round:

* the importer (kb.rst) finds the components an issue's prose names:
  `components_in("... the librbd client ...") == ["ceph"]`;
* the matcher (kb.matching.programs) maps the program or logger that wrote a
  line to a component: `canonical("mysqld_safe") == "mysql"`,
  `canonical("virsh") == "libvirt"`, and scores how well that component
  agrees with an issue's (`agreement`).

Each entry lists the phrases prose uses for the component (whole words, any
case) and the extra names programs and loggers go by. Everything here is
plain data and pure functions: no Django.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from kb.lazyre import Lazy


@dataclass(frozen=True)
class Component:
    name: str
    # How runbooks and titles name it (whole words, any case); also program names.
    prose: tuple[str, ...]
    # Further names of the programs, packages and loggers that belong to it.
    programs: tuple[str, ...] = ()
    # Program names that start with one of these belong to it (etcd2, qemu-system-x86_64).
    program_prefixes: tuple[str, ...] = ()
    # The wider component it is part of: a kubelet line is weaker evidence for a
    # "kubernetes" issue than for a "kubelet" one, but evidence all the same.
    parent: str = ""
    # openstackclient's command groups that call its API (`openstack stack create`): a pasted
    # command says which service printed the output under it (command_output.command_component)
    commands: tuple[str, ...] = ()


_ALL = (
    Component("kubernetes", ("kubernetes", "k8s")),
    Component(
        "kube-apiserver",
        ("kube-apiserver", "kube-apiservers", "apiserver", "api server", "api servers"),
        parent="kubernetes",
    ),
    Component(
        "kube-scheduler",
        ("kube-scheduler", "kubernetes scheduler", "kubsernetes scheduler"),
        # not the bare word "scheduler": nova, cinder and heat have theirs too (a nova
        # logger `nova.scheduler.client.report` named kube-scheduler); `default-scheduler`
        # is the name Kubernetes events give it
        ("default-scheduler",),
        parent="kubernetes",
    ),
    Component(
        "kube-controller-manager",
        ("kube-controller-manager", "controller-manager"),
        parent="kubernetes",
    ),
    Component("kubelet", ("kubelet",), parent="kubernetes"),
    Component("kube-proxy", ("kube-proxy",), parent="kubernetes"),
    Component(
        "kubedns",
        ("kubedns", "kube-dns"),
        ("skydns", "coredns"),
        ("kube-dns",),
        parent="kubernetes",
    ),
    Component("dnsmasq", ("dnsmasq",), program_prefixes=("dnsmasq",)),
    Component("etcd", ("etcd",), program_prefixes=("etcd",)),
    Component(
        "docker",
        ("docker", "dockerd"),
        ("docker-engine", "containerd"),
        ("docker",),
    ),
    Component(
        "calico",
        ("calico", "bird"),
        ("bird6", "felix", "confd", "calico-node"),
        ("calico",),
    ),
    Component("nginx", ("nginx", "ngnix"), program_prefixes=("nginx",)),
    # with the agents Heat runs inside its servers (heat-cfntools, os-collect-config and
    # heat-agents): what they log is Heat's software configuration reaching the server or not
    Component(
        "heat",
        ("heat", "heat-api", "heat-engine", "heat-api-cfn"),
        ("heatclient", "os-collect-config", "os-refresh-config", "os-apply-config", "cfn-signal",
         "cfn-hup", "cfn-init", "heat-config-notify"),
        # python-heatclient's openstackclient plugin (heatclient/osc/v1)
        commands=("stack", "orchestration", "software config", "software deployment"),
    ),
    Component(
        "keystone",
        ("keystone", "identity service"),
        ("keystonemiddleware", "keystoneauth1", "keystoneclient"),
        commands=("project", "user", "role", "domain", "token", "endpoint", "catalog"),
    ),
    Component("glance", ("glance",), ("glanceclient",), commands=("image",)),
    Component(
        "nova",
        ("nova", "nova-compute", "nova-api", "novaclient", "nova client"),
        commands=("server", "hypervisor", "compute service", "flavor", "aggregate", "keypair"),
    ),
    Component(
        "neutron",
        ("neutron", "neutron-server", "ml2"),
        ("neutronclient",),
        commands=("network", "port", "subnet", "router", "floating ip", "security group"),
    ),
    # Open vSwitch and OVN: a project of their own, which neutron's agents drive. Its daemons'
    # lines are not neutron's (an `ovs-vsctl` error about a missing `dpdk-init` key is no
    # evidence for a neutron issue); an issue about OVS names it.
    Component(
        "openvswitch",
        ("openvswitch", "open vswitch", "ovs", "ovn"),
        ("ovsdb-server", "ovs-vswitchd", "ovn-controller", "ovn-northd", "ovs-vsctl", "ovs-ofctl"),
        ("ovs-", "ovsdb", "ovn-"),
    ),
    Component("cinder", ("cinder", "cinder-volume"), ("cinderclient",), commands=("volume",)),
    Component(
        "swift",
        ("swift",),
        (
            "proxy-server",
            "object-server",
            "container-server",
            "account-server",
            "object-replicator",
            "object-updater",
            "account-reaper",
            "container-updater",
            "object-auditor",
        ),
    ),
    Component(
        "mysql",
        ("mysql", "galera", "percona", "pxc", "mariadb", "xtradb"),
        ("mysqld", "mysqld_safe", "pymysql", "wsrep"),
        ("mysql", "galera"),
    ),
    Component("memcached", ("memcached", "memcache"), program_prefixes=("memcache",)),
    Component(
        "rabbitmq",
        ("rabbitmq", "amqp"),
        ("rabbit", "beam.smp", "rabbitmq-server"),
        ("rabbitmq",),
    ),
    Component("libvirt", ("libvirt", "libvirtd", "virsh"), program_prefixes=("libvirt",)),
    Component("qemu", ("qemu", "kvm"), ("qemu-kvm",), ("qemu",)),
    Component("ceph", ("ceph", "rbd", "librbd"), program_prefixes=("ceph",)),
    Component(
        "oslo.messaging",
        ("oslo.messaging", "oslo_messaging", "rpc_response_timeout"),
        ("kombu",),
        parent="rabbitmq",
    ),
    Component("oslo.db", ("oslo.db", "oslo_db"), ("sqlalchemy",), parent="mysql"),
    Component("fuel-ccp", ("fuel-ccp", "fuel ccp", "ccp"), ("fuel_ccp",)),
    Component("kargo", ("kargo",), ("kubespray",)),
    Component("openstack-ansible", ("openstack-ansible", "openstack ansible", "osa")),
    Component(
        "python-openstackclient",
        ("openstackclient", "openstack client", "osc"),
        ("osc_lib",),
    ),
    Component("prometheus", ("prometheus",), program_prefixes=("prometheus",)),
    Component("dpdk", ("dpdk",)),
)

COMPONENTS: dict[str, Component] = {c.name: c for c in _ALL}
KNOWN_COMPONENTS = frozenset(COMPONENTS)
PARENT = {c.name: c.parent for c in _ALL if c.parent}

# Program, package and logger names -> component. The prose phrases are names too
# (`virsh`, `librbd`, `ml2`); names with a space are prose only and never meet a program.
_NAMES: dict[str, str] = {}
for _c in _ALL:
    for _name in (_c.name, *_c.prose, *_c.programs):
        _NAMES.setdefault(_name.lower(), _c.name)
_PREFIXES = tuple((p, c.name) for c in _ALL for p in c.program_prefixes)
# `openstack <group> ...` -> component, the longest group first (`network agent` is neutron's too)
COMMAND_GROUPS = tuple(sorted(((g, c.name) for c in _ALL for g in c.commands), key=lambda gc: -len(gc[0])))
# OpenStack services name their programs and packages <service>-<role> or <service>_<module>.
_OPENSTACK = frozenset("nova neutron heat keystone glance cinder swift".split())

def _pattern(phrases) -> Lazy:
    """A component's name pattern, compiled when first searched (kb/lazyre.py): `components_in`
    searches only those whose phrases a line holds, and a process triaging a log meets a few of the
    30-odd (compiling them all cost `manage.py match` ~6 ms of its start-up, before it forks)."""
    return Lazy(r"(?<![\w.-])(" + "|".join(re.escape(a) for a in phrases) + r")(?![\w-])", re.I)


_PATTERNS = {c.name: _pattern(c.prose) for c in _ALL}


def _phrase_automaton():
    automaton = ahocorasick.Automaton()
    by_phrase: dict[str, set[str]] = {}
    for c in _ALL:
        for phrase in c.prose:
            by_phrase.setdefault(phrase.lower(), set()).add(c.name)
    for phrase, names in by_phrase.items():
        automaton.add_word(phrase, frozenset(names))
    automaton.make_automaton()
    return automaton


_PHRASES = _phrase_automaton()


# The only characters outside ASCII that re.I takes for an ASCII letter: dotted and dotless
# i, the long s and the Kelvin sign (tests/test_components.py tries every code point).
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def components_in(text: str) -> list[str]:
    """Canonical components named in `text`, in kb's canonical order.

    The matcher asks this of every log line: a component's pattern is searched only
    when one of its phrases is in the line at all (one pass of an Aho-Corasick automaton
    over all phrases, instead of one regex search per component). The phrases are
    ASCII: lower() finds every place re.I would match one in ASCII text, and in other
    text once the four letters re.I folds into ASCII are folded first.
    """
    folded = text.lower() if text.isascii() else text.translate(_ASCII_FOLDS).lower()
    present: set[str] = set()
    for _end, names in _PHRASES.iter(folded):
        present |= names
    return [name for name, pattern in _PATTERNS.items() if name in present and pattern.search(text)]


# Log lines repeat their program and logger names: the matcher asks about the same few
# names on every line.
@lru_cache(maxsize=4096)
def canonical(name: str) -> str:
    """Canonical component of an issue's component name or of a program; '' if unknown."""
    key = name.strip().lower()
    found = _NAMES.get(key)
    if found:
        return found
    for prefix, component in _PREFIXES:
        if key.startswith(prefix):
            return component
    head = key.split("-", 1)[0].split("_", 1)[0]
    return head if head in _OPENSTACK else ""


def agreement(component: str, issue_components: frozenset[str]) -> float:
    """1.0 same component, 0.5 same family (kubelet vs kubernetes), 0 otherwise."""
    if not component or not issue_components:
        return 0.0
    if component in issue_components:
        return 1.0
    parent = PARENT.get(component)
    if parent and parent in issue_components:
        return 0.5
    if any(PARENT.get(c) == component for c in issue_components):
        return 0.5
    return 0.0
