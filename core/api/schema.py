def only_platform_api(endpoints):
    """Document our API only, not the Wagtail admin's internal endpoints under /admin/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]
