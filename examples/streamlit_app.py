"""AlignCV as a Streamlit app, calling the engine in-process (no server, no HTTP).

    pip install streamlit        # on a machine that has PyPI, in the venv that has aligncv
    streamlit run examples/streamlit_app.py [-- --data-dir ./aligncv-data]

Every piece of logic lives in streamlit_logic.py (covered by python_tests/test_streamlit_logic.py);
this file only draws widgets and calls it. See examples/README.md.
"""

import sys

import streamlit as st

import streamlit_logic as logic

st.set_page_config(page_title="AlignCV", page_icon="📄", layout="wide")


@st.cache_resource
def get_engine(data_dir):
    # One engine per data folder, shared by every browser session (it is thread-safe).
    return logic.open_engine(data_dir)


engine = get_engine(logic.parse_app_args(sys.argv[1:]))


def failed(outcome):
    """Shows the error of an Outcome; True when there was one."""
    if outcome.error:
        st.error(outcome.error)
        return True
    return False


def offer_download(label, download, key):
    st.download_button(label, download.data, file_name=download.file_name, mime=download.mime,
                       key=key)


def any_choice(value):
    return value or "Any"


# ---- signed out -------------------------------------------------------------------------------

def signed_out_page():
    st.title("AlignCV")
    st.caption("Résumé parsing, job matching and rewriting, running in this process.")
    sign_in_tab, sign_up_tab = st.tabs(["Sign in", "Create an account"])
    with sign_in_tab:
        with st.form("sign_in"):
            email = st.text_input("E-mail", key="sign_in_email")
            password = st.text_input("Password", type="password", key="sign_in_password")
            if st.form_submit_button("Sign in"):
                outcome = logic.attempt(logic.sign_in, engine, email, password)
                if not failed(outcome):
                    st.session_state["session"] = outcome.value
                    st.rerun()
    with sign_up_tab:
        with st.form("sign_up"):
            name = st.text_input("Name", key="sign_up_name")
            email = st.text_input("E-mail", key="sign_up_email")
            password = st.text_input("Password (8 to 128 characters)", type="password",
                                     key="sign_up_password")
            if st.form_submit_button("Create account"):
                outcome = logic.attempt(logic.sign_up, engine, name, email, password)
                if not failed(outcome):
                    st.session_state["session"] = outcome.value
                    st.rerun()


# ---- résumé ------------------------------------------------------------------------------------

def resume_tab(session, documents):
    uploaded = st.file_uploader("Upload a résumé (PDF, DOCX, TXT or Markdown, up to 5 MB)",
                                type=["pdf", "docx", "txt", "md", "markdown"])
    if uploaded is not None and st.button("Upload and parse", key="upload"):
        outcome = logic.attempt(logic.upload_resume, engine, session, uploaded.name,
                                uploaded.getvalue())
        if not failed(outcome):
            # Rerun so that every tab lists the new résumé; the summary survives the rerun.
            st.session_state["upload_result"] = outcome.value
            st.rerun()
    result = st.session_state.pop("upload_result", None)
    if result is not None:
        st.success(result["message"])
        for label, value in logic.upload_summary(result):
            st.markdown(f"**{label}:** {value}")
    if not documents:
        st.info("Upload a résumé to see what the parser reads from it.")
        return
    st.subheader("Your résumés")
    st.dataframe(logic.document_rows(documents), hide_index=True)
    choices = logic.document_choices(documents)
    doc_id = st.selectbox("Résumé", list(choices), format_func=choices.get, key="profile_doc")
    detail = logic.load_document(engine, session, doc_id)
    st.subheader("Profile, with the line each value was read from")
    st.dataframe(logic.profile_rows(detail), hide_index=True)
    with st.expander("Sections"):
        st.dataframe(logic.section_rows(detail), hide_index=True)
    with st.expander("Extracted text"):
        st.text(detail["extracted_text"])
    for label, download in logic.document_downloads(engine, session, doc_id):
        offer_download(f"Download: {label}", download, key=f"document_{label}")
    if st.button("Delete this résumé", key="delete_document"):
        outcome = logic.attempt(logic.delete_document, engine, session, doc_id)
        if not failed(outcome):
            st.rerun()


