"""Which component wrote a line: program names, Python loggers and klog files -> component.

The names come from kb.components, the vocabulary the importer uses too.
Issues name their components; a line whose program maps to one of them is
corroborating evidence (the prefix says who spoke, the message says what
went wrong).
"""

import re

from kb.components import KNOWN_COMPONENTS, PARENT, agreement, canonical

from .prefix import LogLine

__all__ = ["KNOWN_COMPONENTS", "PARENT", "agreement", "canonical", "component_of", "frame_components"]

# klog source files (k8s.io/...): a few file-name stems are enough to place a line.
# (prober.go is left out on purpose: the kubelet writes it, but a failed probe is about the
# probed container, kube-dns or mysql, not about the kubelet.)
_KLOG_STEMS = (
    # kubernetes/dns pkg/dnsmasq/nanny.go: the dnsmasq-nanny of kube-dns's pod runs dnsmasq and
    # relays each line it prints under its own klog header (`I0206 ... nanny.go:108] dnsmasq[9]:
    # ...`): such a dnsmasq line is kube-dns's (scoring._library_message_elsewhere)
    ("nanny", "kubedns"),
    ("kubelet", "kubelet"),
    ("kuberuntime", "kubelet"),
    ("pod_workers", "kubelet"),
    ("docker_", "kubelet"),
    ("pleg", "kubelet"),
    ("remote_runtime", "kubelet"),  # pkg/kubelet/remote: the kubelet's CRI client
    ("remote_image", "kubelet"),
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
    # client-go's leader election: every replicated control-plane daemon (scheduler,
    # controller-manager) writes it, so it says only "kubernetes"
    ("leaderelection", "kubernetes"),
)


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


def relayed_by(line: LogLine) -> str:
    """The component whose logger relays a program's own line under its header, or "": kube-dns's
    dnsmasq-nanny prints `I0206 ... nanny.go:108] dnsmasq[9]: ...` for the dnsmasq it runs."""
    return _from_logger(line.logger) if line.program and line.logger else ""


def component_of(line: LogLine) -> str:
    """The component a parsed line came from, program first (it is the more specific)."""
    return (
        canonical(line.program)
        if line.program and canonical(line.program)
        else _from_logger(line.logger)
    )



# A frame's file under an installed package: site-packages/ or dist-packages/ of any Python,
# or devstack's checkouts under /opt/stack/ (`File "/opt/stack/neutron/neutron/db/api.py"`).
_FRAME_PACKAGE = re.compile(
    r'File "[^"\n]{0,1000}?/(?:site-packages|dist-packages|opt/stack)/([A-Za-z_]\w{0,63})/')


def frame_components(text: str) -> tuple[str, ...]:
    """The components whose code a Python traceback's frames run through, outermost first:
    whose traceback it is when its exception line names no service (a neutron-server traceback
    runs through neutron/ and oslo_db/ before sqlalchemy/raises its pool timeout)."""
    if 'File "' not in text:
        return ()
    found = (canonical(package) for package in _FRAME_PACKAGE.findall(text))
    return tuple(dict.fromkeys(c for c in found if c))
