"""Choosing the LAN address phones can reach, from a list of interfaces."""

from kiosk.web.network import base_url, interface_addresses, lan_address


def test_prefers_private_wifi_over_docker_and_loopback():
    pairs = [("lo", "127.0.0.1"), ("docker0", "172.17.0.1"), ("wlp2s0", "192.168.1.23")]
    assert lan_address(pairs) == "192.168.1.23"


def test_prefers_ethernet_over_a_vpn_tunnel():
    pairs = [("tun0", "10.8.0.2"), ("enp3s0", "10.0.0.5")]
    assert lan_address(pairs) == "10.0.0.5"


def test_windows_and_mac_names_are_understood():
    assert lan_address([("vEthernet (WSL)", "172.20.0.1"), ("Wi-Fi", "192.168.0.9")]) == (
        "192.168.0.9"
    )
    assert lan_address([("utun3", "10.2.0.1"), ("en0", "192.168.1.40")]) == "192.168.1.40"


def test_skips_link_local_and_falls_back_to_loopback():
    assert lan_address([("eth0", "169.254.10.1"), ("lo", "127.0.0.1")]) == "127.0.0.1"
    assert lan_address([]) == "127.0.0.1"


def test_public_url_overrides_the_lan_address():
    assert base_url(5000, "http://kiosk.local:8080/") == "http://kiosk.local:8080"
    assert base_url(5001, None, "192.168.1.2") == "http://192.168.1.2:5001"


def test_this_machine_lists_at_least_loopback():
    assert "127.0.0.1" in [address for _, address in interface_addresses()]