# ---- matches -------------------------------------------------------------------------------------

def matches_tab(session, documents):
    if not documents:
        st.info("Upload a résumé first: matches are computed from it.")
        return
    choices = logic.document_choices(documents)
    with st.form("match_filters"):
        doc_id = st.selectbox("Résumé", list(choices), format_func=choices.get, key="match_doc")
        left, middle, right = st.columns(3)
        filters = logic.MatchFilters(
            top_k=left.slider("How many", 1, 50, 10, key="match_top_k"),
            min_fit=middle.slider("Minimum fit %", 0, 100, 0, key="match_min_fit"),
            location=right.text_input("Location contains", key="match_location"),
            remote=left.selectbox("Remote", logic.REMOTE_CHOICES, key="match_remote"),
            employment_type=middle.selectbox("Employment type", ("",) + logic.EMPLOYMENT_TYPES,
                                             format_func=any_choice, key="match_type"),
            experience_level=right.selectbox("Experience level", ("",) + logic.EXPERIENCE_LEVELS,
                                             format_func=any_choice, key="match_level"),
            min_salary=int(left.number_input("Minimum salary per year (0 = any)", min_value=0,
                                             value=0, step=5000, key="match_salary")),
            keywords=middle.text_input("Keywords", key="match_keywords"),
        )
        if st.form_submit_button("Find matches"):
            st.session_state["match_request"] = (doc_id, filters)
    request = st.session_state.get("match_request")
    if request is None:
        return
    outcome = logic.attempt(logic.find_matches, engine, session, *request)
    if failed(outcome):
        return
    matches = outcome.value
    if not matches:
        st.info("No job passes these filters.")
        return
    st.dataframe(logic.match_rows(matches), hide_index=True)
    match_choices = logic.match_choices(matches)
    job_id = st.selectbox("Why this score?", list(match_choices), format_func=match_choices.get,
                          key="match_detail")
    match = {m["job_id"]: m for m in matches}[job_id]
    st.markdown("\n".join(logic.explanation_lines(match)))
    if match["url"]:
        st.markdown(f"[Open the posting]({match['url']})")
    bookmark, apply = st.columns(2)
    label = "Remove bookmark" if match["is_bookmarked"] else "Bookmark"
    if bookmark.button(label, key="match_bookmark"):
        if not failed(logic.attempt(logic.toggle_bookmark, engine, session, job_id)):
            st.rerun()
    if not match["is_applied"] and apply.button("Mark as applied", key="match_apply"):
        if not failed(logic.attempt(logic.apply_to_job, engine, session, job_id)):
            st.rerun()


# ---- ATS check -----------------------------------------------------------------------------------

def ats_tab(session, documents):
    if not documents:
        st.info("Upload a résumé first.")
        return
    choices = logic.document_choices(documents)
    with st.form("ats"):
        doc_id = st.selectbox("Résumé", list(choices), format_func=choices.get, key="ats_doc")
        description = st.text_area("Paste the job description (50 to 20,000 characters)",
                                   height=220, key="ats_description")
        if st.form_submit_button("Check"):
            outcome = logic.attempt(logic.ats_check, engine, session, doc_id, description)
            if not failed(outcome):
                st.session_state["ats_report"] = outcome.value
    report = st.session_state.get("ats_report")
    if report is None:
        return
    for label, value in logic.ats_summary(report):
        st.markdown(f"**{label}:** {value}")
    st.dataframe(logic.ats_check_rows(report), hide_index=True)
    for suggestion in report["suggestions"]:
        st.markdown(f"- {suggestion}")


# ---- bookmarks and applications -------------------------------------------------------------------

def bookmarks_tab(session):
    bookmarks = logic.list_bookmarks(engine, session)
    if not bookmarks:
        st.info("Bookmark jobs from the Matches tab.")
        return
    st.dataframe(logic.bookmark_rows(bookmarks), hide_index=True)
    choices = logic.bookmark_choices(bookmarks)
    job_id = st.selectbox("Bookmark", list(choices), format_func=choices.get, key="bookmark")
    remove, apply = st.columns(2)
    if remove.button("Remove bookmark", key="bookmark_remove"):
        if not failed(logic.attempt(logic.remove_bookmark, engine, session, job_id)):
            st.rerun()
    if apply.button("Mark as applied", key="bookmark_apply"):
        if not failed(logic.attempt(logic.apply_to_job, engine, session, job_id)):
            st.rerun()


