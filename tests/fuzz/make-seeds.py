#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz (corpus/<target>/seed-*) from tests/data and from
well-formed messages built here. Run it again after changing a target's input format; the
files it writes are committed, next to the reproducers of fixed crashes (crash-*), which it
never touches."""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
NTP_UNIX = 2208988800
START = 1760000000  # the targets' start time, Unix seconds


def write(target, name, data):
    d = os.path.join(HERE, 'corpus', target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'seed-' + name), 'wb') as f:
        f.write(data)


def ntp_ts(unix_seconds):
    s = int(unix_seconds)
    frac = int((unix_seconds - s) * 2**32)
    return struct.pack('>II', (s + NTP_UNIX) & 0xffffffff, frac)


def ntp_header(mode, version=4, leap=0, stratum=0, poll=6, precision=-20, refid=0,
               ref=0.0, origin=0.0, receive=0.0, transmit=0.0, root_delay=0, root_disp=0):
    first = (leap << 6) | (version << 3) | mode
    return (struct.pack('>BBbbII', first, stratum, poll, precision, root_delay, root_disp)
            + struct.pack('>I', refid) + (ntp_ts(ref) if ref else bytes(8))
            + (ntp_ts(origin) if origin else bytes(8)) + (ntp_ts(receive) if receive else bytes(8))
            + (ntp_ts(transmit) if transmit else bytes(8)))


def ntp_seeds():
    request = ntp_header(3, transmit=START + 0.5)
    mac = struct.pack('>I', 1) + bytes(range(16))
    sha1 = struct.pack('>I', 2) + bytes(range(20))
    nak = struct.pack('>I', 0)
    ef = struct.pack('>HH', 0x0104, 16) + bytes(12)  # NTS unique identifier
    ef_plain = struct.pack('>HH', 0x2005, 20) + bytes(16)
    packets = {
        'client': request,
        'client-v3': ntp_header(3, version=3, transmit=START + 0.5),
        'client-md5': request + mac,
        'client-sha1': request + sha1,
        'client-nak': request + nak,
        'client-nts': request + ef + ef_plain,
        'client-ef-mac': request + ef_plain + mac,
        'symmetric': ntp_header(1, stratum=2, transmit=START + 0.5),
        'broadcast': ntp_header(5, stratum=2, transmit=START + 0.5),
        'control': bytes([0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
        'private': bytes([0x17, 0x00, 0x03, 0x2a]) + bytes(4),
        'kod': ntp_header(4, leap=3, stratum=0, refid=0x52415445, transmit=START),
    }
    for name, p in packets.items():
        write('fuzz_ntp_packet', name, bytes([0x00]) + struct.pack('>H', 50123) + p)
        write('fuzz_ntp_packet', name + '-v6', bytes([0x01]) + struct.pack('>H', 123) + p)
    # The server's request path: [flags][length][datagram] records.
    records = b''
    for i, p in enumerate(packets.values()):
        if len(p) < 256:
            records += bytes([0x10 | (i & 0x0f), len(p)]) + p
    write('fuzz_ntp_server', 'mixed', records)
    burst = b''.join(bytes([0x00 | (i & 0x04), len(request)]) + request for i in range(12))
    write('fuzz_ntp_server', 'burst', burst)

    # The client's replies: plausible server answers a few ms after each poll (the harness
    # puts the engine's cookie in the origin field).
    replies = b''
    for i in range(16):
        t = START + 0.25 * (i + 1)
        reply = ntp_header(4, stratum=1, poll=0, refid=0x47505300, ref=t - 1,
                           receive=t + 0.0001 + 0.00001 * (i % 3), transmit=t + 0.00012 + 0.00001 * (i % 3),
                           root_delay=0, root_disp=10)
        replies += bytes([0x20, len(reply)]) + reply
    write('fuzz_ntp_client', 'replies', replies)
    write('fuzz_ntp_client', 'reply-mac', bytes([0x20, len(replies[2:50]) + len(mac)]) + replies[2:50] + mac)
    write('fuzz_ntp_client', 'kod', bytes([0x20, 48]) + ntp_header(4, leap=3, refid=0x52415445, transmit=START))


def config_seeds():
    cdir = os.path.join(DATA, 'config')
    lines = set()
    for name in sorted(os.listdir(cdir)):
        if not name.endswith('.conf'):
            continue
        with open(os.path.join(cdir, name), 'rb') as f:
            text = f.read()
        write('fuzz_config_file', name, text)
        for line in text.splitlines():
            if line.strip() and not line.lstrip().startswith(b'#'):
                lines.add(line)
    for i, line in enumerate(sorted(lines)):
        write('fuzz_config_line', '%03d' % i, line)


def capture_seeds():
    gdir = os.path.join(DATA, 'gps')
    for i, name in enumerate(sorted(os.listdir(gdir))):
        if not name.endswith('.log'):
            continue
        with open(os.path.join(gdir, name), 'rb') as f:
            capture = f.read(6000)
        write('fuzz_gps_stream', name, bytes([i, 1 + (i % 3)]) + capture)
        write('fuzz_receiver_probe', name, bytes([i, 0]) + capture[:3000])


def control_seeds():
    commands = ['snapshot', 'tracking', 'sources', 'sourcestats', 'activity', 'serverstats',
                'selectdata', 'ntpdata', 'clients', 'subscribe', 'gps', 'configuration', 'configtext',
                'historySeries']
    lines = ['{"v":1,"id":%d,"cmd":"%s"}' % (i + 1, c) for i, c in enumerate(commands)]
    lines += [
        '{"v":1,"id":20,"cmd":"sources","args":{"names":"numeric"}}',
        '{"v":1,"id":21,"cmd":"ntpdata","args":{"address":"192.0.2.1"}}',
        '{"v":1,"id":22,"cmd":"add","args":{"arguments":"server 192.0.2.7 iburst"}}',
        '{"v":1,"id":23,"cmd":"delete","args":{"arguments":"192.0.2.1"}}',
        '{"v":1,"id":24,"cmd":"allow","args":{"arguments":"192.0.2.0/24"}}',
        '{"v":1,"id":25,"cmd":"burst","args":{"arguments":"4/8"}}',
        '{"v":1,"id":26,"cmd":"maxdelay","args":{"arguments":"192.0.2.1 0.1"}}',
        '{"v":1,"id":27,"cmd":"local","args":{"arguments":"stratum 5"}}',
        '{"v":1,"id":28,"cmd":"history","args":{"series":"tracking.offset","since":60,"buckets":10}}',
        '{"v":1,"id":29,"cmd":"offline","args":{"arguments":""}}',
        '{"v":1,"id":30,"ok":true,"result":{}}',
        '{"v":1,"event":"snapshot","snapshot":{}}',
    ]
    write('fuzz_control', 'all', bytes([0]) + ('\n'.join(lines) + '\n').encode())
    for i, line in enumerate(lines):
        write('fuzz_control', '%02d' % i, bytes([i]) + (line + '\n').encode())


def refclock_seeds():
    magic = 0x534F434B
    sock = b''
    pulses = b''
    for i in range(8):
        sample = struct.pack('<qqdiiii', START + i, 500000, 0.000123 * (i % 3), 0, 0, 0, magic)
        sock += bytes([len(sample)]) + sample
        pulse = struct.pack('<qqdiiii', START + i, 10, 0.00001, 1, 0, 0, magic)
        pulses += bytes([len(pulse)]) + pulse
    write('fuzz_sock_sample', 'samples', sock)
    write('fuzz_sock_sample', 'pulses', sock[:41 * 4] + pulses)
    write('fuzz_sock_sample', 'leap', bytes([40]) + struct.pack('<qqdiiii', START, 0, 0.5, 0, 1, 0, magic))

    def segment(mode, count, clock, receive, leap=0, precision=-20, valid=1):
        return struct.pack('<ii q i 4x q i iiii II 8i 4x', mode, count, clock, 0, receive, 250, leap, precision,
                           0, valid, 0, 250000, *([0] * 8))
    shm = b''
    for i in range(8):
        # A segment, then no writer move at any of the reader's barriers.
        shm += segment(1, 2 * i, START + i, START + i) + bytes(4)
    write('fuzz_shm_segment', 'mode1', shm)
    write('fuzz_shm_segment', 'mode0', b''.join(segment(0, 0, START + i, START + i) + bytes(4) for i in range(4)))
    # A writer that moves between the reader's barriers.
    write('fuzz_shm_segment', 'racing', segment(1, 4, START, START) + bytes([1]) + segment(1, 5, START, START)
          + bytes([1]) + segment(1, 6, START + 1, START + 1))


def keyfile_seeds():
    # chrony's keyfile format: every key type, both encodings, the bare text form, comments and
    # the mistakes the reader reports (unknown type, odd hex, short key, a repeated ID).
    good = '\n'.join([
        '# keys of every type chronyd 4.3 knows',
        '1 MD5 HEX:0102030405060708090A0B0C0D0E0F10',
        '2 SHA1 ASCII:abcdefghijklmnopqrst',
        '3 SHA256 HEX:000102030405060708090A0B0C0D0E0F000102030405060708090A0B0C0D0E0F',
        '4 SHA512 ASCII:a-long-enough-secret-of-sha512',
        '5 AES128 HEX:2b7e151628aed2a6abf7158809cf4f3c',
        '6 AES256 HEX:603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4',
        '7 SHA3-256 HEX:00112233445566778899aabbccddeeff',
        '8 plainsecretwithouttype',
        '! bang comment', '; semicolon comment', '% percent comment', ''])
    write('fuzz_keyfile', 'every-type', good.encode())
    bad = '\n'.join([
        '1 TIGER HEX:0102030405060708',
        '2 md5 HEX:0102',
        '3 MD5 HEX:0102030',
        '4 MD5 HEX:zz',
        '5 AES128 HEX:0102',
        '0 MD5 ASCII:zero-id',
        '4294967296 MD5 ASCII:too-big',
        '6 MD5 ASCII:short',
        '6 SHA1 ASCII:replaces-the-first',
        '7',
        '8 MD5 HEX: extra words',
        '9 MD5 ASCII:', ''])
    write('fuzz_keyfile', 'mistakes', bad.encode())


def main():
    ntp_seeds()
    keyfile_seeds()
    config_seeds()
    capture_seeds()
    control_seeds()
    refclock_seeds()
    return 0


if __name__ == '__main__':
    sys.exit(main())
