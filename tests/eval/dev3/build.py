# Builds lines.jsonl and noise.jsonl for the blind dev3 set. Run once; validates too.
import json, sys

NOVA14 = "openstack/nova @14.0.0 (Newton)"
NOVA_J = "openstack/nova @2014.2.4 (Juno)"
HEAT7 = "openstack/heat @7.0.0 (Newton)"
NEUT9 = "openstack/neutron @9.0.0 (Newton)"
KSM = "openstack/keystonemiddleware @4.9.0 (Newton)"
OSLODB = "openstack/oslo.db @4.13.x (Newton)"
OMSG = "openstack/oslo.messaging @5.10.0 (Newton)"
K8S = "kubernetes/kubernetes release-1.5 era"

L = []
def a(text, expect, source):
    L.append({"text": text, "expect": expect, "source": source})

# 1 live-migration-of-busy-instances-never-converges
s = "live-migration-of-busy-instances-never-converges"
a("2016-11-23 03:12:44.507 31845 INFO nova.virt.libvirt.driver [req-5b0f8e2a-7c1d-4e59-9a3b-2f6d1c0e8b71 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 4e8a1c36-2b7d-4f90-a1c5-7d3e9b0f6a28] Migration running for 1800 secs, memory 87% remaining; (bytes processed=611426734080, remaining=7472570368, total=8590663680)", s, NOVA14 + " nova/virt/libvirt/driver.py _live_migration_monitor: 'Migration running for %(secs)d secs, memory %(remaining)d%% remaining; (bytes processed=..., remaining=..., total=...)'")
a("2016-11-23 03:12:44.508 31845 INFO nova.virt.libvirt.driver [req-5b0f8e2a-7c1d-4e59-9a3b-2f6d1c0e8b71 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 4e8a1c36-2b7d-4f90-a1c5-7d3e9b0f6a28] Data remaining 7472570368 bytes, low watermark 6981231104 bytes 312 seconds ago", s, NOVA14 + " nova/virt/libvirt/driver.py _live_migration_monitor: 'Data remaining %(remaining)d bytes, low watermark %(watermark)d bytes %(last)d seconds ago'")
a("2016-11-23 03:15:14.902 31845 WARNING nova.virt.libvirt.migration [req-5b0f8e2a-7c1d-4e59-9a3b-2f6d1c0e8b71 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 4e8a1c36-2b7d-4f90-a1c5-7d3e9b0f6a28] Live migration stuck for 150 sec", s, NOVA14 + " nova/virt/libvirt/migration.py should_abort: 'Live migration stuck for %d sec'")
a("Live migration not completed after 6400 sec", s, NOVA14 + " nova/virt/libvirt/migration.py should_abort: 'Live migration not completed after %d sec' (partial paste, message only)")
a("2016-11-23 04:59:02.311 31845 ERROR nova.virt.libvirt.driver [req-5b0f8e2a-7c1d-4e59-9a3b-2f6d1c0e8b71 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 4e8a1c36-2b7d-4f90-a1c5-7d3e9b0f6a28] Live Migration failure: operation aborted: migration job: canceled by client", s, NOVA14 + " driver.py 'Live Migration failure: %s' wrapping libvirt VIR_ERR_OPERATION_ABORTED from libvirt src/qemu/qemu_migration.c ('%s: %s', job, 'canceled by client') after nova aborts the job")

# 2 juno-live-migration-fails-with-local-disk-and-a-ceph-volume
s = "juno-live-migration-fails-with-local-disk-and-a-ceph-volume"
a("2015-06-18 10:41:07.113 4471 ERROR nova.virt.libvirt.driver [req-6b0d2f9a-1c7e-4a53-8e4b-2d9f7c1a3e85 None] Cannot block migrate instance 3f1b6c2e-8d4a-4b7e-9c21-5e0a7f3d9b64 with mapped volumes", s, NOVA_J + " nova/virt/libvirt/driver.py pre_live_migration: LOG.error('Cannot block migrate instance %s with mapped volumes')")
a("MigrationError: Cannot block migrate instance 3f1b6c2e-8d4a-4b7e-9c21-5e0a7f3d9b64 with mapped volumes", s, NOVA_J + " nova/virt/libvirt/driver.py pre_live_migration: raise exception.MigrationError(...) (exception line of the traceback)")
a("ERROR (BadRequest): cmp-021 is not on shared storage: Live migration can not be used without shared storage. (HTTP 400) (Request-ID: req-0d6c1f3a-92e4-4b8d-a7f5-3c1e8b2d9f40)", s, NOVA_J + " nova/exception.py InvalidSharedStorage '%(path)s is not on shared storage: %(reason)s' + driver.py check_can_live_migrate_source reason; novaclient CLI view of the first (non-block) attempt in the seed's retry workflow")

# 3 config-drive-in-iso9660-format-breaks-live-migration
s = "config-drive-in-iso9660-format-breaks-live-migration"
a("NoLiveMigrationForConfigDriveInLibVirt: Live migration of instances with config drives is not supported in libvirt unless libvirt instance path and drive data is shared across compute nodes.", s, NOVA14 + " nova/exception.py NoLiveMigrationForConfigDriveInLibVirt msg_fmt (raised from driver.py when config_drive_format == 'iso9660'; see nova bug 1246201)")
a("2016-12-02 14:07:51.662 2290 ERROR nova.compute.manager [req-a3e1c9d7-5f2b-4e08-b6d4-1c7f9e2a8b35 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 7b2e9d41-6c3a-4f58-8e1d-0a9c5b7f3e26] Pre live migration failed at cmp-015: NoLiveMigrationForConfigDriveInLibVirt: Live migration of instances with config drives is not supported in libvirt unless libvirt instance path and drive data is shared across compute nodes.", s, NOVA14 + " nova/compute/manager.py LOG.exception('Pre live migration failed at %s') + exception msg_fmt (combined as operators paste it)")
a("2016-12-02 14:07:49.120 2290 ERROR nova.virt.libvirt.driver [req-a3e1c9d7-5f2b-4e08-b6d4-1c7f9e2a8b35 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 7b2e9d41-6c3a-4f58-8e1d-0a9c5b7f3e26] Live Migration failure: Cannot access storage file '/var/lib/nova/instances/7b2e9d41-6c3a-4f58-8e1d-0a9c5b7f3e26/disk.config' (as uid:64055, gid:116): No such file or directory", s, NOVA14 + " driver.py 'Live Migration failure: %s' wrapping libvirt storage_file 'Cannot access storage file '%s' (as uid:%u, gid:%u)'; read-only iso9660 disk.config not copied by libvirt (nova bug 1246201, seed 002 slides)")
a("2016-12-02 14:07:49.084+0000: 3051: error : qemuProcessReportLogError:1862 : internal error: qemu unexpectedly closed the monitor: 2016-12-02T14:07:49.061952Z qemu-system-x86_64: -drive file=/var/lib/nova/instances/7b2e9d41-6c3a-4f58-8e1d-0a9c5b7f3e26/disk.config,format=raw,if=none,id=drive-ide0-1-1,readonly=on,cache=none: Could not open '/var/lib/nova/instances/7b2e9d41-6c3a-4f58-8e1d-0a9c5b7f3e26/disk.config': No such file or directory", s, "libvirtd.log on destination (libvirt 1.3.x qemu_process.c qemuProcessReportLogError + qemu block open error); scenario per nova bug 1246201 / seed 002")