def applications_tab(session):
    applications = logic.list_applications(engine, session)
    if not applications:
        st.info("Applications you record appear here, on a board by status.")
        return
    board = logic.application_board(applications)
    for column, (status, cards) in zip(st.columns(len(board)), board):
        column.markdown(f"**{status}** ({len(cards)})")
        for card in cards:
            notes = f"  \n_{card['notes']}_" if card["notes"] else ""
            column.markdown(f"{card['title']}  \n{card['company']}  \n"
                            f"{card['applied']}{notes}")
    choices = logic.application_choices(applications)
    application_id = st.selectbox("Application", list(choices), format_func=choices.get,
                                  key="application")
    application = {a["id"]: a for a in applications}[application_id]
    with st.form("application_status"):
        # No key: the widget then follows the selected application's current status.
        status = st.selectbox("Status", logic.APPLICATION_STATUSES,
                              index=logic.APPLICATION_STATUSES.index(application["status"]))
        if st.form_submit_button("Change status"):
            outcome = logic.attempt(logic.change_status, engine, session, application_id, status)
            if not failed(outcome):
                st.rerun()
    st.markdown("**History**")
    st.dataframe(logic.history_rows(application), hide_index=True)


# ---- rewrite ----------------------------------------------------------------------------------------

def rewrite_tab(session, documents):
    if not documents:
        st.info("Upload a résumé first.")
        return
    choices = logic.document_choices(documents)
    doc_id = st.selectbox("Résumé", list(choices), format_func=choices.get, key="rewrite_doc")
    kind = st.radio("What", ["Rewrite", "Tailor to a job", "Cover letter", "LinkedIn"],
                    horizontal=True, key="rewrite_kind")
    with st.form("rewrite"):
        if kind == "Rewrite":
            style = st.selectbox("Style", logic.STYLES, key="rewrite_style")
        elif kind == "Tailor to a job":
            level = st.selectbox("Tailoring", logic.TAILORING_LEVELS, index=1,
                                 key="tailor_level")
            description = st.text_area("Job description", height=200, key="tailor_description")
        elif kind == "Cover letter":
            tone = st.selectbox("Tone", logic.TONES, key="letter_tone")
            description = st.text_area("Job description", height=200, key="letter_description")
        else:
            role = st.text_input("Target role (empty = your most recent position)",
                                 key="linkedin_role")
        if st.form_submit_button("Write"):
            if kind == "Rewrite":
                outcome = logic.attempt(logic.run_rewrite, engine, session, doc_id, style)
            elif kind == "Tailor to a job":
                outcome = logic.attempt(logic.run_tailor, engine, session, doc_id, description,
                                        level)
            elif kind == "Cover letter":
                outcome = logic.attempt(logic.run_cover_letter, engine, session, doc_id,
                                        job_description=description, tone=tone)
            else:
                outcome = logic.attempt(logic.run_linkedin, engine, session, doc_id, role)
            if not failed(outcome):
                st.session_state["rewrite_view"] = outcome.value
    view = st.session_state.get("rewrite_view")
    if view is not None:
        show_rewrite(view)
    with st.expander("Saved versions of this résumé"):
        st.dataframe(logic.version_rows(engine, session, doc_id), hide_index=True)


def show_rewrite(view):
    st.subheader(view.title)
    if view.warning:
        st.warning(view.warning)
    for column, (label, value) in zip(st.columns(len(view.metrics)), view.metrics):
        column.metric(label, value)
    if view.diff_html:
        counts = logic.diff_counts(view.diff_html)
        st.caption(f"{counts['added']} words added, {counts['removed']} removed")
        st.markdown(logic.styled_diff(view.diff_html), unsafe_allow_html=True)
        before, after = st.columns(2)
        before.markdown("**Before**")
        before.text(view.before)
        after.markdown("**After**")
        after.text(view.after)
    else:
        st.text(view.after)
    for note in view.notes:
        st.markdown(f"- {note}")
    if view.suggestions:
        st.markdown("**Suggestions**")
        for suggestion in view.suggestions:
            st.markdown(f"- {suggestion}")
    offer_download("Download", view.download, key="rewrite_download")


