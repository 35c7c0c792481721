"""A small realistic knowledge base for the matcher's tests and benchmarks.

The issues paraphrase public incident reports (the fuel-ccp scale testing
report of openstack/performance-docs, nova's and cinder's troubleshooting
guides) plus well-known OpenStack/Kubernetes failures. `load_issue_specs()`
is the one place the bench takes its knowledge from: switch it to the real
fixtures when they land.
"""

import itertools

from kb.matching import IssueSpec, SignatureSpec

_ids = itertools.count(1)


def _issue(
    slug,
    title,
    components,
    *,
    status="",
    symptoms="",
    root_cause="",
    solution="",
    workaround="",
    curated=(),
    symptom=(),
    related=(),
    environment="",
):
    signatures = tuple(SignatureSpec(next(_ids), text, "curated") for text in curated) + tuple(
        SignatureSpec(next(_ids), text, "symptom") for text in symptom
    )
    return IssueSpec(
        slug=slug,
        title=title,
        status=status,
        components=tuple(components),
        environment=environment,
        symptoms=symptoms,
        root_cause=root_cause,
        solution=solution,
        workaround=workaround,
        signatures=signatures,
        related=tuple(related),
        url=f"/issues/{slug}/",
    )


MYSQL_DNS_BLOCK = """\
2016-12-11 16:59:22.220 1165 ERROR nova.api.openstack.extensions
DBConnectionError: (pymysql.err.OperationalError) (2003, "Can't
connect to MySQL server on 'galera.ccp.svc.cluster.local' ([Errno
-2] Name or service not known)")"""

CINDER_BLOCK = """\
2013-03-12 01:35:43 1248 TRACE cinder.openstack.common.rpc.amqp \\
ISCSITargetCreateFailed: \\
Failed to create iscsi target for volume \\
volume-137641b2-af72-4a2f-b243-65fdccd38780."""

LIBVIRT_SSH_BLOCK = """\
libvirtError: operation failed: Failed to connect to remote libvirt URI
qemu+ssh://stack@cld6b16/system: Cannot recv data: Host key verification
failed.: Connection reset by peer"""

TENANT_BLOCK = """\
| 93b95c73-f849-4ffb-9108-63cf262d3a9f | cassandra_vm_0 |
ACTIVE | slice0-node162-net=11.62.0.8, 10.144.1.35 |
ubuntu-software-config-last |

root@node1:~# ssh -i .ssh/slace ubuntu@10.144.1.35
Connection closed by 10.144.1.35 port 22"""