# 4 instance-disks-left-on-the-source-host-after-live-migration
s = "instance-disks-left-on-the-source-host-after-live-migration"
a("DestinationDiskExists: The supplied disk path (/var/lib/nova/instances/2c9f7e13-4a8b-4d60-b1e7-9f3a5c2d8e04) already exists, it is expected not to exist.", s, NOVA14 + " nova/exception.py DestinationDiskExists, raised by driver.py pre_live_migration when an old instance dir was left on a former source host")
a("2016-12-05 09:33:18.410 2290 ERROR nova.compute.manager [req-e7c2a9f1-3b5d-4c86-9a0e-6f1d8b4c2a73 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 2c9f7e13-4a8b-4d60-b1e7-9f3a5c2d8e04] Pre live migration failed at cmp-007: DestinationDiskExists: The supplied disk path (/var/lib/nova/instances/2c9f7e13-4a8b-4d60-b1e7-9f3a5c2d8e04) already exists, it is expected not to exist.", s, NOVA14 + " manager.py 'Pre live migration failed at %s' + DestinationDiskExists (migrating back to the host that kept the disks)")
a("2016-12-05 08:02:44.951 17736 INFO nova.virt.libvirt.driver [req-4f0b3d8e-1a6c-4e27-b9d5-8c2e7f1a0b63 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 2c9f7e13-4a8b-4d60-b1e7-9f3a5c2d8e04] Deletion of /var/lib/nova/instances/2c9f7e13-4a8b-4d60-b1e7-9f3a5c2d8e04_del failed", s, NOVA14 + " nova/virt/libvirt/driver.py delete_instance_files: 'Deletion of %s failed'")

# 5 neutron-port-binding-fails-after-live-migration
s = "neutron-port-binding-fails-after-live-migration"
a("2016-04-07 14:22:31.908 2201 ERROR neutron.plugins.ml2.managers [req-9c4b2e7a-0d1f-4a85-b3e6-7f2c8d1a5e90 a1b2c3d4e5f60718293a4b5c6d7e8f90 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] Failed to bind port 6f0c2d4e-8b1a-4c7d-9e3f-2a5b8c1d7e64 on host cmp-014 for vnic_type normal using segments [{'segmentation_id': 1042, 'physical_network': None, 'id': u'b4e1c7d2-9a3f-4e60-8b5c-1d7f2e9a0c38', 'network_type': u'vxlan'}]", s, NEUT9 + " neutron/plugins/ml2/managers.py _bind_port: 'Failed to bind port %(port)s on host %(host)s for vnic_type %(vnic_type)s using segments %(segments)s'")
a("NovaException: Unexpected vif_type=binding_failed", s, "openstack/nova @13.0.0 (Mitaka) nova/virt/libvirt/vif.py get_config: _('Unexpected vif_type=%s'); seed 004 (openstack-dev thread on binding_failed after post_live_migration)")
a("2016-12-07 11:05:42.376 2290 ERROR nova.compute.manager [req-c1e8a4f7-2d9b-4b36-8f0a-5e3c7d1b9a24 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 93b95c73-f849-4ffb-9108-63cf262d3a9f] Unexpected error during post live migration at destination host.", s, NOVA14 + " nova/compute/manager.py post_live_migration_at_destination LOG.error (the neighbour message printed before the vif traceback)")
a("NovaException: Unsupported VIF type binding_failed convert '_nova_to_osvif_vif_binding_failed'", s, NOVA14 + " nova/network/os_vif_util.py nova_to_osvif_vif")
a("| binding:vif_type      | binding_failed                                                                 |", s, "neutron port-show CLI row; vif_type 'binding_failed' per neutron_lib portbindings VIF_TYPE_BINDING_FAILED and seed 004")

# 6 nova-compute-crashes-during-soft-reboot
s = "nova-compute-crashes-during-soft-reboot"
a("UnexpectedTaskStateError: Conflict updating instance 51d7e2a9-c3f4-4b80-9e16-8a2d5f7c0b43. Expected: {'task_state': [u'rebooting_hard', u'reboot_pending_hard', u'reboot_started_hard']}. Actual: {'task_state': u'reboot_started'}", s, "openstack/nova nova/exception.py UnexpectedTaskStateError ('Conflict updating instance %(instance_uuid)s. Expected: %(expected)s. Actual: %(actual)s'), pre-fix of nova bug 1072751; seed 003")
a("2015-07-14 02:18:09.733 14523 DEBUG nova.compute.manager [req-2e6b9c1f-7a4d-4f83-b0e5-3c8d1f6a9e27 - - - - -] [instance: 51d7e2a9-c3f4-4b80-9e16-8a2d5f7c0b43] Instance in transitional state (reboot_started) at start-up and power state is (4), triggering reboot _init_instance /usr/lib/python2.7/dist-packages/nova/compute/manager.py:1011", s, "openstack/nova nova/compute/manager.py _init_instance LOG.debug('Instance in transitional state (%(task_state)s) at start-up and power state is (%(power_state)s), triggering reboot'); seed 003")
a("| 51d7e2a9-c3f4-4b80-9e16-8a2d5f7c0b43 | web-02 | REBOOT | reboot_started | Running     | private=10.0.0.7 |", s, "nova list output as shown in seed 003 (instance stuck in REBOOT/reboot_started after nova-compute died mid soft reboot)")

# 7 ceph-in-an-openstack-ansible-aio-needs-osd_pool_default_pg_num
s = "ceph-in-an-openstack-ansible-aio-needs-osd_pool_default_pg_num"
a("fatal: [aio1_ceph-mon_container-a3d8b8b1]: FAILED! => {\"changed\": true, \"cmd\": [\"ceph\", \"--cluster\", \"ceph\", \"osd\", \"pool\", \"create\", \"volumes\", \"128\"], \"delta\": \"0:00:00.412931\", \"end\": \"2017-05-26 09:14:02.118227\", \"failed\": true, \"rc\": 34, \"start\": \"2017-05-26 09:14:01.705296\", \"stderr\": \"Error ERANGE:  pg_num 128 size 3 would mean 768 total pgs, which exceeds max 600 (mon_max_pg_per_osd 200 * num_in_osds 3)\", \"stdout\": \"\", \"stdout_lines\": [], \"warnings\": []}", s, "ceph-ansible pool creation task output shape (cf. ceph/ceph-ansible issue #2299); ERANGE text as quoted in ceph/ceph PR #18067; seed 003 (OSA Ocata AIO with SCENARIO=ceph, fix osd_pool_default_pg_num: 8)")
a("Error ERANGE:  pg_num 128 size 3 would mean 768 total pgs, which exceeds max 600 (mon_max_pg_per_osd 200 * num_in_osds 3)", s, "ceph/ceph PR #18067 (qa/workunits/rbd: pool create may fail for small cluster) quoting OSDMonitor ERANGE message")
a("    health HEALTH_WARN too many PGs per OSD (384 > max 300)", s, "ceph Jewel PGMonitor health warning 'too many PGs per OSD (%d > max %d)' (mon_pg_warn_max_per_osd=300) as seen in ceph -s on a 3-OSD AIO; seed 003")

# 8 huge-load-on-kube-apiserver
s = "huge-load-on-kube-apiserver"
a("I1211 16:42:07.118211       1 logs.go:41] http: TLS handshake error from 10.10.3.21:51234: EOF", s, "kube-apiserver glog output of Go net/http server ErrorLog 'http: TLS handshake error from %s: %v' (k8s 1.5 pkg/util/logs/logs.go:41); clients' SSL sessions cut by nginx proxy_timeout 3s per seed 000 / kargo issue 655")
a("2016/12/11 16:42:07 [info] 24#24: *918273 connection timed out (110: Connection timed out) while proxying connection, client: 127.0.0.1, server: 127.0.0.1:443, upstream: \"10.10.0.3:443\", bytes from/to client:2741/50220, bytes from/to upstream:50220/2741", s, "nginx/nginx release-1.11.5 src/stream/ngx_stream_proxy_module.c: ngx_connection_error(c, NGX_ETIMEDOUT, \"connection timed out\") with log action 'proxying connection' and ngx_stream_proxy_log_error fields (kargo nginx-proxy with proxy_timeout 3s)")
a("E1211 16:42:11.902114    2871 kubelet_node_status.go:302] Error updating node status, will retry: error getting node \"node162\": Get https://127.0.0.1:443/api/v1/nodes/node162: net/http: TLS handshake timeout", s, K8S + " pkg/kubelet/kubelet_node_status.go 'Error updating node status, will retry: %v' + Go net/http 'TLS handshake timeout' (client view of overloaded apiserver)")
a("E1211 16:42:13.440218    3013 reflector.go:199] pkg/proxy/config/api.go:33: Failed to list *api.Endpoints: Get https://127.0.0.1:443/api/v1/endpoints?resourceVersion=0: net/http: TLS handshake timeout", s, K8S + " pkg/client/cache/reflector.go ListAndWatch '%s: Failed to list %v: %v' (kube-proxy via local nginx)")

