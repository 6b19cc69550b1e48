import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_workbench_shows_the_users_own_posts(world):
    client = Client()
    client.force_login(world.users["cadre"])
    html = client.get("/").content.decode()
    assert "我的岗位" in html
    assert "预算科科员" in html
    assert "甲区财政局" in html


def test_workbench_without_a_person_record_has_no_posts_panel(world):
    client = Client()
    client.force_login(world.users["discipline_inspector"])
    html = client.get("/").content.decode()
    assert "我的岗位" not in html