def _kubernetes() -> list[IssueSpec]:
    return [
        _issue(
            "kubedns-max-concurrent-queries",
            "KubeDNS cannot handle big cluster load with default settings",
            ["kubedns", "dnsmasq", "kargo"],
            status="partially_fixed",
            symptoms="When deploying OpenStack at this scale `kubedns` becomes unresponsive "
            "because "
            "of high load. The `dnsmasq` container of the `kubedns` pod logs very often the error "
            "below, and `dnsmasq` containers get restarted after hitting their memory limit.",
            root_cause="`kubedns` fails often under high load and its liveness check restarts it; "
            "`dnsmasq` should take the load off `kubedns` but needs tuning for big clusters.",
            solution="Raise the memory limits of the `dnsmasq` containers, run 6 or more `kubedns` "
            "replicas, start dnsmasq with `--dns-forward-max=1000` and a 10000-entry cache.",
            symptom=["Maximum number of concurrent DNS queries reached."],
            curated=["Maximum number of concurrent DNS queries reached (max: <NUM>)"],
        ),
        _issue(
            "kube-apiserver-nginx-idle-timeout",
            "Huge load on kube-apiserver",
            ["kube-apiserver", "nginx", "kargo"],
            status="fixed",
            symptoms="Both API servers use up to 2000% CPU; kubelet and kube-proxy watches are "
            "cut and restarted every few seconds.",
            root_cause="The local nginx proxy in front of kube-apiserver cut idle watch "
            "connections "
            "after 3 seconds, so every client reconnected and restarted its TLS session.",
            solution="Set `proxy_timeout` to 10 minutes in `nginx.conf` (fixed in Kargo).",
            curated=["watch of <*> ended with: very short watch"],
        ),
        _issue(
            "kube-scheduler-antiaffinity-slow",
            "Kubernetes scheduler is ineffective with pod antiaffinity",
            ["kube-scheduler"],
            status="fixed",
            symptoms="The scheduler spends 2-3 seconds on each pod with pod anti-affinity rules; "
            "scheduling a 900 node OpenStack cluster takes about 3 hours.",
            root_cause="Creating selectors for every existing pod triggers validation: O(N^2) "
            "steps.",
            solution="Upgrade to Kubernetes 1.5.2, which lowers the expensive operations to O(N).",
        ),
        _issue(
            "kube-scheduler-dedicated-node",
            "Kubernetes scheduler needs to be deployed on separate node",
            ["kube-scheduler", "kube-apiserver", "kube-controller-manager"],
            status="workaround",
            symptoms="Scheduler, controller-manager and apiserver compete for CPU on the masters "
            "during a large deployment.",
            workaround="Move kube-scheduler to a dedicated node and stop the other schedulers.",
        ),
        _issue(
            "kube-apiserver-rate-limit",
            "kube-apiserver have low default rate limit",
            ["kube-apiserver", "kargo"],
            status="config_fix",
            symptoms="Services receive “429 Rate Limit Exceeded” HTTP errors although the "
            "kube-apiservers could take more load.",
            solution="Raise `--max-requests-inflight` of kube-apiserver from 400 to 2000.",
            curated=[
                "the server has received too many requests and has asked us to try again later"
            ],
            related=[("kube-scheduler-wrong-placement", "related")],
        ),
        _issue(
            "kube-scheduler-wrong-placement",
            "Kubernetes scheduler can schedule wrongly",
            ["kube-scheduler"],
            status="fixed",
            symptoms="Under 429 errors from kube-apiserver the scheduler places several pods of "
            "one "
            "deployment on one node, violating their anti-affinity.",
            root_cause="The scheduler cache evicts a pod before it is actually processed.",
            solution="Upgrade to a release with kubernetes/kubernetes#38503.",
            related=[("kube-apiserver-rate-limit", "caused_by")],
        ),
        _issue(
            "docker-unresponsive",
            "Docker become unresponsive at random",
            ["docker", "kubelet"],
            status="workaround",
            symptoms="The Docker daemon hangs on some nodes; kubelet logs timeouts and pods can be "
            "neither spawned nor terminated on the node.",
            workaround="Restart the docker service on the affected node.",
            curated=[
                "PLEG is not healthy: pleg was last seen active <*> ago",
                "operation timeout: context deadline exceeded",
            ],
        ),
        _issue(
            "calico-full-mesh-startup",
            "Calico start up time is too long",
            ["calico"],
            status="workaround",
            symptoms="After a node is killed Calico needs about 5 minutes to re-establish its BGP "
            "mesh.",
            root_cause="Without route reflectors BIRD keeps a full BGP mesh between all nodes.",
            solution="Use BGP route reflectors so each node only peers with the reflectors.",
            curated=["Mesh_<*>: Socket error: connect: Connection refused"],
        ),
        _issue(
            "etcd-heartbeat-slow-disk",
            "etcd misses heartbeats on slow disks",
            ["etcd"],
            status="config_fix",
            symptoms="etcd elects new leaders repeatedly and kube-apiserver requests time out.",
            root_cause="fsync on a busy disk takes longer than the heartbeat interval.",
            solution="Put etcd on SSDs, raise `--heartbeat-interval` to 500 and "
            "`--election-timeout` to 5000.",
            curated=["failed to send out heartbeat on time (exceeded the <*> timeout for <*>)"],
        ),
    ]


