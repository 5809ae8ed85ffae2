"""A server-rendered API reference built from the OpenAPI schema (no JavaScript)."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator


@cache
def _schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "")
    return f"{kind} ({schema['format']})" if schema.get("format") else kind


def _operations() -> list[dict[str, Any]]:
    operations = []
    for path, methods in _schema()["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation["operationId"],
                    "summary": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": {"query": "查询参数", "path": "路径参数"}.get(
                                p["in"], p["in"]
                            ),
                            "type": _type(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return operations


def api_docs(request: HttpRequest) -> HttpResponse:
    """Every endpoint, its parameters and status codes, from the live schema."""
    context = {"operations": _operations(), "info": _schema()["info"]}
    return render(request, "api/docs.html", context)
