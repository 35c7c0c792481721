"""Deterministic generator of a mixed OpenStack/Kubernetes log for the unknown-errors bench.

    python -m tests.bench.gen_unknown_log OUT.log [--lines 100000] [--seed 11]

Every line comes from one of ~70 message shapes (oslo.log services, syslog
daemons, klog components, etcd, galera, RabbitMQ, nginx, the kernel, Python
tracebacks) at its usual level, with fresh timestamps, UUIDs, request ids,
IPs, ports, hex ids, host names and counters each time. Next to the log,
OUT.log.truth.json gives each line's shape id (null for traceback frames),
so the bench can say how well the clustering recovers the shapes.
"""

import argparse
import json
import random
from pathlib import Path


class Values:
    """Fresh variable parts, from one seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.second = 1716206400.0  # 2024-05-20 12:00:00 UTC

    def tick(self):
        self.second += self.rng.random() * 0.05

    def date(self) -> str:
        s = int(self.second)
        return f"2024-05-{20 + s // 86400 % 9:02d}"

    def hms(self) -> str:
        s = int(self.second) % 86400
        return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}"

    def uuid(self) -> str:
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def ip(self) -> str:
        r = self.rng.randrange
        return f"{r(10, 193)}.{r(0, 255)}.{r(0, 255)}.{r(1, 254)}"

    def hex(self, n: int = 12) -> str:
        return f"{self.rng.getrandbits(n * 4):0{n}x}"

    def num(self, top: int = 10000) -> int:
        return self.rng.randrange(top)

    def host(self) -> str:
        return f"{self.rng.choice(['compute', 'ctrl', 'node', 'kube-worker'])}-{self.num(400)}"

    def pod(self) -> str:
        app = self.rng.choice(["nova-api", "keystone", "rabbitmq", "coredns"])
        return f"{app}-{self.hex(10)}-{self.hex(5)}"


def oslo(v: Values, level: str, logger: str) -> str:
    context = f"[req-{v.uuid()} {v.hex(32)} {v.hex(32)} - default default]" if v.num(3) else "[-]"
    return f"{v.date()} {v.hms()}.{v.num(1000):03d} {v.num(40000)} {level} {logger} {context} "


def syslog(v: Values, program: str) -> str:
    return f"May {20 + int(v.second) // 86400 % 9} {v.hms()} {v.host()} {program}[{v.num(40000)}]: "


def klog(v: Values, level: str, source: str) -> str:
    day = 20 + int(v.second) // 86400 % 9
    return f"{level}05{day} {v.hms()}.{v.num(10 ** 6):06d}    {v.num(40000)} {source}] "


def shapes(v: Values) -> list[tuple[int, object]]:
    """(weight, line maker) of every message shape; the index is the shape id."""
    nova, neutron = "nova.compute.manager", "neutron.plugins.ml2.managers"
    rabbit, kernel = "oslo.messaging._drivers.impl_rabbit", "kernel: [{}.{:06d}] "
    return [
        # nova
        (30, lambda: oslo(v, "INFO", nova) + f"[instance: {v.uuid()}] Took {v.num(60)}.{v.num(99)} "
         "seconds to spawn the instance on the hypervisor."),
        (20, lambda: oslo(v, "DEBUG", "oslo_concurrency.lockutils") + 'Lock "compute_resources" acquired '
         f'by "nova.compute.resource_tracker._update_available_resource" :: waited {v.num(9)}.{v.num(999)}s'),
        (4, lambda: oslo(v, "ERROR", nova) + f"[instance: {v.uuid()}] Instance failed to spawn: "
         "libvirtError: Unable to write to '/sys/fs/cgroup/cpuset/machine.slice/cpuset.cpus': "
         "Permission denied"),
        (3, lambda: oslo(v, "ERROR", nova) + f"[instance: {v.uuid()}] Failed to allocate network(s) "
         f"for instance after {v.num(5)} attempts"),
        (3, lambda: oslo(v, "WARNING", "nova.scheduler.host_manager") + f"Host {v.host()} has more disk "
         f"space than database expected ({v.num(900)} GB > {v.num(900)} GB)"),
        (2, lambda: oslo(v, "ERROR", "nova.virt.libvirt.driver") + f"[instance: {v.uuid()}] Live Migration "
         f"failure: operation failed: Failed to connect to remote libvirt URI qemu+tcp://{v.host()}/system"),
        (2, lambda: oslo(v, "WARNING", "nova.compute.resource_tracker") + f"Instance {v.uuid()} has been "
         f"moved to another host {v.host()}. There are allocations remaining against the source host"),
        (2, lambda: oslo(v, "ERROR", "nova.conductor.manager") + "Failed to schedule instances: NoValidHost: "
         "No valid host was found. There are not enough hosts available."),
        # neutron
        (15, lambda: oslo(v, "INFO", "neutron.agent.dhcp.agent") + "Synchronizing state complete for "
         f"network {v.uuid()}"),
        (4, lambda: oslo(v, "ERROR", neutron) + f"Failed to bind port {v.uuid()} on host {v.host()} for "
         f"vnic_type normal using segments [{{'id': '{v.uuid()}', 'segmentation_id': {v.num(4096)}}}]"),
        (3, lambda: oslo(v, "WARNING", "neutron.agent.linux.iptables_manager") + "Attempted to remove chain "
         f"neutron-openvswi-{v.hex(10)} which does not exist"),
        (2, lambda: oslo(v, "ERROR", "neutron.agent.l3.agent") + f"Failed to process compatible router: "
         f"{v.uuid()}"),
        (2, lambda: oslo(v, "ERROR", "neutron.agent.linux.utils") + f"Exit code: {v.num(4) + 1}; Stdin: ; "
         "Stdout: ; Stderr: RTNETLINK answers: File exists"),
        # cinder, glance, keystone, heat
        (3, lambda: oslo(v, "ERROR", "cinder.volume.manager") + f"Failed to attach volume {v.uuid()} to "
         f"instance {v.uuid()}: iSCSI target {v.ip()}:3260 not reachable"),
        (2, lambda: oslo(v, "WARNING", "cinder.scheduler.filters.capacity_filter") + "Insufficient free "
         f"space for volume creation on host {v.host()}@lvm#lvm (requested / avail): "
         f"{v.num(500)}/{v.num(100)}.0"),
        (2, lambda: oslo(v, "ERROR", "cinder.volume.drivers.rbd") + "Error connecting to ceph cluster: "
         "error calling conf_read_file: errno EINVAL"),
        (2, lambda: oslo(v, "ERROR", "glance.api.v2.image_data") + f"Failed to upload image data for image "
         f"{v.uuid()} due to HTTP error: 413 Request Entity Too Large"),
        (10, lambda: oslo(v, "INFO", "eventlet.wsgi.server") + f'{v.ip()} "GET /v3/auth/tokens HTTP/1.1" '
         f"status: 200 len: {v.num(9000)} time: 0.{v.num(10 ** 7):07d}"),
        (3, lambda: oslo(v, "WARNING", "keystonemiddleware.auth_token") + "Authorization failed for token"),
        (2, lambda: oslo(v, "ERROR", "keystone.common.wsgi") + "(pymysql.err.OperationalError) (2013, 'Lost "
         "connection to MySQL server during query') [SQL: SELECT user.id FROM user WHERE user.id = "
         "%(param_1)s]"),
        (2, lambda: oslo(v, "ERROR", "heat.engine.resource") + f'CREATE : Server "vm{v.num(99)}" '
         f'[{v.uuid()}] Stack "stack-{v.num(900)}" [{v.uuid()}] failed: ResourceInError: Went to status '
         'ERROR due to "Message: Exceeded maximum number of retries. Code: 500"'),
        # oslo.messaging, oslo.db
        (4, lambda: oslo(v, "ERROR", rabbit) + f"AMQP server on {v.ip()}:5672 is unreachable: [Errno 111] "
         f"ECONNREFUSED. Trying again in {v.num(32)} seconds."),
        (3, lambda: oslo(v, "ERROR", "oslo_messaging.rpc.server") + "Exception during message handling: "
         f"MessagingTimeout: Timed out waiting for a reply to message ID {v.hex(32)}"),
        (3, lambda: oslo(v, "WARNING", "oslo_db.sqlalchemy.engines") + f"SQL connection failed. "
         f"{v.num(10)} attempts left."),
        (2, lambda: oslo(v, "ERROR", "oslo_db.sqlalchemy.exc_filters") + "DBAPIError exception wrapped from "
         "(pymysql.err.InternalError) (1213, u'Deadlock found when trying to get lock; try restarting "
         "transaction')"),
        # syslog daemons
        (8, lambda: syslog(v, "dnsmasq") + f"query[A] {v.pod()}.openstack.svc.cluster.local from {v.ip()}"),
        (3, lambda: syslog(v, "dnsmasq") + "Maximum number of concurrent DNS queries reached "
         f"(max: {v.num(300)})"),
        (2, lambda: syslog(v, "dnsmasq-dhcp") + f"DHCPDISCOVER(tap{v.hex(8)}-{v.hex(2)}) "
         f"fa:16:3e:{v.hex(2)}:{v.hex(2)}:{v.hex(2)} no address available"),
        (3, lambda: syslog(v, "libvirtd") + f"{v.num(40000)}: error : qemuMonitorIO:{v.num(800)} : "
         "internal error: End of file from qemu monitor"),
        (2, lambda: syslog(v, "haproxy") + f"Server keystone-api/{v.host()} is DOWN, reason: Layer4 "
         f'connection problem, info: "Connection refused", check duration: {v.num(9)}ms. '
         f"{v.num(3)} active and 0 backup servers left."),
        (2, lambda: syslog(v, "ovs-vswitchd") + f"{v.num(10 ** 5):05d}|netdev_linux|WARN|"
         f"tap{v.hex(8)}-{v.hex(2)}: removing policing failed: No such device"),
        (2, lambda: f"May 20 {v.hms()} {v.host()} " + kernel.format(v.num(10 ** 6), v.num(10 ** 6))
         + f"Out of memory: Kill process {v.num(40000)} (qemu-kvm) score {v.num(1000)} or sacrifice child"),
        (2, lambda: f"May 20 {v.hms()} {v.host()} " + kernel.format(v.num(10 ** 6), v.num(10 ** 6))
         + "nf_conntrack: table full, dropping packet"),
        (2, lambda: syslog(v, "systemd") + "docker.service: Main process exited, code=exited, "
         f"status={v.num(3)}/n"),
        # kubernetes
        (12, lambda: syslog(v, "kubelet") + klog(v, "I", f"kubelet.go:{v.num(3000)}") + "SyncLoop (PLEG): "
         f'"{v.pod()}_openstack({v.uuid()})", event: &pleg.PodLifecycleEvent{{ID:"{v.uuid()}", '
         'Type:"ContainerStarted"}'),
        (4, lambda: syslog(v, "kubelet") + klog(v, "E", f"pod_workers.go:{v.num(300)}") + "Error syncing "
         f'pod {v.uuid()} ("{v.pod()}_openstack({v.uuid()})"), skipping: failed to "StartContainer" for '
         f'"main" with CrashLoopBackOff: "Back-off {v.num(5)}m0s restarting failed container"'),
        (3, lambda: syslog(v, "kubelet") + klog(v, "W", f"container_manager_linux.go:{v.num(900)}")
         + f"CPUAccounting not enabled for pid: {v.num(40000)}"),
        (3, lambda: syslog(v, "kube-apiserver") + klog(v, "E", f"reflector.go:{v.num(300)}")
         + f"k8s.io/client-go/informers/factory.go:{v.num(200)}: Failed to list *v1.Endpoints: Get "
         f"https://{v.ip()}:6443/api/v1/endpoints?limit=500&resourceVersion=0: dial tcp "
         f"{v.ip()}:6443: i/o timeout"),
        (2, lambda: syslog(v, "kube-scheduler") + klog(v, "E", f"factory.go:{v.num(900)}")
         + f"Error scheduling openstack {v.pod()}: 0/{v.num(40)} nodes are available: "
         f"{v.num(40)} Insufficient memory.; retrying"),
        (2, lambda: syslog(v, "kube-controller-manager")
         + klog(v, "W", f"endpoints_controller.go:{v.num(600)}")
         + f"Failed to update endpoint openstack/{v.pod()}: Operation cannot be fulfilled on endpoints "
         f'"{v.pod()}": the object has been modified; please apply your changes to the latest version'),
        (6, lambda: f'{v.ip()} - - [20/May/2024:{v.hms()} +0000] "GET /api/v1/nodes?resourceVersion='
         f'{v.num(10 ** 7)}&watch=true HTTP/1.1" 200 {v.num(5000)} "-" "kubelet/v1.28.{v.num(9)}"'),
        (2, lambda: f"{v.date()} {v.hms()}.{v.num(10 ** 6):06d} W | etcdserver: read-only range request "
         f'"key:\\"/registry/pods/openstack/{v.pod()}\\" " with result "range_response_count:1 size:'
         f'{v.num(9000)}" took too long ({v.num(900)}.{v.num(999)}ms) to execute'),
        (2, lambda: f"{v.date()} {v.hms()}.{v.num(10 ** 6):06d} E | rafthttp: failed to dial {v.hex(16)} "
         f"on stream MsgApp v2 (dial tcp {v.ip()}:2380: connect: connection refused)"),
        # galera, rabbitmq, nginx
        (4, lambda: f"{v.date()} {v.hms()} {v.num(200000)} [Note] WSREP: Member {v.num(3)}.0 "
         f"(galera-{v.num(3)}) synced with group."),
        (2, lambda: f"{v.date()} {v.hms()} {v.num(200000)} [Warning] Aborted connection {v.num(10 ** 6)} "
         f"to db: 'nova' user: 'nova' host: '{v.ip()}' (Got an error reading communication packets)"),
        (2, lambda: f"{v.date()} {v.hms()} {v.num(200000)} [ERROR] WSREP: failed to open gcomm backend "
         "connection: 110: failed to reach primary view: 110 (Connection timed out)"),
        (2, lambda: f"=ERROR REPORT==== 20-May-2024::{v.hms()} ===\tclosing AMQP connection "
         f"<0.{v.num(9999)}.0> ({v.ip()}:{v.num(65000)} -> {v.ip()}:5672): missed heartbeats from "
         "client, timeout: 60s"),
        (2, lambda: f"{v.date()} {v.hms()}.{v.num(1000):03d} [error] <0.{v.num(9999)}.0> Channel error on "
         f"connection <0.{v.num(9999)}.0> ({v.ip()}:{v.num(65000)} -> {v.ip()}:5672, vhost: '/', "
         "user: 'nova'), channel 1: operation queue.declare caused a channel exception not_found"),
        (2, lambda: f"{v.date().replace('-', '/')} {v.hms()} [error] {v.num(900)}#{v.num(9)}: "
         f"*{v.num(10 ** 6)} upstream timed out (110: Connection timed out) while reading response header "
         f'from upstream, client: {v.ip()}, server: _, request: "POST /v2.1/servers HTTP/1.1", '
         f'upstream: "http://{v.ip()}:8774/"'),
        # Python tracebacks (generate() writes the frames and the exception after this line)
        (2, lambda: "Traceback (most recent call last):"),
    ]


FRAMES = [
    '  File "/usr/lib/python3/dist-packages/oslo_messaging/rpc/server.py", line {n}, in _process_incoming',
    "    res = self.dispatcher.dispatch(message)",
    '  File "/usr/lib/python3/dist-packages/nova/compute/manager.py", line {n}, in _build_and_run_instance',
    "    block_device_info=block_device_info)",
]
EXCEPTIONS = [
    "oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply to message ID {h}",
    "nova.exception.PortBindingFailed: Binding failed for port {u}, please check neutron logs for more "
    "information.",
    "sqlalchemy.exc.OperationalError: (pymysql.err.OperationalError) (2006, 'MySQL server has gone away')",
]


def generate(path: Path, lines: int = 100_000, seed: int = 11) -> dict:
    rng = random.Random(seed)
    v = Values(rng)
    table = shapes(v)
    weights = [w for w, _ in table]
    truth: list[int | None] = []
    out: list[str] = []
    while len(out) < lines:
        v.tick()
        shape = rng.choices(range(len(table)), weights)[0]
        out.append(table[shape][1]())
        truth.append(shape)
        if out[-1].startswith("Traceback"):
            for frame in FRAMES:
                out.append(frame.format(n=v.num(2000)))
                truth.append(None)
            which = rng.randrange(len(EXCEPTIONS))
            out.append(EXCEPTIONS[which].format(h=v.hex(32), u=v.uuid()))
            truth.append(len(table) + which)
    del out[lines:], truth[lines:]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    Path(f"{path}.truth.json").write_text(json.dumps(truth))
    return {"lines": len(out), "shapes": len(table) + len(EXCEPTIONS), "bytes": path.stat().st_size}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="Log file to write (its truth goes to OUT.truth.json).")
    parser.add_argument("--lines", type=int, default=100_000, help="Lines to write (default 100000).")
    parser.add_argument("--seed", type=int, default=11, help="Random seed (default 11).")
    args = parser.parse_args()
    made = generate(args.out, args.lines, args.seed)
    print(f"{args.out}: {made['lines']} lines, {made['bytes']} bytes, {made['shapes']} message shapes")


if __name__ == "__main__":
    main()