# ---- notifications ---------------------------------------------------------------------------------

def notifications_tab(session):
    left, right = st.columns(2)
    type_label = left.selectbox("Type", list(logic.NOTIFICATION_TYPES), key="notification_type")
    status_label = right.selectbox("Status", list(logic.NOTIFICATION_STATUSES),
                                   key="notification_status")
    listing = logic.load_notifications(engine, session, type_label, status_label)
    st.caption(f"{listing['total']} shown, {listing['unread']} unread in all")
    if listing["notifications"]:
        st.dataframe(logic.notification_rows(listing), hide_index=True)
        choices = logic.notification_choices(listing)
        notification_id = st.selectbox("Notification", list(choices), format_func=choices.get,
                                       key="notification")
        read, delete = st.columns(2)
        if read.button("Mark as read", key="notification_read"):
            if not failed(logic.attempt(logic.mark_read, engine, session, notification_id)):
                st.rerun()
        if delete.button("Delete", key="notification_delete"):
            if not failed(logic.attempt(logic.delete_notification, engine, session,
                                        notification_id)):
                st.rerun()
    mark_all, test = st.columns(2)
    if mark_all.button("Mark all as read", key="notifications_mark_all"):
        outcome = logic.attempt(logic.mark_all_read, engine, session)
        if not failed(outcome):
            st.rerun()
    if test.button("Send a test notification", key="notifications_test"):
        outcome = logic.attempt(logic.send_test_notification, engine, session)
        if not failed(outcome):
            st.success(outcome.value)
    settings_form(session)


def settings_form(session):
    settings = logic.load_settings(engine, session)
    st.subheader("Settings")
    with st.form("notification_settings"):
        form = {
            "notify_new_matches": st.checkbox("In-app: new job matches",
                                              settings["notify_new_matches"]),
            "notify_application_updates": st.checkbox("In-app: application updates",
                                                      settings["notify_application_updates"]),
            "notify_system_updates": st.checkbox("In-app: security and system notices",
                                                 settings["notify_system_updates"]),
            "email_enabled": st.checkbox("E-mail me at all", settings["email_enabled"]),
            "email_new_matches": st.checkbox("E-mail: new job matches",
                                             settings["email_new_matches"]),
            "email_application_updates": st.checkbox("E-mail: application updates",
                                                     settings["email_application_updates"]),
            "weekly_summary": st.checkbox("E-mail: weekly summary", settings["weekly_summary"]),
            "digest_frequency": st.selectbox(
                "E-mail delivery", logic.DIGEST_FREQUENCIES,
                index=logic.DIGEST_FREQUENCIES.index(settings["digest_frequency"]),
                format_func={"daily": "Daily digest", "weekly": "Weekly digest",
                             "disabled": "As it happens"}.get),
            "min_match_score": st.slider("Minimum match score", 0.0, 1.0,
                                         float(settings["min_match_score"]), 0.05),
            "quiet_hours_start": st.text_input("Quiet hours from (HH:MM, empty = none)",
                                               settings["quiet_hours_start"] or ""),
            "quiet_hours_end": st.text_input("Quiet hours until (HH:MM)",
                                             settings["quiet_hours_end"] or ""),
            "timezone": st.text_input("Time zone (e.g. Europe/Berlin)", settings["timezone"]),
        }
        if st.form_submit_button("Save settings"):
            changes = logic.settings_changes(settings, form)
            outcome = logic.attempt(logic.save_settings, engine, session, changes)
            if not failed(outcome):
                st.success("Settings saved")


# ---- account --------------------------------------------------------------------------------------