def _heat() -> list[IssueSpec]:
    return [
        _issue(
            "heat-domain-missing",
            "Lack of Heat domain configuration",
            ["heat", "keystone", "fuel-ccp"],
            status="fixed",
            symptoms="Authentication errors while Heat stacks are created.",
            root_cause="Since Newton, Heat needs a `heat` domain with a `heat_domain_admin` user "
            "holding the admin role in it.",
            solution="Create the heat domain and its admin (fuel-ccp patches 400846 and 402045).",
            curated=[
                "stack_user_domain_id or stack_user_domain_name not set in heat.conf "
                "falling back to using default"
            ],
        ),
        _issue(
            "heat-api-cfn-missing",
            "Lack of heat-api-cfn service configuration in fuel-ccp",
            ["heat", "fuel-ccp"],
            status="fixed",
            symptoms="Applications configured by Heat templates never receive their configuration.",
            root_cause="fuel-ccp did not deploy `heat-api-cfn`, needed by the default "
            "`user_data_format` HEAT_CFNTOOLS.",
            solution="Add the heat-api-cfn image, service and endpoints to fuel-ccp.",
            curated=["endpoint for cloudformation service not found"],
        ),
        _issue(
            "heat-endpoint-unreachable-from-vms",
            "Heat endpoint not reachable from virtual machines",
            ["heat", "fuel-ccp"],
            status="fixed",
            symptoms="Heat API and Heat API CFN are not reachable from OpenStack VMs; "
            "wait conditions time out.",
            root_cause="OS::Heat::WaitCondition and SoftwareDeployment call back on ports 8004 and "
            "8000, which the Kubernetes services do not expose to VMs.",
            solution="Expose the Heat endpoints in `.ccp.yaml` or reconfigure the deployed "
            "services.",
            curated=["WaitConditionTimeout: resources.<*>: <NUM> of <NUM> received"],
        ),
        _issue(
            "glance-heat-auth-misconfig",
            "Glance+Heat authentication misconfiguration",
            ["glance", "heat", "keystone"],
            status="fixed",
            symptoms="Random Glance authentication errors while Heat stacks are created.",
            root_cause="Service users must have the admin role in the service project, not belong "
            "to the user-facing admin project.",
            solution="Apply fuel-ccp patches 409033 and 409037.",
            curated=["glanceclient.exc.HTTPUnauthorized: 401 Unauthorized"],
        ),
        _issue(
            "heat-api-slow-requests",
            "Slow Heat API requests",
            ["heat"],
            status="investigating",
            symptoms="Regular requests to the Heat API take more than a minute, e.g. showing a "
            "stack.",
            root_cause="Probably a race between several Heat API workers; still under debug.",
            workaround="Run a single Heat API worker (`workers = 1`).",
        ),
        _issue(
            "heat-convergence-metadata",
            "OpenStack VMs cannot fetch required metadata",
            ["heat"],
            status="workaround",
            symptoms="Servers do not receive their application metadata; Heat logs a trace.",
            root_cause="The convergence engine processes requests in parallel and races on "
            "database access while storing the stack.",
            workaround="Turn off the convergence engine: `convergence_engine = False`.",
        ),
        _issue(
            "heat-rpc-timeout-validation",
            "RPC timeouts during Heat resources validation",
            ["heat", "oslo.messaging"],
            status="config_fix",
            symptoms="Validation of Heat resources fails with an RPC timeout.",
            root_cause="`rpc_response_timeout` is too small for validation under load.",
            solution="Set `rpc_response_timeout = 600` in heat.conf.",
            curated=["MessagingTimeout: Timed out waiting for a reply to message ID <*>"],
        ),
    ]


