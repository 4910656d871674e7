"""Reading the golden files of tests/reference/goldens/ from the end-to-end checks: each case a dict of
its lines, key -> the rest of the line."""


def read_cases(path):
    cases, case = [], {}
    for line in open(path, encoding="ascii"):
        if line.startswith("#") or not line.strip():
            continue
        key, _, rest = line.rstrip("\n").partition(" ")
        if key == "case":
            case = {"name": rest}
        elif key == "end":
            cases.append(case)
        else:
            case[key] = rest
    return cases