# 9 kubedns-cannot-handle-big-cluster-load-with-default-settings
s = "kubedns-cannot-handle-big-cluster-load-with-default-settings"
a("{\"log\":\"dnsmasq[1]: Maximum number of concurrent DNS queries reached (max: 150)\\n\",\"stream\":\"stderr\",\"time\":\"2016-12-11T16:40:02.118273645Z\"}", s, "imp/dnsmasq v2.76 src/forward.c get_new_frec: 'Maximum number of concurrent DNS queries reached (max: %d)' (ftabsize default 150); src/log.c stderr format without timestamp under --keep-in-foreground; docker json-file wrapper; seed 000")
a("Dec 11 16:40:07 node3 dnsmasq[1]: Maximum number of concurrent DNS queries reached (max: 150)", s, "imp/dnsmasq v2.76 src/forward.c, syslog form")
a("I1211 16:41:30.552019    2871 prober.go:98] Liveness probe for \"kubedns-3830354952-8h2x1_kube-system(6a3b1f0e-bfb1-11e6-9a41-525400c1d2e3):kubedns\" failed (failure): HTTP probe failed with statuscode: 503", s, K8S + " pkg/kubelet/prober/prober.go '%s probe for %q failed (%v): %s'; seed 000 (kubedns restarts caused by liveness check failing)")
a("  3m   3m   1   {kubelet node3}   spec.containers{dnsmasq}   Normal   Killing   Killing container with docker id 4f1e2a9c7b3d: pod \"kubedns-3830354952-8h2x1_kube-system(6a3b1f0e-bfb1-11e6-9a41-525400c1d2e3)\" container \"dnsmasq\" is unhealthy, it will be killed and re-created.", s, K8S + " kubectl describe pod events (kubelet Killing event 'container %q is unhealthy, it will be killed and re-created.')")

# 10 kubernetes-scheduler-is-ineffective-with-pod-antiaffinity
s = "kubernetes-scheduler-is-ineffective-with-pod-antiaffinity"
a("I1211 17:02:44.610227       1 trace.go:61] Trace \"Scheduling ccp/nova-compute-3kx8f\" (started 2016-12-11 17:02:42.091734012 +0000 UTC):", s, K8S + " pkg/util/trace.go Log 'Trace %q (started %v):' from plugin/pkg/scheduler/generic_scheduler.go NewTrace('Scheduling %s/%s') LogIfLong(100ms); seed 000 (2-3 s per pod with anti-affinity)")
a("[2.507964617s] [2.507964617s] Computing predicates", s, K8S + " pkg/util/trace.go step line '[%v] [%v] %v' (second physical line of the same trace, pasted alone)")
a("scheduler_e2e_scheduling_latency_microseconds{quantile=\"0.99\"} 2.871442e+06", s, K8S + " plugin/pkg/scheduler/metrics/metrics.go summary 'scheduler_e2e_scheduling_latency_microseconds' scraped from /metrics (Prometheus, as in seed 000)")

# 11 kubernetes-scheduler-needs-to-be-deployed-on-separate-node
s = "kubernetes-scheduler-needs-to-be-deployed-on-separate-node"
a("I1211 17:40:02.118001       1 leaderelection.go:247] failed to renew lease kube-system/kube-scheduler", s, K8S + " pkg/client/leaderelection/leaderelection.go renew(): glog.Infof('failed to renew lease %v/%v') when the CPU-starved scheduler misses RenewDeadline")
a("F1211 17:40:02.118090       1 server.go:146] lost master", s, K8S + " plugin/cmd/kube-scheduler/app/server.go OnStoppedLeading: glog.Fatalf('lost master')")
a("  4127 root      20   0 1582144 1.190g  41232 S  1570.3  0.5 812:44.21 kube-scheduler", s, "top(1) process line on a master node where kube-scheduler competes with kube-apiserver/controller-manager for CPU (seed 000)")

# 12 kube-apiserver-have-low-default-rate-limit
s = "kube-apiserver-have-low-default-rate-limit"
a("I1211 16:58:31.004417       1 panics.go:76] POST /api/v1/namespaces/ccp/pods: (412.08µs) 429 [[kube-controller-manager/v1.5.1 (linux/amd64) kubernetes/82450d0/replicaset-controller] 10.10.0.3:48212]", s, K8S + " pkg/httplog/log.go request log '%s %s: (%v) %v%v%v [%s %s]' with 429 from pkg/genericapiserver/filters/maxinflight.go (--max-requests-inflight default 400)")
a("E1211 16:58:31.112093       1 replica_set.go:505] unable to create pods: the server has received too many requests and has asked us to try again later (post pods)", s, K8S + " pkg/api/errors NewGenericServerResponse for 429 ('the server has received too many requests and has asked us to try again later' + ' (post pods)')")
a("Error from server (TooManyRequests): the server has received too many requests and has asked us to try again later", s, K8S + " kubectl error rendering of StatusReasonTooManyRequests")
a("Too many requests, please try again later.", s, K8S + " pkg/genericapiserver/filters/maxinflight.go tooManyRequests() response body (curl view); seed 000 '429 Rate Limit Exceeded'")

# 13 kubernetes-scheduler-can-schedule-wrongly
s = "kubernetes-scheduler-can-schedule-wrongly"
a("W1211 17:05:12.331002       1 cache.go:289] Pod ccp/nova-compute-7g2kd expired", s, "kubernetes/kubernetes plugin/pkg/scheduler/schedulercache/cache.go cleanupAssumedPods glog.Warningf('Pod %s/%s expired'); assumed pod evicted before binding finished, fixed by kubernetes PR #38503 (seed 000)")
a("W1211 17:05:14.008812       1 cache.go:101] Pod ccp/nova-compute-7g2kd assumed to a different node than added to.", s, "kubernetes/kubernetes plugin/pkg/scheduler/schedulercache/cache.go AddPod 'Pod %v assumed to a different node than added to.'")
a("  12m  12m  1  {default-scheduler }   Normal   FailedScheduling   Binding rejected: the server has received too many requests and has asked us to try again later (post bindings)", s, K8S + " plugin/pkg/scheduler/scheduler.go Eventf(..., 'FailedScheduling', 'Binding rejected: %v') with 429 error; scheduler side of the 429 (seed 000 links it to wrong placement)")

# 14 docker-become-unresponsive-at-random
s = "docker-become-unresponsive-at-random"
a("I1211 18:20:41.773015    2871 kubelet.go:1781] skipping pod synchronization - [PLEG is not healthy: pleg was last seen active 3m11.824107329s ago; threshold is 3m0s]", s, K8S + " pkg/kubelet/kubelet.go syncLoop 'skipping pod synchronization - %v' + pkg/kubelet/pleg/generic.go Healthy 'pleg was last seen active %v ago; threshold is %v'")
a("E1211 18:19:30.002117    2871 generic.go:197] GenericPLEG: Unable to retrieve pods: operation timeout: context deadline exceeded", s, K8S + " pkg/kubelet/pleg/generic.go relist 'GenericPLEG: Unable to retrieve pods: %v' + pkg/kubelet/dockertools operationTimeout 'operation timeout: %v'")
a("E1211 18:22:05.610442    2871 pod_workers.go:184] Error syncing pod 6a3b1f0e-bfb1-11e6-9a41-525400c1d2e3, skipping: failed to \"StartContainer\" for \"nova-compute\" with RunContainerError: \"runContainer: operation timeout: context deadline exceeded\"", s, K8S + " pkg/kubelet/pod_workers.go 'Error syncing pod %q, skipping: %v' with dockertools operation timeout")
a("  Ready            False     Sun, 11 Dec 2016 18:23:10 +0000   Sun, 11 Dec 2016 18:20:41 +0000   KubeletNotReady             PLEG is not healthy: pleg was last seen active 4m2.118s ago; threshold is 3m0s", s, K8S + " kubectl describe node condition row (runtime state error from PLEG health)")

