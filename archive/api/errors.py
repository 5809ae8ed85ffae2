"""One error body for every API failure: {"error": {status, code, message, fields}}."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    400: "请求参数无效。",
    404: "没有找到。",
    405: "只读 API：只接受 GET。",
    406: "只提供 JSON。",
    429: "请求过于频繁，请稍后再试。",
}


class InvalidParameters(exceptions.ValidationError):
    """Query parameters that fail validation, keyed by parameter name."""

    default_code = "invalid_parameters"


def error_body(
    status: int, code: str, message: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "error": {
            "status": status,
            "code": code,
            "message": message,
            "fields": fields or {},
        }
    }


def _code(exc: Exception) -> str:
    if isinstance(exc, InvalidParameters):
        return "invalid_parameters"
    if isinstance(exc, exceptions.Throttled):
        return "throttled"
    if isinstance(exc, Http404 | exceptions.NotFound):
        return "not_found"
    if isinstance(exc, exceptions.APIException):
        return exc.default_code
    return "error"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler (status, headers such as Retry-After), our body."""
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    status = response.status_code
    fields: dict[str, Any] = {}
    message = MESSAGES.get(status, "请求失败。")
    if isinstance(exc, exceptions.ValidationError) and isinstance(response.data, dict):
        fields = {key: _as_list(value) for key, value in response.data.items()}
    elif isinstance(exc, exceptions.Throttled):
        wait = exc.wait
        message = (
            f"请求过于频繁：匿名访问有速率限制，请在 {int(wait) + 1} 秒后重试。"
            if wait is not None
            else MESSAGES[429]
        )
    response.data = error_body(status, _code(exc), message, fields)
    return response


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def not_found(request: HttpRequest) -> JsonResponse:
    """Unknown paths under /api/ answer in JSON too, not with an HTML page."""
    return JsonResponse(
        error_body(404, "not_found", MESSAGES[404]),
        status=404,
        json_dumps_params={"ensure_ascii": False},
    )
