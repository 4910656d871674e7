"""Writing a golden file, the same way for every generator: a header naming the generator and the torch
version, then the cases."""
import os

import torch


def write_cases(path, made_by, source, cases):
    """Writes `cases` (text blocks) to `path` under a header '# Made by MADE_BY from SOURCE (torch V)'."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii") as f:
        f.write(f"# Made by {made_by} from {source} (torch {torch.__version__}); do not edit by hand.\n")
        f.write("\n".join(cases) + "\n")
    print(f"wrote {len(cases)} cases to {path}")
