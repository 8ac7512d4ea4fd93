#!/usr/bin/python3
# Machine code of one compiled method, from a -XX:+PrintAssembly dump whose hsdis printed raw bytes
# (Debian's libhsdis0-fcml does on JDK 25), decoded with objdump; with a perf histogram, annotated.
#
#   LD_LIBRARY_PATH=<dir with hsdis-amd64.so> MOAT_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 \
#     MOAT_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+PrintAssembly" bin/moat prog.lua > dump.txt
#   grep -n "Compiled method (JVMCI)" dump.txt          # Truffle compilations: ...profiledPERoot
#   bench/compare/disasm.py dump.txt LINE                # the method whose header is on LINE
#   bench/compare/disasm.py dump.txt LINE hist.txt       # with "count address" lines, e.g. from
#       perf script -F ip,sym | grep NAME | awk '{print $1}' | sort | uniq -c  (perf record with
#       -XX:+DumpPerfMapAtExit in the same run, so the addresses match)
# Needs python3 and objdump (binutils). Relocation notes of the dump ({oop(...)}, {metadata(...)}) are
# printed above the instruction they belong to.
import re
import subprocess
import sys
import tempfile

lines = open(sys.argv[1], errors='replace').read().split('\n')
i = int(sys.argv[2]) - 1
hist = {}
if len(sys.argv) > 3:
    for entry in open(sys.argv[3]):
        count, address = entry.split()
        hist[int(address, 16)] = int(count)
print(lines[i])
i += 1
code = bytearray()
start = None
notes = {}
while i < len(lines) and not lines[i].startswith('Compiled method') and '-----' not in lines[i] \
        and '[Stub Code]' not in lines[i]:
    m = re.match(r'\s+0x([0-9a-f]+): ((?:[0-9a-f]{4} ?\|? ?)+)\s*$', lines[i])
    if m:
        address = int(m.group(1), 16)
        if start is None:
            start = address
        while start + len(code) < address:
            code.append(0x90)
        code += bytes.fromhex(m.group(2).replace('|', '').replace(' ', ''))
    else:
        m = re.match(r'\s+0x([0-9a-f]+): ;(.*)', lines[i])
        if m:
            notes.setdefault(int(m.group(1), 16), []).append(m.group(2).strip())
    i += 1
if start is None:
    sys.exit('no machine code after line ' + sys.argv[2])
with tempfile.NamedTemporaryFile(delete=False) as f:
    f.write(code)
out = subprocess.run(['objdump', '-D', '-b', 'binary', '-mi386:x86-64', '-Mintel', '--adjust-vma=0x%x' % start,
                      f.name], capture_output=True, text=True, check=True).stdout
for line in out.split('\n'):
    m = re.match(r'\s*([0-9a-f]+):\s+(?:[0-9a-f]{2} )+\s*(.*)', line)
    if not m or not m.group(2):
        continue
    address = int(m.group(1), 16)
    for note in notes.get(address, []):
        print('            ;', note[:150])
    prefix = '%6d ' % hist.get(address, 0) if hist else ''
    print('%s%x: %s' % (prefix, address, m.group(2)))
