import json
N = "openstack/nova"
L = []
def a(slug, text, source): L.append({"text": text, "expect": slug, "source": source})
# 1 live-migration-of-busy-instances-never-converges
s="live-migration-of-busy-instances-never-converges"
a(s,"2018-03-14 09:12:44.617 31877 INFO nova.virt.libvirt.driver [req-5b0e2c71-9a4d-4f0e-8f8e-0e7d1f6a2b11 2b7f1c0e5d8a4c3f9e6b1a2d3c4e5f60 6c1e9a7b3d2f4e5a8b9c0d1e2f3a4b5c - - -] [instance: 4e8a77d2-31c5-4b0f-9d3e-5a6b7c8d9e01] Migration running for 1830 secs, memory 38% remaining; (bytes processed=612301842432, remaining=3262619648, total=8591507456)", N+" nova/virt/libvirt/driver.py @14.0.0 (Newton) _live_migration_monitor")
a(s,"2018-03-14 10:58:11.902 31877 WARNING nova.virt.libvirt.migration [req-5b0e2c71-9a4d-4f0e-8f8e-0e7d1f6a2b11 2b7f1c0e5d8a4c3f9e6b1a2d3c4e5f60 6c1e9a7b3d2f4e5a8b9c0d1e2f3a4b5c - - -] [instance: 4e8a77d2-31c5-4b0f-9d3e-5a6b7c8d9e01] Live migration not completed after 6400 sec", N+" nova/virt/libvirt/migration.py @14.0.0 should_abort()")
a(s,"2016-02-03 22:41:07.015 2208 WARNING nova.virt.libvirt.driver [req-0c9d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f admin admin] [instance: b71f03c2-8a9e-4d1b-b6c4-2e0f9a8d7c65] Live migration stuck for 150 sec", N+" nova/virt/libvirt/driver.py @12.0.0 (Liberty) _live_migration_monitor")
a(s,"2018-03-14 09:14:02.338 31877 INFO nova.virt.libvirt.driver [-] [instance: 4e8a77d2-31c5-4b0f-9d3e-5a6b7c8d9e01] Data remaining 2914025472 bytes, low watermark 1048576 bytes 1784 seconds ago", N+" nova/virt/libvirt/driver.py @14.0.0 'Data remaining %(remaining)d bytes, low watermark %(watermark)d bytes %(last)d seconds ago'")
a(s,"2018-03-14 10:58:12.441 31877 ERROR nova.virt.libvirt.driver [-] [instance: 4e8a77d2-31c5-4b0f-9d3e-5a6b7c8d9e01] Live Migration failure: operation aborted: migration job: canceled by client", N+" nova/virt/libvirt/driver.py @14.0.0 'Live Migration failure: %s' + libvirt src/qemu/qemu_migration.c 'canceled by client' (after nova aborts the job on completion timeout)")
# 2 juno local disk + ceph volume
s="juno-live-migration-fails-with-local-disk-and-a-ceph-volume"
a(s,"2015-11-02 14:03:27.554 4411 ERROR nova.virt.libvirt.driver [req-8f7e6d5c-4b3a-4291-8f0e-1d2c3b4a5968 5e4d3c2b1a0f49e8d7c6b5a4f3e2d1c0 0a1b2c3d4e5f46a7b8c9d0e1f2a3b4c5 - - -] [instance: 6f0d2b9a-7c41-4e3f-a8d5-91b2c6e4f7a0] Cannot block migrate instance 6f0d2b9a-7c41-4e3f-a8d5-91b2c6e4f7a0 with mapped volumes", N+" nova/virt/libvirt/driver.py @12.0.0 check_can_live_migrate_source")
a(s,"MigrationPreCheckError: Migration pre-check error: Cannot block migrate instance 6f0d2b9a-7c41-4e3f-a8d5-91b2c6e4f7a0 with mapped volumes. Selective block device migration feature requires libvirt version 1.2.17", N+" nova/virt/libvirt/driver.py @13.0.0/14.0.0 + nova/exception.py MigrationPreCheckError; MIN_LIBVIRT_BLOCK_LM_WITH_VOLUMES_VERSION=(1,2,17)")
a(s,"ERROR (BadRequest): Migration pre-check error: Cannot block migrate instance c3e1a9d4-5f27-4b8e-9a61-0d2c7e8f4b13 with mapped volumes (HTTP 400) (Request-ID: req-2a1b0c9d-8e7f-4a6b-9c5d-4e3f2a1b0c9d)", N+" nova/exception.py MigrationPreCheckError @12.0.0 as surfaced by python-novaclient live-migration --block-migrate")
a(s,"2015-06-18 11:20:45.310 3187 ERROR oslo.messaging.rpc.dispatcher [req-77b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d None] Exception during message handling: compute-31.ovh.local is not on shared storage: Live migration can not be used without shared storage.", N+" nova/exception.py InvalidSharedStorage + nova/virt/libvirt/driver.py @2014.2 (Juno) check_can_live_migrate_source (non-block attempt on an instance with a local disk)")
# 3 config drive iso9660
s="config-drive-in-iso9660-format-breaks-live-migration"
a(s,"NoLiveMigrationForConfigDriveInLibVirt: Live migration of instances with config drives is not supported in libvirt unless libvirt instance path and drive data is shared across compute nodes.", N+" nova/exception.py @2014.2 NoLiveMigrationForConfigDriveInLibVirt")
a(s,"2015-01-22 08:14:39.006 2719 ERROR nova.compute.manager [req-4c3b2a19-0817-4f6e-9d5c-4b3a29180706 None] [instance: 0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b] Pre live migration failed at node-44: Live migration of instances with config drives is not supported in libvirt unless libvirt instance path and drive data is shared across compute nodes.", N+" nova/compute/manager.py 'Pre live migration failed at %s' + nova/exception.py NoLiveMigrationForConfigDriveInLibVirt @2014.2")
a(s,"2017-05-09 16:02:51.447 18831 ERROR nova.virt.libvirt.driver [req-e1d2c3b4-a596-4877-8899-aabbccddeeff 9b8a7c6d5e4f40318293a4b5c6d7e8f9 1f2e3d4c5b6a47988776655443322110 - - -] [instance: 2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a] Live Migration failure: Operation not supported: Cannot migrate empty or read-only disk hdd", "libvirt/libvirt src/qemu/qemu_migration.c 'Cannot migrate empty or read-only disk %s' (config drive iso9660 is attached as read-only cdrom hdd); nova bug 1246201")
# 4 disks left on source
s="instance-disks-left-on-the-source-host-after-live-migration"
a(s,"2017-09-27 03:11:58.702 22104 ERROR nova.compute.manager [req-9a8b7c6d-5e4f-4321-a0b9-c8d7e6f5a4b3 7c6b5a4d3e2f41098f7e6d5c4b3a2910 3a2b1c0d9e8f47a6b5c4d3e2f1a0b9c8 - - -] [instance: 8d7c6b5a-4e3f-4d2c-9b1a-0f9e8d7c6b5a] Pre live migration failed at gra1-compute-772: DestinationDiskExists: The supplied disk path (/var/lib/nova/instances/8d7c6b5a-4e3f-4d2c-9b1a-0f9e8d7c6b5a) already exists, it is expected not to exist.", N+" nova/exception.py DestinationDiskExists + nova/virt/libvirt/driver.py pre_live_migration @14.0.0 (migrating back onto a host that kept the old instance dir)")
a(s,"2017-09-27 05:00:13.118 22104 INFO nova.compute.manager [req-1b2c3d4e-5f60-4718-a9b0-c1d2e3f4a5b6 - - - - -] [instance: 8d7c6b5a-4e3f-4d2c-9b1a-0f9e8d7c6b5a] Destroying instance with name label 'instance-0003a7f1' which is marked as DELETED but still present on host.", N+" nova/compute/manager.py @13.0.0 _cleanup_running_deleted_instances (running_deleted_instance_action=reap)")
a(s,"WARNING nova.compute.manager [-] [instance: 31b4c5d6-e7f8-4a9b-8c0d-1e2f3a4b5c6d] Detected instance with name label 'instance-00012b0e' which is marked as DELETED but still present on host.", N+" nova/compute/manager.py @13.0.0 _cleanup_running_deleted_instances (action=log)")
a(s,"2017-09-27 05:00:14.550 22104 INFO nova.virt.libvirt.driver [req-1b2c3d4e-5f60-4718-a9b0-c1d2e3f4a5b6 - - - - -] [instance: 8d7c6b5a-4e3f-4d2c-9b1a-0f9e8d7c6b5a] Deletion of /var/lib/nova/instances/8d7c6b5a-4e3f-4d2c-9b1a-0f9e8d7c6b5a_del failed", N+" nova/virt/libvirt/driver.py @13.0.0 delete_instance_files 'Deletion of %s failed'")
# 5 neutron port binding after LM
s="neutron-port-binding-fails-after-live-migration"
a(s,"NovaException: Unexpected vif_type=binding_failed", N+" nova/virt/libvirt/vif.py @12.0.0 get_config/plug 'Unexpected vif_type=%s'")
a(s,"2016-11-30 13:45:20.981 9123 ERROR nova.compute.manager [instance: 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d] NovaException: Unsupported VIF type binding_failed convert '_nova_to_osvif_vif_binding_failed'", N+" nova/network/os_vif_util.py @14.0.0 'Unsupported VIF type %(type)s convert '%(func)s''")
a(s,"2016-11-30 13:45:19.402 31 ERROR neutron.plugins.ml2.managers [req-6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098 - - - - -] Failed to bind port 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a on host compute-118 for vnic_type normal using segments [{'segmentation_id': 1042, 'physical_network': None, 'id': 'e1d2c3b4-a596-4877-8899-001122334455', 'network_type': u'vxlan'}]", "openstack/neutron neutron/plugins/ml2/managers.py @9.0.0 _bind_port_level failure")
a(s,"2016-11-30 13:45:21.007 9123 ERROR nova.compute.manager [req-0a9b8c7d-6e5f-4a3b-9c1d-2e3f4a5b6c7d 4f3e2d1c0b9a48877665544332211000 8e7d6c5b4a3948271605f4e3d2c1b0a9 - - -] [instance: 5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d] Unexpected error during post live migration at destination host.", N+" nova/compute/manager.py @13.0.0 post_live_migration_at_destination")
a(s,"WARNING neutron.plugins.ml2.drivers.mech_agent [req-3c2b1a09-f8e7-4d6c-b5a4-93827160f5e4 - - - - -] Refusing to bind port 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a to dead agent: {'binary': u'neutron-openvswitch-agent', 'host': u'compute-118', 'alive': False, 'agent_type': u'Open vSwitch agent'}", "openstack/neutron neutron/plugins/ml2/drivers/mech_agent.py @9.0.0 bind_port")
# 6 soft reboot crash
s="nova-compute-crashes-during-soft-reboot"
a(s,"UnexpectedTaskStateError: Conflict updating instance 0b7d3e1f-9a2c-4c58-b6e4-d1f0a9c8b7e6. Expected: {'task_state': [u'rebooting_hard', u'reboot_pending_hard', u'reboot_started_hard']}. Actual: {'task_state': u'reboot_pending'}", N+" nova/exception.py InstanceUpdateConflict/UnexpectedTaskStateError @13.0.0; mikal blog (seed 003) and nova bug 1072751")
a(s,"2016-03-08 04:19:55.664 14201 ERROR oslo_messaging.rpc.dispatcher [req-1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b admin demo] UnexpectedTaskStateError_Remote: Conflict updating instance 0b7d3e1f-9a2c-4c58-b6e4-d1f0a9c8b7e6. Expected: {'task_state': [u'rebooting_hard', u'reboot_pending_hard', u'reboot_started_hard']}. Actual: {'task_state': u'reboot_started'}", N+" nova/exception.py @12.0.0 + oslo.messaging remote exception naming (_Remote suffix)")
a(s,"2016-10-12 07:30:02.118 5521 DEBUG nova.compute.manager [req-a1b2c3d4-e5f6-4789-8abc-def012345678 - - - - -] [instance: 0b7d3e1f-9a2c-4c58-b6e4-d1f0a9c8b7e6] Instance in transitional state (reboot_started) at start-up and power state is (4), triggering reboot", N+" nova/compute/manager.py @14.0.0 _init_instance (soft reboot interrupted by nova-compute crash)")
a(s,"| 0b7d3e1f-9a2c-4c58-b6e4-d1f0a9c8b7e6 | web-03 | REBOOT | reboot_started | Running     | private=10.0.0.14 |", "nova list output shape from mikal blog post on bug 1072751 (seed 003); values made up")
# 7 ceph OSA AIO pg_num
s="ceph-in-an-openstack-ansible-aio-needs-osd_pool_default_pg_num"
a(s,"Error ERANGE:  pg_num 128 size 3 would mean 1152 total pgs, which exceeds max 750 (mon_max_pg_per_osd 250 * num_in_osds 3)", "ceph/ceph src/mon/OSDMonitor.cc check_pg_num (Luminous+) as quoted in public reports")
a(s,"fatal: [aio1_ceph-mon_container-5e9b0a41]: FAILED! => {\"changed\": false, \"cmd\": [\"ceph\", \"--cluster\", \"ceph\", \"osd\", \"pool\", \"create\", \"vms\", \"128\", \"128\"], \"rc\": 34, \"stderr\": \"Error ERANGE:  pg_num 128 size 3 would mean 1536 total pgs, which exceeds max 750 (mon_max_pg_per_osd 250 * num_in_osds 3)\"}", "ceph/ceph-ansible roles/ceph-mon/tasks/openstack_config.yml 'create openstack pool(s)' + ceph OSDMonitor.cc message; ansible output shape")
a(s,"     health HEALTH_WARN too many PGs per OSD (448 > max 300)", "ceph/ceph src/mon/PGMonitor.cc (Jewel/Kraken) 'too many PGs per OSD (' ... ' > max ' mon_pg_warn_max_per_osd; ceph -s layout as in seed 003")
# 8 huge load on kube-apiserver
s="huge-load-on-kube-apiserver"
a(s,"2016/12/11 15:21:07 [info] 27#27: *918234 connection timed out (110: Connection timed out) while proxying connection, client: 127.0.0.1, server: 127.0.0.1:6443, upstream: \"10.10.0.3:6443\", bytes from/to client:2817/41633, bytes from/to upstream:41633/2817", "nginx/nginx src/stream/ngx_stream_proxy_module.c (proxy_timeout fired; log handler 'while proxying connection, client: ..., bytes from/to ...')")
a(s,"I1211 15:21:07.913321    2871 logs.go:41] http: TLS handshake error from 10.10.0.57:48122: EOF", "kubernetes/kubernetes pkg/util/logs/logs.go (glog writer for net/http ErrorLog) + Go net/http 'http: TLS handshake error from %s: %v'")
a(s,"E1211 15:21:09.102214    1893 reflector.go:199] pkg/kubelet/kubelet.go:378: Failed to list *api.Node: Get https://localhost:6443/api/v1/nodes?fieldSelector=metadata.name%3Dnode-417&resourceVersion=0: net/http: TLS handshake timeout", "kubernetes/kubernetes pkg/client/cache/reflector.go @v1.5 'Failed to list %v: %v'")
a(s,"I1211 15:22:40.117221    2871 trace.go:61] Trace \"List /api/v1/namespaces/openstack/pods\" (started 2016-12-11 15:22:35.001283171 +0000 UTC):", "kubernetes/kubernetes pkg/util/trace/trace.go + apiserver list handler trace @v1.5")
# 9 kubedns
s="kubedns-cannot-handle-big-cluster-load-with-default-settings"
a(s,"I1211 16:58:59.201933       1 nanny.go:108] dnsmasq[12]: Maximum number of concurrent DNS queries reached (max: 150)", "kubernetes/dns pkg/dnsmasq/nanny.go relaying dnsmasq src/forward.c 'Maximum number of concurrent DNS queries reached (max: %d)' (format seen in public report)")
a(s,"{\"log\":\"dnsmasq[1]: Maximum number of concurrent DNS queries reached (max: 150)\\n\",\"stream\":\"stderr\",\"time\":\"2016-12-11T16:59:02.114412367Z\"}", "dnsmasq src/forward.c (2.76) via docker json-file")
a(s,"I1211 17:03:41.550127    1893 prober.go:106] Liveness probe for \"kubedns-3830354952-p8k2t_kube-system(9a1e4c2f-bf5d-11e6-8b0e-0cc47a3b5d2e):kubedns\" failed (failure): HTTP probe failed with statuscode: 503", "kubernetes/kubernetes pkg/kubelet/prober/prober.go @v1.5 '%s probe for %q failed (%v): %s'")
a(s,"kube-system   kubedns-3830354952-p8k2t   2/3       CrashLoopBackOff   47         5h", "kubectl get pods -n kube-system output shape; seed 000 (kubedns restarts)")
# 10 scheduler antiaffinity slow
s="kubernetes-scheduler-is-ineffective-with-pod-antiaffinity"
a(s,"I1211 15:21:07.441908    2871 trace.go:61] Trace \"Scheduling openstack/nova-compute-node162-2818455307-x1k9z\" (started 2016-12-11 15:21:04.717101382 +0000 UTC):", "kubernetes/kubernetes plugin/pkg/scheduler/generic_scheduler.go @v1.5 (NewTrace 'Scheduling %s/%s', LogIfLong 100ms)")
a(s,"[2.68912037s] [2.68883110s] Computing predicates", "kubernetes/kubernetes plugin/pkg/scheduler/generic_scheduler.go @v1.5 trace.Step(\"Computing predicates\") with pkg/util/trace step format")
a(s,"scheduler_e2e_scheduling_latency_microseconds{quantile=\"0.9\"} 2.746211e+06", "kubernetes/kubernetes plugin/pkg/scheduler/metrics/metrics.go @v1.5 (E2eSchedulingLatency summary)")
# 11 scheduler on separate node
s="kubernetes-scheduler-needs-to-be-deployed-on-separate-node"
a(s,"F1211 17:20:03.332110       1 server.go:170] lost master", "kubernetes/kubernetes plugin/cmd/kube-scheduler/app/server.go @v1.5 OnStoppedLeading glog.Fatalf(\"lost master\")")
a(s,"E1211 17:19:58.110231       1 leaderelection.go:228] error retrieving resource lock kube-system/kube-scheduler: Get https://10.10.0.3:6443/api/v1/namespaces/kube-system/endpoints/kube-scheduler: net/http: request canceled (Client.Timeout exceeded while awaiting headers)", "kubernetes/kubernetes pkg/client/leaderelection/leaderelection.go @v1.5 'error retrieving resource lock %v: %v'")
a(s,"I1211 17:19:40.004821    1311 prober.go:106] Liveness probe for \"kube-scheduler-master-2_kube-system(4d0e77b1c3a2f9e8d7c6b5a4f3e2d1c0):kube-scheduler\" failed (failure): Get http://127.0.0.1:10251/healthz: net/http: request canceled (Client.Timeout exceeded while awaiting headers)", "kubernetes/kubernetes pkg/kubelet/prober/prober.go @v1.5; kube-scheduler healthz port 10251")
# 12 apiserver low rate limit
s="kube-apiserver-have-low-default-rate-limit"
a(s,"Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later (get pods)", "kubernetes/kubernetes pkg/api/errors/errors.go NewGenericServerResponse (StatusTooManyRequests) as printed by kubectl")
a(s,"I1211 15:33:12.845110    2871 handlers.go:162] GET /api/v1/namespaces/openstack/pods?labelSelector=app%3Dnova-compute: (92.114µs) 429 [[kube-controller-manager/v1.5.1 (linux/amd64) kubernetes/82450d0] 10.10.0.4:40121]", "kubernetes/kubernetes pkg/httplog/log.go @v1.5 request log; 429 from max-in-flight filter")
a(s,"Too many requests, please try again later.", "kubernetes/kubernetes pkg/genericapiserver/filters/maxinflight.go @v1.5 tooManyRequests() body (--max-requests-inflight default 400)")
a(s,"E1211 15:33:13.002817       1 replica_set.go:505] unable to create pods: the server has received too many requests and has asked us to try again later (post pods)", "kubernetes/kubernetes pkg/controller/controller_utils.go / replicaset @v1.5 + pkg/api/errors/errors.go 429 text; line number made up")
# 13 scheduler can schedule wrongly
s="kubernetes-scheduler-can-schedule-wrongly"
a(s,"W1211 15:40:02.901112       1 cache.go:371] Pod openstack/nova-compute-2818455307-7k2fp expired", "kubernetes/kubernetes plugin/pkg/scheduler/schedulercache/cache.go cleanupAssumedPods 'Pod %s/%s expired' (kubernetes PR 38503 area)")
a(s,"W1211 15:40:05.117340       1 cache.go:117] Pod openstack/nova-compute-2818455307-7k2fp assumed to a different node than added to.", "kubernetes/kubernetes plugin/pkg/scheduler/schedulercache/cache.go AddPod")
a(s,"E1211 15:40:01.550812       1 factory.go:575] Error scheduling openstack nova-compute-2818455307-q8n1m: the server has received too many requests and has asked us to try again later (post pods nova-compute-2818455307-q8n1m); retrying", "kubernetes/kubernetes plugin/pkg/scheduler/factory/factory.go @v1.5 'Error scheduling %v %v: %v; retrying'")
a(s,"E1211 15:41:19.220467       1 cache.go:254] Pod openstack/nova-compute-2818455307-7k2fp updated on a different node than previously added to.", "kubernetes/kubernetes plugin/pkg/scheduler/schedulercache/cache.go UpdatePod (followed by 'Schedulercache is corrupted and can badly affect scheduling decisions')")
# 14 docker unresponsive
s="docker-become-unresponsive-at-random"
a(s,"I1211 18:02:44.631207    1893 kubelet.go:1752] skipping pod synchronization - [PLEG is not healthy: pleg was last seen active 3m14.236712941s ago; threshold is 3m0s]", "kubernetes/kubernetes pkg/kubelet/kubelet.go @v1.5 syncLoop + pkg/kubelet/pleg/generic.go Healthy()")
a(s,"E1211 18:01:30.004112    1893 generic.go:197] GenericPLEG: Unable to retrieve pods: operation timeout: context deadline exceeded", "kubernetes/kubernetes pkg/kubelet/pleg/generic.go relist + pkg/kubelet/dockertools/kube_docker_client.go operationTimeout")
a(s,"E1211 18:03:02.770031    1893 pod_workers.go:184] Error syncing pod 6a1f0e2d-bf5e-11e6-8b0e-0cc47a3b5d2e, skipping: failed to \"KillContainer\" for \"nova-compute\" with KillContainerError: \"operation timeout: context deadline exceeded\"", "kubernetes/kubernetes pkg/kubelet/pod_workers.go @v1.5 'Error syncing pod %q, skipping: %v'")
a(s,"Dec 11 18:04:10 node-417 kubelet[1893]: E1211 18:04:10.118334    1893 kubelet.go:1176] Container garbage collection failed: operation timeout: context deadline exceeded", "kubernetes/kubernetes pkg/kubelet/kubelet.go @v1.5 StartGarbageCollection, via journald")
# 15 calico
s="calico-start-up-time-is-too-long"
a(s,"| 10.233.71.14  | node-to-node mesh | start | 15:21:09 | Active Socket: Connection refused |", "projectcalico/calicoctl node status table (BIRD 'show protocols' info column)")
a(s,"{\"log\":\"bird: BGP: Unexpected connect from unknown address 10.233.71.22 (port 40391)\\n\",\"stream\":\"stdout\",\"time\":\"2016-12-11T15:21:11.204551Z\"}", "BIRD proto/bgp/bgp.c bgp_incoming_connection 'BGP: Unexpected connect from unknown address %I (port %d)' via calico-node docker json-file")
a(s,"calico/node is not ready: BIRD is not ready: BGP not established with 10.233.71.14,10.233.71.22,10.233.71.9", "projectcalico/node readiness check (calico-node -bird-ready), later Calico releases")
a(s,"Mesh_10_233_71_9 BGP      master   start  15:21:09    Connect", "BIRD birdc 'show protocols' output for a calico node-to-node mesh peer")
# 16 heat domain
s="lack-of-heat-domain-configuration"
a(s,"2016-11-24 10:41:02.118 1 WARNING heat.common.config [-] stack_user_domain_id or stack_user_domain_name not set in heat.conf falling back to using default", "openstack/heat heat/common/config.py @7.0.0 startup_sanity_check")
a(s,"2016-11-24 10:52:33.404 1 ERROR heat.engine.clients.os.keystone.heat_keystoneclient [req-3d2c1b0a-9f8e-4d7c-b6a5-948372615a0b admin admin - default default] Domain admin client authentication failed", "openstack/heat heat/engine/clients/os/keystone/heat_keystoneclient.py @7.0.0")
a(s,"Error: heat.conf misconfigured, cannot specify \"stack_user_domain_id\" or \"stack_user_domain_name\" without \"stack_domain_admin\" and \"stack_domain_admin_password\"", "openstack/heat heat/common/config.py @7.0.0 startup_sanity_check")
a(s,"Resource CREATE failed: Error: resources.wait_handle: Cannot get stack domain user token, no stack domain id configured, please fix your heat.conf", "openstack/heat heat/engine/clients/os/keystone/heat_keystoneclient.py @7.0.0 stack_domain_user_token")
# 17 heat-api-cfn missing
s="lack-of-heat-api-cfn-service-configuration-in-fuel-ccp"
a(s,"  File \"/var/lib/microservices/venv/lib/python2.7/site-packages/heat/engine/clients/os/heat_plugin.py\", line 70, in get_heat_cfn_url", "openstack/heat heat/engine/clients/os/heat_plugin.py @7.0.0 get_heat_cfn_url (traceback frame; path as in fuel-ccp images)")
a(s,"Resource CREATE failed: EndpointNotFound: resources.cassandra_vm: Could not find requested endpoint in Service Catalog.", "openstack/heat heat/engine/clients/client_plugin.py url_for raising keystoneauth1 EndpointNotFound for service_type 'cloudformation' (get_cfn_metadata_server_url)")
a(s,"Error from server (NotFound): services \"heat-api-cfn\" not found", "kubectl -n ccp get svc heat-api-cfn output in a fuel-ccp deployment without the heat-api-cfn service")
# 18 heat endpoint unreachable from VMs
s="heat-endpoint-not-reachable-from-virtual-machines"
a(s,"Dec 11 17:12:09 cassandra-vm-0 os-collect-config[1342]: HTTPConnectionPool(host='heat-api-cfn.ccp.svc.cluster.local', port=8000): Max retries exceeded with url: /v1/ (Caused by NewConnectionError('<requests.packages.urllib3.connection.HTTPConnection object at 0x7f3a1c2b9e10>: Failed to establish a new connection: [Errno -2] Name or service not known',))", "openstack/os-collect-config os_collect_config/cfn.py via requests/urllib3 error text; internalURL endpoint not resolvable from the VM")
a(s,"Dec 11 17:12:09 cassandra-vm-0 os-collect-config[1342]: Source [cfn] Unavailable.", "openstack/os-collect-config os_collect_config/collect.py 'Source [%s] Unavailable.'")
a(s,"Resource CREATE failed: WaitConditionTimeout: resources.wait_condition: 0 of 1 received", "openstack/heat heat/engine/resources/wait_condition.py @7.0.0 WaitConditionTimeout '%(len)d of %(count)d received'")
a(s,"curl: (7) Failed to connect to 10.233.5.17 port 8004: Connection timed out", "curl error text from a wc_notify call in cloud-init user_data toward heat-api port 8004")
# 19 glance+heat auth
s="glanceheat-authentication-misconfiguration"
a(s,"2016-12-13 09:44:10.015 12 WARNING keystonemiddleware.auth_token [-] Identity response: {\"error\": {\"message\": \"You are not authorized to perform the requested action: identity:validate_token\", \"code\": 403, \"title\": \"Forbidden\"}}", "openstack/keystonemiddleware keystonemiddleware/auth_token/_identity.py @4.9.0 'Identity response: %s' + keystone policy identity:validate_token")
a(s,"2016-12-13 09:44:10.016 12 ERROR keystonemiddleware.auth_token [-] Bad response code while validating token: 403", "openstack/keystonemiddleware keystonemiddleware/auth_token/_identity.py @4.9.0 verify_token")
a(s,"2016-12-13 09:44:10.017 12 CRITICAL keystonemiddleware.auth_token [-] Unable to validate token: Failed to fetch token data from identity server", "openstack/keystonemiddleware keystonemiddleware/auth_token/__init__.py @4.9.0 'Unable to validate token: %s'")
a(s,"Property error: resources.cassandra_vm.properties.image: Error validating value 'ubuntu-software-config-last': 401 Unauthorized: This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required. (HTTP 401)", "openstack/heat glance image constraint error 'Error validating value %s: %s' wrapping python-glanceclient HTTPUnauthorized; webob 401 body")
# 20 random loss of connection to MySQL
s="random-loss-of-connection-to-mysql"
a(s,"2016-12-11 17:01:44.902 21 ERROR oslo_db.sqlalchemy.exc_filters [req-7a6b5c4d-3e2f-4109-8a7b-6c5d4e3f2a10 - - - - -] DBAPIError exception wrapped from (pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on 'galera.ccp.svc.cluster.local' ([Errno -3] Temporary failure in name resolution)\")", "openstack/oslo.db oslo_db/sqlalchemy/exc_filters.py @4.13.0 'DBAPIError exception wrapped from %s' + PyMySQL 2003 text")
a(s,"2016-12-11 17:01:45.130 21 WARNING oslo_db.sqlalchemy.engines [-] SQL connection failed. 7 attempts left.", "openstack/oslo.db oslo_db/sqlalchemy/engines.py @4.13.0")
a(s,"OperationalError: (_mysql_exceptions.OperationalError) (2005, \"Unknown MySQL server host 'galera.ccp.svc.cluster.local' (-2)\")", "MySQL client error 2005 via MySQL-python/mysqlclient (CR_UNKNOWN_HOST)")
a(s,"DBConnectionError: (pymysql.err.OperationalError) (2013, 'Lost connection to MySQL server during query')", "openstack/oslo.db DBConnectionError + PyMySQL CR_SERVER_LOST 2013")
# 21 slow heat api
s="slow-heat-api-requests"
a(s,"2016-12-29 11:05:02.341 14 INFO eventlet.wsgi.server [req-4e3d2c1b-0a9f-4e8d-b7c6-a5f4e3d2c1b0 admin admin - default default] 10.233.64.7 - - [29/Dec/2016 11:05:02] \"GET /v1/9f4c2a1e7b8d4c5f9a0e1b2c3d4e5f6a/stacks/slice12/2b3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a HTTP/1.1\" 200 5821 71.904412", "eventlet wsgi default log_format used by openstack/heat heat/common/wsgi.py (fuel-ccp bug 1653088: stack show > 1 min)")
a(s,"2016/12/29 11:06:44 [error] 9#9: *51234 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.233.64.1, server: , request: \"GET /v1/9f4c2a1e7b8d4c5f9a0e1b2c3d4e5f6a/stacks/detail HTTP/1.1\", upstream: \"http://10.233.71.5:8004/v1/9f4c2a1e7b8d4c5f9a0e1b2c3d4e5f6a/stacks/detail\", host: \"orchestration.ccp.external:8443\"", "nginx src/http/ngx_http_upstream.c 'upstream timed out' in front of heat-api")
a(s,"ERROR: HTTPConnectionPool(host='heat-api.ccp.svc.cluster.local', port=8004): Read timed out. (read timeout=60)", "python-heatclient/requests ReadTimeout text")
# 22 metadata
s="openstack-vms-cannot-fetch-required-metadata"
a(s,"ConcurrentTransaction: Concurrent transaction for deployments of server 8d2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b", "openstack/heat heat/engine/service_software_config.py @7.0.0 _push_metadata_software_deployments + heat/common/exception.py")
a(s,"2016-12-29 12:20:05.774 1 INFO heat.engine.service [req-5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c - - - - -] The Resource (cassandra_vm) is not available.", "openstack/heat heat/common/exception.py @7.0.0 ResourceNotAvailable raised by Resource.metadata_set while the resource is still INIT (convergence)")
a(s,"UpdateInProgress: The resource cassandra_vm is already being updated.", "openstack/heat heat/common/exception.py @7.0.0 UpdateInProgress (resource locked by another engine under convergence)")
# 23 RPC timeouts heat validation
s="rpc-timeouts-during-heat-resources-validation"
a(s,"2016-12-28 19:40:13.211 9 ERROR heat.common.wsgi [req-2b1a0f9e-8d7c-4b6a-95f4-e3d2c1b0a9f8 admin admin - default default] Unexpected error occurred serving API: Timed out waiting for a reply to message ID 5d0f3a1e9c2b4f7a8e6d1c0b9a8f7e6d", "openstack/heat heat/common/wsgi.py @7.0.0 + oslo.messaging amqpdriver MessagingTimeout")
a(s,"ERROR: Timed out waiting for a reply to message ID 1e8b7a6c5d4f43e2a1b0c9d8e7f6a5b4", "heat CLI output of oslo_messaging MessagingTimeout (oslo_messaging/_drivers/amqpdriver.py @5.10.0)")
a(s,"2016-12-28 19:41:02.004 9 INFO oslo_messaging._drivers.amqpdriver [-] No calling threads waiting for msg_id : 5d0f3a1e9c2b4f7a8e6d1c0b9a8f7e6d", "openstack/oslo.messaging oslo_messaging/_drivers/amqpdriver.py @5.10.0 (late reply after timeout)")
a(s,"  File \"/var/lib/microservices/venv/lib/python2.7/site-packages/heat/rpc/client.py\", line 212, in validate_template", "openstack/heat heat/rpc/client.py EngineClient.validate_template (traceback frame preceding MessagingTimeout)")
# 24 memcache
s="overloaded-memcache-service"
a(s,"2016-12-29 14:02:19.551 7 CRITICAL keystonemiddleware.auth_token._memcache_pool [-] Unable to get a connection from pool id 140188375434192 after 10 seconds.", "openstack/keystonemiddleware keystonemiddleware/auth_token/_memcache_pool.py @4.9.0 acquire()")
a(s,"QueueEmpty: Unable to get a connection from pool id 139944231077456 after 10 seconds.", "openstack/oslo.cache oslo_cache/_memcache_pool.py @1.14.0 acquire() raising exception.QueueEmpty")
a(s,"MemCache: inet:10.233.12.4:11211: timed out.  Marking dead.", "linsomniac/python-memcached memcache.py @release-1.58 _Host.mark_dead debuglog")
# 25 neutron agents status
s="incorrect-status-information-for-neutron-agents"
a(s,"| 1f0a4c2e-7b3d-4e9a-8c6f-2d5b1a0e9f8c | Open vSwitch agent | node162  | None              | XXX   | UP    | neutron-openvswitch-agent |", "python-openstackclient 'openstack network agent list' table (Alive rendered XXX); bug 1652317 (openstacksdk refactor)")
a(s,"| 7b9e2d4f-1a3c-4b5e-9d7f-0c2e4a6b8d1f | L3 agent           | node3    | nova              | XXX   | UP    | neutron-l3-agent          |", "python-openstackclient network agent list; launchpad bug 1652317")
a(s,"| 3c5e7a9b-2d4f-4a6c-8e0b-1d3f5a7c9e2b | DHCP agent         | node4    | nova              | False | True  | neutron-dhcp-agent        |", "python-openstackclient network agent list with openstacksdk attribute rename (is_alive/alive); bug 1652317")
# 26 nova client
s="nova-client-not-working"
a(s,"ERROR (ConnectFailure): Unable to establish connection to http://compute.ccp.external:8443/v2.1/: ('Connection aborted.', BadStatusLine(\"''\",))", "keystoneauth1 ConnectFailure 'Unable to establish connection to %s: %s' via python-novaclient; fuel-ccp bug 1653075")
a(s,"keystoneauth1.exceptions.connection.ConnectFailure: Unable to establish connection to http://compute.ccp.external:8443/v2.1/servers/detail: ('Connection aborted.', BadStatusLine(\"''\",))", "keystoneauth1/session.py ConnectFailure; fuel-ccp bug 1653075")
a(s,"<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>", "nginx src/http/ngx_http_special_response.c ngx_http_error_497_page")
a(s,"DEBUG (session:342) RESP BODY: {\"version\": {\"status\": \"CURRENT\", \"updated\": \"2013-07-23T11:33:21Z\", \"links\": [{\"href\": \"http://compute.ccp.external:8443/v2.1/\", \"rel\": \"self\"}], \"min_version\": \"2.1\", \"version\": \"2.38\", \"id\": \"v2.1\"}}", "nova version document with http self link when secure_proxy_ssl_header unset (fuel-ccp bug 1653075); keystoneauth debug format")
# 27 neutron server timeouts
s="neutron-server-timeouts"
a(s,"TimeoutError: QueuePool limit of size 10 overflow 20 reached, connection timed out, timeout 10", "sqlalchemy lib/sqlalchemy/pool.py QueuePool._do_get (pool_size/max_overflow); fuel-ccp bug 1653077")
a(s,"2016-12-29 15:20:41.318 17 ERROR oslo_db.sqlalchemy.exc_filters [req-0d1c2b3a-4958-4766-8a5b-4c3d2e1f0a9b 4f3e2d1c0b9a48877665544332211000 8e7d6c5b4a3948271605f4e3d2c1b0a9 - - -] DBAPIError exception wrapped from (sqlalchemy.exc.TimeoutError) QueuePool limit of size 5 overflow 10 reached, connection timed out, timeout 30", "openstack/oslo.db exc_filters.py @4.13.0 + sqlalchemy QueuePool text, neutron-server")
a(s,"ConnectionFailed: Connection to neutron failed: HTTPConnectionPool(host='neutron-server.ccp.svc.cluster.local', port=9696): Read timed out. (read timeout=30)", "openstack/python-neutronclient neutronclient/common/exceptions.py ConnectionFailed 'Connection to neutron failed: %(reason)s'")
# 28 no access to VM from tenant network
s="no-access-to-openstack-vm-from-tenant-network"
a(s,"ssh: connect to host 11.62.0.8 port 22: No route to host", "OpenSSH client error; seed 000 (slice VM unreachable on tenant network)")
a(s,"Connection closed by 10.144.2.17 port 22", "OpenSSH client message as quoted in seed 000; address made up")
a(s,"2016-12-29 16:04:12.550 23 WARNING neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent [req-9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b - - - - -] VIF port: 5c1f2e3d-4a5b-4c6d-9e7f-8a9b0c1d2e3f has no ofport configured, and might not be able to transmit", "openstack/neutron ovs_neutron_agent.py @9.0.0")
a(s,"From 11.62.0.5 icmp_seq=3 Destination Host Unreachable", "iputils ping output between two slice VMs on the same tenant network")
# 29 PXC deadlocks
s="openstack-services-dont-handle-pxc-pseudo-deadlocks"
a(s,"DBError: (pymysql.err.InternalError) (1213, u'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction')", "Percona XtraDB Cluster sql/sql_parse.cc 'WSREP detected deadlock/conflict...' (ER_LOCK_DEADLOCK) not matched by oslo.db before fix 7c8f0f4 (launchpad bug 1648818)")
a(s,"2016-12-09 13:30:55.612 2811 ERROR oslo_db.sqlalchemy.exc_filters [req-6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d 0f1e2d3c4b5a49687786950a1b2c3d4e 5f6e7d8c9b0a41223344556677889900 - - -] DBAPIError exception wrapped from (pymysql.err.InternalError) (1213, u'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction') [SQL: u'UPDATE quota_usages SET updated_at=%(updated_at)s, in_use=%(in_use)s WHERE quota_usages.id = %(quota_usages_id)s']", "openstack/oslo.db exc_filters.py @4.13.0 + PXC error text; bug 1648818")
a(s,"2016-12-09T13:30:55.604211Z 41 [Note] WSREP: cluster conflict due to high priority abort for threads:", "codership/mysql-wsrep / PXC 5.7 wsrep conflict note in mysqld error log (public issue mariadb-corporation/mysql-wsrep#29 format)")
a(s,"oslo_db.exception.DBError: (pymysql.err.InternalError) (1213, u'Deadlock: wsrep aborted transaction')", "Galera (MariaDB) variant of the wsrep pseudo-deadlock; oslo.db exc_filters later added r'Deadlock: wsrep aborted' (commit ae227eb)")
# 30 live_migration_uri
s="live-migration-failed-with-live_migration_uri-configuration"
a(s,"2016-11-02 12:14:55.310 7 ERROR nova.virt.libvirt.driver [req-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f 4f3e2d1c0b9a48877665544332211000 8e7d6c5b4a3948271605f4e3d2c1b0a9 - - -] [instance: 7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928] Live Migration failure: operation failed: Failed to connect to remote libvirt URI qemu+tcp://node-17/system: unable to connect to server at 'node-17:16509': No route to host", N+" nova/virt/libvirt/driver.py @14.0.0 'Live Migration failure: %s' + libvirt src/qemu/qemu_migration.c 'Failed to connect to remote libvirt URI %s: %s'; nova bug 1638625")
a(s,"2016-11-02 12:14:55.287+0000: 4211: error : virNetSocketNewConnectTCP:491 : unable to connect to server at 'node-17:16509': Connection timed out", "libvirt/libvirt src/rpc/virnetsocket.c virNetSocketNewConnectTCP, libvirtd.log format")
a(s,"Live Migration failure: Cannot recv data: ssh: connect to host node-17 port 22: No route to host: Connection reset by peer", "libvirt src/rpc/virnetsocket.c 'Cannot recv data: %s' with qemu+ssh live_migration_uri, via nova 'Live Migration failure: %s'")
a(s,"error: operation failed: Failed to connect to remote libvirt URI qemu+tcp://10.20.0.17/system: unable to connect to server at '10.20.0.17:16509': Connection refused", "virsh migrate output; libvirt qemu_migration.c doPeer2PeerMigrate (URI built from live_migration_uri template with PXE address)")

