"""The AlignCV engine from Python.

::

    import aligncv

    engine = aligncv.Engine("./aligncv-data")
    auth = engine.signup(name="Jane Doe", email="jane@example.com", password="s3cret-pass")
    token = auth["tokens"]["access_token"]
    engine.update_profile(token, location="Berlin")
    print(engine.me(token)["location"])

Results are plain ``dict``/``list`` values with exactly the field names of the HTTP API
(docs/api-v2.md); failures raise the exceptions of :mod:`aligncv.errors`. Every call releases the
GIL while the engine works, so an Engine can be shared by many threads.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

from aligncv import _aligncv
from aligncv._aligncv import Clock, Options, Principal
from aligncv.documents import BytesLike, DocumentFile

if TYPE_CHECKING:
    from aligncv.server import BackgroundServer

__all__ = ["Engine", "Options", "Principal", "Token", "DocumentFile"]

#: An access token string, or a :class:`Principal` from :meth:`Engine.authenticate` (which
#: skips re-verifying the token). ``None`` means "no credentials" and raises
#: :class:`~aligncv.NotAuthenticatedError`.
Token = Union[str, Principal, None]

PathLike = Union[str, "os.PathLike[str]"]


class _Omitted:
    """Marks a keyword argument that was not given (where ``None`` has a meaning of its own)."""

    def __repr__(self) -> str:
        return "<omitted>"


_OMITTED: Any = _Omitted()


def _given(**fields: Any) -> Dict[str, Any]:
    """The fields whose value is not ``None``: ``None`` means "absent" (api-v2.md section 1.2)."""
    return {name: value for name, value in fields.items() if value is not None}


class Engine:
    """An open AlignCV engine: the store in ``data_dir`` plus every product operation.

    Every option is keyword-only and defaults to the value documented in ``options.hpp`` and
    docs/api-v2.md section 8 (the environment variable of each option is given in brackets).
    Use :meth:`from_env` to read the environment and ``./.env`` instead.

    Args:
        data_dir: [ALIGNCV_DATA_DIR] folder for the database, ``uploads/`` and ``logs/``;
            created if missing.
        database_url: [DATABASE_URL] ``""`` = ``sqlite:///<data_dir>/aligncv.db``.
        host, port, http_threads, public_url: [HOST] [PORT] [HTTP_THREADS] [PUBLIC_URL] used by
            :func:`aligncv.serve` and in e-mail links.
        environment: [ENVIRONMENT] ``development``, ``testing``, ``staging`` or ``production``.
        jwt_secret_key: [JWT_SECRET_KEY] at least 32 bytes; ``""`` = generated once and kept in
            ``<data_dir>/jwt-secret``.
        jwt_algorithm: [JWT_ALGORITHM] ``HS256``, ``HS384`` or ``HS512``.
        access_token_minutes, refresh_token_days: token lifetimes.
        argon2_memory_kib, argon2_iterations, argon2_parallelism: Argon2id cost of new hashes.
        admin_emails: [ALIGNCV_ADMIN_EMAILS] e-mails that are admins (case-insensitive).
        google_client_id, google_jwks_url: Google sign-in; ``""`` client id = not configured.
        llm_*, embeddings_*: optional OpenAI-compatible services.
        smtp_*: e-mail delivery; ``smtp_url=""`` = no e-mail is sent.
        digest_hour: local hour (0..23) of digests.
        max_file_size_mb, max_import_size_mb: upload and import limits (MiB).
        cors_origins, trusted_proxies, metrics_enabled: HTTP face settings.
        demo_jobs: [ALIGNCV_DEMO_JOBS] load the bundled demo job catalogue into an empty
            database at open.
        rate_limit_*: sliding one-hour limits; ``0`` disables one.
        log_level: ``trace`` .. ``critical``.
        log_file: ``None`` = ``<data_dir>/logs/aligncv.jsonl``; ``""`` disables the file.
        log_to_console: human-readable lines on stderr.
        clock: the time source; ``None`` = the wall clock. Tests pass a
            :class:`~aligncv.ManualClock`.

    Raises:
        InvalidArgumentError: an option is out of range (the message names it).
        UnavailableError: the store cannot be opened.
        TypeError: an option has the wrong type.
    """

    def __init__(
        self,
        data_dir: PathLike = "./aligncv-data",
        *,
        database_url: str = "",
        host: str = "127.0.0.1",
        port: int = 8000,
        http_threads: int = 0,
        public_url: str = "",
        environment: str = "production",
        jwt_secret_key: str = "",
        jwt_algorithm: str = "HS256",
        access_token_minutes: int = 15,
        refresh_token_days: int = 7,
        argon2_memory_kib: int = 19456,
        argon2_iterations: int = 2,
        argon2_parallelism: int = 1,
        admin_emails: Sequence[str] = (),
        google_client_id: str = "",
        google_jwks_url: str = "https://www.googleapis.com/oauth2/v3/certs",
        llm_base_url: str = "",
        llm_api_key: str = "",
        llm_model: str = "",
        llm_timeout_seconds: int = 30,
        embeddings_base_url: str = "",
        embeddings_api_key: str = "",
        embeddings_model: str = "",
        smtp_url: str = "",
        smtp_user: str = "",
        smtp_password: str = "",
        smtp_from: str = "AlignCV <noreply@localhost>",
        smtp_max_attempts: int = 8,
        digest_hour: int = 9,
        max_file_size_mb: int = 5,
        max_import_size_mb: int = 50,
        cors_origins: Sequence[str] = (
            "http://localhost:3000",
            "http://localhost:8501",
            "http://localhost:8502",
        ),
        trusted_proxies: Sequence[str] = (),
        rate_limit_login_failures_per_account: int = 100,
        rate_limit_login_failures_per_ip: int = 300,
        rate_limit_login_delay_after: int = 5,
        rate_limit_login_max_delay_seconds: int = 60,
        rate_limit_uploads_per_hour: int = 20,
        rate_limit_rewrites_per_hour: int = 30,
        metrics_enabled: bool = True,
        demo_jobs: bool = True,
        log_level: str = "info",
        log_file: Optional[PathLike] = None,
        log_to_console: bool = True,
        clock: Optional[Clock] = None,
    ) -> None:
        settings = dict(locals())  # exactly the parameters above
        del settings["self"]
        for name in ("admin_emails", "cors_origins", "trusted_proxies"):
            if isinstance(settings[name], str):
                raise TypeError(f"{name} must be a list of str, not a single str")
            settings[name] = list(settings[name])
        self._core: Optional[_aligncv.Engine] = _aligncv.Engine.open(Options(**settings))

    @classmethod
    def from_options(cls, options: Options) -> "Engine":
        """Opens an engine from an :class:`Options` object."""
        engine = cls.__new__(cls)
        engine._core = _aligncv.Engine.open(options)
        return engine

    @classmethod
    def from_env(cls, **overrides: Any) -> "Engine":
        """Opens an engine configured like ``aligncv serve``: ``./.env`` first, then the
        environment (which wins), then ``overrides`` (keyword arguments as for :class:`Engine`).

        Raises:
            InvalidArgumentError: a variable has an invalid value (the message names it).
        """
        options = Options.from_env()
        options.update(**overrides)
        return cls.from_options(options)

    # ---- lifetime ----------------------------------------------------------------------------

    def close(self) -> None:
        """Releases this handle; the engine closes once no server or call still uses it.
        Calling any operation afterwards raises ``RuntimeError``."""
        self._core = None

    @property
    def closed(self) -> bool:
        return self._core is None

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._core is None:
            return "<aligncv.Engine closed>"
        return f"<aligncv.Engine data_dir={self._core.options.data_dir!r}>"

    @property
    def core(self) -> _aligncv.Engine:
        """The compiled engine (``aligncv._aligncv.Engine``), e.g. for :class:`BackgroundServer`."""
        if self._core is None:
            raise RuntimeError("this Engine is closed")
        return self._core

    @property
    def options(self) -> Dict[str, Any]:
        """Every option the engine was opened with, as ``{name: value}`` (secrets included)."""
        return self.core.options.to_dict()

    @property
    def data_dir(self) -> str:
        return self.core.options.data_dir

    # ---- accounts and tokens (api-v2.md section 2) -------------------------------------------

    def signup(
        self, *, name: str, email: str, password: str, client_ip: Optional[str] = None
    ) -> Dict[str, Any]:
        """Registers a user and signs them in.

        Returns:
            ``{"user": {id, name, email, google_id, created_at}, "tokens": {access_token,
            refresh_token, token_type, expires_in}, "message": "User registered successfully"}``

        Raises:
            ConflictError: ``"Email already registered"`` (compared case-insensitively).
            ValidationError: name 2..100, a valid e-mail, password 8..128 characters.
        """
        body = {"name": name, "email": email, "password": password}
        return self.core.signup(body, client_ip=client_ip or "")

    def login(
        self, *, email: str, password: str, client_ip: Optional[str] = None
    ) -> Dict[str, Any]:
        """Signs in with e-mail and password; a new token family.

        Returns:
            the auth response, as for :meth:`signup`, with ``"message": "Login successful"``.

        Raises:
            InvalidCredentialsError: ``"Invalid email or password"`` (unknown e-mail and wrong
                password are indistinguishable).
            RateLimitedError: too many failures; see ``retry_after``.
            ValidationError: a syntactically invalid e-mail or an empty password.
        """
        body = {"email": email, "password": password}
        return self.core.login(body, client_ip=client_ip or "")

    def google_sign_in(self, *, token: str, client_ip: Optional[str] = None) -> Dict[str, Any]:
        """Signs in (or registers) with a Google ID token.

        Raises:
            NotConfiguredError: ``google_client_id`` is not set.
            InvalidTokenError: a bad token or an unverified e-mail.
            ConflictError: the e-mail belongs to an account linked to another Google id.
            UnavailableError: Google's keys cannot be fetched.
        """
        return self.core.google_sign_in({"token": token}, client_ip=client_ip or "")

    def refresh(self, refresh_token: str) -> Dict[str, Any]:
        """Rotates a refresh token into a new pair of the same family.

        Returns:
            ``{"access_token", "refresh_token", "token_type": "bearer", "expires_in"}``

        Raises:
            InvalidTokenError: ``"Invalid refresh token"``; presenting an already rotated token
                revokes its whole family.
        """
        return self.core.refresh({"refresh_token": refresh_token})

    def logout(self, token: Token, refresh_token: Optional[str] = None) -> None:
        """Revokes the access token's family and, if given and the caller's, the refresh
        token's family. An invalid or foreign ``refresh_token`` is ignored."""
        body: Dict[str, Any] = {} if refresh_token is None else {"refresh_token": refresh_token}
        self.core.logout(self.authenticate(token), body)

    def authenticate(self, token: Token) -> Principal:
        """Verifies an access token and returns who it belongs to.

        Raises:
            NotAuthenticatedError: ``token`` is ``None``.
            InvalidTokenError: ``"Invalid or expired token"``.
        """
        if isinstance(token, Principal):
            return token
        if token is None:
            return self.core.authenticate_header("")  # "no credentials", decided by the engine
        if not isinstance(token, str):
            raise TypeError(
                f"token must be an access token str or a Principal, not {type(token).__name__}"
            )
        return self.core.authenticate(token)

    def me(self, token: Token) -> Dict[str, Any]:
        """The caller's full User object (profile, ``is_admin``, ``has_password``, preferences)."""
        return self.core.me(self.authenticate(token))

    def update_profile(self, token: Token, **fields: Any) -> Dict[str, Any]:
        """Merges profile fields: ``name``, ``phone``, ``location``, ``linkedin_url``,
        ``github_url``, ``bio``. Omitted fields keep their value; ``""`` or ``None`` clears one
        (except ``name``). Returns the updated User object.

        Raises:
            ValidationError: a field breaks its rule (api-v2.md, PUT /v2/auth/profile).
        """
        return self.core.update_profile(self.authenticate(token), fields)

    def change_password(
        self,
        token: Token,
        *,
        current_password: str,
        new_password: str,
        client_ip: Optional[str] = None,
    ) -> None:
        """Changes the password and signs out every other token family of the user (the
        caller's stays valid).

        Raises:
            InvalidArgumentError: ``"Current password is incorrect"``, or the new password equals
                the current one, or the account has no password.
            ValidationError: ``new_password`` is not 8..128 characters.
        """
        body = {"current_password": current_password, "new_password": new_password}
        self.core.change_password(self.authenticate(token), body, client_ip=client_ip or "")

    def preferences(self, token: Token) -> Dict[str, Any]:
        """The caller's job-search preferences (``job_types``, ``min_salary``,
        ``preferred_locations``, ``remote_only``, ``items_per_page``, ``show_company_logos``)."""
        return self.core.preferences(self.authenticate(token))

    def update_preferences(self, token: Token, **fields: Any) -> Dict[str, Any]:
        """Merges preference fields and returns the full, normalised preferences.
        ``preferred_locations`` may be a list or a comma-separated string.

        Raises:
            ValidationError: a field breaks its rule.
        """
        return self.core.update_preferences(self.authenticate(token), fields)

    def export_data(self, token: Token) -> Dict[str, Any]:
        """Everything held on the caller (no password hashes, tokens or file bytes)."""
        return self.core.export_data(self.authenticate(token))

    def delete_account(self, token: Token) -> None:
        """Deletes the caller and everything linked to them; all their tokens stop working and
        the e-mail can be registered again."""
        self.core.delete_account(self.authenticate(token))

    # ---- documents (api-v2.md section 3) ------------------------------------------------------

    def upload_document(self, token: Token, filename: str, data: BytesLike) -> Dict[str, Any]:
        """Stores and parses a résumé for the caller, exactly like ``POST /v2/documents/upload``.

        Args:
            filename: the client's file name; its extension must agree with the content
                (``.pdf``, ``.docx``, ``.txt``, ``.md``, ``.markdown``). It is kept as a display
                name only (directory part and control characters removed, at most 255
                characters) and never used as a path.
            data: the file's content, read in place (``bytes``, ``bytearray`` or a contiguous
                ``memoryview``).

        Returns:
            the upload response: ``document_id``, ``message``, ``file_name``, ``file_type``,
            ``storage_path``, ``file_size``, ``text_length``, ``parsed_text`` (the first 500
            characters, plus ``"..."`` when longer), ``skills``, ``roles``, ``entities``,
            ``profile`` and ``sections``.

        Raises:
            PayloadTooLargeError: the file exceeds ``max_file_size_mb``.
            RateLimitedError: ``rate_limit_uploads_per_hour`` successful uploads in the last
                hour; see ``retry_after``.
            UnsupportedMediaTypeError: a legacy ``.doc`` file.
            InvalidArgumentError: any other row of the upload table (wrong or missing extension,
                empty file, content that does not match the extension, encrypted or corrupt PDF,
                corrupt DOCX, zip bomb, forbidden XML, non-UTF-8 text, more than 50 pages, too
                slow, fewer than 50 characters of text).
            TypeError: ``data`` is not bytes-like.
        """
        return self.core.upload_document(self.authenticate(token), filename, data)

    def documents(
        self,
        token: Token,
        *,
        limit: Optional[int] = None,
        offset: Optional[int] = None,
        include_text: bool = False,
    ) -> Dict[str, Any]:
        """The caller's documents, newest first: ``{"documents": [summary, ...], "total": n}``.

        Args:
            limit: 1..100 (``None`` = 100).
            offset: ``>= 0`` (``None`` = 0).
            include_text: add ``extracted_text`` to each summary.

        Raises:
            ValidationError: ``limit`` or ``offset`` out of range (``loc`` starts with
                ``"query"``).
        """
        query: Dict[str, Any] = {"include_text": include_text}
        if limit is not None:
            query["limit"] = limit
        if offset is not None:
            query["offset"] = offset
        return self.core.documents(self.authenticate(token), query)

    def document(self, token: Token, doc_id: str) -> Dict[str, Any]:
        """One of the caller's documents in detail: the summary fields plus ``mime_type``,
        ``storage_path``, ``extracted_text``, ``parsed_content``, ``profile`` and ``sections``.

        Raises:
            NotFoundError: ``"Document not found"`` for an unknown, malformed or another user's id.
        """
        return self.core.document(self.authenticate(token), doc_id)

    def document_file(self, token: Token, doc_id: str) -> DocumentFile:
        """The original bytes of one of the caller's documents, with its stored type and name.

        Raises:
            NotFoundError: ``"Document not found"``.
        """
        data, mime_type, file_name = self.core.document_file(self.authenticate(token), doc_id)
        return DocumentFile(data=data, mime_type=mime_type, file_name=file_name)

    def document_json_resume(self, token: Token, doc_id: str) -> Dict[str, Any]:
        """The document's profile as a JSON Resume v1.0.0 document, with ``$schema`` and
        ``meta``; keys whose value is ``None`` are left out.

        Raises:
            NotFoundError: ``"Document not found"``.
        """
        return self.core.document_json_resume(self.authenticate(token), doc_id)

    def delete_document(self, token: Token, doc_id: str) -> None:
        """Deletes the document, its stored file and its rewrite versions.

        Raises:
            NotFoundError: ``"Document not found"``.
        """
        self.core.delete_document(self.authenticate(token), doc_id)

    # ---- jobs (api-v2.md section 4) ------------------------------------------------------------

    def import_jobs(
        self,
        token: Token,
        data: Union[BytesLike, str],
        *,
        format: Optional[str] = None,
        content_type: Optional[str] = None,
        file_name: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Imports job postings (admin only), exactly like ``POST /v2/jobs/import``: a JSON array
        of records (or one record), JSON Lines, or CSV with a header row (JobSpy's columns are
        understood). A record whose ``job_id`` already exists updates it.

        Args:
            data: the payload (``bytes``, ``bytearray``, ``memoryview``, or a ``str``, which is
                encoded as UTF-8).
            format: ``"json"``, ``"jsonl"`` or ``"csv"``; wins over the two below.
            content_type: a media type naming the format (``application/json``,
                ``application/x-ndjson``, ``application/jsonl``, ``text/csv``).
            file_name: a file name whose extension names the format (``.json``, ``.jsonl``,
                ``.ndjson``, ``.csv``).

        Returns:
            ``{"total", "new_jobs", "updated_jobs", "rejected": [{"line", "detail"}, ...]}``;
            records that cannot be read are listed in ``rejected`` and the import goes on.

        Raises:
            ForbiddenError: ``"Admin privileges required"``.
            UnsupportedMediaTypeError: none of the three names a known format.
            InvalidArgumentError: ``"Import body is empty"``, ``"Invalid JSON: <reason> at line
                N"`` (a JSON array), ``"CSV header must include title and company"``.
            PayloadTooLargeError: the payload exceeds ``max_import_size_mb``.
        """
        if isinstance(data, str):
            data = data.encode("utf-8")
        return self.core.import_jobs(self.authenticate(token), data, format or "",
                                     content_type or "", file_name or "")

    def ingest_demo_jobs(self, token: Token) -> Dict[str, Any]:
        """(Re)loads the bundled demo catalogue (admin only), like ``POST /v2/jobs/ingest``.

        Returns:
            ``{"total_ingested", "new_jobs", "updated_jobs", "embeddings_created"}``

        Raises:
            ForbiddenError: ``"Admin privileges required"``.
        """
        return self.core.ingest_demo_jobs(self.authenticate(token))

    def jobs(
        self,
        token: Token,
        *,
        skip: Optional[int] = None,
        limit: Optional[int] = None,
        source: Optional[str] = None,
        q: Optional[str] = None,
        location: Optional[str] = None,
        remote: Optional[bool] = None,
        employment_type: Optional[str] = None,
        experience_level: Optional[str] = None,
    ) -> Dict[str, Any]:
        """A page of the catalogue, newest first: ``{"jobs": [Job, ...], "total": n}``, where
        ``total`` counts every job matching the filters (the HTTP face's ``X-Total-Count``) and
        each description is cut to 500 characters.

        Args:
            skip: ``>= 0`` (``None`` = 0).
            limit: 1..100 (``None`` = 20).
            source: equality (``"indeed"``, ``"demo"``, ...).
            q: words that must all appear in title, company, tags, skills or description.
            location: case-insensitive substring.
            remote: equality.
            employment_type, experience_level: equality after normalisation.

        Raises:
            ValidationError: a value out of range or an unknown enumeration value (``loc``
                starts with ``"query"``).
        """
        query = _given(skip=skip, limit=limit, source=source, q=q, location=location,
                       remote=remote, employment_type=employment_type,
                       experience_level=experience_level)
        return self.core.jobs(self.authenticate(token), query)

    def job_stats(self, token: Token) -> Dict[str, Any]:
        """``{"jobs", "sources": {source: count}, "index": {"size", "memory_bytes"}}``."""
        return self.core.job_stats(self.authenticate(token))

    def job(self, token: Token, job_id: str) -> Dict[str, Any]:
        """One job in full (description whole) plus the caller's ``is_bookmarked`` and
        ``is_applied``.

        Raises:
            NotFoundError: ``"Job not found"``.
        """
        return self.core.job(self.authenticate(token), job_id)

    def match(
        self,
        token: Token,
        resume_id: str,
        *,
        top_k: int = 10,
        min_salary: Optional[int] = None,
        location: Optional[str] = None,
        remote: Optional[bool] = None,
        employment_type: Optional[str] = None,
        experience_level: Optional[str] = None,
        min_score: Optional[float] = None,
        query: Optional[str] = None,
    ) -> List[Dict[str, Any]]:
        """Matches one of the caller's documents to the catalogue, like ``POST /v2/jobs/match``.

        Args:
            resume_id: a document id of the caller.
            top_k: 1..50.
            min_salary: keeps jobs whose ``salary_max`` (else ``salary_min``) is at least this;
                jobs without a salary are excluded.
            location: case-insensitive substring; remote: equality;
            employment_type, experience_level: equality after normalisation.
            min_score: 0..1, keeps ``match_score >= min_score``.
            query: up to 200 characters; keeps jobs containing at least one term and boosts
                them.

        Returns:
            at most ``top_k`` match results (api-v2.md section 4.3), ``combined_score``
            descending: ``job_id``, ``title``, ``company``, ..., ``fit_percentage``,
            ``match_score``, ``matched_skills``, ``gap_skills``, ``explanation``,
            ``is_bookmarked``, ``is_applied``.

        Raises:
            NotFoundError: ``"Resume not found"``.
            ValidationError: a value out of range.
        """
        body = {"resume_id": resume_id, "top_k": top_k,
                **_given(min_salary=min_salary, location=location, remote=remote,
                         employment_type=employment_type, experience_level=experience_level,
                         min_score=min_score, query=query)}
        return self.core.match_jobs(self.authenticate(token), body)

    def match_query(
        self,
        token: Token,
        query: Optional[str] = None,
        *,
        resume_id: Optional[str] = None,
        top_k: Optional[int] = None,
        min_score: Optional[float] = None,
        min_salary: Optional[int] = None,
        location: Optional[str] = None,
        remote: Optional[bool] = None,
        employment_type: Optional[str] = None,
        experience_level: Optional[str] = None,
    ) -> List[Dict[str, Any]]:
        """The search form, like ``GET /v2/jobs/match``: the résumé is ``resume_id``, else the
        caller's newest document; with no document at all a non-empty ``query`` is matched on
        its own (the résumé-based components are ``None``). Same items as :meth:`match`.

        Raises:
            NotFoundError: ``"Resume not found"``, or ``"No resume found. Upload a resume
                first."`` with neither a document nor a query.
            ValidationError: a value out of range.
        """
        params = _given(query=query, resume_id=resume_id, top_k=top_k, min_score=min_score,
                        min_salary=min_salary, location=location, remote=remote,
                        employment_type=employment_type, experience_level=experience_level)
        return self.core.match_jobs_query(self.authenticate(token), params)

    def score_resume(
        self,
        token: Token,
        *,
        resume_id: Optional[str] = None,
        resume_text: Optional[str] = None,
        job_description: Optional[str] = None,
        job_id: Optional[str] = None,
    ) -> Dict[str, Any]:
        """ATS check of one résumé against one job, like ``POST /v2/jobs/score``: give exactly
        one of ``resume_id`` or ``resume_text`` (50..100,000 characters) and exactly one of
        ``job_description`` (50..20,000) or ``job_id``.

        Returns:
            ``{"score", "resume_id", "job_id", "matched_skills", "missing_skills",
            "keyword_coverage", "missing_keywords", "section_checks", "suggestions"}``

        Raises:
            NotFoundError: ``"Resume not found"`` or ``"Job not found"``.
            ValidationError: not exactly one of each pair, or a text of the wrong length.
        """
        body = _given(resume_id=resume_id, resume_text=resume_text,
                      job_description=job_description, job_id=job_id)
        return self.core.score_resume(self.authenticate(token), body)

    def add_bookmark(self, token: Token, job_id: str, *, notes: Optional[str] = None) -> str:
        """Bookmarks a job for the caller and returns the bookmark id.

        Raises:
            NotFoundError: ``"Job not found"``.
            ConflictError: ``"Job already bookmarked"``.
            ValidationError: ``notes`` longer than 2,000 characters.
        """
        body = {"job_id": job_id, **_given(notes=notes)}
        return self.core.add_bookmark(self.authenticate(token), body)

    def bookmarks(self, token: Token) -> List[Dict[str, Any]]:
        """The caller's bookmarks, newest first: ``id``, ``job_id``, ``notes``, ``created_at``,
        the job's ``title``, ``company``, ``location``, ``url`` and the nested ``job``."""
        return self.core.bookmarks(self.authenticate(token))

    def remove_bookmark(self, token: Token, bookmark_id: str) -> None:
        """Removes one of the caller's bookmarks, by bookmark id or by job id.

        Raises:
            NotFoundError: ``"Bookmark not found"``.
        """
        self.core.remove_bookmark(self.authenticate(token), bookmark_id)

    def apply(
        self,
        token: Token,
        job_id: str,
        *,
        status: Optional[str] = None,
        notes: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Records the caller's application for a job, or updates it when there is one (like
        ``POST /v2/jobs/apply``). ``status`` defaults to ``"applied"`` on creation; an omitted
        ``status`` or ``notes`` keeps its value on an update. A status change is appended to
        ``history``.

        Returns:
            the application (as listed by :meth:`applications`).

        Raises:
            NotFoundError: ``"Job not found"``.
            ValidationError: a status other than ``saved``, ``applied``, ``interviewing``,
                ``offered``, ``rejected``, ``withdrawn``, ``accepted``.
        """
        body = {"job_id": job_id, **_given(status=status, notes=notes)}
        application, _created = self.core.apply(self.authenticate(token), body)
        return application

    def applications(self, token: Token) -> List[Dict[str, Any]]:
        """The caller's applications, most recently updated first: ``id``, ``job_id``,
        ``status``, ``notes``, ``applied_date``, ``created_at``, ``updated_at``, ``history``, the
        job's ``title``, ``company``, ``location``, ``url`` and the nested ``job``."""
        return self.core.applications(self.authenticate(token))

    def update_application(
        self,
        token: Token,
        application_id: str,
        *,
        status: Optional[str] = _OMITTED,
        notes: Optional[str] = _OMITTED,
    ) -> Dict[str, Any]:
        """Changes the status and/or notes of one of the caller's applications (like ``PATCH
        /v2/jobs/applications/{id}``); ``application_id`` may also be a job id. ``notes=None``
        clears the notes; an omitted argument keeps its value.

        Returns:
            the updated application.

        Raises:
            NotFoundError: ``"Application not found"``.
            ValidationError: an unknown status, or neither argument given.
        """
        body = {name: value for name, value in (("status", status), ("notes", notes))
                if value is not _OMITTED}
        return self.core.update_application(self.authenticate(token), application_id, body,
                                            partial=True)

    def delete_application(self, token: Token, application_id: str) -> None:
        """Deletes one of the caller's applications (by application id or job id).

        Raises:
            NotFoundError: ``"Application not found"``.
        """
        self.core.delete_application(self.authenticate(token), application_id)

    # ---- rewrite (api-v2.md section 5) -------------------------------------------------------
    #
    # Each call counts toward the rewrite limit (``rate_limit_rewrites_per_hour``, shared by the
    # four calls; only successful calls count) and is saved as a version. ``api_status`` is
    # ``"local"`` without an LLM, ``"success"`` when the LLM's output was used, ``"fallback"``
    # when it failed (``warning`` names the cause and the local result is returned).

    def rewrite(self, token: Token, resume_id: str, *, style: str) -> Dict[str, Any]:
        """Rewrites one of the caller's documents in a style, like ``POST /v2/rewrite/``.

        Args:
            resume_id: a document id of the caller.
            style: ``Technical``, ``Management``, ``Creative``, ``Sales``, ``Academic`` or
                ``Executive`` (case-insensitive).

        Returns:
            ``{"version_id", "resume_id", "original_text", "rewritten_text", "diff_html",
            "improvements", "suggestions", "impact_score", "style", "latency", "api_status",
            "warning"}``

        Raises:
            NotFoundError: ``"Document not found or access denied"``.
            InvalidArgumentError: ``"Document has no text content to rewrite"``.
            ValidationError: an unknown style.
            RateLimitedError: ``"Rewrite limit reached (30 per hour). Try again in N seconds."``
        """
        return self.core.rewrite(self.authenticate(token),
                                 {"resume_id": resume_id, "rewrite_style": style})

    def tailor(
        self,
        token: Token,
        resume_id: str,
        *,
        job_description: str,
        tailoring_level: str = "moderate",
    ) -> Dict[str, Any]:
        """Tailors one of the caller's documents to a job description, like ``POST
        /v2/rewrite/tailor-to-job``. Missing skills are suggested, never inserted.

        Args:
            job_description: 50..20,000 characters.
            tailoring_level: ``conservative``, ``moderate`` or ``aggressive``.

        Returns:
            ``{"version_id", "resume_id", "tailored_resume", "original_resume", "match_score",
            "match_score_before", "missing_skills", "keyword_suggestions", "changes_made",
            "priority_improvements", "requirements", "tailoring_level", "diff_html", "latency",
            "api_status", "warning"}``

        Raises:
            NotFoundError: ``"Document not found or you don't have permission to access it"``.
            InvalidArgumentError: an unknown level (``"Invalid tailoring level. Must be one of:
                conservative, moderate, aggressive"``), or a document without text.
            ValidationError: a description of the wrong length.
            RateLimitedError: the rewrite limit.
        """
        body = {"resume_id": resume_id, "job_description": job_description,
                "tailoring_level": tailoring_level}
        return self.core.tailor(self.authenticate(token), body)

    def cover_letter(
        self,
        token: Token,
        resume_id: str,
        *,
        job_description: Optional[str] = None,
        job_id: Optional[str] = None,
        tone: str = "professional",
    ) -> Dict[str, Any]:
        """Writes a cover letter (250..400 words) from the résumé's own facts, like ``POST
        /v2/rewrite/cover-letter``. Give exactly one of ``job_description`` (50..20,000
        characters) or ``job_id`` (a catalogue job, whose title and company are used).

        Args:
            tone: ``professional``, ``enthusiastic`` or ``concise``.

        Returns:
            ``{"version_id", "resume_id", "job_id", "text", "tone", "word_count", "latency",
            "api_status", "warning"}``

        Raises:
            NotFoundError: ``"Document not found or access denied"`` or ``"Job not found"``.
            ValidationError: not exactly one of job_description or job_id, an unknown tone.
            RateLimitedError: the rewrite limit.
        """
        body = {"resume_id": resume_id, "tone": tone,
                **_given(job_description=job_description, job_id=job_id)}
        return self.core.cover_letter(self.authenticate(token), body)

    def linkedin(
        self, token: Token, resume_id: str, *, target_role: Optional[str] = None
    ) -> Dict[str, Any]:
        """A LinkedIn headline (<= 220 characters) and About (<= 2,600 characters) from the
        résumé's facts, like ``POST /v2/rewrite/linkedin``; ``target_role`` (<= 100 characters)
        defaults to the most recent position.

        Returns:
            ``{"version_id", "resume_id", "headline", "about", "target_role", "latency",
            "api_status", "warning"}``

        Raises:
            NotFoundError: ``"Document not found or access denied"``.
            RateLimitedError: the rewrite limit.
        """
        body = {"resume_id": resume_id, **_given(target_role=target_role)}
        return self.core.linkedin(self.authenticate(token), body)

    def versions(self, token: Token, doc_id: str) -> List[Dict[str, Any]]:
        """The versions of one of the caller's documents, newest first: ``version_id``,
        ``kind`` (``rewrite``, ``tailor``, ``cover_letter``, ``linkedin``), ``style``,
        ``source`` (``local`` or ``llm``), ``created_at``, ``impact_score``.

        Raises:
            NotFoundError: ``"Document not found"``.
        """
        return self.core.versions(self.authenticate(token), doc_id)

    def version(self, token: Token, version_id: str) -> Dict[str, Any]:
        """One of the caller's versions: the result as the creating call returned it, plus
        ``kind``, ``source`` and ``created_at``.

        Raises:
            NotFoundError: ``"Version not found"``.
        """
        return self.core.version(self.authenticate(token), version_id)

    # ---- notification settings (api-v2.md section 6.1) ---------------------------------------

    def notification_settings(self, token: Token) -> Dict[str, Any]:
        """The caller's notification settings: every canonical field plus the frontend's alias
        fields (``email_job_matches``, ``notification_frequency``, ...)."""
        return self.core.notification_settings(self.authenticate(token))

    def update_notification_settings(self, token: Token, **fields: Any) -> Dict[str, Any]:
        """Merges canonical and/or alias fields and returns the full settings.

        Raises:
            ValidationError: a bad value, or a canonical field and its alias that disagree
                (``"Value error, conflicts with <canonical>"``).
        """
        return self.core.update_notification_settings(self.authenticate(token), fields)

    # ---- notifications (api-v2.md section 6) --------------------------------------------------

    def notifications(
        self,
        token: Token,
        *,
        unread_only: Optional[bool] = None,
        status: Optional[str] = None,
        type: Optional[str] = None,  # noqa: A002 - the contract's name
        limit: Optional[int] = None,
        offset: Optional[int] = None,
    ) -> Dict[str, Any]:
        """The caller's notifications, newest first: ``{"total", "unread", "notifications"}``.

        All filters apply together (``unread_only=True`` equals ``status="unread"``). ``total``
        counts the notifications matching the filters before paging; ``unread`` counts all of
        the caller's unread notifications, whatever the filters. Each item has ``id``, ``type``,
        ``title``, ``message``, ``job_id``, ``match_score``, ``job_title``, ``job_company``,
        ``email_sent``, ``is_read``, ``read_at`` and ``created_at``.

        Args:
            status: ``"read"`` or ``"unread"``.
            type: ``"job_match"``, ``"application_update"`` or ``"system"``.
            limit: 1..100 (``None`` = 50).
            offset: ``>= 0`` (``None`` = 0).

        Raises:
            ValidationError: an unknown type or status, or a number out of range.
        """
        query = _given(unread_only=unread_only, status=status, type=type, limit=limit,
                       offset=offset)
        return self.core.notifications(self.authenticate(token), query)

    def mark_notification_read(self, token: Token, notification_id: str) -> None:
        """Marks one of the caller's notifications as read (``read_at`` is set once).

        Raises:
            NotFoundError: ``"Notification not found"``.
        """
        self.core.mark_notification_read(self.authenticate(token), notification_id)

    def mark_all_notifications_read(self, token: Token) -> int:
        """Marks all of the caller's notifications as read; returns how many were unread."""
        return self.core.mark_all_notifications_read(self.authenticate(token))

    def delete_notification(self, token: Token, notification_id: str) -> None:
        """Deletes one of the caller's notifications.

        Raises:
            NotFoundError: ``"Notification not found"``.
        """
        self.core.delete_notification(self.authenticate(token), notification_id)

    def test_notification(self, token: Token) -> Dict[str, Any]:
        """Creates a ``system`` test notification and, only when SMTP is configured, queues a
        test e-mail to the caller: ``{"message", "notification_id", "email", "delivery"}`` with
        ``delivery`` ``"queued"`` or ``"smtp_not_configured"``."""
        return self.core.test_notification(self.authenticate(token))

    def unsubscribe(self, link_token: str) -> None:
        """One-click unsubscribe with the token of an e-mail's link: ``email_enabled`` becomes
        false for its user.

        Raises:
            InvalidArgumentError: ``"Invalid unsubscribe link"``.
        """
        self.core.unsubscribe(link_token)

    def run_due_notifications(self, *, now: Union[int, "datetime", None] = None) -> Dict[str, Any]:
        """Queues the digests due at ``now`` (each user's ``DIGEST_HOUR`` in their time zone)
        and delivers the due messages of the e-mail outbox over SMTP (when ``SMTP_URL`` is set),
        as ``aligncv serve`` does every 30 seconds. ``now`` is a timezone-aware ``datetime`` or
        Unix milliseconds; ``None`` is the engine's clock.

        Returns:
            ``{"smtp_configured", "digests", "sent", "retried", "dead"}``.
        """
        now_ms: Optional[int]
        if now is None or isinstance(now, int):
            now_ms = now
        else:
            if now.tzinfo is None:
                raise ValueError("now must be timezone-aware (e.g. datetime.now(timezone.utc))")
            now_ms = int(now.timestamp() * 1000)
        return self.core.run_due_notifications(now_ms)

    # ---- administration ----------------------------------------------------------------------

    def create_user(self, *, email: str, name: str, password: str) -> Dict[str, Any]:
        """Creates a user directly, without signing in (the rules of :meth:`signup`).
        Returns the User object."""
        return self.core.create_user(email, name, password)

    def promote_admin(self, email: str) -> Dict[str, Any]:
        """Makes the user with this e-mail an admin; returns the User object.

        Raises:
            NotFoundError: ``"User not found"``.
        """
        return self.core.promote_admin(email)

    # ---- meta (api-v2.md section 7) ------------------------------------------------------------

    def health(self) -> Dict[str, Any]:
        """``{"status", "version", "environment", "checks": {database, storage, llm, smtp}}``
        after a real database query and a storage check (no network calls)."""
        return self.core.health()

    def api_info(self) -> Dict[str, Any]:
        """``{"message", "version", "docs", "features"}``; features reflect the configuration."""
        return self.core.api_info()

    # ---- HTTP ----------------------------------------------------------------------------------

    def serve_in_background(self, host: str = "127.0.0.1", port: int = 0) -> "BackgroundServer":
        """Starts the /v2 HTTP server for this engine on a background thread (port 0 = a free
        port) and returns it; use it as a context manager or call ``stop()``."""
        from aligncv.server import BackgroundServer

        return BackgroundServer(self, host=host, port=port).start()
