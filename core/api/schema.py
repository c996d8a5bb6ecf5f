def only_platform_api(endpoints):
    """Document our API only, not the Wagtail admin's internal endpoints under /admin/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


# What each error status means for every operation of this API (core.api.errors gives them
# all one body). Every operation can answer each of them: bad input or filters (400), no or
# a bad token (401), a role or jurisdiction that may not (403), an object that is not there
# or not yours (404), a state that no longer allows the change or a repeated request (409), a
# body of a content type the operation does not read (415),
# too many requests (429) and the database briefly unreachable (503, with Retry-After).
ERROR_RESPONSES = {
    "400": "The request has errors: each one names its field and rule.",
    "401": "No credentials, or credentials that are not valid.",
    "403": "This account's role or jurisdiction does not allow this.",
    "404": "Not found, or not within this account's reach (the two are not told apart).",
    "409": "The object's state no longer allows this, or the request was already made.",
    "415": "The request body's content type is not one this operation reads.",
    "429": "Too many requests from this client; Retry-After says when to try again.",
    "503": "The service is briefly unavailable; Retry-After says when to try again.",
}

ERROR_SCHEMA = {
    "type": "object",
    "description": "The one error body of the API (core.api.errors).",
    "properties": {
        "status": {"type": "integer"},
        "code": {"type": "string"},
        "message": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "field": {"type": "string", "nullable": True},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                },
                "required": ["field", "code", "message"],
            },
        },
        "request_id": {"type": "string"},
    },
    "required": ["status", "code", "message", "errors"],
}


def error_responses(result, generator, request, public):
    """Add the API's error responses, with their one body, to every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                responses.setdefault(status, {"description": description, "content": reference})
    return result