# 15 calico-start-up-time-is-too-long
s = "calico-start-up-time-is-too-long"
a("| 10.10.3.21    | node-to-node mesh | start | 16:40:12 | Connect                        |", s, "calicoctl node status peer row (BIRD state 'start'/'Connect', projectcalico/bird proto/bgp/bgp.c bgp_state_names); seed 000 (~5 min to re-establish full mesh), cf. projectcalico/calicoctl issue #1416")
a("| 10.10.3.57    | node-to-node mesh | start | 16:40:12 | Active Socket: Connection      |", s, "calicoctl node status peer row, INFO column truncated as printed; BIRD 'Active' with last error socket message")
a("Mesh_10_10_3_21 BGP      master   start  16:40:12    Connect", s, "birdc 'show protocols' line inside calico-node (projectcalico/bird v0.3.x), peer still in Connect minutes after node restart")

# 16 lack-of-heat-domain-configuration
s = "lack-of-heat-domain-configuration"
a("2016-12-09 10:02:17.455 1 WARNING heat.common.config [-] stack_user_domain_id or stack_user_domain_name not set in heat.conf falling back to using default", s, HEAT7 + " heat/common/config.py startup_sanity_check")
a("2016-12-09 10:14:51.230 27 ERROR heat.engine.clients.os.keystone.heat_keystoneclient [req-7d1f3a9c-2e8b-4c50-a6f4-9b0e5d2c8a17 - 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] Domain admin client authentication failed", s, HEAT7 + " heat/engine/clients/os/keystone/heat_keystoneclient.py domain_admin_auth LOG.error('Domain admin client authentication failed')")
a("Resource CREATE failed: AuthorizationFailure: resources.wait_handle: Authorization failed.", s, HEAT7 + " heat/common/exception.py AuthorizationFailure msg_fmt 'Authorization failed.' as stack_status_reason")
a("Error: Cannot get stack domain user token, no stack domain id configured, please fix your heat.conf", s, HEAT7 + " heat_keystoneclient.py stack_domain_user_token raise exception.Error(...)")

# 17 lack-of-heat-api-cfn-service-configuration-in-fuel-ccp
s = "lack-of-heat-api-cfn-service-configuration-in-fuel-ccp"
a("Resource CREATE failed: EndpointNotFound: resources.cassandra_vm: Could not find requested endpoint in Service Catalog.", s, HEAT7 + " heat/engine/clients/client_plugin.py url_for raises keystoneauth1 EndpointNotFound when no 'cloudformation' service (heat_plugin.get_heat_cfn_url / get_cfn_metadata_server_url for HEAT_CFNTOOLS user_data_format); seed 000")
a("2016-12-09 11:31:08.702 27 INFO heat.engine.resource [req-3c9e1b7f-4a2d-4e86-9f0b-7d5c1e8a2b49 - 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] CREATE: Server \"cassandra_vm\" [None] Stack \"slice0-node162\" [1d6f2b8e-7c3a-4e95-8b1d-4f0a9c2e7d53] EndpointNotFound: Could not find requested endpoint in Service Catalog.", s, HEAT7 + " heat/engine/resource.py _do_action failure log ('%(action)s: %(info)s' style) with keystoneauth1 EndpointNotFound default message")
a("Error from server (NotFound): services \"heat-api-cfn\" not found", s, "kubectl get svc heat-api-cfn -n ccp in a fuel-ccp deployment without the heat-api-cfn service (seed 000)")

# 18 heat-endpoint-not-reachable-from-virtual-machines
s = "heat-endpoint-not-reachable-from-virtual-machines"
a("Resource CREATE failed: WaitConditionTimeout: resources.wait_condition: 0 of 1 received", s, HEAT7 + " heat/engine/resources/wait_condition.py WaitConditionTimeout '%(len)d of %(count)d received'")
a("Dec 12 09:14:22 cassandra-vm-0 os-collect-config[1187]: HTTPConnectionPool(host='10.233.11.42', port=8000): Max retries exceeded with url: /v1/?SignatureVersion=2&AWSAccessKeyId=0f1e2d3c4b5a69788796a5b4c3d2e1f0&StackName=slice0-node162&SignatureMethod=HmacSHA256&Signature=Zk3xq&Action=DescribeStackResource&LogicalResourceId=cassandra_vm (Caused by ConnectTimeoutError(<requests.packages.urllib3.connection.HTTPConnection object at 0x7f3c2a1d4e10>, 'Connection to 10.233.11.42 timed out. (connect timeout=10.0)'))", s, "openstack/os-collect-config os_collect_config/cfn.py logs the requests exception then raises CfnMetadataNotAvailable; urllib3 ConnectTimeoutError text; Kubernetes service IP on port 8000 not routable from VMs (seed 000)")
a("Dec 12 09:14:22 cassandra-vm-0 os-collect-config[1187]: Source [cfn] Unavailable.", s, "openstack/os-collect-config os_collect_config/collect.py logger.warn('Source [%s] Unavailable.')")
a("curl: (7) Failed to connect to 10.233.11.40 port 8004: Connection timed out", s, "curl(1) error 7 from the wait condition signal (heat-api callback on 8004) inside the VM; seed 000")

# 19 glanceheat-authentication-misconfiguration
s = "glanceheat-authentication-misconfiguration"
a("2016-12-13 15:20:44.118 1 WARNING keystonemiddleware.auth_token [-] Identity response: {\"error\": {\"message\": \"The request you have made requires authentication.\", \"code\": 401, \"title\": \"Unauthorized\"}}", s, KSM + " keystonemiddleware/auth_token/_identity.py verify_token: LOG.warning('Identity response: %s') (glance-api service user rejected); seed 000")
a("2016-12-13 15:20:44.121 1 CRITICAL keystonemiddleware.auth_token [-] Unable to validate token: Identity server rejected authorization necessary to fetch token data", s, KSM + " auth_token/__init__.py 'Unable to validate token: %s' + _identity.py ServiceError message")
a("2016-12-13 15:20:44.119 1 INFO keystonemiddleware.auth_token [-] Identity server rejected authorization", s, KSM + " auth_token/_identity.py LOG.info('Identity server rejected authorization') (glance-api log, first line of the pair)")
a("Resource CREATE failed: HTTPUnauthorized: resources.cassandra_vm: 401 Unauthorized: This server could not verify that you are authorized to access the document you requested. Either you supplied the wrong credentials (e.g., bad password), or your browser does not understand how to supply the credentials required. (HTTP 401)", s, "heat stack_status_reason wrapping python-glanceclient HTTPUnauthorized with the webob 401 body (Heat client view of glance auth failure); seed 000")

# 20 random-loss-of-connection-to-mysql
s = "random-loss-of-connection-to-mysql"
a("2016-12-11 16:59:21.031 1165 WARNING oslo_db.sqlalchemy.engines [req-8a2f6c1e-3d9b-4e74-a0c5-7b1e9d4f2a86 - - - - -] SQL connection failed. 9 attempts left.", s, OSLODB + " oslo_db/sqlalchemy/engines.py _test_connection 'SQL connection failed. %s attempts left.'")
a("DBConnectionError: (pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on 'galera.ccp.svc.cluster.local' ([Errno -3] Temporary failure in name resolution)\")", s, OSLODB + " DBConnectionError wrapping PyMySQL 2003; seed 000 (kube-dns overload makes the galera service name unresolvable)")
a("Can't connect to MySQL server on 'galera.ccp.svc.cluster.local' ([Errno -2] Name or service not known)", s, "seed 000 traceback text (partial paste, message only)")
a("2016-12-11 17:03:40.552 31 ERROR heat.engine.resource [req-0f3c8b2d-6e1a-4d97-b5f4-2a9c7e1d8b30 - 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] DBConnectionError: (pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on 'galera.ccp.svc.cluster.local' ([Errno -2] Name or service not known)\")", s, HEAT7 + " heat-engine log with oslo.db DBConnectionError (seed 000: 'some of the stacks are moved to ERROR state')")

