"""One component vocabulary: what the importer finds in prose, the matcher finds in a line."""

import pytest

from kb.components import COMPONENTS, agreement, canonical, components_in
from kb.matching.prefix import parse
from kb.matching.programs import component_of


@pytest.mark.parametrize(
    "name, component",
    [("dpdk", "dpdk"), ("rbd", "ceph"), ("librbd", "ceph"), ("kvm", "qemu"), ("virsh", "libvirt"),
     ("ml2", "neutron"), ("mysqld_safe", "mysql"), ("etcd2", "etcd"), ("nova-compute", "nova")],
)
def test_it_maps_a_program_name_to_its_component(name, component):
    assert canonical(name) == component


def test_it_knows_every_name_the_importer_knows():
    for component in COMPONENTS.values():
        for phrase in component.prose:
            assert components_in(f"seen in {phrase} logs") == [component.name] or " " in phrase
            if " " not in phrase:
                assert canonical(phrase) == component.name, phrase


def test_it_places_a_line_by_the_program_that_wrote_it():
    line = parse("Dec 10 08:25:08 node-1 librbd[2231]: image open failed")
    assert component_of(line) == "ceph"
    assert canonical("sshd") == ""


def test_it_scores_family_agreement_lower_than_identity():
    assert agreement("kubelet", frozenset({"kubelet"})) == 1.0
    assert agreement("kubelet", frozenset({"kubernetes"})) == 0.5
    assert agreement("sshd", frozenset({"heat"})) == 0.0
