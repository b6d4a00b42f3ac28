"""The JSON report: the whole `CompareResult` as plain data, in a versioned, documented schema
(`provenance/schema/report.schema.json`, described in docs/report-schema.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from provenance.match.result import CompareResult

REPORT_SCHEMA_VERSION = 1
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "report.schema.json"


def result_json(result: CompareResult) -> dict[str, Any]:
    """Deterministic for the same inputs: files sorted, floats rounded, no timestamps."""
    data = json.loads(json.dumps(asdict(result)))  # tuples become lists, as in the file
    data["schema_version"] = REPORT_SCHEMA_VERSION
    data["summary"] = {
        verdict: len(result.by_verdict(verdict))
        for verdict in ("mirrors", "partial", "independent")
    }
    data["summary"]["derived_loc_share"] = round(result.derived_loc_share, 4)
    return data
