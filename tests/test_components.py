"""One component vocabulary: what the importer finds in prose, the matcher finds in a line."""

import pytest

from kb.components import COMPONENTS, agreement, canonical, components_in
from kb.matching.prefix import parse
from kb.matching.programs import component_of


@pytest.mark.parametrize(
    "name, component",
    [("dpdk", "dpdk"), ("rbd", "ceph"), ("librbd", "ceph"), ("kvm", "qemu"), ("virsh", "libvirt"),
     ("ml2", "neutron"), ("mysqld_safe", "mysql"), ("etcd2", "etcd"), ("nova-compute", "nova"),
     ("os-collect-config", "heat"), ("cfn-signal", "heat"), ("ovs-vswitchd", "openvswitch"),
     ("ovsdb-server", "openvswitch"), ("ovn-controller", "openvswitch")],
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


def test_components_in_finds_what_every_pattern_finds_in_real_lines():
    # components_in skips the patterns whose phrases are absent; it must find the same
    from kb.components import _PATTERNS
    from tests.test_false_alarms import LOGS

    lines = [line for path in LOGS for line in path.read_text(errors="replace").splitlines()]
    lines += ["nova-compute lost MySQL", "the LIBRBD client", "\u212aubelet", "ovs-vswitchd and OVN"]
    for line in lines:
        assert components_in(line) == [n for n, p in _PATTERNS.items() if p.search(line)], line


def test_only_four_letters_outside_ascii_read_as_ascii_ones_to_re_i():
    # components_in folds these before its automaton looks for the (ASCII) phrases;
    # any other such letter would hide a phrase re.I finds in non-ASCII text.
    import re
    import sys

    from kb.components import _ASCII_FOLDS

    letter = re.compile("[a-z]", re.I)
    folds = {cp: chr(cp).lower() for cp in range(0x80, sys.maxunicode + 1) if letter.fullmatch(chr(cp))}
    assert {cp: re.fullmatch(_ASCII_FOLDS[cp], chr(cp), re.I) is not None for cp in folds} == \
        {cp: True for cp in _ASCII_FOLDS}


def test_components_in_finds_what_every_pattern_finds_in_non_ascii_text():
    from kb.components import _PATTERNS

    # Each folded letter inside a phrase re.I finds: "swift", "cinder", "mysql", "kubelet".
    lines = ["\u017fwift proxy restarted \u2014 ring gone", "c\u0131nder-volume \u2192 \u00e9chec",
             "C\u0130NDER-VOLUME down", "my\u017fql gone away", "\u212aubelet NotReady",
             "l'ordonnanceur de nova n'a trouvé aucun hôte"]
    for line in lines:
        assert components_in(line) == [n for n, p in _PATTERNS.items() if p.search(line)], line
    assert all(components_in(line) for line in lines)


def test_a_compound_name_in_a_message_names_its_parts_components():
    from kb.matching.scoring import view_of

    access = '10.144.0.5 - - [27/Dec/2016:14:02:11 +0000] "GET /v2.1/ HTTP/1.1" 400 271 "-" '
    access += '"python-novaclient"'
    assert view_of(access, access).named == ("nova",)
    row = "| 9e2b6d1a | DHCP agent | node-3 | None | False | UP | neutron-dhcp-agent |"
    assert view_of(row, row).named == ("neutron",)
    assert view_of("kube-system pod started", "kube-system pod started").named == ()