# 21 slow-heat-api-requests
s = "slow-heat-api-requests"
a("2016-12-26 10:31:12.447 14 INFO eventlet.wsgi.server [req-6b1d9e3f-2c7a-4f58-8e0b-1a5d3c9f7e24 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] 10.233.64.1 - - [26/Dec/2016 10:31:12] \"GET /v1/8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f/stacks/slice0-node162/1d6f2b8e-7c3a-4e95-8b1d-4f0a9c2e7d53 HTTP/1.1\" 200 48213 74.229144", s, HEAT7 + " heat/common/wsgi.py eventlet.wsgi.server default log_format ('%(client_ip)s - - [%(date_time)s] \"%(request_line)s\" %(status_code)s %(body_length)s %(wall_seconds).6f'); fuel-ccp bug 1653088 (stack show > 1 min)")
a("10.233.64.1 - - [26/Dec/2016 10:33:40] \"GET /v1/8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f/stacks?sort_dir=desc&sort_keys=created_at HTTP/1.1\" 200 88410 96.513870", s, "eventlet.wsgi access line from heat-api (stack list taking ~97 s); fuel-ccp bug 1653088")
a("ERROR: Request to http://orchestration.ccp.external:8004/v1/8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f/stacks/slice0-node162/1d6f2b8e-7c3a-4e95-8b1d-4f0a9c2e7d53 timed out", s, "python-heatclient CLI rendering keystoneauth1 ConnectTimeout 'Request to %s timed out' (keystoneauth1/session.py)")

# 22 openstack-vms-cannot-fetch-required-metadata
s = "openstack-vms-cannot-fetch-required-metadata"
a("ConcurrentTransaction: Concurrent transaction for deployments of server 93b95c73-f849-4ffb-9108-63cf262d3a9f", s, HEAT7 + " heat/engine/service_software_config.py _push_metadata_software_deployments raise ConcurrentTransaction(action='deployments of server %s') ('Concurrent transaction for %(action)s'); convergence race per seed 000")
a("ERROR: Concurrent transaction for deployments of server b1946719-b401-447d-8103-cc43b03b1481", s, "python-heatclient CLI view of the same heat-engine error")
a("2016-12-14 08:41:19.335 31 INFO heat.engine.resource [req-1e7b4d2a-9c6f-4a30-8d5e-3f2b0c9a7e61 - 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] CREATE: SoftwareDeployment \"deploy_cassandra\" [4a8e2c1f-6d3b-4f97-a0e5-9c2d7b1f8e34] Stack \"slice0-node162\" [1d6f2b8e-7c3a-4e95-8b1d-4f0a9c2e7d53] ConcurrentTransaction: Concurrent transaction for deployments of server 93b95c73-f849-4ffb-9108-63cf262d3a9f", s, HEAT7 + " heat/engine/resource.py action failure log + ConcurrentTransaction")

# 23 rpc-timeouts-during-heat-resources-validation
s = "rpc-timeouts-during-heat-resources-validation"
a("MessagingTimeout: Timed out waiting for a reply to message ID 8a1c3f2e9b7d4e06a5c2f1d0e9b8a7c6", s, OMSG + " oslo_messaging/_drivers/amqpdriver.py ReplyWaiters.get 'Timed out waiting for a reply to message ID %s'; seed 000 (rpc_response_timeout=600 fix)")
a("ERROR: Timed out waiting for a reply to message ID 3e9d1b7a5c2f4e80b6a4d2c0f8e6a4b2", s, "python-heatclient CLI view of heat-api MessagingTimeout (template validate / stack create)")
a("2016-12-11 17:24:05.771 9 INFO oslo_messaging._drivers.amqpdriver [-] No calling threads waiting for msg_id : 3e9d1b7a5c2f4e80b6a4d2c0f8e6a4b2", s, OMSG + " amqpdriver.py ReplyWaiters.put: late reply arrives after the caller timed out")
a("10.233.64.1 - - [11/Dec/2016 17:23:03] \"POST /v1/8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f/validate HTTP/1.1\" 500 421 60.084019", s, "heat-api eventlet.wsgi access line: validate call failing at the 60 s default rpc_response_timeout")

# 24 overloaded-memcache-service
s = "overloaded-memcache-service"
a("2016-12-15 13:11:52.904 21 CRITICAL keystonemiddleware.auth_token._memcache_pool [-] Unable to get a connection from pool id 139871623540112 after 10 seconds.", s, KSM + " keystonemiddleware/auth_token/_memcache_pool.py acquire(): 'Unable to get a connection from pool id %(id)s after %(seconds)s seconds.'")
a("MemCached: MemCache: inet:10.233.40.12:11211: connect: timed out.  Marking dead.", s, "python-memcached memcache.py _Host.mark_dead 'MemCache: %s: %s.  Marking dead.' via Client.debuglog ('MemCached: %s')")
a("STAT evictions 48211903", s, "memcached 'stats' output (echo stats | nc memcached 11211); heavy evictions with the 256 MB default of fuel-ccp (seed 000, fuel-ccp bug 1653089)")
a("STAT limit_maxbytes 268435456", s, "memcached 'stats' output: 256 MB cache (fuel-ccp default named in seed 000)")

# 25 incorrect-status-information-for-neutron-agents
s = "incorrect-status-information-for-neutron-agents"
a("| 0b1e4c2a-9f3d-4a7e-8c5b-6d2f1e0a9b8c | Open vSwitch agent | node162 | None              |       | DOWN  | neutron-openvswitch-agent |", s, "openstack/python-openstackclient @3.4.0 openstackclient/network/v2/network_agent.py list columns ('alive','admin_state_up') read from openstacksdk objects renamed to is_alive/is_admin_state_up -> empty Alive and DOWN; python-openstackclient bug 1652317; seed 000")
a("| 5d7a2c9e-1b4f-4e83-a6d0-8f3c1e7b2a94 | L3 agent           | node003 | nova              |       | DOWN  | neutron-l3-agent          |", s, "openstack network agent list row, same OSC/SDK mismatch (python-openstackclient bug 1652317)")
a("| 9e2f6b1d-4c8a-4d57-b3e0-1a7c5f9d2e68 | DHCP agent         | node004 | nova              |       | DOWN  | neutron-dhcp-agent        |", s, "openstack network agent list row, same OSC/SDK mismatch (python-openstackclient bug 1652317)")

# 26 nova-client-not-working
s = "nova-client-not-working"
a("ERROR (ConnectFailure): Unable to establish connection to http://compute.ccp.external:8443/v2.1/: ('Connection aborted.', BadStatusLine(\"''\",))", s, "keystoneauth1/session.py 'Unable to establish connection to %s: %s' as printed by novaclient 'ERROR (%s): %s'; fuel-ccp bug 1653075 / seed 000 (http:// used against the HTTPS 8443 endpoint)")
a("REQ: curl -g -i -X GET http://compute.ccp.external:8443/v2.1/ -H \"User-Agent: python-novaclient\" -H \"Accept: application/json\" -H \"X-Auth-Token: {SHA1}3b5e7a1c9d2f4e6081a3c5e7f9b1d3a5c7e9f1b3\"", s, "keystoneauth1 session debug 'REQ: curl -g -i -X ...' from nova --debug (seed 000: 'In debug mode it's seen that client tries to use HTTP')")
a("RESP BODY: {\"version\": {\"status\": \"CURRENT\", \"updated\": \"2013-07-23T11:33:21Z\", \"links\": [{\"href\": \"http://compute.ccp.external:8443/v2.1/\", \"rel\": \"self\"}, {\"href\": \"http://docs.openstack.org/\", \"type\": \"text/html\", \"rel\": \"describedby\"}], \"min_version\": \"2.1\", \"version\": \"2.38\", \"media-types\": [{\"base\": \"application/json\", \"type\": \"application/vnd.openstack.compute+json;version=2.1\"}], \"id\": \"v2.1\"}}", s, NOVA14 + " version document (max microversion 2.38) returning http:// self links behind the TLS proxy when secure_proxy_ssl_header is unset; keystoneauth 'RESP BODY: %s' debug")

