#!/usr/bin/env python3
"""A straightforward, independent implementation of the spot-check draw (DESIGN.md section 6), written
from the design's text alone: no shared code with the TypeScript sampler, Python's own hashlib and big
integers. Tests compare the two outputs byte for byte; the benchmark times both on the same manifest.

    python3 tests/reference/consistent_sampler.py MANIFEST SEED RATE   -> the draw as JSON on stdout
"""
import hashlib
import json
import sys


def H(s):
    return hashlib.sha256(s.encode("utf-8")).hexdigest()


def uniform(s):
    digits = str(int(H(s), 16)).rjust(64, "0")
    return "0." + digits[::-1]


def draw(manifest_text, seed, rate):
    seed_hash = H(seed)
    strata = {}
    for line in manifest_text.split("\n")[:-1]:
        street, outcome, case_no, mandatory = line.split(",")
        strata.setdefault((street, outcome), []).append((case_no, mandatory == "1"))
    out_strata, sample = [], []
    for (street, outcome) in sorted(strata):
        cases = strata[(street, outcome)]
        ranked = sorted(((uniform(seed_hash + c), c, m) for c, m in cases), key=lambda t: (t[0], t[1]))
        n = len(cases)
        size = max(1, (n * rate + 99) // 100) if n else 0
        out_strata.append({"street": street, "outcome": outcome, "population": n, "size": size})
        for k, (ticket, case_no, mandatory) in enumerate(ranked):
            reason = "random" if k < size else ("mandatory" if mandatory else None)
            if reason:
                sample.append({"caseNo": case_no, "street": street, "outcome": outcome, "ticket": ticket, "rank": k + 1, "reason": reason})
    return {
        "algorithm": "consistent-sampler-sha256-v1",
        "manifestSha256": hashlib.sha256(manifest_text.encode("utf-8")).hexdigest(),
        "seed": seed,
        "rate": rate,
        "strata": out_strata,
        "sample": sample,
    }


if __name__ == "__main__":
    path, seed, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    print(json.dumps(draw(text, seed, rate), ensure_ascii=False, separators=(",", ":")))