def _openstack() -> list[IssueSpec]:
    return [
        _issue(
            "mysql-connection-loss-dns",
            "Random loss of connection to MySQL",
            ["mysql", "kubedns", "heat", "oslo.db"],
            status="partially_fixed",
            symptoms="Some Heat stacks go to ERROR with this traceback in the Heat logs:\n\n```\n"
            + MYSQL_DNS_BLOCK
            + "\n```",
            root_cause="The same KubeDNS overload: the galera service name cannot be resolved.",
            solution="See the KubeDNS issue: tune dnsmasq and add kubedns replicas.",
            symptom=[MYSQL_DNS_BLOCK],
            related=[("kubedns-max-concurrent-queries", "same_root_cause")],
        ),
        _issue(
            "mysql-cant-connect-galera-down",
            "Galera cluster unreachable: services cannot connect to MySQL",
            ["mysql", "oslo.db"],
            status="workaround",
            symptoms="All OpenStack services fail their database calls at once.",
            root_cause="No galera node accepts connections (cluster lost quorum or pods "
            "restarting).",
            workaround="Bootstrap the galera cluster from the most advanced node, then restart "
            "services.",
            curated=[
                "(pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on <*> "
                '([Errno 111] Connection refused)")'
            ],
        ),
        _issue(
            "memcached-overloaded",
            "Overloaded Memcache service",
            ["memcached", "keystone"],
            status="config_fix",
            symptoms="Requests to memcached become really slow on 200 nodes with workloads; "
            "keystonemiddleware token validation stalls.",
            root_cause="memcached has 256 MB by default in fuel-ccp: constant evictions and "
            "retransmissions.",
            solution="Raise the memcached `ram` to 30720 MB in the fuel-ccp configuration.",
            curated=["Unable to get a connection from pool id <*> after <NUM> seconds"],
        ),
        _issue(
            "neutron-agents-shown-down-osc",
            "Incorrect status information for Neutron agents",
            ["python-openstackclient", "neutron"],
            status="workaround",
            symptoms="`openstack network agent list` shows every Neutron agent down although they "
            "work.",
            root_cause="An OpenStackSDK refactoring broke several OSC networking commands (bug "
            "1652317).",
            workaround="Use the neutron client to check agent status until the bug is fixed.",
        ),
        _issue(
            "nova-client-http-instead-of-https",
            "Nova client not working",
            ["nova", "python-openstackclient"],
            status="config_fix",
            symptoms="Every nova client command ends with a stack trace.",
            root_cause="The client talks HTTP to an endpoint that requires HTTPS "
            "(http://compute.ccp.external:8443/v2.1/).",
            solution="Set `secure_proxy_ssl_header = HTTP_X_FORWARDED_PROTO` in nova.conf.",
            curated=["Unable to establish connection to http://<*>/v2.1/"],
        ),
        _issue(
            "neutron-db-pool-exhausted",
            "Neutron server timeouts",
            ["neutron", "oslo.db"],
            status="config_fix",
            symptoms="Neutron server cannot process requests under load.",
            root_cause="The default database pool size and max overflow are too small for the load "
            "on the Neutron API.",
            solution="Set `max_pool_size = 30` and `max_overflow = 60` in the `[database]` "
            "section.",
            curated=[
                "QueuePool limit of size <NUM> overflow <NUM> reached, connection timed out, "
                "timeout <NUM>"
            ],
        ),
        _issue(
            "tenant-network-vm-unreachable",
            "No access to OpenStack VM from tenant network",
            ["neutron"],
            status="investigating",
            symptoms="Some VMs are reachable neither from the tenant network nor by floating IP.",
            root_cause="Still under investigation.",
            symptom=[TENANT_BLOCK],
        ),
        _issue(
            "pxc-pseudo-deadlock",
            "OpenStack services don’t handle PXC pseudo-deadlocks",
            ["mysql", "oslo.db", "nova"],
            status="partially_fixed",
            symptoms="Parallel creates fail with a DBError: Percona XtraDB Cluster detected a "
            "deadlock and the transaction should be restarted.",
            root_cause="oslo.db did not recognise Percona's deadlock error format, and some Nova "
            "transactions lack the retry decorator.",
            solution="Upgrade oslo.db (bug 1648818); the remaining Nova places are TBD.",
            curated=[
                "Deadlock found when trying to get lock; try restarting transaction",
                "WSREP detected deadlock/conflict and aborted the transaction. "
                "Try restarting the transaction",
            ],
        ),
        _issue(
            "nova-live-migration-uri",
            "Live migration failed with live_migration_uri configuration",
            ["nova", "libvirt"],
            status="fixed",
            symptoms="Live migrations fail: one compute host cannot connect to libvirt on another.",
            root_cause="`live_migration_uri` takes the address of the first interface (PXE "
            "network) "
            "while libvirt listens on the private network.",
            solution="Use `live_migration_inbound_addr` (nova bug 1638625, backported to Newton).",
            curated=[
                "Live Migration failure: unable to connect to server at '<*>': No route to host"
            ],
        ),
    ]


