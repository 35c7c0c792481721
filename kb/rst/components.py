"""The components kb knows and the words that name them in prose and titles."""

import re

# canonical name -> phrases that name it (matched as whole words, any case)
COMPONENT_ALIASES = {
    "kubernetes": ("kubernetes", "k8s"),
    "kube-apiserver": ("kube-apiserver", "kube-apiservers", "apiserver", "api server", "api servers"),
    "kube-scheduler": ("kube-scheduler", "kubernetes scheduler", "kubsernetes scheduler"),
    "kube-controller-manager": ("kube-controller-manager", "controller-manager"),
    "kubelet": ("kubelet",),
    "kube-proxy": ("kube-proxy",),
    "kubedns": ("kubedns", "kube-dns"),
    "dnsmasq": ("dnsmasq",),
    "etcd": ("etcd",),
    "docker": ("docker", "dockerd"),
    "calico": ("calico", "bird"),
    "nginx": ("nginx", "ngnix"),
    "heat": ("heat", "heat-api", "heat-engine", "heat-api-cfn"),
    "keystone": ("keystone", "identity service"),
    "glance": ("glance",),
    "nova": ("nova", "nova-compute", "nova-api", "novaclient", "nova client"),
    "neutron": ("neutron", "neutron-server", "ml2"),
    "cinder": ("cinder", "cinder-volume"),
    "swift": ("swift",),
    "mysql": ("mysql", "galera", "percona", "pxc", "mariadb", "xtradb"),
    "memcached": ("memcached", "memcache"),
    "rabbitmq": ("rabbitmq", "amqp"),
    "libvirt": ("libvirt", "libvirtd", "virsh"),
    "qemu": ("qemu", "kvm"),
    "ceph": ("ceph", "rbd", "librbd"),
    "oslo.messaging": ("oslo.messaging", "oslo_messaging", "rpc_response_timeout"),
    "oslo.db": ("oslo.db", "oslo_db"),
    "fuel-ccp": ("fuel-ccp", "fuel ccp", "ccp"),
    "kargo": ("kargo",),
    "openstack-ansible": ("openstack-ansible", "openstack ansible", "osa"),
    "python-openstackclient": ("openstackclient", "openstack client", "osc"),
    "prometheus": ("prometheus",),
    "dpdk": ("dpdk",),
}

KNOWN_COMPONENTS = frozenset(COMPONENT_ALIASES)

_PATTERNS = {
    name: re.compile(
        r"(?<![\w.-])(" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])", re.I
    )
    for name, aliases in COMPONENT_ALIASES.items()
}


def components_in(text: str) -> list[str]:
    """Canonical components named in `text`, in kb's canonical order."""
    return [name for name, pattern in _PATTERNS.items() if pattern.search(text)]
