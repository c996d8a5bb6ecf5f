"""Charity projects: who may post and change them, what they must say, how their status
moves, and that every change is audited and a refused one writes nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from core import services as core_services
from core.factories import OrganisationFactory
from core.models import AuditEvent, Membership, Region
from projects import selectors, services
from projects.models import Project

pytestmark = pytest.mark.django_db
Status = Project.Status


def regions(*codes: str) -> list[Region]:
    return list(Region.objects.filter(code__in=codes))


def new_project(world, **overrides) -> Project:
    kwargs = {
        "by": world.charity_staff,
        "organisation": world.charity,
        "title": "  困境儿童关爱计划 ",
        "description": "为失去父母照顾的儿童提供助学和生活补助。",
        "categories": ["child", "breadwinner"],
        "regions": regions("220100", "220200"),
        "eligible_statuses": ["is_dibao", "is_tekun"],
        "eligible_key_groups": ["kg_hardship_after_relief"],
        "eligibility_note": "需村（居）委会出具情况说明。",
        "per_case_cap_fen": 500_000,
        "budget_target_fen": 50_000_000,
        "accepts_partial_funding": False,
    }
    kwargs.update(overrides)
    return services.project_create(**kwargs)


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


# ---- posting a project ----


def test_charity_staff_post_a_draft_project_and_the_audit_log_records_it(world):
    project = new_project(world)

    project.refresh_from_db()
    assert project.status == Status.DRAFT
    assert project.title == "困境儿童关爱计划"
    assert project.organisation == world.charity
    assert sorted(project.regions.values_list("code", flat=True)) == ["220100", "220200"]
    assert project.eligible_statuses == ["is_dibao", "is_tekun"]
    assert project.budget_target_fen == 50_000_000
    assert project.accepts_partial_funding is False
    event = AuditEvent.objects.get(action="project.create", object_id=str(project.pk))
    assert event.actor == world.charity_staff
    assert event.changes["regions"] == [None, ["220100", "220200"]]
    assert event.changes["status"] == [None, "draft"]


def test_a_code_listed_twice_is_kept_once_in_the_order_given(world):
    project = new_project(
        world, categories=["fire", "illness", "fire"], regions=regions("220100") * 2
    )
    assert project.categories == ["fire", "illness"]
    assert project.regions.count() == 1


def test_platform_admin_may_post_for_any_charity(world):
    project = new_project(world, by=world.admin, organisation=world.other_charity)
    assert project.organisation == world.other_charity


@pytest.mark.parametrize("who", ["caseworker", "auditor", "fund_manager", "other_charity_staff"])
def test_only_the_charitys_own_staff_may_post_its_projects(world, who):
    with pytest.raises(PermissionDenied):
        new_project(world, by=getattr(world, who))
    assert not Project.objects.filter(title="困境儿童关爱计划").exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()


def test_anonymous_visitors_cannot_post_a_project(world):
    with pytest.raises(PermissionDenied):
        new_project(world, by=AnonymousUser())


def test_staff_whose_role_was_revoked_can_no_longer_post(world):
    membership = Membership.objects.get(user=world.charity_staff)
    core_services.membership_revoke(by=None, membership=membership)
    with pytest.raises(PermissionDenied):
        new_project(world)


def test_only_a_charity_can_run_projects(world):
    office = OrganisationFactory(name="某街道办", region=Region.objects.get(code="220104"))
    with pytest.raises(ValidationError) as refused:
        new_project(world, by=world.admin, organisation=office)
    assert error_codes(refused.value) == {"organisation": ["not_charity"]}
    assert not Project.objects.filter(organisation=office).exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("categories", ["illness", "lottery"], "invalid_choice"),
        ("categories", "illness", "invalid"),
        ("eligible_statuses", ["is_rich"], "invalid_choice"),
        ("eligible_key_groups", ["kg_everyone"], "invalid_choice"),
        ("per_case_cap_fen", 0, "min_value"),
        ("per_case_cap_fen", -100, "min_value"),
        ("per_case_cap_fen", 1500.5, "invalid"),
        ("budget_target_fen", True, "invalid"),
        ("per_case_cap_fen", 60_000_000, "cap_above_target"),
        ("title", "   ", "blank"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(world, field, value, code):
    with pytest.raises(ValidationError) as refused:
        new_project(world, **{field: value})
    assert code in error_codes(refused.value)[field]
    assert not Project.objects.filter(description__startswith="为失去父母").exists()
    assert not AuditEvent.objects.filter(action="project.create").exists()


def test_a_region_that_is_not_a_known_region_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        new_project(world, regions=[Region(code="999999", name="?", level=3, path="999999")])
    assert error_codes(refused.value) == {"regions": ["unknown_region"]}


# ---- changing a project ----


def test_charity_staff_change_their_project_and_the_audit_log_shows_before_and_after(world):
    project = services.project_update(
        by=world.charity_staff,
        project=world.open_project,
        title="大病医疗救助项目（二期）",
        regions=regions("220100"),
        per_case_cap_fen=3_000_000,
        eligible_key_groups=["kg_elderly_disabled_ill"],
    )

    project.refresh_from_db()
    assert project.title == "大病医疗救助项目（二期）"
    assert list(project.regions.values_list("code", flat=True)) == ["220100"]
    event = AuditEvent.objects.get(action="project.update")
    assert event.changes == {
        "title": ["大病医疗救助项目", "大病医疗救助项目（二期）"],
        "regions": [["220000"], ["220100"]],
        "per_case_cap_fen": [2_000_000, 3_000_000],
        "eligible_key_groups": [[], ["kg_elderly_disabled_ill"]],
    }


def test_a_change_that_changes_nothing_writes_no_audit_event(world):
    services.project_update(
        by=world.charity_staff,
        project=world.open_project,
        title=world.open_project.title,
        regions=regions("220000"),
    )
    assert not AuditEvent.objects.filter(action="project.update").exists()


def test_charity_cannot_edit_another_charitys_project(world):
    with pytest.raises(PermissionDenied):
        services.project_update(by=world.charity_staff, project=world.other_open, title="改名")
    world.other_open.refresh_from_db()
    assert world.other_open.title == "邻里急难互助金"
    assert not AuditEvent.objects.filter(action="project.update").exists()


def test_auditors_read_but_cannot_change_projects(world):
    with pytest.raises(PermissionDenied):
        services.project_update(by=world.auditor, project=world.open_project, title="改名")


@pytest.mark.parametrize("field", ["organisation", "status", "created_at"])
def test_the_charity_and_the_status_cannot_be_changed_by_an_update(world, field):
    value = world.other_charity if field == "organisation" else Status.CLOSED
    with pytest.raises(ValidationError) as refused:
        services.project_update(
            by=world.charity_staff, project=world.open_project, **{field: value}
        )
    assert error_codes(refused.value) == {field: ["read_only"]}


def test_an_open_project_keeps_at_least_one_category_and_one_region(world):
    for change, field in [({"categories": []}, "categories"), ({"regions": []}, "regions")]:
        with pytest.raises(ValidationError) as refused:
            services.project_update(by=world.charity_staff, project=world.open_project, **change)
        assert error_codes(refused.value) == {field: ["required_to_open"]}
    world.open_project.refresh_from_db()
    assert world.open_project.categories == ["illness"]
    assert world.open_project.regions.count() == 1


def test_a_draft_may_be_saved_without_categories_or_regions(world):
    project = services.project_update(
        by=world.charity_staff, project=world.draft, categories=[], regions=[]
    )
    assert project.categories == []
    assert not project.regions.exists()


def test_a_bad_update_changes_nothing(world):
    with pytest.raises(ValidationError):
        services.project_update(
            by=world.charity_staff,
            project=world.open_project,
            title="新名字",
            regions=regions("220100"),
            categories=["illness", "unknown"],
        )
    world.open_project.refresh_from_db()
    assert world.open_project.title == "大病医疗救助项目"
    assert list(world.open_project.regions.values_list("code", flat=True)) == ["220000"]


def test_a_closed_project_can_no_longer_be_changed(world):
    services.project_set_status(by=world.charity_staff, project=world.open_project, status="closed")
    with pytest.raises(ValidationError) as refused:
        services.project_update(by=world.charity_staff, project=world.open_project, title="再开")
    assert refused.value.code == "project_closed"


# ---- status ----


@pytest.mark.parametrize(
    ("before", "after", "action"),
    [
        (Status.DRAFT, Status.OPEN, "project.open"),
        (Status.OPEN, Status.PAUSED, "project.pause"),
        (Status.PAUSED, Status.OPEN, "project.resume"),
        (Status.OPEN, Status.CLOSED, "project.close"),
        (Status.PAUSED, Status.CLOSED, "project.close"),
    ],
)
def test_allowed_status_moves_are_made_and_audited(world, before, after, action):
    Project.objects.filter(pk=world.draft.pk).update(status=before)

    project = services.project_set_status(by=world.charity_staff, project=world.draft, status=after)

    assert project.status == after
    assert Project.objects.get(pk=world.draft.pk).status == after
    event = AuditEvent.objects.get(action=action)
    assert event.changes == {"status": [before, after]}
    assert event.object_id == str(world.draft.pk)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Status.DRAFT, Status.PAUSED),
        (Status.DRAFT, Status.CLOSED),
        (Status.OPEN, Status.DRAFT),
        (Status.PAUSED, Status.DRAFT),
        (Status.CLOSED, Status.OPEN),
        (Status.CLOSED, Status.PAUSED),
        (Status.OPEN, Status.OPEN),
        (Status.OPEN, "archived"),
    ],
)
def test_illegal_status_moves_are_refused_and_change_nothing(world, before, after):
    Project.objects.filter(pk=world.draft.pk).update(status=before)

    with pytest.raises(ValidationError) as refused:
        services.project_set_status(by=world.charity_staff, project=world.draft, status=after)

    assert list(error_codes(refused.value)) == ["status"]
    assert Project.objects.get(pk=world.draft.pk).status == before
    assert not AuditEvent.objects.filter(action__startswith="project.").exists()


def test_a_project_opens_only_once_it_says_what_and_where_it_covers(world):
    services.project_update(by=world.charity_staff, project=world.draft, categories=[], regions=[])

    with pytest.raises(ValidationError) as refused:
        services.project_set_status(by=world.charity_staff, project=world.draft, status="open")
    assert error_codes(refused.value) == {"categories": ["required_to_open"]}

    services.project_update(by=world.charity_staff, project=world.draft, categories=["fire"])
    with pytest.raises(ValidationError) as refused:
        services.project_set_status(by=world.charity_staff, project=world.draft, status="open")
    assert error_codes(refused.value) == {"regions": ["required_to_open"]}

    services.project_update(by=world.charity_staff, project=world.draft, regions=regions("220104"))
    project = services.project_set_status(
        by=world.charity_staff, project=world.draft, status="open"
    )
    assert project.status == Status.OPEN


def test_charity_cannot_open_another_charitys_project(world):
    with pytest.raises(PermissionDenied):
        services.project_set_status(
            by=world.other_charity_staff, project=world.draft, status="open"
        )
    assert Project.objects.get(pk=world.draft.pk).status == Status.DRAFT


# ---- who sees which projects ----


def visible(user) -> set[str]:
    return set(selectors.projects_visible_to(user).values_list("title", flat=True))


def test_anonymous_visitors_and_caseworkers_see_only_open_projects(world):
    open_titles = {"大病医疗救助项目", "邻里急难互助金"}
    assert visible(AnonymousUser()) == open_titles
    assert visible(world.caseworker) == open_titles
    assert visible(world.fund_manager) == open_titles


def test_charity_staff_see_their_own_drafts_but_not_other_charities_drafts(world):
    Project.objects.filter(pk=world.open_project.pk).update(status=Status.PAUSED)
    assert visible(world.charity_staff) == {
        "受灾家庭安居援助（筹备中）",
        "大病医疗救助项目",
        "邻里急难互助金",
    }


def test_auditors_and_platform_admins_see_every_project(world):
    every = set(Project.objects.values_list("title", flat=True))
    assert visible(world.auditor) == every
    assert visible(world.admin) == every


def test_projects_covering_a_county_include_those_covering_its_city_or_province(world):
    county = Region.objects.get(code="220104")  # 长春市朝阳区
    covering = set(selectors.projects_covering(county).values_list("title", flat=True))
    assert covering == set(Project.objects.values_list("title", flat=True))

    elsewhere = Region.objects.get(code="360102")  # 南昌市东湖区
    assert not selectors.projects_covering(elsewhere).exists()

    city = Region.objects.get(code="220100")  # a county-level project does not cover its city
    assert "邻里急难互助金" not in set(
        selectors.projects_covering(city).values_list("title", flat=True)
    )


def test_projects_within_a_city_include_those_working_in_its_counties(world):
    within = selectors.projects_within(Region.objects.get(code="220100"))
    assert set(within.values_list("title", flat=True)) == {"邻里急难互助金"}


def test_projects_are_found_by_a_category_they_cover(world):
    services.project_update(
        by=world.charity_staff, project=world.draft, categories=["fire", "disaster"]
    )
    fire = selectors.projects_with_code_in("categories", "fire", Project.objects.all())
    assert list(fire) == [world.draft]


# ---- service projects and volunteer teams (服务项目、志愿服务队) ----


def test_a_service_project_is_posted_with_its_service_skills_and_places(world):
    project = new_project(
        world,
        title="心理疏导服务",
        kind=Project.Kind.SERVICE,
        service_type=Project.ServiceType.PSYCHOLOGICAL,
        skills=[" 心理咨询师 ", "社会工作师", "心理咨询师", ""],
        places_per_period=12,
        capacity_period=Project.Period.MONTH,
        per_case_cap_fen=None,
        budget_target_fen=None,
    )
    assert (project.kind, project.places_per_period, project.is_service) == ("service", 12, True)
    assert project.skills == ["心理咨询师", "社会工作师"]
    event = AuditEvent.objects.get(action="project.create", object_id=str(project.pk))
    assert event.changes["places_per_period"] == [None, 12]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"places_per_period": None}, "places_per_period"),
        ({"service_type": ""}, "service_type"),
        ({"skills": "心理咨询师"}, "skills"),
    ],
)
def test_a_service_without_places_or_a_service_is_refused(world, overrides, field):
    kwargs = {
        "title": "志愿陪护队",
        "kind": Project.Kind.VOLUNTEER_TEAM,
        "service_type": Project.ServiceType.CARE,
        "places_per_period": 5,
        **overrides,
    }
    before = Project.objects.count()
    with pytest.raises(ValidationError) as error:
        new_project(world, **kwargs)
    assert field in error.value.error_dict
    assert Project.objects.count() == before


def test_the_api_lists_service_projects_with_their_free_places(world, client):
    project = new_project(
        world,
        title="法律援助服务",
        kind=Project.Kind.SERVICE,
        service_type=Project.ServiceType.LEGAL,
        places_per_period=3,
    )
    services.project_set_status(by=world.charity_staff, project=project, status=Status.OPEN)
    rows = client.get("/api/v1/projects/", {"kind": "service"}).json()["results"]
    assert [(r["title"], r["free_places"], r["service_type"]) for r in rows] == [
        ("法律援助服务", 3, "legal")
    ]
    funds = client.get("/api/v1/projects/", {"kind": "funds"}).json()["results"]
    assert funds and all(r["free_places"] is None for r in funds)


def test_the_back_office_posts_a_volunteer_team_with_its_places(world, client):
    import uuid

    client.force_login(world.charity_staff)
    response = client.post(
        "/admin/projects/new/",
        {
            "title": "青年志愿陪护队",
            "kind": "volunteer_team",
            "service_type": "care",
            "skills": "护理\n陪诊",
            "places_per_period": "8",
            "capacity_period": "week",
            "regions": "220104",
            "categories": ["illness"],
            "accepts_partial_funding": "on",
            "submission": uuid.uuid4().hex,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Project.objects.get(title="青年志愿陪护队")
    assert (team.kind, team.places_per_period, team.capacity_period, team.skills) == (
        "volunteer_team",
        8,
        "week",
        ["护理", "陪诊"],
    )
