from tests.conftest import host


def _login(client, username, password):
    return client.post("/masuk/?next=/admin/", {"username": username, "password": password}, HTTP_HOST=host())


def test_five_wrong_passwords_lock_the_username_from_that_address(client, taan_editor):
    for _ in range(5):
        assert _login(client, "editor-taan", "salah").status_code in (400, 429)
    locked = _login(client, "editor-taan", "rahasia-uji-123")  # even the right password
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_indonesian_in_the_newsroom_layout(client, taan_editor):
    for _ in range(6):
        locked = _login(client, "editor-taan", "salah")
    page = locked.content.decode()
    assert locked.status_code == 429
    assert "Coba lagi dalam satu jam" in page and "ketua KIM atau staf distrik" in page
    assert 'class="bar"' in page


def test_the_right_password_works_before_the_limit(client, taan_editor):
    _login(client, "editor-taan", "salah")
    response = _login(client, "editor-taan", "rahasia-uji-123")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(taan_editor.pk)


def test_another_user_is_not_locked_out_by_someone_elses_attempts(client, taan_editor, bela_editor):
    for _ in range(6):
        _login(client, "editor-taan", "salah")
    assert _login(client, "editor-bela", "rahasia-uji-123").status_code == 302


def _login_from(client, address, password="salah"):
    return client.post(
        "/masuk/?next=/admin/", {"username": "editor-taan", "password": password},
        HTTP_HOST=host(), REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP=address,
    )


def test_behind_the_proxy_one_readers_failures_do_not_lock_out_another(client, taan_editor, settings):
    settings.KIM_BEHIND_PROXY = True
    for _ in range(5):
        _login_from(client, "203.0.113.9")
    assert _login_from(client, "203.0.113.9", "rahasia-uji-123").status_code == 429
    assert _login_from(client, "198.51.100.7", "rahasia-uji-123").status_code == 302


def test_without_a_proxy_a_forged_address_header_does_not_dodge_the_lock(client, taan_editor, settings):
    settings.KIM_BEHIND_PROXY = False
    for n in range(5):
        _login_from(client, f"203.0.113.{n}")
    assert _login_from(client, "198.51.100.7", "rahasia-uji-123").status_code == 429
