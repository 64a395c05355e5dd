#!/usr/bin/env python3
"""tunDelay.py: a point-to-point link that holds every packet for a fixed time in each direction.

The benchmark needs a 100 ms round trip to a server in a network namespace, and this kernel has no
netem qdisc. This forwarder opens two TUN devices, one in the host's namespace and one in the
benchmark's namespace (entered with setns), and copies each IP packet from one to the other after
--delay-ms. TCP handshakes, the control channel and every data connection see the same delay, as on
a real WAN link. Python because Node has no ioctl() to attach a TUN device.

With --log it writes one line per TCP packet ("ms dir src dst flags len"), which bench/lib/linkLog.mjs
turns into connects and request/response turns. It stops when stdin closes (its parent is gone), on
SIGTERM, or after --max-seconds, whichever comes first; the devices vanish with it.
"""
import argparse
import ctypes
import fcntl
import heapq
import os
import select
import signal
import struct
import sys
import time

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
CLONE_NEWNET = 0x40000000


def open_tun(name):
    fd = os.open('/dev/net/tun', os.O_RDWR)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack('16sH22x', name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def enter_netns(name):
    libc = ctypes.CDLL(None, use_errno=True)
    ns = os.open(f'/run/netns/{name}', os.O_RDONLY)
    if libc.setns(ns, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), f'setns {name}')
    os.close(ns)


def describe(packet):
    """src:port dst:port flags payload-length of an IPv4 TCP packet, or None."""
    if len(packet) < 40 or packet[0] >> 4 != 4 or packet[9] != 6:
        return None
    ihl = (packet[0] & 0x0F) * 4
    total = struct.unpack('!H', packet[2:4])[0]
    sport, dport = struct.unpack('!HH', packet[ihl:ihl + 4])
    offset = (packet[ihl + 12] >> 4) * 4
    flags = packet[ihl + 13]
    names = ''.join(n for bit, n in ((0x02, 'S'), (0x10, 'A'), (0x08, 'P'), (0x01, 'F'), (0x04, 'R')) if flags & bit)
    src = '.'.join(map(str, packet[12:16]))
    dst = '.'.join(map(str, packet[16:20]))
    return f'{src}:{sport} {dst}:{dport} {names} {total - ihl - offset}'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--netns', required=True)
    parser.add_argument('--host-if', required=True)
    parser.add_argument('--ns-if', required=True)
    parser.add_argument('--delay-ms', type=float, default=50.0)
    parser.add_argument('--max-seconds', type=float, default=1800.0)
    parser.add_argument('--log')
    args = parser.parse_args()

    host = open_tun(args.host_if)
    enter_netns(args.netns)
    inner = open_tun(args.ns_if)
    log = open(args.log, 'a', buffering=1) if args.log else None
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    delay = args.delay_ms / 1000.0
    origin = time.monotonic()
    stop_at = origin + args.max_seconds
    other = {host: inner, inner: host}
    direction = {host: 'out', inner: 'in'}
    pending = []
    seq = 0
    print('ready', flush=True)
    while True:
        now = time.monotonic()
        if now >= stop_at:
            return
        timeout = min(stop_at - now, max(0.0, pending[0][0] - now) if pending else 1.0)
        readable, _, _ = select.select([host, inner, sys.stdin], [], [], timeout)
        now = time.monotonic()
        for fd in readable:
            if fd is sys.stdin:
                if not os.read(sys.stdin.fileno(), 4096):
                    return
                continue
            packet = os.read(fd, 65536)
            seq += 1
            heapq.heappush(pending, (now + delay, seq, other[fd], packet))
            if log:
                line = describe(packet)
                if line:
                    log.write(f'{(now - origin) * 1000:.2f} {direction[fd]} {line}\n')
        while pending and pending[0][0] <= time.monotonic():
            _, _, target, packet = heapq.heappop(pending)
            try:
                os.write(target, packet)
            except OSError:
                pass  # the device is going down


if __name__ == '__main__':
    main()
