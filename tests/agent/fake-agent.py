# A minimal SNMPv2c agent for tests/agent-tests, GetBulk only, serving a
# walk file (tests/agent/*.walk: INTEGER, STRING, Counter32, Gauge32,
# TimeTicks): it answers tooBig to a GetBulk whose max-repetitions is
# above LIMIT, which snmpd never does (it sends fewer values instead), and
# logs each max-repetitions asked for, one a line.  It listens on a free
# port of 127.0.0.1, written to PORTFILE, and ends after a minute without
# a request (in case the test that started it was killed).
# Usage: fake-agent.py WALK LIMIT PORTFILE LOG
import os
import socket
import sys

def tlv(tag, body):
    n = len(body)
    if n < 128:
        head = bytes([n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(b)]) + b
    return bytes([tag]) + head + body

def integer(tag, v):
    n = 1
    while not -(1 << (8 * n - 1)) <= v < (1 << (8 * n - 1)):
        n += 1
    return tlv(tag, v.to_bytes(n, "big", signed=True))

def unsigned(tag, v):
    return tlv(tag, v.to_bytes(v.bit_length() // 8 + 1, "big"))

def oid(arcs):
    body = bytearray()
    for a in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        chunk = [a & 0x7f]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7f))
            a >>= 7
        body += bytes(reversed(chunk))
    return tlv(0x06, bytes(body))

def parse(data, pos=0):
    """One TLV at pos: (tag, body, next position)."""
    tag, n = data[pos], data[pos + 1]
    pos += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(data[pos:pos + k], "big")
        pos += k
    return tag, data[pos:pos + n], pos + n

def items(body):
    pos, out = 0, []
    while pos < len(body):
        tag, b, pos = parse(body, pos)
        out.append((tag, b))
    return out

def arcs_of(b):
    out, a = [], 0
    for c in b:
        a = (a << 7) | (c & 0x7f)
        if not c & 0x80:
            out.append(a)
            a = 0
    return [out[0] // 40, out[0] % 40] + out[1:]

def value(typ, text):
    if typ == "INTEGER":
        return integer(0x02, int(text))
    if typ == "STRING":
        return tlv(0x04, text.strip('"').encode())
    tags = {"Counter32": 0x41, "Gauge32": 0x42, "TimeTicks": 0x43}
    return unsigned(tags[typ], int(text))

walk_file, limit, portfile, logfile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
data = []
for line in open(walk_file):
    if line.startswith("#") or not line.strip():
        continue
    o, typ, text = line.rstrip("\n").split(" ", 2)
    data.append(([int(x) for x in o.split(".")], value(typ, text)))
data.sort()
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(portfile + ".new", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(portfile + ".new", portfile)
log = open(logfile, "a", buffering=1)
s.settimeout(60)
while True:
    try:
        msg, peer = s.recvfrom(65535)
    except socket.timeout:
        break
    try:
        _, body, _ = parse(msg)
        (_, ver), (_, community), (ptag, pdu) = items(body)
        (_, reqid), (_, nonrep), (_, maxrep), (_, vbl) = items(pdu)
    except (IndexError, ValueError):
        continue
    if ptag != 0xA5:   # GetBulkRequest-PDU
        continue
    reps = int.from_bytes(maxrep, "big")
    log.write("%d\n" % reps)
    out = b""
    errstat = 0
    if reps > limit:
        errstat = 1   # tooBig
    else:
        for _, vb in items(vbl):
            (_, start), _ = items(vb)
            cur = arcs_of(start)
            nxt = [d for d in data if d[0] > cur][:reps]
            for o, v in nxt:
                out += tlv(0x30, oid(o) + v)
            if len(nxt) < reps:   # the end of the walk
                last = nxt[-1][0] if nxt else cur
                out += tlv(0x30, oid(last) + tlv(0x82, b""))
    resp = tlv(0xA2, tlv(0x02, reqid) + integer(0x02, errstat) + integer(0x02, 0) +
               tlv(0x30, out))
    s.sendto(tlv(0x30, tlv(0x02, ver) + tlv(0x04, community) + resp), peer)
