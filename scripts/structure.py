#!/usr/bin/env python3
"""The structure of the code in figures: classes, lines per class, the largest classes and methods.

A "class" is a top-level type's source file under src/main/java (nested records and classes count with
the file that holds them). Lines are code lines: neither blank nor only comment. A method's length runs
from its signature to its closing brace, in code lines. Usage: scripts/structure.py [src/main/java]
"""
import pathlib
import re
import statistics
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src/main/java")


def code_lines(text):
    """The lines of the text with comments and string contents blanked, kept only when code is left."""
    out, i, n = [], 0, len(text)
    buf = []
    state = None
    while i < n:
        c = text[i]
        two = text[i:i + 2]
        if state is None:
            if two == "/*":
                state, i = "block", i + 2
                continue
            if two == "//":
                state, i = "line", i + 2
                continue
            if text[i:i + 3] == '"""':
                state, i = "textblock", i + 3
                buf.append('""')
                continue
            if c == '"':
                state = "string"
                buf.append('"')
                i += 1
                continue
            if c == "'":
                state = "char"
                buf.append("'")
                i += 1
                continue
            buf.append(c)
        elif state == "block":
            if two == "*/":
                state, i = None, i + 2
                continue
            if c == "\n":
                buf.append(c)
        elif state == "line":
            if c == "\n":
                state = None
                buf.append(c)
        elif state in ("string", "char"):
            quote = '"' if state == "string" else "'"
            if c == "\\":
                i += 2
                continue
            if c == quote:
                state = None
                buf.append(quote)
            elif c == "\n":
                buf.append(c)
        elif state == "textblock":
            if text[i:i + 3] == '"""':
                state, i = None, i + 3
                continue
            if c == "\n":
                buf.append("x\n")
        i += 1
    return "".join(buf).split("\n")


SIGNATURE = re.compile(r"^\s*(?:(?:public|protected|private|static|final|abstract|synchronized|default|native)\s+)*"
                       r"(?:<[^>]+>\s+)?[\w<>\[\], .?]+\s+(\w+)\s*\([^;]*$")
CONTROL = {"if", "for", "while", "switch", "catch", "return", "new", "else", "try", "synchronized"}


def methods(lines):
    """(name, code lines) of each method or constructor whose body opens on its signature's lines."""
    found = []
    for k, line in enumerate(lines):
        m = SIGNATURE.match(line)
        if not m or m.group(1) in CONTROL or "=" in line.split("(")[0]:
            continue
        depth, started, length = 0, False, 0
        for j in range(k, len(lines)):
            text = lines[j]
            if text.strip():
                length += 1
            for ch in text:
                if ch == "{":
                    depth += 1
                    started = True
                elif ch == "}":
                    depth -= 1
            if started and depth <= 0:
                break
            if not started and text.rstrip().endswith(";"):
                length = 0
                break
        if started:
            found.append((m.group(1), length))
    return found


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


classes, all_methods = [], []
for path in sorted(root.rglob("*.java")):
    if path.name == "package-info.java":
        continue
    lines = [l for l in code_lines(path.read_text(encoding="utf-8"))]
    code = [l for l in lines if l.strip() and not l.strip().startswith(("import ", "package "))]
    classes.append((len(code), str(path.relative_to(root))))
    for name, length in methods(lines):
        all_methods.append((length, f"{path.stem}.{name}"))

sizes = [s for s, _ in classes]
print(f"classes: {len(classes)}")
print(f"code lines: {sum(sizes)}")
print(f"lines per class: median {statistics.median(sizes):.0f}, p90 {percentile(sizes, 90)}, max {max(sizes)}")
print("largest classes: " + ", ".join(f"{p.rsplit('/', 1)[-1][:-5]} {s}" for s, p in sorted(classes)[-8:][::-1]))
lengths = [l for l, _ in all_methods]
print(f"methods: {len(all_methods)}, median {statistics.median(lengths):.0f} lines, p90 {percentile(lengths, 90)}, "
      f"over 30 lines: {sum(1 for l in lengths if l > 30)}, over 60: {sum(1 for l in lengths if l > 60)}")
print("longest methods: " + ", ".join(f"{n} {l}" for l, n in sorted(all_methods)[-8:][::-1]))