def _compute() -> list[IssueSpec]:
    return [
        _issue(
            "nova-unexpected-task-state-delete",
            "Instance deleted while spawning raises UnexpectedTaskStateError",
            ["nova"],
            status="fixed",
            symptoms="nova-compute logs an error when an instance is deleted during its build.",
            root_cause="The build path updates the instance expecting task_state spawning while "
            "the "
            "API already set deleting.",
            solution="Harmless; fixed upstream by treating it as a normal delete during build.",
            curated=[
                "UnexpectedTaskStateError: Conflict updating instance <UUID>. "
                "Expected: {'task_state': [<*>'spawning']}. Actual: {'task_state': <*>'deleting'}"
            ],
        ),
        _issue(
            "nova-port-binding-failed",
            "Instance fails to boot: port binding failed",
            ["nova", "neutron"],
            status="config_fix",
            symptoms="Instances go to ERROR; nova-compute reports that binding failed for a port.",
            root_cause="No Neutron mechanism driver could bind the port on the host: the agent is "
            "down or the bridge mappings do not match the network.",
            solution="Check the L2 agent on the compute host and its `bridge_mappings`, then "
            "rebuild.",
            curated=[
                "PortBindingFailed: Binding failed for port <UUID>, please check neutron logs "
                "for more information",
                "vif_type=binding_failed",
            ],
        ),
        _issue(
            "oslo-messaging-amqp-unreachable",
            "Services lose RabbitMQ and retry forever",
            ["oslo.messaging", "rabbitmq"],
            status="workaround",
            symptoms="After a RabbitMQ node fails, services keep logging that the AMQP server is "
            "unreachable and RPC calls time out.",
            root_cause="Clients stick to the dead node of the cluster.",
            workaround="Restart the affected services after the RabbitMQ cluster is healthy.",
            curated=["AMQP server on <IP> is unreachable: <*>. Trying again in <NUM> seconds"],
        ),
        _issue(
            "mysql-oom-killed",
            "MySQL killed by the kernel OOM killer",
            ["mysql"],
            status="config_fix",
            symptoms="galera nodes restart; the kernel log shows the OOM killer choosing mysqld.",
            root_cause="innodb_buffer_pool_size plus per-connection buffers exceed the memory "
            "limit.",
            solution="Lower `innodb_buffer_pool_size` or raise the container memory limit.",
            curated=["Out of memory: Kill process <NUM> (mysqld) score <NUM> or sacrifice child"],
        ),
        _issue(
            "keystone-token-validation-fails",
            "Token validation fails in keystonemiddleware",
            ["keystone", "memcached"],
            status="workaround",
            symptoms="APIs answer 401 intermittently; keystonemiddleware cannot fetch token data.",
            root_cause="keystonemiddleware's memcache pool times out and falls back to keystone, "
            "which is overloaded.",
            workaround="Raise memcached capacity and `memcache_pool_conn_get_timeout`.",
            curated=["Unable to validate token: Failed to fetch token data from identity server"],
            related=[("memcached-overloaded", "caused_by")],
        ),
        _issue(
            "libvirt-eof-reading-data",
            "libvirt connection drops with End of file while reading data",
            ["libvirt", "nova"],
            status="workaround",
            symptoms="nova-compute loses its libvirt connection; instances stay in their task "
            "state.",
            root_cause="libvirtd restarted or crashed under load.",
            workaround="Restart libvirtd, then nova-compute.",
            curated=["End of file while reading data: Input/output error"],
        ),
        _issue(
            "cinder-iscsi-target-create-failed",
            "Failed to create iSCSI target",
            ["cinder"],
            status="config_fix",
            symptoms="cinder-volume.log shows the error below after trying to attach a volume.",
            root_cause="`volumes_dir` of cinder and the tgt include file disagree.",
            solution="Set `volumes_dir` and add `include /var/lib/cinder/volumes/*` to the tgt "
            "configuration.",
            symptom=[CINDER_BLOCK],
        ),
        _issue(
            "nova-live-migration-ssh-host-key",
            "Live migration permission issues",
            ["nova", "libvirt"],
            status="config_fix",
            symptoms="Live migration fails with a libvirt error about the remote URI.",
            solution="Complete the SSH configuration for the root user, which libvirt runs as.",
            symptom=[LIBVIRT_SSH_BLOCK],
        ),
    ]


def load_issue_specs() -> list[IssueSpec]:
    """The knowledge base the bench and tests match against."""
    return _kubernetes() + _heat() + _openstack() + _compute()