# 27 neutron-server-timeouts
s = "neutron-server-timeouts"
a("TimeoutError: QueuePool limit of size 5 overflow 50 reached, connection timed out, timeout 30", s, "SQLAlchemy pool.py QueuePool._do_get TimeoutError('QueuePool limit of size %d overflow %d reached, connection timed out, timeout %d') with oslo.db 4.x defaults; fuel-ccp bug 1653077 (max_pool_size/max_overflow)")
a("2016-12-11 18:02:51.330 33 ERROR neutron.api.v2.resource [req-2b8f1c6e-9d4a-4e37-a5b0-7c3e1f9d2a58 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] index failed: TimeoutError: QueuePool limit of size 5 overflow 50 reached, connection timed out, timeout 30", s, NEUT9 + " neutron/api/v2/resource.py LOG.exception('%s failed', action) with the pool timeout")
a("2016-12-11 18:03:22.017 2290 ERROR nova.compute.manager [req-c7a2e9f4-1b3d-4f68-8e0c-5d9b2a7f1e36 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 7d3c9e1a-5b2f-4a86-9c0d-3e1f8b6a2d47] Instance failed network setup after 1 attempt(s): ConnectTimeout: Request to http://neutron-server.ccp.svc.cluster.local:9696/v2.0/ports.json?tenant_id=8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f&device_id=7d3c9e1a-5b2f-4a86-9c0d-3e1f8b6a2d47 timed out", s, NOVA14 + " nova/compute/manager.py _allocate_network_async 'Instance failed network setup after %(attempts)d attempt(s)' + keystoneauth1 ConnectTimeout 'Request to %s timed out' (client view of neutron-server timeouts)")

# 28 no-access-to-openstack-vm-from-tenant-network
s = "no-access-to-openstack-vm-from-tenant-network"
a("Connection closed by 11.62.0.8 port 22", s, "OpenSSH client message as in seed 000 (cassandra_vm_0 unreachable over tenant network)")
a("ssh: connect to host 11.62.0.9 port 22: No route to host", s, "OpenSSH client error from a neighbour VM on slice0-node162-net; seed 000")
a("From 11.62.0.5 icmp_seq=3 Destination Host Unreachable", s, "iputils ping output from instance b1946719 towards a VM on the same tenant network (seed 000 paste 593486 scenario)")

# 29 openstack-services-dont-handle-pxc-pseudo-deadlocks
s = "openstack-services-dont-handle-pxc-pseudo-deadlocks"
a("DBError: (pymysql.err.InternalError) (1213, u'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction')", s, OSLODB + " before commit f26d0e0 (oslo.db bug 1648818): exc_filters did not match 'detected deadlock/conflict', so the error surfaced as generic DBError instead of DBDeadlock")
a("2016-12-08 19:44:03.228 24 ERROR oslo_db.sqlalchemy.exc_filters [req-5e9a2c7f-3b1d-4e86-a0f4-8c2d6b1e9a73 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] DBAPIError exception wrapped from (pymysql.err.InternalError) (1213, u'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction') [SQL: u'UPDATE quota_usages SET updated_at=%(updated_at)s, in_use=%(in_use)s WHERE quota_usages.id = %(quota_usages_id)s']", s, OSLODB + " oslo_db/sqlalchemy/exc_filters.py _raise_for_remaining_DBAPIError LOG.exception('DBAPIError exception wrapped from %s')")
a("(1213, 'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction')", s, "openstack/oslo.db commit f26d0e0 message / test_mysql_pymysql_wsrep_deadlock (partial paste of the PXC error)")
a("2016-12-08 19:44:03 140211227756288 [Note] WSREP: cluster conflict due to high priority abort for threads:", s, "Percona XtraDB Cluster 5.6 mysqld error log with wsrep_log_conflicts=ON (wsrep conflict logging on brute-force abort)")

# 30 live-migration-failed-with-live_migration_uri-configuration
s = "live-migration-failed-with-live_migration_uri-configuration"
a("2016-11-02 12:40:18.430 2290 ERROR nova.virt.libvirt.driver [req-8d4f1b2e-7a9c-4e53-b6d1-0f3e9a2c7b84 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 6c1e9a3f-2d7b-4f85-8a0e-4b9d1c7f3e52] Live Migration failure: operation failed: Failed to connect to remote libvirt URI qemu+tcp://cmp-012/system: unable to connect to server at 'cmp-012:16509': Connection refused", s, NOVA14 + " driver.py 'Live Migration failure: %s' + libvirt qemu_migration.c 'Failed to connect to remote libvirt URI %s: %s' + rpc/virnetsocket.c 'unable to connect to server at '%s:%s''; nova bug 1638625 (URI host resolves to PXE address while libvirtd listens on private net)")
a("2016-11-02 12:40:18.411+0000: 2871: error : virNetSocketNewConnectTCP:491 : unable to connect to server at '10.20.0.12:16509': Connection refused", s, "libvirt src/rpc/virnetsocket.c virNetSocketNewConnectTCP, libvirtd.log on the source host")
a("Failed to connect to remote libvirt URI qemu+tcp://10.20.0.12/system: unable to connect to server at '10.20.0.12:16509': No route to host", s, "libvirt src/qemu/qemu_migration.c peer2peer migration error (partial paste, address from the PXE network)")
a("2016-11-02 13:02:55.804 2290 ERROR nova.virt.libvirt.driver [req-0a7c3e9d-5f1b-4d28-9e6a-2b8f4c1d7a39 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 6c1e9a3f-2d7b-4f85-8a0e-4b9d1c7f3e52] Live Migration failure: Cannot recv data: ssh: connect to host cmp-012 port 22: Connection timed out: Connection reset by peer", s, NOVA14 + " driver.py 'Live Migration failure: %s' + libvirt rpc 'Cannot recv data: %s' with a qemu+ssh live_migration_uri pointing at an unreachable address")

N = []
def n(text, source):
    N.append({"text": text, "source": source})

