"""Post-processing of the generated OpenAPI schema."""

from __future__ import annotations

from typing import Any


def allow_empty_query_values(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Mark query parameters as accepting an empty value (`?date_to=`).

    Like an HTML form left blank, an empty parameter means "not given": the
    search page's own links and forms send them, and the API reads them alike.
    """
    for methods in result.get("paths", {}).values():
        for operation in methods.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["allowEmptyValue"] = True
    return result