# NOISE
Z = []
def z(text, source): Z.append({"text": text, "source": source})
z("2018-03-14 11:02:40.118 31877 INFO nova.compute.manager [req-7c6b5a4d-3e2f-4109-8a7b-6c5d4e3f2a10 2b7f1c0e5d8a4c3f9e6b1a2d3c4e5f60 6c1e9a7b3d2f4e5a8b9c0d1e2f3a4b5c - - -] [instance: a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d] Migrating instance to compute-09 finished successfully.", N+" nova/compute/manager.py @13.0.0 _post_live_migration")
z("2018-03-14 11:02:40.120 31877 INFO nova.compute.manager [req-7c6b5a4d-3e2f-4109-8a7b-6c5d4e3f2a10 2b7f1c0e5d8a4c3f9e6b1a2d3c4e5f60 6c1e9a7b3d2f4e5a8b9c0d1e2f3a4b5c - - -] [instance: a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d] You may see the error \"libvirt: QEMU error: Domain not found: no domain with matching name.\" This error can be safely ignored.", N+" nova/compute/manager.py @13.0.0 _post_live_migration")
z("2018-03-14 11:02:38.992 31877 INFO nova.virt.libvirt.driver [-] [instance: a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d] Migration operation has completed", N+" nova/virt/libvirt/driver.py @13.0.0")
z("2018-03-14 11:02:39.551 14220 INFO nova.compute.manager [req-7c6b5a4d-3e2f-4109-8a7b-6c5d4e3f2a10 2b7f1c0e5d8a4c3f9e6b1a2d3c4e5f60 6c1e9a7b3d2f4e5a8b9c0d1e2f3a4b5c - - -] [instance: a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d] Post operation of migration started", N+" nova/compute/manager.py @13.0.0 post_live_migration_at_destination")
z("2017-09-27 05:00:14.611 22104 INFO nova.virt.libvirt.driver [req-2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f - - - - -] [instance: 9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b] Deletion of /var/lib/nova/instances/9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b_del complete", N+" nova/virt/libvirt/driver.py @13.0.0 delete_instance_files")
z("2016-03-08 04:22:10.331 14201 INFO nova.compute.manager [req-3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d admin demo] [instance: 44d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f] Rebooting instance", N+" nova/compute/manager.py @13.0.0 reboot_instance")
z("2016-03-08 04:22:16.904 14201 INFO nova.virt.libvirt.driver [-] [instance: 44d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f] Instance soft rebooted successfully.", N+" nova/virt/libvirt/driver.py @13.0.0 _soft_reboot")
z("2016-03-08 04:22:14.003 14201 INFO nova.virt.libvirt.driver [-] [instance: 44d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f] Instance shutdown successfully.", N+" nova/virt/libvirt/driver.py @13.0.0 _soft_reboot")
z("2016-10-12 07:31:00.552 5521 INFO nova.compute.resource_tracker [req-b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e - - - - -] Auditing locally available compute resources for node compute-09", "openstack/nova nova/compute/resource_tracker.py (periodic audit)")
z("2016-10-12 07:29:58.117 5521 INFO nova.compute.manager [req-c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f 9b8a7c6d5e4f40318293a4b5c6d7e8f9 1f2e3d4c5b6a47988776655443322110 - - -] [instance: 55e6f7a8-b9c0-4d1e-8f2a-3b4c5d6e7f8a] Took 12.41 seconds to build instance.", "openstack/nova nova/compute/manager.py _build_and_run_instance")
z("2016-11-30 13:50:02.774 31 DEBUG neutron.plugins.ml2.managers [req-5d4c3b2a-1908-4f7e-8d6c-5b4a39281706 - - - - -] Bound port: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d, host: compute-118, vif_type: ovs, vif_details: {\"port_filter\": true, \"ovs_hybrid_plug\": true}, binding_levels: [{'bound_driver': 'openvswitch', 'bound_segment': {'segmentation_id': 1042, 'physical_network': None, 'id': 'e1d2c3b4-a596-4877-8899-001122334455', 'network_type': u'vxlan'}}]", "openstack/neutron neutron/plugins/ml2/managers.py @9.0.0 _bind_port_level success")
z("| 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d | Open vSwitch agent | node162 | None | :-)   | True           | neutron-openvswitch-agent |", "python-neutronclient 'neutron agent-list' table (healthy agent)")
z("2016-12-29 16:10:30.002 23 INFO neutron.agent.securitygroups_rpc [req-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e - - - - -] Refresh firewall rules", "openstack/neutron neutron/agent/securitygroups_rpc.py")
z("2016-12-29 16:10:31.220 23 INFO neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent [req-0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e - - - - -] Configuration for devices up [u'5c1f2e3d-4a5b-4c6d-9e7f-8a9b0c1d2e3f'] and devices down [] completed.", "openstack/neutron ovs_neutron_agent.py treat_devices_added_or_updated summary")
z("2016-12-29 13:12:44.331 9 INFO oslo.messaging._drivers.impl_rabbit [-] [4f3a2b1c-0d9e-4f8a-b7c6-d5e4f3a2b1c0] Reconnected to AMQP server on rabbitmq.ccp.svc.cluster.local:5672 via [amqp] clientwith port 41744.", "openstack/oslo.messaging oslo_messaging/_drivers/impl_rabbit.py @5.10.0 (note missing space in upstream format)")
z("2016-12-29 13:20:02.551 1 INFO heat.engine.stack [req-6b5a4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d admin admin - default default] Stack CREATE COMPLETE (slice12): Stack CREATE completed successfully", "openstack/heat heat/engine/stack.py state_set logging")
z("2016-12-29 13:21:07.118 14 INFO eventlet.wsgi.server [req-7c6b5a4d-3e2f-4109-8a7b-6c5d4e3f2a10 admin admin - default default] 10.233.64.7 - - [29/Dec/2016 13:21:07] \"GET /v1/9f4c2a1e7b8d4c5f9a0e1b2c3d4e5f6a/stacks?limit=20 HTTP/1.1\" 200 1123 0.231408", "eventlet wsgi access log, heat-api (fast request)")
z("2016-12-29 13:21:09.540 11 INFO eventlet.wsgi.server [-] 10.144.1.35 - - [29/Dec/2016 13:21:09] \"POST /v1/waitcondition/arn%3Aopenstack%3Aheat%3A%3A9f4c2a1e7b8d4c5f9a0e1b2c3d4e5f6a%3Astacks%2Fslice12%2F2b3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a%2Fresources%2Fwait_handle?Timestamp=2016-12-29T13%3A18%3A00Z HTTP/1.1\" 200 161 0.118204", "eventlet wsgi access log, heat-api-cfn wait condition signal (successful)")
z("2016-12-29 13:21:12.004 1 DEBUG heat.engine.resource [req-8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a - - - - -] Setting metadata for Server \"cassandra_vm\" [8d2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b] Stack \"slice12\" [2b3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a]", "openstack/heat heat/engine/resource.py @7.0.0 metadata_set (debug)")
z("Dec 29 13:21:40 cassandra-vm-0 os-collect-config[1342]: Sleeping 30.00 seconds before next run", "openstack/os-collect-config collect.py main loop")
z("2016-12-13 09:50:01.774 12 WARNING keystonemiddleware.auth_token [-] Using the in-process token cache is deprecated as of the 4.2.0 release and may be removed in the 5.0.0 release or the 'O' development cycle. The in-process cache causes inconsistent results and high memory usage. When the feature is removed the auth_token middleware will not cache tokens by default which may result in performance issues. It is recommended to use  memcache for the auth_token token cache by setting the memcached_servers option.", "openstack/keystonemiddleware auth_token/_cache.py @4.9.0 (configuration warning, not an outage)")
z("2016-12-13 09:50:02.001 12 INFO keystonemiddleware.auth_token [-] Rejecting request", "openstack/keystonemiddleware auth_token/__init__.py @4.9.0 (request with no token)")
z("<30 new auto-negotiating client connection", "memcached -vv connection log (routine)")
z("STAT curr_connections 212", "memcached stats output (routine)")
z("2016-12-09T13:31:40.118211Z 0 [Note] WSREP: Synchronized with group, ready for connections", "Percona XtraDB Cluster / Galera mysqld error log (healthy)")
z("2016-12-09T13:31:40.102004Z 0 [Note] WSREP: Shifting JOINED -> SYNCED (TO: 4471820)", "Galera state transition note (healthy)")
z("2016-12-09T13:31:39.990110Z 0 [Note] WSREP: Member 1.0 (galera-1) synced with group.", "Galera mysqld error log (healthy)")
z("I1211 15:21:05.118230       1 event.go:217] Event(api.ObjectReference{Kind:\"Pod\", Namespace:\"openstack\", Name:\"nova-compute-2818455307-x1k9z\", UID:\"6a1f0e2d-bf5e-11e6-8b0e-0cc47a3b5d2e\", APIVersion:\"v1\", ResourceVersion:\"1183512\", FieldPath:\"\"}): type: 'Normal' reason: 'Scheduled' Successfully assigned nova-compute-2818455307-x1k9z to node-162", "kubernetes/kubernetes pkg/client/record/event.go + scheduler 'Successfully assigned %v to %v' @v1.5")
z("I1211 15:21:05.101337       1 scheduler.go:95] Attempting to bind nova-compute-2818455307-x1k9z to node-162", "kubernetes/kubernetes plugin/pkg/scheduler/scheduler.go @v1.5 (V(3))")
z("I1211 15:25:40.003112       1 leaderelection.go:247] lock is held by master-1 and has not yet expired", "kubernetes/kubernetes pkg/client/leaderelection/leaderelection.go @v1.5 (standby scheduler, normal)")
z("I1211 15:25:41.200455       1 leaderelection.go:188] sucessfully acquired lease kube-system/kube-controller-manager", "kubernetes/kubernetes pkg/client/leaderelection/leaderelection.go @v1.5 (upstream spelling 'sucessfully')")
z("I1211 15:30:02.845110    2871 handlers.go:162] GET /api/v1/nodes/node-417: (2.103ms) 200 [[kubelet/v1.5.1 (linux/amd64) kubernetes/82450d0] 10.10.0.57:48122]", "kubernetes/kubernetes pkg/httplog/log.go @v1.5 (fast 200)")
z("I1211 15:30:04.441201    1893 kubelet.go:1778] SyncLoop (UPDATE, \"api\"): \"nova-compute-2818455307-x1k9z_openstack(6a1f0e2d-bf5e-11e6-8b0e-0cc47a3b5d2e)\"", "kubernetes/kubernetes pkg/kubelet/kubelet.go @v1.5 syncLoopIteration")
z("I1211 15:30:06.001299    1893 docker_manager.go:2236] Determined pod ip after infra change: \"nova-compute-2818455307-x1k9z_openstack(6a1f0e2d-bf5e-11e6-8b0e-0cc47a3b5d2e)\": \"10.233.71.14\"", "kubernetes/kubernetes pkg/kubelet/dockertools/docker_manager.go @v1.5")
z("{\"log\":\"bird: Mesh_10_233_71_14: Received: Administrative shutdown\\n\",\"stream\":\"stdout\",\"time\":\"2016-12-11T16:01:02.001233Z\"}", "BIRD proto/bgp BGP notification log (peer shut down deliberately) via docker json-file")
z("| 10.233.71.14  | node-to-node mesh | up    | 15:26:40 | Established |", "projectcalico/calicoctl node status (healthy peer)")
z("Mesh_10_233_71_22 BGP      master   up     15:26:41    Established", "BIRD birdc show protocols (healthy)")
z("{\"log\":\"dnsmasq[1]: started, version 2.76 cachesize 1000\\n\",\"stream\":\"stderr\",\"time\":\"2016-12-11T16:40:00.100231Z\"}", "dnsmasq startup banner via docker json-file")
z("I1211 16:40:00.112093       1 nanny.go:108] dnsmasq[12]: using nameserver 127.0.0.1#10053 for domain cluster.local", "kubernetes/dns dnsmasq-nanny relaying dnsmasq startup")
z("2016/12/11 15:30:01 [info] 27#27: *918301 client 127.0.0.1:51234 connected to 127.0.0.1:6443", "nginx src/stream/ngx_stream_handler.c (info, normal connection)")
z("2016/12/11 15:30:01 [info] 27#27: *918301 proxy 127.0.0.1:51890 connected to 10.10.0.3:6443", "nginx src/stream/ngx_stream_proxy_module.c (info, normal connect)")
z("     health HEALTH_OK", "ceph -s output (healthy)")
z("pool 'images' created", "ceph osd pool create success output")
z("ok: [aio1_ceph-mon_container-5e9b0a41] => (item={u'name': u'images', u'pg_num': 8})", "ansible task output shape (successful pool creation with small pg_num)")
z("64 bytes from 11.62.0.8: icmp_seq=1 ttl=64 time=0.512 ms", "iputils ping (reachable VM)")
z("Accepted publickey for ubuntu from 10.144.1.5 port 51234 ssh2: RSA SHA256:Zk3v8mJ1nq0aW7Yp4r2c9xQe6tGf5hB1uD0sL8oK3iM", "OpenSSH sshd auth log (successful login)")
z("2016-12-29 16:12:02.331 23 WARNING neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent [req-1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d - - - - -] OVS is restarted. OVSNeutronAgent will reset bridges and recover ports.", "openstack/neutron ovs_neutron_agent.py rpc_loop (different failure of the same component)")
z("2016-11-02 12:20:01.118+0000: 4211: info : libvirt version: 1.3.1, package: 1ubuntu10.6 (Christian Ehrhardt <christian.ehrhardt@canonical.com> Wed, 23 Nov 2016 10:36:23 +0100)", "libvirt libvirtd.log startup banner")
z("2016-11-02 12:21:15.004 7 INFO nova.virt.libvirt.driver [req-1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f 4f3e2d1c0b9a48877665544332211000 8e7d6c5b4a3948271605f4e3d2c1b0a9 - - -] [instance: 66f7a8b9-c0d1-4e2f-8a3b-4c5d6e7f8a9b] Instance spawned successfully.", "openstack/nova nova/virt/libvirt/driver.py spawn")
z("time=\"2016-12-11T18:10:01.441908011Z\" level=info msg=\"Container 4f1e2d3c5b6a failed to exit within 10 seconds of signal 15 - using the force\"", "docker/docker daemon/container_operations (normal stop escalation, daemon responsive)")
z("Dec 11 18:10:02 node-417 dockerd[1120]: time=\"2016-12-11T18:10:02.001233Z\" level=info msg=\"Processing signal 'terminated'\"", "docker daemon shutdown on planned restart, via journald")

def check():
    import re
    slugs = [l.split("\t")[0] for l in open("/work/brief/issues.txt").read().splitlines() if l.strip()]
    assert len(slugs)==30, len(slugs)
    seen=set()
    for r in L+Z:
        assert r["text"] and "\n" not in r["text"] and "\r" not in r["text"], r
        assert r["source"].strip(), r
        assert r["text"] not in seen, r["text"]; seen.add(r["text"])
    for r in L: assert r["expect"] in slugs, r["expect"]
    from collections import Counter
    c=Counter(r["expect"] for r in L)
    for sl in slugs: assert c[sl]>=2, sl
    return c
c=check()
with open("/work/blind/fresh4/lines.jsonl","w") as f:
    for r in L: f.write(json.dumps(r, ensure_ascii=False)+"\n")
with open("/work/blind/fresh4/noise.jsonl","w") as f:
    for r in Z: f.write(json.dumps(r, ensure_ascii=False)+"\n")
print(len(L), len(Z))
for k,v in sorted(c.items()): print(v,k)