n("2016-11-23 05:02:11.204 31845 INFO nova.virt.libvirt.driver [req-1f6a3c8e-9b2d-4e71-a5c0-8d3e7f1b9a26 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 0e5b7d2c-3a9f-4c18-b6e4-1d8a2f7c9b53] Migration operation has completed", NOVA14 + " driver.py _live_migration_monitor 'Migration operation has completed' (healthy)")
n("2016-11-23 05:02:14.660 31845 INFO nova.compute.manager [req-1f6a3c8e-9b2d-4e71-a5c0-8d3e7f1b9a26 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 0e5b7d2c-3a9f-4c18-b6e4-1d8a2f7c9b53] Migrating instance to cmp-015 finished successfully.", NOVA14 + " compute/manager.py _post_live_migration (healthy)")
n("2016-12-01 10:12:40.118 2290 INFO nova.virt.libvirt.driver [req-7c2e9a1f-4d3b-4e60-8b5a-2f1d9c7e3a48 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 51d7e2a9-c3f4-4b80-9e16-8a2d5f7c0b43] Instance soft rebooted successfully.", NOVA14 + " driver.py _soft_reboot (healthy)")
n("2016-12-01 10:12:37.902 2290 INFO nova.virt.libvirt.driver [req-7c2e9a1f-4d3b-4e60-8b5a-2f1d9c7e3a48 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 51d7e2a9-c3f4-4b80-9e16-8a2d5f7c0b43] Instance shutdown successfully after 3 seconds.", NOVA14 + " driver.py _clean_shutdown (healthy)")
n("2016-12-02 13:58:02.331 2290 INFO nova.virt.libvirt.driver [req-9d1b4e7a-2c6f-4a38-b0e5-7f3c1d9a2e84 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 7b2e9d41-6c3a-4f58-8e1d-0a9c5b7f3e26] Creating config drive at /var/lib/nova/instances/7b2e9d41-6c3a-4f58-8e1d-0a9c5b7f3e26/disk.config", NOVA14 + " driver.py _create_configdrive (routine boot, shares 'config drive' vocabulary)")
n("2016-12-05 08:02:44.950 17736 INFO nova.virt.libvirt.driver [req-4f0b3d8e-1a6c-4e27-b9d5-8c2e7f1a0b63 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 0e5b7d2c-3a9f-4c18-b6e4-1d8a2f7c9b53] Deletion of /var/lib/nova/instances/0e5b7d2c-3a9f-4c18-b6e4-1d8a2f7c9b53_del complete", NOVA14 + " driver.py delete_instance_files (healthy cleanup)")
n("2016-12-05 08:10:31.774 2290 INFO nova.compute.manager [req-3e8c1a7d-5b2f-4d96-a0e4-9c1d7b3f2e58 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] [instance: 7d3c9e1a-5b2f-4a86-9c0d-3e1f8b6a2d47] Took 14.21 seconds to build instance.", NOVA14 + " compute/manager.py 'Took %0.2f seconds to build instance.'")
n("2016-11-02 09:00:03.118 2290 WARNING oslo_config.cfg [-] Option \"live_migration_uri\" from group \"libvirt\" is deprecated for removal.  Its value may be silently ignored in the future.", "openstack/oslo.config deprecated_for_removal warning, printed by every Newton nova-compute still setting [libvirt]live_migration_uri (not a failure)")
n("MigrationPreCheckError: Migration pre-check error: Unable to migrate 0e5b7d2c-3a9f-4c18-b6e4-1d8a2f7c9b53: Disk of instance is too large(available on destination host:10240 < need:40960)", NOVA14 + " driver.py _assert_dest_node_has_enough_disk (a different live-migration failure)")
n("InvalidCPUInfo: Unacceptable CPU info: CPU doesn't have compatibility.", "openstack/nova nova/exception.py InvalidCPUInfo / driver.py _compare_cpu (a different live-migration failure)")
n("ERROR (BadRequest): No valid host was found. There are not enough hosts available. (HTTP 400) (Request-ID: req-6a2d9c1e-7f3b-4e58-b0a4-1c8e5d2f9b73)", "openstack/nova NoValidHost as returned to novaclient for a targeted migration (a different scheduling failure)")
n("2016-12-11 18:00:02.441 33 INFO neutron.db.agents_db [req-0c1a9e3b-7d2f-4b64-8e5a-3f9c2d1b7e40 - - - - -] Heartbeat received from Open vSwitch agent agent on host node162, uuid 5e1b7c3a-2f9d-4a86-b0c4-8d3e6a1f9c27 after 0:00:30.011821", NEUT9 + " neutron/db/agents_db.py 'Heartbeat received from %(type)s agent on host %(host)s, uuid %(uuid)s after %(delta)s' (healthy agent, log_agent_heartbeats=True)")
n("| 0b1e4c2a-9f3d-4a7e-8c5b-6d2f1e0a9b8c | Open vSwitch agent | node162 | None              | :-)   | UP    | neutron-openvswitch-agent |", "openstack network agent list row for a healthy agent (fixed OSC)")
n("| 0b1e4c2a-9f3d-4a7e-8c5b-6d2f1e0a9b8c | Open vSwitch agent | node162 |                   | :-)   | True           | neutron-openvswitch-agent |", "neutron agent-list row (python-neutronclient) for a healthy agent")
n("2016-12-11 18:04:12.007 4521 INFO neutron.plugins.ml2.drivers.openvswitch.agent.ovs_neutron_agent [req-2d7f9b1c-6e3a-4c58-a1d0-9b4e7c2f8a36 - - - - -] Configuration for devices up [u'6f0c2d4e-8b1a-4c7d-9e3f-2a5b8c1d7e64'] and devices down [] completed.", NEUT9 + " ovs_neutron_agent.py (healthy port wiring)")
n("2016-12-11 18:04:11.412 33 INFO neutron.wsgi [req-4c9e2a7f-1b3d-4e85-a6f0-8d2c5b1e9a74 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] 10.233.64.7 - - [11/Dec/2016 18:04:11] \"GET /v2.0/networks.json?id=b4e1c7d2-9a3f-4e60-8b5c-1d7f2e9a0c38 HTTP/1.1\" 200 1832 0.081302", "neutron-server eventlet.wsgi access line, fast request")
n("2016-12-11 18:04:15.883 21 INFO nova.osapi_compute.wsgi.server [req-8f1c3a9e-2d7b-4e46-b5a0-6c9e1f3d7b28 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] 10.233.64.7 \"GET /v2.1/8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f/servers/detail HTTP/1.1\" status: 200 len: 3412 time: 0.2318709", NOVA14 + " nova/conf/wsgi.py wsgi_log_format (fast request)")
n("2016-12-26 10:40:02.114 14 INFO eventlet.wsgi.server [req-5a3e9c1b-7d2f-4f60-8b4a-1e9c3d7f2b05 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] 10.233.64.1 - - [26/Dec/2016 10:40:02] \"GET /v1/8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f/stacks HTTP/1.1\" 200 1643 0.211402", HEAT7 + " heat-api eventlet.wsgi access line, fast request (workers=1 after the workaround)")
n("2016-12-26 11:05:47.902 31 INFO heat.engine.stack [req-2c8e1f7a-9d3b-4a65-b0e4-7f1c9a2d3e86 - 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] Stack CREATE COMPLETE (slice0-node163): Stack CREATE completed successfully", HEAT7 + " heat/engine/stack.py state_set 'Stack %(action)s %(status)s (%(name)s): %(reason)s'")
n("2016-12-09 10:14:50.911 27 DEBUG heat.engine.clients.os.keystone.heat_keystoneclient [req-7d1f3a9c-2e8b-4c50-a6f4-9b0e5d2c8a17 - 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] Using stack domain heat __init__ /var/lib/microservices/venv/lib/python2.7/site-packages/heat/engine/clients/os/keystone/heat_keystoneclient.py:98", HEAT7 + " heat_keystoneclient.py 'Using stack domain %s' (domain configured)")
n("Resource CREATE failed: ResourceInError: resources.cassandra_vm: Went to status ERROR due to \"Message: No valid host was found. There are not enough hosts available., Code: 500\"", "heat OS::Nova::Server failure for lack of capacity (a different Heat failure)")
n("2016-12-11 17:30:02.551 9 INFO oslo_messaging._drivers.impl_rabbit [-] [6f2a9c1e-3b7d-4e58-a0c4-8d1e5f9b2a63] Reconnected to AMQP server on rabbitmq.ccp.svc.cluster.local:5672 via [amqp] client with port 51234.", OMSG + " impl_rabbit.py reconnect (healthy)")
n("2016-12-11 17:29:58.102 9 ERROR oslo_messaging._drivers.impl_rabbit [-] [6f2a9c1e-3b7d-4e58-a0c4-8d1e5f9b2a63] AMQP server on rabbitmq.ccp.svc.cluster.local:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds. Client port: None", OMSG + " impl_rabbit.py on_error (RabbitMQ restart: a different messaging failure, not the validation RPC timeout)")
n("DBDuplicateEntry: (pymysql.err.IntegrityError) (1062, u\"Duplicate entry 'slice0-node162-net-8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f' for key 'uniq_networks0name0tenant_id'\")", "openstack/oslo.db exc_filters duplicate-entry (a different DB error)")
n("2016-12-08 19:50:12 140211227756288 [Note] WSREP: Synchronized with group, ready for connections", "Percona XtraDB Cluster / Galera mysqld error log, node joined and synced (healthy)")
n("2016-12-08 19:50:12 140211227756288 [Note] WSREP: Member 2.0 (pxc-2) synced with group.", "Percona XtraDB Cluster / Galera mysqld error log (healthy)")
n("2016-12-13 15:30:10.004 1 INFO keystonemiddleware.auth_token [-] Starting Keystone auth_token middleware", KSM + " auth_token/__init__.py (routine startup)")
n("2016-12-13 15:31:44.602 22 INFO keystone.common.wsgi [req-9b3e1c7a-5d2f-4a86-8e0b-1f7c3d9a2e54 - - - - -] POST http://keystone.ccp.svc.cluster.local:5000/v3/auth/tokens", "openstack/keystone keystone/common/wsgi.py request log (routine)")
n("STAT evictions 0", "memcached stats, healthy cache")
n("STAT limit_maxbytes 32212254720", "memcached stats after raising the cache to 30G (seed 000 fix)")
n("{\"log\":\"dnsmasq[1]: started, version 2.76 cachesize 1000\\n\",\"stream\":\"stderr\",\"time\":\"2016-12-11T14:02:11.532801223Z\"}", "imp/dnsmasq v2.76 src/dnsmasq.c 'started, version %s cachesize %d' (routine kubedns dnsmasq start)")
n("dnsmasq[1]: using nameserver 127.0.0.1#10053", "imp/dnsmasq v2.76 network.c 'using nameserver %s#%d' (routine)")
n("I1211 16:50:02.881204       1 panics.go:76] GET /api/v1/nodes/node162: (1.871ms) 200 [[kubelet/v1.5.1 (linux/amd64) kubernetes/82450d0] 127.0.0.1:51234]", K8S + " apiserver request log, fast 200")
n("2016/12/20 09:12:44 [info] 24#24: *1188273 client disconnected, bytes from/to client:18231/402114, bytes from/to upstream:402114/18231", "nginx/nginx release-1.11.5 ngx_stream_proxy_module.c '%s%s disconnected, bytes from/to client...' (normal close after proxy_timeout 10m)")
n("I1211 17:10:03.227115       1 event.go:217] Event(api.ObjectReference{Kind:\"Pod\", Namespace:\"ccp\", Name:\"nova-compute-9p4zt\", UID:\"8e1c3f7a-bfb9-11e6-9a41-525400c1d2e3\", APIVersion:\"v1\", ResourceVersion:\"2281734\", FieldPath:\"\"}): type: 'Normal' reason: 'Scheduled' Successfully assigned nova-compute-9p4zt to node171", K8S + " scheduler event (healthy scheduling)")
n("I1211 17:45:10.002871       1 leaderelection.go:188] sucessfully acquired lease kube-system/kube-scheduler", K8S + " leaderelection.go acquire (sic 'sucessfully'; healthy)")
n("node162   Ready     3d", "kubectl get nodes row (healthy)")
n("I1211 18:30:12.004411    2871 kubelet.go:1795] SyncLoop (ADD, \"api\"): \"nova-compute-9p4zt_ccp(8e1c3f7a-bfb9-11e6-9a41-525400c1d2e3)\"", K8S + " kubelet syncLoop (routine)")
n("time=\"2016-12-11T18:31:02.118273645Z\" level=info msg=\"Container 8d1e4a2f9c7b failed to exit within 10 seconds of signal 15 - using the force\"", "docker/docker 1.12 daemon/container_operations_unix.go / daemon/stop.go (slow container stop, daemon responsive)")
n("time=\"2016-12-11T18:40:00.502114433Z\" level=info msg=\"Daemon has completed initialization\"", "docker/docker 1.12 dockerd startup (routine)")
n("2016-12-11_16:45:20.11834 bird: Mesh_10_10_3_21: State changed to up", "projectcalico/bird nest/proto.c 'State changed to %s' via svlogd (healthy session)")
n("| 10.10.3.21    | node-to-node mesh | up    | 16:45:20 | Established                    |", "calicoctl node status row (healthy)")
n("     health HEALTH_OK", "ceph -s (healthy AIO after setting osd_pool_default_pg_num: 8, seed 003)")
n("pool 'images' created", "ceph osd pool create output (healthy)")
n("Accepted publickey for ubuntu from 11.62.0.5 port 51234 ssh2: RSA SHA256:8xQ1bz7kT2m3YfV9pLw0cR4dN6sH5jA2uE1oI8gK3tZ", "OpenSSH sshd auth log in the VM (healthy access)")
n("64 bytes from 11.62.0.8: icmp_seq=1 ttl=64 time=0.612 ms", "iputils ping (healthy)")
n("2016-12-12 09:20:44.331 31 INFO heat.engine.resource [req-6e2b9d1f-3a7c-4e58-b0d4-9f1c7a3e2b65 - 8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - default default] signal SoftwareDeployment \"deploy_cassandra\" [4a8e2c1f-6d3b-4f97-a0e5-9c2d7b1f8e34] Stack \"slice0-node163\" [2e7a1c9f-4b3d-4f86-a5e0-8d1c6b9f3a27] : deployment succeeded", HEAT7 + " heat/engine/resource.py signal log (VM reached heat, healthy)")
n("2016-12-11 17:24:05.771 9 DEBUG oslo_messaging._drivers.amqpdriver [-] CALL msg_id: 3e9d1b7a5c2f4e80b6a4d2c0f8e6a4b2 exchange 'heat' topic 'engine' _send /usr/lib/python2.7/dist-packages/oslo_messaging/_drivers/amqpdriver.py:454", OMSG + " amqpdriver.py _send debug (routine RPC call)")
n("10.233.64.9 - - [13/Dec/2016 15:40:02] \"GET /v2/images?limit=20 HTTP/1.1\" 200 4812 0.089210", "glance-api eventlet.wsgi access line (healthy, token validated)")
n("kubedns-3830354952-8h2x1   3/3       Running   0          2d", "kubectl get pods -n kube-system row (healthy kubedns after adding replicas and dnsmasq limits)")
n("| 4d2e8a1c9b3f4e6d8a0c2b4e6f8a1c3e | RegionOne | heat-cfn     | cloudformation | True    | public    | https://orchestration-cfn.ccp.external:8443/v1 |", "openstack endpoint list row once heat-api-cfn is deployed (healthy)")


