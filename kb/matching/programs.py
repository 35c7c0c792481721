"""Which component wrote a line: program names, Python loggers and klog files -> component.

Issues name their components; a line whose program maps to one of them is
corroborating evidence (engine.py weighs it lightly: the prefix says who
spoke, the message says what went wrong).
"""

from .prefix import LogLine

CANONICAL = frozenset(
    "kubernetes kube-apiserver kube-scheduler kube-controller-manager kubelet kube-proxy kubedns "
    "dnsmasq etcd docker calico nginx heat keystone glance nova neutron cinder swift mysql "
    "memcached rabbitmq libvirt qemu ceph oslo.messaging oslo.db fuel-ccp kargo "
    "openstack-ansible python-openstackclient prometheus".split()
)

ALIASES = {
    "galera": "mysql",
    "percona": "mysql",
    "pxc": "mysql",
    "mariadb": "mysql",
    "mysqld": "mysql",
    "mysqld_safe": "mysql",
    "pymysql": "mysql",
    "wsrep": "mysql",
    "xtradb": "mysql",
    "kube-dns": "kubedns",
    "skydns": "kubedns",
    "coredns": "kubedns",
    "k8s": "kubernetes",
    "apiserver": "kube-apiserver",
    "scheduler": "kube-scheduler",
    "controller-manager": "kube-controller-manager",
    "dockerd": "docker",
    "docker-engine": "docker",
    "containerd": "docker",
    "bird": "calico",
    "bird6": "calico",
    "felix": "calico",
    "confd": "calico",
    "calico-node": "calico",
    "rabbit": "rabbitmq",
    "beam.smp": "rabbitmq",
    "rabbitmq-server": "rabbitmq",
    "amqp": "rabbitmq",
    "memcache": "memcached",
    "libvirtd": "libvirt",
    "qemu-kvm": "qemu",
    "oslo_messaging": "oslo.messaging",
    "kombu": "oslo.messaging",
    "oslo_db": "oslo.db",
    "sqlalchemy": "oslo.db",
    "keystonemiddleware": "keystone",
    "keystoneauth1": "keystone",
    "keystoneclient": "keystone",
    "novaclient": "nova",
    "neutronclient": "neutron",
    "heatclient": "heat",
    "glanceclient": "glance",
    "cinderclient": "cinder",
    "openstackclient": "python-openstackclient",
    "osc": "python-openstackclient",
    "osc_lib": "python-openstackclient",
    "ccp": "fuel-ccp",
    "fuel_ccp": "fuel-ccp",
    "kubespray": "kargo",
    "osa": "openstack-ansible",
    "ovs-vswitchd": "neutron",
    "proxy-server": "swift",
    "object-server": "swift",
    "container-server": "swift",
    "account-server": "swift",
    "object-replicator": "swift",
    "object-updater": "swift",
    "account-reaper": "swift",
    "container-updater": "swift",
    "object-auditor": "swift",
}

# A line from kubelet is weaker evidence for an issue filed under "kubernetes", and vice versa.
PARENT = {
    "kube-apiserver": "kubernetes",
    "kube-scheduler": "kubernetes",
    "kube-controller-manager": "kubernetes",
    "kubelet": "kubernetes",
    "kube-proxy": "kubernetes",
    "kubedns": "kubernetes",
    "oslo.messaging": "rabbitmq",
    "oslo.db": "mysql",
}

# program names with suffixes: dnsmasq-dhcp, etcd2, qemu-system-x86_64, ceph-osd, mysqld-wsrep...
_PREFIXES = (
    ("kube-dns", "kubedns"),
    ("etcd", "etcd"),
    ("rabbitmq", "rabbitmq"),
    ("qemu", "qemu"),
    ("ceph", "ceph"),
    ("libvirt", "libvirt"),
    ("docker", "docker"),
    ("calico", "calico"),
    ("mysql", "mysql"),
    ("galera", "mysql"),
    ("dnsmasq", "dnsmasq"),
    ("memcache", "memcached"),
    ("nginx", "nginx"),
    ("prometheus", "prometheus"),
)
_OPENSTACK = ("nova", "neutron", "heat", "keystone", "glance", "cinder", "swift")
# klog source files (k8s.io/...): a few file-name stems are enough to place a line.
_KLOG_STEMS = (
    ("kubelet", "kubelet"),
    ("kuberuntime", "kubelet"),
    ("pod_workers", "kubelet"),
    ("docker_", "kubelet"),
    ("pleg", "kubelet"),
    ("eviction", "kubelet"),
    ("proxier", "kube-proxy"),
    ("scheduler", "kube-scheduler"),
    ("factory", "kube-scheduler"),
    ("predicates", "kube-scheduler"),
    ("dns", "kubedns"),
    ("controller", "kube-controller-manager"),
    ("httplog", "kube-apiserver"),
    ("apiserver", "kube-apiserver"),
    ("reflector", "kubernetes"),
)


def canonical(name: str) -> str:
    """Canonical component name for an issue's component or a program; '' if unknown."""
    key = name.strip().lower()
    if key in CANONICAL:
        return key
    if key in ALIASES:
        return ALIASES[key]
    for prefix, component in _PREFIXES:
        if key.startswith(prefix):
            return component
    head = key.split("-", 1)[0].split("_", 1)[0]
    return head if head in _OPENSTACK else ""


def _from_logger(logger: str) -> str:
    if not logger:
        return ""
    if logger.endswith(".go"):
        stem = logger[:-3].lower()
        return next((comp for key, comp in _KLOG_STEMS if key in stem), "")
    head = logger.split(".", 1)[0].lower()
    if head == "oslo" and "." in logger:
        return canonical("oslo_" + logger.split(".")[1])
    return canonical(head)


def component_of(line: LogLine) -> str:
    """The component a parsed line came from, program first (it is the more specific)."""
    return (
        canonical(line.program)
        if line.program and canonical(line.program)
        else _from_logger(line.logger)
    )


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