def account_tab(session):
    user = logic.load_user(engine, session)
    current = logic.profile_form(user)
    st.subheader("Profile")
    with st.form("profile"):
        form = {
            "name": st.text_input("Name", current["name"]),
            "phone": st.text_input("Phone", current["phone"]),
            "location": st.text_input("Location", current["location"]),
            "linkedin_url": st.text_input("LinkedIn URL", current["linkedin_url"]),
            "github_url": st.text_input("GitHub URL", current["github_url"]),
            "bio": st.text_area("Bio", current["bio"]),
        }
        if st.form_submit_button("Save profile"):
            outcome = logic.attempt(logic.save_profile, engine, session,
                                    logic.profile_changes(user, form))
            if not failed(outcome):
                st.success("Profile saved")

    preferences = logic.preferences_form(user["preferences"])
    st.subheader("Job-search preferences")
    with st.form("preferences"):
        form = {
            "job_types": st.multiselect("Job types", logic.PREFERRED_JOB_TYPES,
                                        preferences["job_types"]),
            "min_salary": int(st.number_input("Minimum salary per year", min_value=0,
                                              value=preferences["min_salary"] or 0, step=5000)),
            "preferred_locations": st.text_input("Preferred locations (comma-separated)",
                                                 preferences["preferred_locations"]),
            "remote_only": st.checkbox("Remote only", preferences["remote_only"]),
            "items_per_page": int(st.number_input("Items per page", min_value=1, max_value=100,
                                                  value=preferences["items_per_page"])),
            "show_company_logos": st.checkbox("Show company logos",
                                              preferences["show_company_logos"]),
        }
        if st.form_submit_button("Save preferences"):
            changes = logic.preferences_changes(user["preferences"], form)
            outcome = logic.attempt(logic.save_preferences, engine, session, changes)
            if not failed(outcome):
                st.success("Preferences saved")

    st.subheader("Password")
    with st.form("password", clear_on_submit=True):
        current_password = st.text_input("Current password", type="password")
        new_password = st.text_input("New password", type="password")
        repeated = st.text_input("New password again", type="password")
        if st.form_submit_button("Change password"):
            outcome = logic.attempt(logic.change_password, engine, session, current_password,
                                    new_password, repeated)
            if not failed(outcome):
                st.success("Password changed; your other sign-ins were signed out.")

    st.subheader("Your data")
    if st.button("Prepare a download of all my data", key="export"):
        st.session_state["export"] = logic.export_download(engine, session)
    if "export" in st.session_state:
        offer_download("Download aligncv-export.json", st.session_state["export"],
                       key="export_download")
    with st.form("delete_account"):
        st.markdown("**Delete my account** and everything stored with it. This cannot be undone.")
        typed = st.text_input("Type your e-mail address to confirm")
        if st.form_submit_button("Delete my account"):
            outcome = logic.attempt(logic.delete_account, engine, session, typed)
            if not failed(outcome):
                st.session_state.clear()
                st.rerun()


# ---- the page ---------------------------------------------------------------------------------------

def signed_in_page(session):
    with st.sidebar:
        st.markdown(f"**{session.user['name']}**  \n{session.user['email']}")
        st.caption(f"Data folder: {engine.data_dir}")
        if st.button("Sign out", key="sign_out"):
            logic.sign_out(engine, session)
            st.session_state.clear()
            st.rerun()
    documents = logic.list_documents(engine, session)
    tabs = st.tabs(["Résumé", "Matches", "ATS check", "Bookmarks", "Applications", "Rewrite",
                    "Notifications", "Account"])
    with tabs[0]:
        resume_tab(session, documents)
    with tabs[1]:
        matches_tab(session, documents)
    with tabs[2]:
        ats_tab(session, documents)
    with tabs[3]:
        bookmarks_tab(session)
    with tabs[4]:
        applications_tab(session)
    with tabs[5]:
        rewrite_tab(session, documents)
    with tabs[6]:
        notifications_tab(session)
    with tabs[7]:
        account_tab(session)


session = st.session_state.get("session")
if session is not None:
    session = logic.refreshed(engine, session)
    if session is None:
        st.session_state.clear()
        st.info("Your sign-in has expired; please sign in again.")
    else:
        st.session_state["session"] = session
if session is None:
    signed_out_page()
else:
    signed_in_page(session)