SLUGS = [l.split("\t")[0] for l in open("/work/brief/issues.txt", encoding="utf-8").read().splitlines() if l.strip()]
assert len(SLUGS) == 30, len(SLUGS)
errs = []
seen = set()
from collections import Counter
cnt = Counter()
for kind, rows in (("lines", L), ("noise", N)):
    for r in rows:
        t = r["text"]
        if not t or "\n" in t or "\r" in t:
            errs.append((kind, "multiline/empty", t[:60]))
        if not r["source"].strip():
            errs.append((kind, "nosource", t[:60]))
        if t in seen:
            errs.append((kind, "dup", t[:60]))
        seen.add(t)
        if kind == "lines":
            if r["expect"] not in SLUGS:
                errs.append((kind, "badslug", r["expect"]))
            cnt[r["expect"]] += 1
for sl in SLUGS:
    if cnt[sl] < 2:
        errs.append(("lines", "too few", sl, cnt[sl]))
if errs:
    print("ERRORS", errs); sys.exit(1)
with open("/work/blind/dev3/lines.jsonl", "w", encoding="utf-8") as f:
    for r in L:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
with open("/work/blind/dev3/noise.jsonl", "w", encoding="utf-8") as f:
    for r in N:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print("lines", len(L), "noise", len(N))
for sl in SLUGS:
    print(cnt[sl], sl)
